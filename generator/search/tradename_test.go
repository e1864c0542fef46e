package search

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTradeName: a name's place and trade name are what is left once its
// province, places, organisation form and the industry words before it
// are set aside; a name with no industry word, or with nothing but
// industry words after its place, has none.
func TestTradeName(t *testing.T) {
	places := []string{"广州", "天河", "清远", "英德"}
	provinces := []string{"广东省", "广东"}
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]string{
		{"广州市博雅人力资源服务有限公司", "广州 博雅"},
		{"广州博雅劳务派遣有限公司", "广州 博雅"},
		{"广州市天河区博雅人力资源管理有限责任公司", "广州 博雅"}, // a district after its city
		{"广东省清远市旭日人力资源开发有限公司", "清远 旭日"},
		{"旭日人力资源开发有限公司", "旭日"}, // no place
		{"清远市 旭日 人力资源 有限公司", "清远 旭日"},
		{"廣州市博雅人力資源服務有限公司", "广州 博雅"}, // traditional characters, folded by the key // spaces
		{"清远市旭日有限公司", "清远 旭日"},       // no industry word, but a place
		{"广州中智", "广州 中智"},            // 中智人力资源管理（广州）有限公司, its place put first
		{"旭日有限公司", ""},               // neither an industry word nor a place: the near tiers' case
		{"广州人才", ""},                 // nothing but an industry word after the place
		{"广州市人力资源服务有限公司", ""},        // nothing but industry words
		{"广州市人力服务有限公司", ""},
		{"广州市天河人力资源有限公司", "广州 天河"}, // a place without 区 in a name is its trade name
		{"潮州市名匠力人资源开发有限公司", ""},    // more than maxTradeName left: a typo in 人力资源
		{"广州市骏业英才人力资源有限公司", "广州 骏业英才"},
		{"广州市从化市四海人力资源有限公司", "广州 四海"}, // a county-level city not among the places
		{"广州市番禺沙湾区四海人力资源有限公司", ""},    // a district not of two or three characters stays: too long
		{"劳务派遣经营许可证", ""},
		{"", ""},
	} {
		if got := TradeName(an.Key(c[0]), places, provinces); got != c[1] {
			t.Errorf("TradeName(Key(%q)) = %q, want %q", c[0], got, c[1])
		}
	}
}

// TestFindByTradeName: every demo agency whose name has an industry word,
// asked for with other industry words — 服务 added, 劳务派遣 for what it
// does — is found by Find on the first page, unless another agency of
// its place and trade name is the query's name but for its form or places
// (TierNear) or has all its terms, or another agency is the query's name
// but for its form or places (a former name, a district), which Find
// does not look beyond.
func TestFindByTradeName(t *testing.T) {
	docs := demoDocs(t)
	bl := openBleve(t, docs)
	names := allNames(docs) // a query that is a name (or former name) is its own answer
	asked, before, nearFirst := 0, 0, 0
	for o, d := range docs {
		if d.Kind != KindAgency || strings.Contains(d.Name, "分公司") || !strings.HasSuffix(d.Name, "有限公司") {
			continue
		}
		i := strings.Index(d.Name, "人力资源")
		if i < 0 {
			continue
		}
		for _, q := range []string{
			d.Name[:i] + "人力资源服务有限公司",
			d.Name[:i] + "劳务派遣有限公司",
		} {
			if names[q] {
				continue
			}
			asked++
			s, err := bl.Search(q, 10)
			if err != nil {
				t.Fatal(err)
			}
			before += len(s.Hits)
			res, err := bl.Find(q, 10)
			if err != nil {
				t.Fatal(err)
			}
			// the agency, or another of its place and trade name when the
			// query is that one's name but for its form or places, or has
			// every term in its texts
			on, alike := false, false
			for _, h := range res.Hits {
				on = on || h.Ord == o
				alike = alike || h.Tier <= TierNear && strings.HasPrefix(docs[h.Ord].Name, d.Name[:i])
			}
			switch {
			case on || alike:
			case len(res.Hits) > 0 && res.Hits[0].Tier == TierNear:
				nearFirst++ // a name but for its form or places (a former one, a district): TradeName is not asked
			default:
				t.Errorf("%q: Find gave %v, want %s on the first page", q, res.Hits, d.Name)
			}
		}
	}
	if asked < 50 || nearFirst > asked/20 {
		t.Fatalf("%d names asked, %d of them answered by another name but for its form or places", asked, nearFirst)
	}
	t.Logf("%d names asked with other industry words (Search alone: %d hits; %d answered by another name but for its form or places)", asked, before, nearFirst)
}

// FuzzTradeName: a trade name is "" or two to four characters of the
// query's key, after one of the places when one begins it.
func FuzzTradeName(f *testing.F) {
	places := []string{"广州", "天河", "清远"}
	provinces := []string{"广东省", "广东"}
	for _, s := range []string{"广州市博雅人力资源服务有限公司", "广东省清远市旭日劳务派遣有限公司", "广州市天河区博雅管理有限公司", "广州市从化市四海人力资源有限公司", "人力资源服务有限公司", "博雅（广州）人力资源有限公司", "广州市𠀾𠀾服务有限公司"} {
		f.Add(s)
	}
	an, err := NewAnalysis()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		k := an.Key(q) // what Find and search.js give it
		got := TradeName(k, places, provinces)
		if got == "" {
			return
		}
		place, trade, ok := strings.Cut(got, " ")
		if !ok {
			place, trade = "", got
		}
		if n := utf8.RuneCountInString(trade); n < 2 || n > maxTradeName {
			t.Fatalf("TradeName(Key(%q)) = %q: a trade name of %d characters", q, got, n)
		}
		if place != "" && !slices.Contains(places, place) {
			t.Fatalf("TradeName(Key(%q)) = %q: %q is no place", q, got, place)
		}
		if !strings.Contains(k, trade) {
			t.Fatalf("TradeName(Key(%q)) = %q: not in the key", q, got)
		}
	})
}

// TestFindPlaceFirst: a name whose place is in brackets after its trade
// name — 中智人力资源管理（广州）有限公司 — is found by its place and trade
// name put first, as people say it (广州中智), in the near tier: its
// terms are not the name's, but both are in it.
func TestFindPlaceFirst(t *testing.T) {
	data := t.TempDir()
	for _, f := range []string{"licences.csv", "regions.csv"} {
		b, err := os.ReadFile(filepath.Join(repo(), "data", f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "licences.csv" {
			b = append(b, "中智人力资源管理（广州）有限公司,91440106MA5T00150T,,,500,440106202400015,新许可,,2024-03-04,2024-03-04,2027-03-03,广州市天河区人力资源和社会保障局,440106,2024-03-05,,,\n"...)
		}
		if err := os.WriteFile(filepath.Join(data, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs := docsOf(t, data)
	bl := openBleve(t, docs)
	for _, q := range []string{"广州中智", "广州市中智有限公司"} {
		res, err := bl.Find(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || docs[res.Hits[0].Ord].Name != "中智人力资源管理（广州）有限公司" || res.Hits[0].Tier != TierNear {
			t.Errorf("%q: Find gave %v, want 中智人力资源管理（广州）有限公司 first, 名称相近", q, res.Hits)
		}
	}
}
