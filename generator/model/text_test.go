package model

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/width"
)

// IsFormat's shortcuts lose no format character.
func TestIsFormat(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if IsFormat(r) != unicode.Is(unicode.Cf, r) {
			t.Fatalf("IsFormat(%U) = %v", r, IsFormat(r))
		}
	}
}

// nameKeyByTransform is SameName's key as it was first written: the whole
// string through width.Fold, then its white space left out.
func nameKeyByTransform(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, width.Fold.String(s))
}

// FuzzNameKey: the key made a character at a time is width.Fold's of the
// whole string without its white space, on any bytes, so SameName answers
// as it did.
func FuzzNameKey(f *testing.F) {
	for _, s := range []string{"", "广州市黄埔区（黄埔）人力资源有限公司", "广州市黄埔区(黄埔)人力资源有限公司", "ＡＢＣ　劳务", "ABC 劳务",
		"ｶﾞｲﾄﾞ", "\u3000\u00a0\t名称\n", "\xff\xfe名", "\xe4\xb8", "￥＄", "₩￦", "ﾟﾞ", "\u2028\u0085"} {
		f.Add(s, nameKeyByTransform(s))
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := string(appendNameKey(nil, a)), nameKeyByTransform(a); got != want {
			t.Fatalf("key of %q = %q, width.Fold gives %q", a, got, want)
		}
		if got, want := SameName(a, b), a == b || nameKeyByTransform(a) == nameKeyByTransform(b); got != want {
			t.Fatalf("SameName(%q, %q) = %v, want %v", a, b, got, want)
		}
	})
}

// Every character, on its own and between two others, keys as width.Fold
// has it.
func TestNameKeyEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue // no UTF-8 for a surrogate: string(r) is U+FFFD
		}
		for _, s := range []string{string(r), "甲" + string(r) + "a"} {
			if got, want := string(appendNameKey(nil, s)), nameKeyByTransform(s); got != want {
				t.Fatalf("key of %q (%U) = %q, width.Fold gives %q", s, r, got, want)
			}
		}
	}
}
