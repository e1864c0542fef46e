package search

import (
	"context"
	"strings"
	"testing"
)

// TestKeyAnswersMatchBleve: a query of a whole name, former name or title
// is answered from its exact key's shard when its terms are common (and
// from the term shards when they are not, or when the query's terms are
// not the key's, or when it asks for more hits than the key kept), with
// the hits and total bleve gives, for every document of the demo.
func TestKeyAnswersMatchBleve(t *testing.T) {
	defer func(i, m, b, r int) { inlineMax, blockMin, blockOrds, readerRareDF = i, m, b, r }(inlineMax, blockMin, blockOrds, readerRareDF)
	inlineMax, blockMin, blockOrds, readerRareDF = 3, 8, 32, 40 // most terms common
	// besides the demo's: a name whose every term is in another agency's
	// name, in a third's former names and in a fourth's other texts
	const name = "甲乙丙丁戊己劳务派遣有限公司"
	var made []Doc
	for i, d := range demoDocs(t)[:4] {
		d.Code = d.Code[:len(d.Code)-2] + string(rune('A'+i)) + "Z"
		d.Path, d.Former, d.OldKeys = "agencies/"+d.Code+"/", nil, nil
		switch i {
		case 0:
			d.Name = name
		case 1:
			d.Name = name + "深圳分公司"
		case 2:
			d.Name, d.Former, d.OldKeys = "庚辛人力资源有限公司", []string{name + "第二分公司"}, []string{name + "第二分公司"}
		case 3:
			d.Name, d.Other = "壬癸职业介绍有限公司", append(d.Other, name+"（原）")
		}
		d.Keys = nonEmpty(d.Code, d.Licence+string(rune('A'+i)), d.Name)
		made = append(made, d)
	}
	docs := append(made, demoDocs(t)...)
	st := staticIndex(t, docs)
	bl := openBleve(t, docs)
	var queries []string
	for _, d := range docs {
		queries = append(queries, d.Name)
		queries = append(queries, d.Former...)
	}
	// the words of common terms, and a space that splits a bigram: the
	// terms are not the key's any more
	inv, err := invert(context.Background(), st.an, docs)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.readMeta(); err != nil {
		t.Fatal(err)
	}
	runs := commonRuns(st.an, docs, agencyCount(docs), inv, st.meta.Common[0])
	if len(runs) < 20 {
		t.Fatalf("only %d words of common terms", len(runs))
	}
	queries = append(queries, runs...)
	queries = append(queries, "劳务派遣 暂行规定", "人力 资源")
	want, err := bl.Search(name, 10)
	if err != nil {
		t.Fatal(err)
	}
	if tiers := show(docs, want.Hits); len(want.Hits) != 4 || want.Hits[1].Tier != TierName || want.Hits[2].Tier != TierFormer || want.Hits[3].Tier != TierAny {
		t.Fatalf("%s: bleve finds%s, not the agency then one of each tier", name, tiers)
	}
	if _, _, err := st.search(name, 10); err != nil || st.keyAnswers != 1 {
		t.Fatalf("%s: not answered with its key (%v)", name, err)
	}
	answered, extra, cut, inexact := 0, 0, 0, 0
	for _, q := range queries {
		for _, n := range []int{1, 10, 20} {
			want, err := bl.Search(q, n)
			if err != nil {
				t.Fatal(err)
			}
			before := st.keyAnswers
			got, total, err := st.search(q, n)
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			if st.keyAnswers > before {
				answered++
				for _, f := range st.fetched {
					if strings.HasPrefix(f, "t/") || strings.HasPrefix(f, "p/") {
						t.Errorf("%q: answered with its key, yet read %s", q, f)
					}
				}
				if len(got) > 1 {
					extra++
				}
				if want.Total > len(got) {
					cut++
				}
				if got[0].Tier > TierExactFormer {
					inexact++
				}
			}
			// the term shards may stop at a page, unsure of the total (-1);
			// an answer is always sure
			keyed := st.keyAnswers > before
			if (total != want.Total && (keyed || total != -1)) || len(got) != len(want.Hits) {
				t.Errorf("%q (%d): static %d hits of %d%s, bleve %d of %d%s", q, n, len(got), total, show(docs, got), len(want.Hits), want.Total, show(docs, want.Hits))
				continue
			}
			for i := range got {
				if got[i].Ord != want.Hits[i].Ord || got[i].Tier != want.Hits[i].Tier {
					t.Errorf("%q (%d): hit %d: static%s, bleve%s", q, n, i, show(docs, got), show(docs, want.Hits))
					break
				}
			}
		}
	}
	t.Logf("%d queries: %d answered with their key, %d of them with hits after the exact ones, %d with more hits than shown, %d with no exact hit", 3*len(queries), answered, extra, cut, inexact)
	if answered == 0 || extra == 0 || cut == 0 || inexact == 0 {
		t.Errorf("answered %d, with more hits %d, with more than shown %d, with no exact hit %d: each must occur", answered, extra, cut, inexact)
	}
}
