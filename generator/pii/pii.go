// Package pii finds personal data that must never reach a public register:
// mainland resident ID numbers (居民身份证号码, with a valid province prefix,
// birth date and ISO 7064 MOD 11-2 check character) and mainland mobile
// numbers (手机号码) — however they are written: digits in groups separated
// by spaces, ideographic spaces, dashes or dots (138 1234 5678,
// 4401 0619 9001 0112 34), in thousands as a spreadsheet shows a number
// (13,800,138,000), right after letters (ID440106…, TEL138…), with a
// +86 or 0086 prefix, in full-width digits. Numbers are told by their own
// digits, not by what stands around them; a longer run of digits (an
// 18-digit licence or credit code, a 20-digit account) is not a number of
// either kind, and an 18-character credit code with letters has too few
// digits in a row to be one. Right after a label naming an ID (身份证号,
// 公民身份号码, 证件号码, ID), a number shaped as one is one even when its
// digits alone would not say so: a mistyped or missing check character,
// or the 15 digits of a first-generation ID.
package pii

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// group is a run of digits (ASCII or full-width), perhaps ending in the X
// an ID number's check character may be, and where it stands in the
// string; its digits, in ASCII, are digits[lo:hi] of the scan's buffer,
// so the digits of consecutive groups are consecutive there too.
type group struct {
	start, end int  // byte span in s
	lo, hi     int  // span in the digits buffer
	joined     bool // separated from the group before by separators only
	weak       bool // … among which a mark that joins an ID number's groups only (isWeakSeparator)
}

// Find returns the first personal number in s, if any.
func Find(s string, opt Options) (Match, bool) {
	ms := FindAll(s, opt)
	if len(ms) == 0 {
		return Match{}, false
	}
	return ms[0], true
}

// FindAll returns every personal number in s, left to right, none
// overlapping. It allocates only for what it finds: it runs on every cell
// of every export.
func FindAll(s string, opt Options) []Match {
	need := 11 // a mobile number's digits
	if opt.SkipMobile {
		need = 17 // an ID number's, but its check character (which may be X)
	}
	if !enoughDigits(s, need) {
		if need <= sciNeed || !enoughDigits(s, sciNeed) {
			return nil
		}
		return scientific(s, opt)
	}
	var gbuf [32]group
	var dbuf [96]byte
	gs, digits := groups(s, gbuf[:0], dbuf[:0])
	var out []Match
	for i := 0; i < len(gs); {
		m, next := matchAt(s, gs, digits, i, opt)
		if m.Kind == None {
			i++
			continue
		}
		out = append(out, m)
		i = next
	}
	if sci := scientific(s, opt); len(sci) > 0 {
		out = mergeMatches(out, sci)
	}
	return out
}

// mergeMatches puts the numbers found in scientific notation among those
// found by their digits, left to right; one found both ways (its mantissa
// read as digits) is kept as the whole notation.
func mergeMatches(digits, sci []Match) []Match {
	if len(digits) == 0 {
		return sci
	}
	out := make([]Match, 0, len(digits)+len(sci))
	for _, m := range digits {
		overlaps := false
		for _, n := range sci {
			if m.Start < n.End && n.Start < m.End {
				overlaps = true
				break
			}
		}
		if !overlaps {
			out = append(out, m)
		}
	}
	out = append(out, sci...)
	slices.SortFunc(out, func(a, b Match) int { return a.Start - b.Start })
	return out
}

// matchAt tries the numbers that start with group i of s, joining the
// groups that follow it across separators: the longest that is a number
// wins.
func matchAt(s string, gs []group, digits []byte, i int, opt Options) (Match, int) {
	best, next := Match{}, i+1
	labelled := -1 // whether an ID label stands right before the group: looked at once, if needed
	weak := false  // joined across a weak separator: only an ID number by its own digits
	for j := i; j < len(gs) && (j == i || gs[j].joined); j++ {
		d := digits[gs[i].lo:gs[j].hi]
		if len(d) > 18 {
			break
		}
		if x := bytes.IndexByte(d, 'X'); x >= 0 && x < len(d)-1 { // an X ends a number
			break
		}
		if weak = weak || j > i && gs[j].weak; weak {
			if len(d) == 18 && isResidentID(d) {
				best, next = Match{ResidentID, gs[i].start, gs[j].end}, j+1
			}
			continue
		}
		k := kindOf(d, opt)
		if k == None && len(d) == 12 && d[11] == 'X' && kindOf(d[:11], opt) == Mobile {
			k = Mobile // a mobile number the letter x follows (13800138000x, 138…X分机)
		}
		if k == None && idShaped(d) {
			if labelled < 0 {
				labelled = 0
				if idLabelBefore(s, gs[i].start) {
					labelled = 1
				}
			}
			if labelled == 1 {
				k = ResidentID
			}
		}
		if k != None {
			best, next = Match{k, gs[i].start, gs[j].end}, j+1
		}
	}
	return best, next
}

// idShaped reports whether the digits d are shaped as a resident ID number
// but not one by its digits alone: 18 characters with the wrong check
// character (one mistyped), 17 without it, or the 15 digits of a
// first-generation ID (a birth date of 19YYMMDD, no check character) —
// each with a valid province and birth date. Such a number is personal
// data only when labelled as an ID (idLabelBefore): unlabelled, 15 digits
// are as likely a licence number (440106 2010 12345) and 18 another code.
func idShaped(d []byte) bool {
	if len(d) != 15 && len(d) != 17 && len(d) != 18 || !provinces[string(d[:2])] || !allDigits(d[:min(len(d), 17)]) {
		return false
	}
	var born bool
	if len(d) == 15 {
		born = birthDate(1900+atoi(d[6:8]), atoi(d[8:10]), atoi(d[10:12]))
	} else {
		born = birthDate(atoi(d[6:10]), atoi(d[10:12]), atoi(d[12:14]))
	}
	return born && (len(d) != 18 || d[17] == 'X' || d[17] >= '0' && d[17] <= '9')
}

// idLabels name a resident ID number: 身份证号（码）, 居民身份证,
// 公民身份号码, 证件号码, and the Latin ID.
var idLabels = []string{"身份证", "身份号", "证件号", "ID"}

// idLabelBefore reports whether an ID label stands right before byte i of
// s, with nothing between them but the rest of the label and punctuation:
// 身份证号：110105491231002, 证件号码（身份证）11010519491231002,
// 公民身份号码为 …, ID No. … — not 身份证已核验，许可证号 440106201012345.
func idLabelBefore(s string, i int) bool {
	lo := max(0, i-36)
	for lo < i && !utf8.RuneStart(s[lo]) {
		lo++
	}
	w := s[lo:i]
	for _, l := range idLabels {
		k := strings.LastIndex(w, l)
		if k >= 0 && strings.Trim(w[k+len(l):], idLabelTail) == "" {
			return true
		}
	}
	return false
}

// idLabelTail is what may stand between an ID label and its number.
const idLabelTail = "号码为是即：:;；,，.。 \u3000\t()（）[]【】<>《》\"“”'‘’-—_/#＃Nno"

// kindOf says what a number written as the digits d is.
func kindOf(d []byte, opt Options) Kind {
	switch {
	case len(d) == 18 && isResidentID(d):
		return ResidentID
	case opt.SkipMobile:
	case isMobile(d), len(d) == 13 && d[0] == '8' && d[1] == '6' && isMobile(d[2:]),
		len(d) == 15 && string(d[:4]) == "0086" && isMobile(d[4:]):
		return Mobile
	}
	return None
}

// enoughDigits is a fast pre-filter: a personal number has at least need
// digits — 11 for a mobile number, 17 for an ID number — and most cells —
// names, addresses, dates — have fewer. It runs on every cell, so it reads
// bytes: an ideograph is told from a Chinese numeral or a full-width digit
// by its three bytes, and only a character of a script with digits of its
// own is decoded (digitValue). A letter O counts as a digit: it may stand
// for a 0 inside a number (groups).
func enoughDigits(s string, need int) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == 'O' || c == 'o':
			// (an O typed for 0 inside a number counts too)
		case c < utf8.RuneSelf:
			continue
		case c >= 0xE0 && c <= 0xEF && i+2 < len(s) && c != 0xE0 && c != 0xE1 && c != 0xEA:
			// three bytes, in no block with digits of another script
			b1, b2 := s[i+1], s[i+2]
			i += 2
			if !numeral3(c, b1, b2) && !(c == 0xEF && (b1 == 0xBC && b2 == 0xAF || b1 == 0xBD && b2 == 0x8F)) { // nor Ｏ, ｏ
				continue
			}
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size - 1
			if _, ok := digitValue(r); !ok {
				continue
			}
		}
		if n++; n >= need {
			return true
		}
	}
	return false
}

// numeral3 reports whether the three bytes c, b1, b2 are the UTF-8 of a
// Chinese numeral (〇 一 二 三 四 五 六 七 八 九 零, the 大写 壹 贰 叁 肆 伍 陆
// 柒 捌 玖 with 貳 參 陸, and 幺) or a full-width digit.
func numeral3(c, b1, b2 byte) bool {
	switch c {
	case 0xE3: // 〇
		return b1 == 0x80 && b2 == 0x87
	case 0xE4: // 一 七 三, 九, 二 五, 伍
		return b1 == 0xB8 && (b2 == 0x80 || b2 == 0x83 || b2 == 0x89) || b1 == 0xB9 && b2 == 0x9D || b1 == 0xBA && (b2 == 0x8C || b2 == 0x94) ||
			b1 == 0xBC && b2 == 0x8D
	case 0xE5: // 八 六, 四, 壹, 叁 參, 幺
		return b1 == 0x85 && (b2 == 0xAB || b2 == 0xAD) || b1 == 0x9B && b2 == 0x9B || b1 == 0xA3 && b2 == 0xB9 ||
			b1 == 0x8F && (b2 == 0x81 || b2 == 0x83) || b1 == 0xB9 && b2 == 0xBA
	case 0xE6: // 捌, 柒
		return b1 == 0x8D && b2 == 0x8C || b1 == 0x9F && b2 == 0x92
	case 0xE7: // 玖
		return b1 == 0x8E && b2 == 0x96
	case 0xE8: // 贰 貳, 肆
		return b1 == 0xB4 && b2 == 0xB0 || b1 == 0xB2 && b2 == 0xB3 || b1 == 0x82 && b2 == 0x86
	case 0xE9: // 零, 陆 陸
		return b1 == 0x9B && b2 == 0xB6 || b1 == 0x99 && (b2 == 0x86 || b2 == 0xB8)
	case 0xEF: // ０-９
		return b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99
	}
	return false
}

// digitValue is the value of a digit as people may write one: an ASCII or
// full-width digit, a Chinese numeral (〇 or 零 for 0, 一 … 九), or a decimal
// digit of any other script (Unicode Nd, whose ranges each begin at a
// zero). It runs on every character of every cell beyond ASCII, so the
// common ideographs are answered by one switch.
func digitValue(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r - '0'), true
	case r < 0x660: // below the first digit of another script
		return 0, false
	case r >= '０' && r <= '９':
		return byte(r - '０'), true
	}
	switch r {
	case '〇', '零':
		return 0, true
	case '一', '壹', '幺': // 幺, as 1 is read out in a phone number
		return 1, true
	case '二', '贰', '貳':
		return 2, true
	case '三', '叁', '參':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆', '陸':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	if r >= 0x3400 && r <= 0x9FFF || !unicode.IsDigit(r) { // ideographs: no other digit
		return 0, false
	}
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return byte((r - rune(rg.Lo)) % 10), true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return byte((r - rune(rg.Lo)) % 10), true
		}
	}
	return 0, false
}

// isO reports whether r is the letter O, in either case and width.
func isO(r rune) bool { return r == 'O' || r == 'o' || r == 'Ｏ' || r == 'ｏ' }

// zeroAt reports whether the letter O just before byte i of s, in a run of
// digits, stands for a 0: after it, perhaps past more letters O, comes a
// digit (310O2X, 138OO13) or no Latin letter at all (13800138OOO, …123O。),
// and not a word (10Oct).
func zeroAt(s string, i int) bool {
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9' || r >= '０' && r <= '９':
			return true
		case isO(r):
			i += w
		default:
			return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ')
		}
	}
	return true
}

// invisible reports whether r is a character a reader does not see, which
// may stand anywhere in a number without parting it: a format character
// (zero-width space, joiners, soft hyphen, byte-order mark) or a mark.
func invisible(r rune) bool {
	return r >= utf8.RuneSelf && unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me)
}

// groups splits s into runs of digits, appending them to gs and their
// digits to digits; a run is joined to the one before when only
// separators (at most three: " - ", "）-", a space, an ideographic space,
// a dash, a dot, a slash, an underscore, a bracket, a tilde, or a weak
// separator: isWeakSeparator) stand between them. An O after a digit is
// read as the 0 it stands for (zeroAt).
func groups(s string, gs []group, digits []byte) ([]group, []byte) {
	start, gap, sepOnly, weak := -1, 0, false, false
	flush := func(end int) {
		if start >= 0 {
			lo := 0
			if len(gs) > 0 {
				lo = gs[len(gs)-1].hi
			}
			joined := len(gs) > 0 && sepOnly && gap <= 3
			gs = append(gs, group{start: start, end: end, lo: lo, hi: len(digits), joined: joined, weak: joined && weak})
			start, gap, sepOnly, weak = -1, 0, true, false
		}
	}
	zerosUntil := -1 // the letters O before this byte stand for zeros (zeroAt), decided once per run
	for i, r := range s {
		if v, ok := digitValue(r); ok {
			// a Chinese numeral is a run of its own, joined to its
			// neighbours: a number may begin or end at any of them, so the
			// 三 of 张三 before an ID number does not make it 19 digits long
			numeral := r == '〇' || r >= 0x4E00 && r <= 0x9FFF
			if numeral {
				flush(i)
			}
			digits = append(digits, '0'+v)
			if start < 0 {
				start = i
			}
			if numeral {
				flush(i + utf8.RuneLen(r))
			}
			continue
		}
		switch {
		case invisible(r):
			// seen by no reader: neither parts the group nor separates
			continue
		case isO(r) && start >= 0 && (i < zerosUntil || zeroAt(s, i+utf8.RuneLen(r))):
			// the letter O typed for 0 after a digit (310O2X, 138OO13, 13800138OOO)
			if i >= zerosUntil { // the rest of the run is zeros too: not decided again
				for zerosUntil = i; zerosUntil < len(s); {
					r, w := utf8.DecodeRuneInString(s[zerosUntil:])
					if !isO(r) {
						break
					}
					zerosUntil += w
				}
			}
			digits = append(digits, '0')
			continue
		case isCheckX(r) && (start >= 0 || separatedX(s, i, gs, sepOnly, gap)):
			// perhaps an ID's check character: it ends the group (one
			// written apart, 104 X or 104-X, is a group of its own)
			if start < 0 {
				start = i
			}
			digits = append(digits, 'X')
			flush(i + utf8.RuneLen(r))
			continue
		default:
			flush(i)
			switch {
			case isSeparator(r) || groupsThousands(r) && thousands(s, i, gs):
				gap++
			case isWeakSeparator(r):
				gap++
				weak = true
			default:
				sepOnly = false
			}
			continue
		}
	}
	flush(len(s))
	return gs, digits
}

// isCheckX reports whether r is an ID number's check character X as
// people type it: the Latin letter in either case and width, or a
// character that looks like it — the multiplication sign ×, the Roman
// numeral Ⅹ, the Greek Χ, the Cyrillic Х — as an input method gives for
// it. A number ending in one is read as ending in X, and is an ID only if
// its check character is X.
func isCheckX(r rune) bool {
	switch r {
	case 'X', 'x', 'Ｘ', 'ｘ', '×', 'Ⅹ', 'ⅹ', 'Χ', 'χ', 'Х', 'х':
		return true
	}
	return false
}

// separatedX reports whether the check character at byte i of s follows
// the digit group before it across separators only (110105 19491231 002 X,
// …002-X), and is not the first letter of a word (002 Xiamen).
func separatedX(s string, i int, gs []group, sepOnly bool, gap int) bool {
	if len(gs) == 0 || !sepOnly || gap == 0 || gap > 3 {
		return false
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	next, _ := utf8.DecodeRuneInString(s[i+w:])
	return !unicode.IsLetter(next)
}

// thousands reports whether the comma (or apostrophe) at byte i of s groups the digits
// of one number by thousands, as a spreadsheet shows a number cell
// (13,800,138,000): the group just before it has one to three digits and
// is right before it, and exactly three digits follow it. A comma between
// the numbers of a list (第13,15,17条) does not join them.
func thousands(s string, i int, gs []group) bool {
	if len(gs) == 0 {
		return false
	}
	g := gs[len(gs)-1]
	if g.end != i || g.hi-g.lo < 1 || g.hi-g.lo > 3 {
		return false
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	n := 0
	for _, r := range s[i+w:] {
		if !(r >= '0' && r <= '9' || r >= '０' && r <= '９') {
			break
		}
		if n++; n > 3 {
			return false
		}
	}
	return n == 3
}

// isSeparator reports whether r may stand between the digit groups of one
// number as people write them. A line break is one: a number broken
// across the lines of a cell or a Markdown paragraph is shown as one.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u3000', '\u00a0', '-', '‐', '‑', '–', '—', '－', '.', '．', '·', '・',
		'/', '／', '\\', '_', '＿', '(', ')', '（', '）', '[', ']', '【', '】', '~', '～', '〜':
		return true
	}
	// any other space (a thin or narrow no-break space, as typesetting
	// groups digits: 138 0013 8000), and any other dash or minus sign
	// (figure dash, horizontal bar, small hyphen-minus, −: 138−0013−8000)
	return r >= utf8.RuneSelf && (unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) ||
		r == '−' || r == '˗' || r == '⁃' || r == '﹘')
}

// isWeakSeparator reports whether r is a mark that joins the groups of a
// resident ID number as some write one (440106*19900101*1234,
// 440106，19900101，1234, 440106+1990…) but also stands between the
// numbers of a list or a sum (第13、15条, 3+5, 8:30): groups it joins are
// one number only when their digits are an ID number by their own check
// character — never a mobile number, nor an ID number told by its label.
// A pipe is none: the cells of a Markdown table of figures are not one
// number.
func isWeakSeparator(r rune) bool {
	switch r {
	case '*', '＊', '+', '＋', ':', '：', '、', ',', '，', ';', '；', '#', '＃', '=', '＝':
		return true
	}
	return false
}

// groupsThousands reports whether r is a mark a spreadsheet or a locale
// groups a number's digits by thousands with: a comma, full-width or
// not, or an apostrophe (13'800'138'000, as Swiss settings show it).
func groupsThousands(r rune) bool {
	switch r {
	case ',', '，', '\'', '’', '＇', 'ʼ':
		return true
	}
	return false
}

// text is what the number checks read: a string, or the scan's bytes.
type text interface{ ~string | ~[]byte }

func allDigits[T text](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

func isMobile[T text](s T) bool {
	return len(s) == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' && allDigits(s)
}

// provinces are the first two digits of GB/T 2260 province-level codes,
// and of the numbers of the residence permits of Hong Kong, Macao and
// Taiwan residents (港澳台居民居住证: 810000, 820000, 830000, then a birth
// date, a sequence and a check character, as a resident ID number has).
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true,
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheck = "10X98765432"

// IsResidentID reports whether s is an 18-character resident ID number with a
// valid province prefix, a real birth date (1900–2099) and the right check character.
func IsResidentID(s string) bool { return isResidentID(s) }

func isResidentID[T text](s T) bool {
	if len(s) != 18 || !allDigits(s[:17]) || !provinces[string(s[:2])] {
		return false
	}
	if !birthDate(atoi(s[6:10]), atoi(s[10:12]), atoi(s[12:14])) {
		return false
	}
	last := s[17]
	if last == 'x' {
		last = 'X'
	}
	return last == checkChar(s[:17])
}

// birthDate reports whether y-m-d is a day an ID's holder may have been
// born on (1900–2099).
func birthDate(y, m, d int) bool {
	return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= monthDays(y, m)
}

// IDCheckChar returns the check character for the first 17 digits of an ID.
func IDCheckChar(first17 string) byte { return checkChar(first17) }

func checkChar[T text](first17 T) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheck[sum%11]
}

func atoi[T text](s T) int {
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

// Mask hides every number found in s but its last four digits, so that a
// diagnostic can point at it without repeating it:
// 身份证440106199001011234 → 身份证**************1234,
// 138 1234 5678 → *** **** 5678. Separators stay.
func Mask(s string, ms []Match) string {
	if len(ms) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		b.WriteString(s[last:m.Start])
		found := []rune(s[m.Start:m.End])
		keep := 4
		for i := len(found) - 1; i >= 0; i-- {
			if isNumberRune(found[i]) {
				if keep > 0 {
					keep--
				} else {
					found[i] = '*'
				}
			}
		}
		b.WriteString(string(found))
		last = m.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// Number is the number m found in s as its ASCII digits (and X), however
// it was written: the same number written two ways has one Number.
func Number(s string, m Match) string {
	var b strings.Builder
	for _, r := range s[m.Start:m.End] {
		if v, ok := digitValue(r); ok {
			b.WriteByte('0' + v)
		} else if isO(r) {
			b.WriteByte('0')
		} else if isCheckX(r) {
			b.WriteByte('X')
		}
	}
	return b.String()
}

// MaskAll masks every personal number in s (Find's rules, mobiles included).
func MaskAll(s string) string { return Mask(s, FindAll(s, Options{})) }

func isNumberRune(r rune) bool {
	_, digit := digitValue(r)
	return digit || isCheckX(r)
}
