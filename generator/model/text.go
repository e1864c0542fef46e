package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// IsFormat reports whether r is a format character (\p{Cf}: a zero-width
// space, a joiner, a soft hyphen, a byte-order mark, a direction mark),
// which no reader sees and text pasted from a web page carries. None is
// below U+00AD or among the ideographs (U+3000–U+FEFE), which it answers
// without the table. Load leaves these out of cells and headers; search
// out of every query and text.
func IsFormat(r rune) bool {
	return r >= 0xad && (r < 0x3000 || r >= 0xfeff) && unicode.Is(unicode.Cf, r)
}

// WithoutFormat is s without its format characters (IsFormat).
func WithoutFormat(s string) string {
	return strings.Map(func(r rune) rune {
		if IsFormat(r) {
			return -1
		}
		return r
	}, s)
}

// SameName reports whether two spellings of an agency's name are one name:
// equal but for the width of their characters (半角 (黄埔) and 全角 （黄埔）,
// full-width letters) and white space. Exports of one bureau spell a name
// both ways; read as different names, the agency was given a 曾用名 it never
// had and a warning of a rename without a 变更.
func SameName(a, b string) bool {
	if a == b {
		return true
	}
	// the keys in buffers on the stack: derive compares every agency's
	// names, and the two strings made and dropped per comparison were a
	// quarter of the register's CPU time in a profile of the 50k check
	var ka, kb [192]byte
	return string(appendNameKey(ka[:0], a)) == string(appendNameKey(kb[:0], b))
}

// NameKey is s as SameName compares it: two names are the same name when
// their keys are equal (a map of names by key).
func NameKey(s string) string { return string(appendNameKey(nil, s)) }

// appendNameKey appends s as SameName compares it: each character folded
// to its canonical width (width.Fold, which maps one character at a time),
// white space left out, and a byte that is not UTF-8 read as U+FFFD.
func appendNameKey(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII: no width to fold
			if !unicode.IsSpace(rune(c)) {
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = utf8.AppendRune(dst, utf8.RuneError)
			i++
			continue
		}
		p, _ := width.LookupString(s[i : i+size])
		if f := p.Folded(); f != 0 {
			if !unicode.IsSpace(f) {
				dst = utf8.AppendRune(dst, f)
			}
		} else if !unicode.IsSpace(r) {
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}
