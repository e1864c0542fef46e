package model

import (
	"strconv"
	"strings"
	"testing"
)

// HanNumber reads the numbers of a date or a term however a document
// writes them, and nothing else.
func FuzzHanNumber(f *testing.F) {
	for _, s := range []string{"2028", "２０２８", "二〇二八", "十二", "三十一", "十", "二十", "5", "五", "两", "十十", "一百", "3x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := HanNumber(s)
		if !ok {
			return
		}
		if n < 0 {
			t.Fatalf("HanNumber(%q) = %d", s, n)
		}
		if strings.Contains(s, "十") && n > 99 {
			t.Fatalf("HanNumber(%q) = %d: a number with 十 is below 100", s, n)
		}
		if plain, err := strconv.Atoi(s); err == nil && len(s) < 10 && s[0] != '+' && s[0] != '-' && plain != n {
			t.Fatalf("HanNumber(%q) = %d, want %d", s, n, plain)
		}
	})
}

func TestHanYear(t *testing.T) {
	for s, want := range map[string]int{"二〇二四": 2024, "二零二三": 2023, "2024": 0, "二〇2四": 0, "二千零二": 0, "二〇二": 0, "十〇二四": 0} {
		got, ok := HanYear(s)
		if got != want || ok != (want != 0) {
			t.Errorf("HanYear(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
}
