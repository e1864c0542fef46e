package jsontext

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// Whatever text a string holds, AppendString gives valid JSON that decodes
// to the same text, on one line (a .jsonl record, a search index entry).
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "中文", "a\"b\\c", "\x00\x1f\x7f", "\u2028\u2029", "广州市\"丙\"\n", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip() // model strings are valid UTF-8 (see package model)
		}
		b := AppendString(nil, s)
		if strings.ContainsAny(string(b), "\n\r") || strings.Contains(string(b), "\u2028") {
			t.Fatalf("%q: raw line break in %s", s, b)
		}
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q: %s is not JSON: %v", s, b, err)
		}
		if got != s {
			t.Fatalf("%q came back as %q", s, got)
		}
	})
}
