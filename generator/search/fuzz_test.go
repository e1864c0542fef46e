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
	addEdgeCases(f)
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
		chain, _ := textChain(an)
		if chain == nil {
			t.Fatal("the text analyzer has no chain")
		}
		if got, ok := plainTokens([]byte(s)); ok {
			if d := sameTokens(got, chain.Analyze([]byte(s))); d != "" {
				t.Fatalf("%q: %s", s, d)
			}
		}
		if d := termsAsChain(an, chain, s); d != "" {
			t.Fatalf("%q: %s", s, d)
		}
		k := an.Key(s)
		if ak, ok := plainKey(s); ok && ak != an.analysedKey(s) {
			t.Fatalf("key %q of %q, the key analyzer's %q", ak, s, an.analysedKey(s))
		}
		if strings.ContainsAny(k, "\t\n\f\r ") {
			t.Fatalf("key %q of %q has spaces", k, s)
		}
		if an.Key(k) != k {
			t.Fatalf("key %q of %q is not stable: %q", k, s, an.Key(k))
		}
	})
}

// Any query gives the same hits, in the same order, and the same total
// from the static index (read as search-index.js reads it) as from bleve
// (portal search, /api/search): the seeds are the demo's names typed in
// each way people type them (typedNames), codes and licence numbers.
func FuzzStaticMatchesBleve(f *testing.F) {
	docs := demoDocs(f)
	for i, d := range docs {
		if d.Kind != KindAgency || i%7 != 0 {
			continue
		}
		f.Add(d.Name)
		f.Add(d.Code)
		f.Add(d.Licence)
		for _, ty := range typedNames {
			if q := ty.typed(d.Name, 1); q != "" {
				f.Add(q)
			}
		}
	}
	st := staticIndex(f, docs)
	bl := openBleve(f, docs)
	f.Fuzz(func(t *testing.T, q string) {
		if !utf8.ValidString(q) || utf8.RuneCountInString(q) > 200 { // longer: refused (400)
			return
		}
		if _, _, diff, err := staticVsBleve(docs, st, bl, q); err != nil || diff != "" {
			t.Fatalf("%q: %s%v", q, diff, err)
		}
	})
}

// addEdgeCases seeds f with vectorEdgeCases and more.
func addEdgeCases(f *testing.F, more ...string) {
	for _, s := range append(slices.Clone(vectorEdgeCases), more...) {
		f.Add(s)
	}
}
