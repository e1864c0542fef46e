package model

import (
	"fmt"
	"strings"
)

// DateLayout is a date form a bureau's export uses that ParseDate does not
// read by itself — day or month first (05/03/2024, 3/5/2024), or a
// two-digit year — written as in data/import.toml's date_formats:
// YYYY (four-digit year), YY (two-digit year, read as 20YY: licensing
// began in 2013), MM or M (month), DD or D (day), and any other character
// as it stands in the cell. A month or day between separators may have one
// digit or two whichever is written; one right before another number
// (DDMMYYYY) must be written MM or DD and has two.
type DateLayout struct {
	src   string
	parts []layoutPart
}

type layoutPart struct {
	kind  byte   // 'Y' year, 'M' month, 'D' day; 0 literal text
	width int    // digits: 4 or 2 for a year, 2 for MM and DD, 0 for M and D (one or two)
	lit   string // the literal text
}

// ParseDateLayout reads a date_formats entry.
func ParseDateLayout(s string) (DateLayout, error) {
	l := DateLayout{src: s}
	seen := map[byte]bool{}
	for i := 0; i < len(s); {
		var p layoutPart
		switch {
		case strings.HasPrefix(s[i:], "YYYY"):
			p, i = layoutPart{kind: 'Y', width: 4}, i+4
		case strings.HasPrefix(s[i:], "YY"):
			p, i = layoutPart{kind: 'Y', width: 2}, i+2
		case s[i] == 'Y':
			return DateLayout{}, fmt.Errorf("date format %q: a year is YYYY or YY", s)
		case strings.HasPrefix(s[i:], "MM"), strings.HasPrefix(s[i:], "DD"):
			p, i = layoutPart{kind: s[i], width: 2}, i+2
		case s[i] == 'M' || s[i] == 'D':
			p, i = layoutPart{kind: s[i]}, i+1
		default:
			j := i + 1
			for j < len(s) && !strings.ContainsRune("YMD", rune(s[j])) {
				j++
			}
			p, i = layoutPart{lit: s[i:j]}, j
		}
		if p.kind != 0 {
			if seen[p.kind] {
				return DateLayout{}, fmt.Errorf("date format %q: %c appears twice", s, p.kind)
			}
			seen[p.kind] = true
			if n := len(l.parts); n > 0 && l.parts[n-1].kind != 0 && l.parts[n-1].width == 0 {
				return DateLayout{}, fmt.Errorf("date format %q: write MM or DD (two digits) when a number follows with nothing between", s)
			}
		}
		l.parts = append(l.parts, p)
	}
	if !seen['Y'] || !seen['M'] || !seen['D'] {
		return DateLayout{}, fmt.Errorf("date format %q: it needs a year (YYYY), a month (MM) and a day (DD), e.g. DD/MM/YYYY", s)
	}
	return l, nil
}

// String is the layout as written.
func (l DateLayout) String() string { return l.src }

// Parse reads s (full-width digits and surrounding spaces allowed) in the
// layout; ok is false when s is not in it or names no real day.
func (l DateLayout) Parse(s string) (Date, bool) {
	s = foldDigits(strings.TrimSpace(s))
	v := map[byte]int{}
	for i, p := range l.parts {
		if p.kind == 0 {
			if !strings.HasPrefix(s, p.lit) {
				return 0, false
			}
			s = s[len(p.lit):]
			continue
		}
		n := p.width // a year always has its width; so does MM or DD right before a number
		if p.kind != 'Y' && (i+1 == len(l.parts) || l.parts[i+1].kind == 0) {
			n = 1 // between separators: one digit or two
			if len(s) > 1 && isDigit(s[1]) {
				n = 2
			}
		}
		if len(s) < n || !isDigits(s[:n]) {
			return 0, false
		}
		for _, c := range s[:n] {
			v[p.kind] = v[p.kind]*10 + int(c-'0')
		}
		if p.kind == 'Y' && n == 2 {
			v['Y'] += 2000
		}
		s = s[n:]
	}
	if s != "" {
		return 0, false
	}
	date, err := ValidDate(v['Y'], v['M'], v['D'])
	return date, err == nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
