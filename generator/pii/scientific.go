package pii

import "unicode/utf8"

// A spreadsheet shows a number of more than 11 digits in scientific
// notation and keeps only 15 significant digits of it: an ID number typed
// into a cell becomes 4.40106199001011E+17, and an export saved from it
// carries that text. The number is no longer whole, but its first digits —
// the holder's region and birth date, the part that tells who they are —
// are still there. sciNeed is the fewest digits such a number has: nine of
// a mobile number's eleven and the two of its exponent.
const sciNeed = 11

// scientific returns the personal numbers in s written in scientific
// notation (d.ddd…E+nn, with a point or a comma, in ASCII or full width),
// by what the digits they still carry say:
//   - 18 digits (E+17) whose first twelve or more are a province, a region
//     and a birth year and month (and day, when known): a resident ID;
//   - 15 digits (E+14) shaped as a first-generation ID (19YYMM…), right
//     after an ID label (idLabelBefore), as for its 15 written digits;
//   - 11 digits (E+10) whose first nine or more begin as a mobile
//     number does, unless opt.SkipMobile.
//
// A shorter mantissa (4.40106E+17, as a spreadsheet shows the cell) keeps
// only a region code, which tells no one apart: it is no personal number.
func scientific(s string, opt Options) []Match {
	if !hasE(s) {
		return nil
	}
	var out []Match
	var buf [24]byte // a mantissa's digits: a spreadsheet writes 15 at most
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !sciDigit(r) {
			i += w
			continue
		}
		// i is where a run of digits begins: the scan resumes after one
		mantissa, exp, end, ok := sciAt(s, i, buf[:0])
		if ok {
			if k := sciKind(mantissa, exp, opt, func() bool { return idLabelBefore(s, i) }); k != None {
				out = append(out, Match{Kind: k, Start: i, End: end})
			}
		}
		i = end
	}
	return out
}

// sciAt reads a number in scientific notation at byte i of s, where a run
// of digits begins: one digit, a point or comma, digits, an E, perhaps a
// plus, one or two digits (12.3E+17, with two digits before the point, is
// no spreadsheet's notation). It appends the mantissa's digits, in ASCII,
// to m (at most its capacity) and returns them, the exponent and the byte
// after the number; when there is none, a byte after i past any digits,
// so the scan goes on from there.
func sciAt(s string, i int, m []byte) (mantissa []byte, exp, end int, ok bool) {
	digit := func(j int) (byte, int) { // the digit at byte j of s, in ASCII, and its width; 0, 0 for none
		if j >= len(s) {
			return 0, 0
		}
		r, w := utf8.DecodeRuneInString(s[j:])
		if !sciDigit(r) {
			return 0, 0
		}
		v, _ := digitValue(r)
		return '0' + v, w
	}
	skipDigits := func(j int) int {
		for _, w := digit(j); w > 0; _, w = digit(j) {
			j += w
		}
		return j
	}
	d, w := digit(i)
	m = append(m, d)
	j := i + w
	r, w := utf8.DecodeRuneInString(s[j:])
	if j >= len(s) || !(r == '.' || r == ',' || r == '．' || r == '，') {
		return m, 0, skipDigits(j), false
	}
	j += w
	for d, w := digit(j); w > 0; d, w = digit(j) {
		if len(m) == cap(m) {
			return m, 0, skipDigits(j), false
		}
		m = append(m, d)
		j += w
	}
	if len(m) < 2 || j >= len(s) {
		return m, 0, j, false
	}
	if r, w := utf8.DecodeRuneInString(s[j:]); r == 'E' || r == 'e' || r == 'Ｅ' || r == 'ｅ' {
		j += w
	} else {
		return m, 0, j, false
	}
	if r, w := utf8.DecodeRuneInString(s[j:]); r == '+' || r == '＋' {
		j += w
	}
	digits := 0
	for d, w := digit(j); w > 0; d, w = digit(j) {
		if digits++; digits > 2 {
			return m, 0, skipDigits(j), false
		}
		exp = exp*10 + int(d-'0')
		j += w
	}
	return m, exp, j, digits > 0
}

// sciDigit is a digit of a number in scientific notation: ASCII or full width.
func sciDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// sciKind says what number the digits m, as many as the exponent exp
// makes a number long, are the beginning of; labelled is asked only
// for a first-generation ID.
func sciKind(m []byte, exp int, opt Options, labelled func() bool) Kind {
	n := exp + 1 // the number's length in digits
	if len(m) > n {
		return None
	}
	switch n {
	case 18:
		if len(m) >= 12 && provinces[string(m[:2])] && bornOn(m[6:]) {
			return ResidentID
		}
	case 15:
		if len(m) >= 10 && provinces[string(m[:2])] && bornOn(append([]byte("19"), m[6:]...)) && labelled() {
			return ResidentID
		}
	case 11:
		if !opt.SkipMobile && len(m) >= 9 && m[0] == '1' && m[1] >= '3' && m[1] <= '9' {
			return Mobile
		}
	}
	return None
}

// bornOn reports whether the digits d begin with a birth date
// (YYYYMMDD) as far as they go, at least its year and month: a day is
// checked when it is there.
func bornOn(d []byte) bool {
	if len(d) < 6 {
		return false
	}
	y, m := atoi(d[:4]), atoi(d[4:6])
	if len(d) < 8 {
		return y >= 1900 && y <= 2099 && m >= 1 && m <= 12
	}
	return birthDate(y, m, atoi(d[6:8]))
}

// hasE reports whether s holds an E, as a number in scientific notation
// does: a byte loop, for it runs on every cell with enough digits.
func hasE(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'e', 'E':
			return true
		case 0xEF: // Ｅ, ｅ
			if i+2 < len(s) && (s[i+1] == 0xBC && s[i+2] == 0xA5 || s[i+1] == 0xBD && s[i+2] == 0x85) {
				return true
			}
		}
	}
	return false
}
