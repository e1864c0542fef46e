package search

import (
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
	text, ok := an.text.(*analysis.DefaultAnalyzer)
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
		if len(got) != len(want) {
			t.Fatalf("%q: %d tokens, bleve %d:\n%v\n%v", s, len(got), len(want), got, want)
		}
		for i := range want {
			g, w := got[i], want[i]
			if string(g.Term) != string(w.Term) || g.Start != w.Start || g.End != w.End || g.Position != w.Position ||
				g.Type != w.Type || g.KeyWord != w.KeyWord {
				t.Fatalf("%q: token %d is %v, bleve %v", s, i, g, w)
			}
		}
	})
}
