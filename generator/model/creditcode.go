package model

import (
	"fmt"
	"slices"
	"strings"
)

// CreditAlphabet is the GB 32100-2015 character set in value order: the
// digits, then A–Y without I, O, S, V and Z.
const CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// creditValue maps a byte to its GB 32100 value, or -1.
var creditValue = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(CreditAlphabet); i++ {
		t[CreditAlphabet[i]] = int8(i)
	}
	return
}()

// NormalizeCode trims an identifier (credit code, licence number) and folds
// full-width digits and letters to ASCII; letters in credit codes are
// upper-cased by NormalizeCreditCode.
func NormalizeCode(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.Map(func(r rune) rune {
				if r >= '！' && r <= '～' { // full-width ASCII block
					return r - '！' + '!'
				}
				if r == '\u3000' {
					return ' '
				}
				return r
			}, s)
		}
	}
	return s
}

// NormalizeCreditCode is NormalizeCode plus upper-casing, without the
// spaces and dashes of a code written in groups (9144 0106 MA5C 0001 0W):
// a code is its 18 characters, as a search for it reads them.
func NormalizeCreditCode(s string) string {
	s = strings.ToUpper(NormalizeCode(s))
	if !strings.ContainsAny(s, " -\u00a0") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
}

// CreditCodeProblem describes what is wrong with a normalised 统一社会信用代码.
type CreditCodeProblem struct {
	Msg      string
	Hint     string // what to do, "" when Msg says it
	Checksum bool   // only the check character is wrong: a warning, since a few real early codes fail it
}

// CheckCreditCode validates length, charset and the GB 32100 check character:
// check = (31 − Σ vᵢ·wᵢ mod 31) mod 31. It returns nil for a valid code.
func CheckCreditCode(code string) *CreditCodeProblem {
	if ValidCreditCode(code) {
		return nil
	}
	if n := len([]rune(code)); n != 18 {
		p := &CreditCodeProblem{Msg: fmt.Sprintf("has %d characters; a 统一社会信用代码 has 18", n)}
		if n == 15 && strings.Trim(code, "0123456789") == "" {
			// the 工商注册号 the codes replaced (2015–2017), still in old records
			p.Hint = "15 digits are a 工商注册号 (registration number), which the 统一社会信用代码 replaced: write the code on the agency's business licence (营业执照)"
		}
		return p
	}
	sum := 0
	var bad []string
	for i := 0; i < len(code); i++ {
		v := creditValue[code[i]]
		if v < 0 {
			if q := fmt.Sprintf("%q is not allowed", code[i]); !slices.Contains(bad, q) {
				bad = append(bad, q)
			}
			continue
		}
		if i < 17 {
			sum += int(v) * creditWeights[i]
		}
	}
	if len(bad) > 0 {
		// name every bad character: "character 'Z' is not allowed; 'I' is not allowed; …"
		return &CreditCodeProblem{Msg: "character " + strings.Join(bad, "; ") + " (GB 32100 uses 0-9 and A-Y without I O S V Z)"}
	}
	want := CreditAlphabet[(31-sum%31)%31]
	if code[17] != want && RoundedTo15Digits(code) {
		// a code typed into a numeric cell: the code belongs to no one,
		// and the agency's real code finds nothing
		return &CreditCodeProblem{
			Msg:  "the last three digits are 0 and the check character fails: the code went through a numeric cell, which a spreadsheet keeps to 15 digits, and its last digits are lost",
			Hint: "format the column as text (文本) in Excel and re-enter the code from the business licence (营业执照), or export the table again from the system that keeps it",
		}
	}
	if code[17] != want {
		return &CreditCodeProblem{
			Msg:      fmt.Sprintf("check character is %q, GB 32100 gives %q", code[17], want),
			Hint:     "some early codes fail the check; confirm it with the registration record",
			Checksum: true,
		}
	}
	return nil
}

// ValidCreditCode reports whether CheckCreditCode finds nothing wrong with
// code, without wording what is: the personal-data guard asks it of every
// code-like cell (region and parent codes too), most of which are not
// 18-character codes.
func ValidCreditCode(code string) bool {
	if len(code) != 18 {
		return false
	}
	for i := 0; i < len(code); i++ {
		if creditValue[code[i]] < 0 {
			return false
		}
	}
	return code[17] == CreditCheckChar(code[:17])
}

// creditKinds are the 机构类别代码 (the second character) that GB 32100
// gives each 登记管理部门代码 (the first) written as a digit 1–8 — the
// first characters a resident ID number's province code (11–82) may
// share: 机构编制 1 (机关, 事业单位, 群众团体, 其他), 外交 2, 司法行政 3,
// 文化 4, 民政 5, 旅游 6, 宗教 7, 工会 8. 工商 9 and the letters begin no
// ID number.
var creditKinds = [9]string{1: "1239", 2: "19", 3: "123459", 4: "19", 5: "1239", 6: "129", 7: "129", 8: "19"}

// KnownCreditKind reports whether a code's first two characters are a
// 登记管理部门 and one of its 机构类别 as GB 32100 lists them, for a
// department written as a digit 1–8; any other first character is taken
// as known. A code that is not is no organisation's: 44… (文化, category
// 4) is how a Guangdong resident ID number begins, and one in a code
// column that also passes the code's check is that ID number.
func KnownCreditKind(code string) bool {
	if len(code) < 2 || code[0] < '1' || code[0] > '8' {
		return true
	}
	return strings.IndexByte(creditKinds[code[0]-'0'], code[1]) >= 0
}

// OrganisationCode reports whether code is a valid 统一社会信用代码 of a
// kind GB 32100 gives organisations — and so, though all digits, no
// resident ID number that passes the code's check too.
func OrganisationCode(code string) bool { return ValidCreditCode(code) && KnownCreditKind(code) }

// CreditCheckChar returns the GB 32100 check character for the first 17
// characters of a code (which must be in the alphabet).
func CreditCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(creditValue[first17[i]]) * creditWeights[i]
	}
	return CreditAlphabet[(31-sum%31)%31]
}

// RoundedTo15Digits reports whether v is a number of more than 15 digits
// whose digits after the 15th are all 0: what a spreadsheet saves of a
// longer number once it went through a numeric cell formatted to show
// every digit (440106202200000001 becomes 440106202200000000). A licence
// number issued so is possible (one in a thousand of 18 digits): a
// warning; a 统一社会信用代码 so is an error when its check character
// fails too (CheckCreditCode).
func RoundedTo15Digits(v string) bool {
	if len(v) <= 15 || strings.Trim(v, "0123456789") != "" {
		return false
	}
	return strings.Trim(v[15:], "0") == ""
}
