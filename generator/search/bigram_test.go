package search

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
)

// FuzzBigramsAsBleve holds bigrams equal to bleve's cjk_bigram filter
// with output_unigram, on what the text analyzer's tokenizer and filters
// before it make of any text: the same tokens in the same order, each
// with the same term, offsets, position, type and keyword flag.
func FuzzBigramsAsBleve(f *testing.F) {
	addEdgeCases(f, "广州市博雅人力资源有限公司", "北京瑞丰人力资源开发有限公司东莞市分公司", "广州（番禺）劳务派遣有限公司",
		"ABC劳务派遣 2019 有限公司", "劳", "劳 务", "劳a务", "中国 Ｃｈｉｎａ １２３ 汉字かなカナ한국어", "\xe5\x8a\xb3\xff\xe5\x8a\xa1")
	an, err := NewAnalysis()
	if err != nil {
		f.Fatal(err)
	}
	text, ok := textChain(an)
	if !ok || len(text.TokenFilters) == 0 {
		f.Fatalf("the text analyzer is %T, not a custom analyzer ending in the bigram filter", an.text)
	}
	if _, ok := text.TokenFilters[len(text.TokenFilters)-1].(bigrams); !ok {
		f.Fatalf("the text analyzer's last filter is %T, not bigrams", text.TokenFilters[len(text.TokenFilters)-1])
	}
	before := *text // the text analyzer up to the bigram filter
	before.TokenFilters = text.TokenFilters[:len(text.TokenFilters)-1]
	bleve := cjk.NewCJKBigramFilter(true)
	f.Fuzz(func(t *testing.T, s string) {
		want := bleve.Filter(before.Analyze([]byte(s)))
		got := bigrams{}.Filter(before.Analyze([]byte(s)))
		if d := sameTokens(got, want); d != "" {
			t.Fatalf("%q: %s", s, d)
		}
	})
}

// textChain is the text analyzer's chain of filters (the analyzer
// without plainFirst's short way).
func textChain(an *Analysis) (*analysis.DefaultAnalyzer, bool) {
	p, ok := an.text.(plainFirst)
	if !ok {
		return nil, false
	}
	chain, ok := p.chain.(*analysis.DefaultAnalyzer)
	return chain, ok
}

// sameTokens says how two token streams differ ("" when they do not).
func sameTokens(got, want analysis.TokenStream) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d tokens, want %d:\n%v\n%v", len(got), len(want), got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if string(g.Term) != string(w.Term) || g.Start != w.Start || g.End != w.End || g.Position != w.Position ||
			g.Type != w.Type || g.KeyWord != w.KeyWord {
			return fmt.Sprintf("token %d is %v, want %v", i, g, w)
		}
	}
	return ""
}

// termsAsChain says how Analysis.Terms of s differs from the distinct terms
// of the chain's tokens, "" when it does not.
func termsAsChain(an *Analysis, chain analysis.Analyzer, s string) string {
	got, want := map[string]struct{}{}, map[string]struct{}{}
	an.Terms(s, got)
	for _, t := range chain.Analyze([]byte(s)) {
		want[string(t.Term)] = struct{}{}
	}
	if !maps.Equal(got, want) {
		return fmt.Sprintf("terms %q, the chain's %q", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	return ""
}

// TestPlainTokensAsChain holds plainTokens equal to the text analyzer's
// chain for every character it takes, alone, after another and before
// another, and for the demo documents' names and other text it takes.
func TestPlainTokensAsChain(t *testing.T) {
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	chain, ok := textChain(an)
	if !ok {
		t.Fatalf("the text analyzer is %T", an.text)
	}
	check := func(s string) bool {
		got, ok := plainTokens([]byte(s))
		if !ok {
			return false
		}
		if d := sameTokens(got, chain.Analyze([]byte(s))); d != "" {
			t.Fatalf("%q: %s", s, d)
		}
		if d := termsAsChain(an, chain, s); d != "" {
			t.Fatalf("%q: %s", s, d)
		}
		return true
	}
	taken := 0
	for _, block := range [][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}} {
		for r := block[0]; r <= block[1]; r++ {
			if check(string(r)) {
				taken++
				check("人" + string(r))
				check(string(r) + "力资")
			}
		}
	}
	if taken < 20000 {
		t.Fatalf("plainTokens took %d characters alone", taken)
	}
	plain := 0
	for _, d := range demoDocs(t) {
		for _, v := range append(append([]string{d.Name}, d.Former...), d.Other...) {
			if check(v) {
				plain++
			}
		}
	}
	if plain == 0 {
		t.Fatal("no demo name or text was plain")
	}
	for _, s := range []string{"", "廣州", "广州A", "广州 市", "广州（番禺）", "\xe5\x8a"} {
		if _, ok := plainTokens([]byte(s)); ok {
			t.Errorf("%q taken as plain", s)
		}
		if d := termsAsChain(an, chain, s); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	}
}
