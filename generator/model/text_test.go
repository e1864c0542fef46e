package model

import (
	"testing"
	"unicode"
)

// IsFormat's shortcuts lose no format character.
func TestIsFormat(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if IsFormat(r) != unicode.Is(unicode.Cf, r) {
			t.Fatalf("IsFormat(%U) = %v", r, IsFormat(r))
		}
	}
}
