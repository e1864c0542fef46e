package search

import (
	"strings"
	"testing"
)

// TestNameIn: the name a query holds among other words is the text before
// its last 公司, from the first place in it, without a bracketed remark
// holding a company's name; a query that is a name already, or holds no
// 公司, has none.
func TestNameIn(t *testing.T) {
	places := []string{"清远", "英德", "广州"}
	for _, c := range [][2]string{
		{"查询清远市旭日人力资源开发有限公司", "清远市旭日人力资源开发有限公司"},
		{"清远市旭日人力资源开发有限公司有没有资质", "清远市旭日人力资源开发有限公司"},
		{"请问“清远市旭日人力资源开发有限公司”是否有劳务派遣资质？", "清远市旭日人力资源开发有限公司"},
		{"清远市旭日人力资源开发有限公司（原清远市旭日职业介绍服务有限公司）", "清远市旭日人力资源开发有限公司"},
		{"清远市旭日人力资源开发有限公司(原名:清远市旭日职业介绍服务有限公司)", "清远市旭日人力资源开发有限公司"},
		{"旭日人力资源开发有限公司是否有资质", "旭日人力资源开发有限公司"},         // no place: cut after 公司 only
		{"广州市甲人力资源（集团）有限公司是否有资质", "广州市甲人力资源（集团）有限公司"}, // a bracket without 公司 is the name's
		{"清远市旭日人力资源开发有限公司英德分公司", ""},                  // a branch's name: as typed
		{"杭州佳和人力资源有限公司清远市英德市分公司", ""},                 // a branch's place is in its name
		{"广东省杭州佳和人力资源有限公司清远市分公司", ""},
		{"清远市旭日人力资源开发有限公司", ""},
		{"清远市旭日人力资源", ""},
		{"劳务派遣经营许可证", ""},
	} {
		if got := NameIn(c[0], places); got != c[1] {
			t.Errorf("NameIn(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// TestFindNameInASentence: an agency's name asked about in a sentence, or
// written with its former name in brackets, finds the agency first, where
// Search alone finds nothing.
func TestFindNameInASentence(t *testing.T) {
	docs := demoDocs(t)
	bl := openBleve(t, docs)
	checked := 0
	for o, d := range docs {
		if d.Kind != KindAgency || !strings.HasSuffix(d.Name, "公司") || !strings.HasPrefix(d.Name, "广州市") || checked >= 40 {
			continue
		}
		qs := []string{"查询" + d.Name + "有没有劳务派遣资质"}
		if len(d.Former) > 0 && strings.HasSuffix(d.Former[0], "公司") {
			qs = append(qs, d.Name+"（原"+d.Former[0]+"）")
		}
		for _, q := range qs {
			if plain, err := bl.Search(q, 10); err != nil || len(plain.Hits) > 0 {
				t.Fatalf("%q: Search alone found %v (%v): the test needs a query it does not answer", q, plain.Hits, err)
			}
			res, err := bl.Find(q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 || res.Hits[0].Ord != o && docs[res.Hits[0].Ord].Name != d.Name {
				t.Errorf("%q: Find gave %v, want %s first", q, res.Hits, d.Name)
			}
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("only %d names checked", checked)
	}
}
