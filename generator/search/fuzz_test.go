package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Any text a person can type analyses without a panic; the query terms are
// tokens of the text; a key has no spaces and is stable.
func FuzzAnalysis(f *testing.F) {
	for _, s := range vectorEdgeCases {
		f.Add(s)
	}
	an, err := NewAnalysis()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var terms []string
		for _, tk := range an.Tokens(s) {
			terms = append(terms, tk.Term)
		}
		for _, q := range an.QueryTerms(s) {
			if !slices.Contains(terms, q) {
				t.Fatalf("query term %q is not a token of %q (%q)", q, s, terms)
			}
		}
		k := an.Key(s)
		if strings.ContainsAny(k, "\t\n\f\r ") {
			t.Fatalf("key %q of %q has spaces", k, s)
		}
		if an.Key(k) != k {
			t.Fatalf("key %q of %q is not stable: %q", k, s, an.Key(k))
		}
	})
}
