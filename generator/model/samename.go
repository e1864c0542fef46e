package model

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

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
