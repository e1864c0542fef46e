// Package pii finds personal data that must never reach a public register:
// mainland resident ID numbers (居民身份证号码, with a valid province prefix,
// birth date and ISO 7064 MOD 11-2 check character) and mainland mobile
// numbers (手机号码), standing alone — not inside a longer run of letters and
// digits, so an 18-character credit code or an all-digit licence number does
// not trip it. Full-width digits are seen as digits.
package pii

import "strings"

// Kind is what was found.
type Kind uint8

const (
	None       Kind = iota
	ResidentID      // 居民身份证号码
	Mobile          // 手机号码
)

func (k Kind) String() string {
	switch k {
	case ResidentID:
		return "a resident ID number (居民身份证号码)"
	case Mobile:
		return "a mobile phone number (手机号码)"
	}
	return "nothing"
}

// Match is one finding: its kind and byte span in the scanned string.
type Match struct {
	Kind       Kind
	Start, End int
}

// Options select which kinds to look for.
type Options struct {
	SkipMobile bool // e.g. for licence-number cells, where 11 digits may be a number format
}

// run is a maximal sequence of ASCII letters and digits (full-width folded).
type run struct {
	start, end int    // byte span in the original string
	text       string // folded ASCII text
}

// Find returns the first personal number in s, if any.
func Find(s string, opt Options) (Match, bool) {
	if !hasDigitRun(s) {
		return Match{}, false
	}
	runs := splitRuns(s)
	for i, r := range runs {
		switch n := len(r.text); {
		case n == 18 && IsResidentID(r.text):
			return Match{ResidentID, r.start, r.end}, true
		case opt.SkipMobile:
		case n == 11 && isMobile(r.text),
			n == 13 && strings.HasPrefix(r.text, "86") && isMobile(r.text[2:]):
			return Match{Mobile, r.start, r.end}, true
		case n == 3 && isMobilePrefix(r.text) && i+2 < len(runs):
			// 138-1234-5678 or 138 1234 5678
			a, b := runs[i+1], runs[i+2]
			if len(a.text) == 4 && len(b.text) == 4 && allDigits(a.text) && allDigits(b.text) &&
				isSep(s[r.end:a.start]) && isSep(s[a.end:b.start]) {
				return Match{Mobile, r.start, b.end}, true
			}
		}
	}
	return Match{}, false
}

// hasDigitRun is a fast pre-filter: a run of at least 11 digits (ASCII or
// full-width; the shortest personal number is a mobile number), or a
// three-digit group starting with 1 followed by a space or hyphen (138-1234-5678).
// Dates such as 2024-05-01 pass through without further work.
func hasDigitRun(s string) bool {
	n := 0
	first := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99: // ０-９
			c = '0' + s[i+2] - 0x90
			i += 2
		default:
			if n == 3 && first == '1' && (c == '-' || c == ' ') {
				return true
			}
			n = 0
			continue
		}
		if n == 0 {
			first = c
		}
		n++
		if n >= 11 {
			return true
		}
	}
	return false
}

func isSep(s string) bool { return s == "-" || s == " " }

func splitRuns(s string) []run {
	var runs []run
	var b []byte
	start := -1
	flush := func(end int) {
		if start >= 0 {
			runs = append(runs, run{start, end, string(b)})
			b = b[:0]
			start = -1
		}
	}
	for i, r := range s {
		var c byte
		switch {
		case r < 0x80 && (r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'):
			c = byte(r)
		case r >= '０' && r <= '９':
			c = byte(r - '０' + '0')
		case r >= 'Ａ' && r <= 'Ｚ':
			c = byte(r - 'Ａ' + 'A')
		case r >= 'ａ' && r <= 'ｚ':
			c = byte(r - 'ａ' + 'a')
		default:
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
		b = append(b, c)
	}
	flush(len(s))
	return runs
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isMobilePrefix(s string) bool {
	return len(s) == 3 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' && allDigits(s)
}

func isMobile(s string) bool { return len(s) == 11 && isMobilePrefix(s[:3]) && allDigits(s) }

// provinces are the first two digits of GB/T 2260 province-level codes.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true,
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheck = "10X98765432"

// IsResidentID reports whether s is an 18-character resident ID number with a
// valid province prefix, a real birth date (1900–2099) and the right check character.
func IsResidentID(s string) bool {
	if len(s) != 18 || !allDigits(s[:17]) || !provinces[s[:2]] {
		return false
	}
	y := atoi(s[6:10])
	m := atoi(s[10:12])
	d := atoi(s[12:14])
	if y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > monthDays(y, m) {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * idWeights[i]
	}
	last := s[17]
	if last == 'x' {
		last = 'X'
	}
	return last == idCheck[sum%11]
}

// IDCheckChar returns the check character for the first 17 digits of an ID.
func IDCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheck[sum%11]
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func monthDays(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// Mask hides the middle of a match so a diagnostic can point at it without
// repeating it: 440106199001011234 → 4401**********1234.
func Mask(s string, m Match) string {
	found := []rune(s[m.Start:m.End])
	for i := range found {
		if i >= 4 && i < len(found)-4 && found[i] != '-' && found[i] != ' ' {
			found[i] = '*'
		}
	}
	return s[:m.Start] + string(found) + s[m.End:]
}
