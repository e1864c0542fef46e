package model

import (
	"strings"
	"unicode"

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
	return a == b || nameKey(a) == nameKey(b)
}

// nameKey is a name as SameName compares it.
func nameKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, width.Fold.String(s))
}
