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

// TestFindNameAfterWords: a name that begins with its province, not a
// place (广东…有限公司), after other words or in a question, or a branch
// of it: the name is cut before the province when it does not begin with
// a place (nameOf), and Find finds the agency.
func TestFindNameAfterWords(t *testing.T) {
	docs := demoDocs(t)
	bl := openBleve(t, docs)
	checked := 0
	for o, d := range docs {
		if d.Kind != KindAgency || !strings.HasPrefix(d.Name, "广东") || !strings.HasSuffix(d.Name, "公司") {
			continue
		}
		for _, q := range []string{"劳务派遣单位" + d.Name, "查询" + d.Name + "有没有劳务派遣资质？"} {
			res, err := bl.Find(q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 || res.Hits[0].Ord != o || res.Hits[0].Tier != TierExact {
				t.Errorf("%q: Find gave %v, want %s first, exactly", q, res.Hits, d.Name)
			}
		}
		q := "查询" + d.Name + "东莞市分公司"
		if res, err := bl.Find(q, 10); err != nil || len(res.Hits) == 0 || res.Hits[0].Ord != o || res.HeadOfficeOf != d.Name+"东莞市分公司" {
			t.Errorf("%q: Find gave %v, head office of %q (%v), want %s", q, res.Hits, res.HeadOfficeOf, err, d.Name)
		}
		checked++
	}
	if checked < 5 {
		t.Errorf("only %d names checked", checked)
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

// TestHeadOfficeIn: a query naming a branch — as typed, asked about, or
// with a remark — gives the branch and its head office's name, the text
// up to the last 公司 before the branch's words; any other query none.
func TestHeadOfficeIn(t *testing.T) {
	places := []string{"清远", "英德", "广州", "深圳"}
	for _, c := range [][3]string{
		{"清远市万邦人力资源开发有限公司深圳市分公司", "清远市万邦人力资源开发有限公司深圳市分公司", "清远市万邦人力资源开发有限公司"},
		{"查询清远市万邦人力资源开发有限公司深圳分公司有没有资质", "清远市万邦人力资源开发有限公司深圳分公司", "清远市万邦人力资源开发有限公司"},
		{"“杭州佳和人力资源有限公司清远市英德市分公司”", "杭州佳和人力资源有限公司清远市英德市分公司", "杭州佳和人力资源有限公司"},
		{"广州市甲人力资源（集团）有限公司第二分公司", "广州市甲人力资源（集团）有限公司第二分公司", "广州市甲人力资源（集团）有限公司"},
		{"广州市乙劳务派遣有限公司天河营业部", "广州市乙劳务派遣有限公司天河营业部", "广州市乙劳务派遣有限公司"},
		{"广州市乙劳务派遣有限公司分公司", "广州市乙劳务派遣有限公司分公司", "广州市乙劳务派遣有限公司"},
		{"查询清远市万邦人力资源开发有限公司深圳分公司", "清远市万邦人力资源开发有限公司深圳分公司", "清远市万邦人力资源开发有限公司"},
		{"清远市万邦人力资源开发有限公司", "", ""},
		{"深圳分公司", "", ""},
		{"清远市万邦人力资源开发有限公司深圳分公司的许可证", "清远市万邦人力资源开发有限公司深圳分公司", "清远市万邦人力资源开发有限公司"},
		{"清远市万邦人力资源开发有限公司深圳分公司地址在哪", "清远市万邦人力资源开发有限公司深圳分公司", "清远市万邦人力资源开发有限公司"},
		{"深圳市丙企业管理有限公司（原深圳市丙劳务派遣有限公司）南山分公司", "深圳市丙企业管理有限公司南山分公司", "深圳市丙企业管理有限公司"},
	} {
		if b, h := HeadOfficeIn(c[0], NameIn(c[0], places)); b != c[1] || h != c[2] {
			t.Errorf("HeadOfficeIn(%q) = %q, %q; want %q, %q", c[0], b, h, c[1], c[2])
		}
	}
}

// TestFindHeadOffice: a branch the register has no record of finds its
// head office alone, said apart (HeadOfficeOf), and never its look-alikes
// or its other branches; a branch the register has finds the branch.
func TestFindHeadOffice(t *testing.T) {
	docs := demoDocs(t)
	bl := openBleve(t, docs)
	heads, branches := 0, 0
	for o, d := range docs {
		if d.Kind != KindAgency || !strings.HasSuffix(d.Name, "有限公司") || strings.Contains(d.Name, "分公司") {
			continue
		}
		q := d.Name + "汕头市潮南区分公司"
		res, err := bl.Find(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.Hits[0].Ord != o || res.HeadOfficeOf != q || res.Total != 1 {
			t.Errorf("%q: Find gave %v (total %d, head office of %q), want %s alone", q, res.Hits, res.Total, res.HeadOfficeOf, d.Name)
		}
		heads++
	}
	for o, d := range docs {
		if d.Kind != KindAgency || !strings.HasSuffix(d.Name, "分公司") {
			continue
		}
		res, err := bl.Find(d.Name, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Ord != o || res.HeadOfficeOf != "" {
			t.Errorf("%q: Find gave %v (head office of %q), want the branch first", d.Name, res.Hits, res.HeadOfficeOf)
		}
		branches++
	}
	res, err := bl.Find("广州市不存在人力资源有限公司深圳分公司", 10)
	if err != nil || len(res.Hits) != 0 || res.HeadOfficeOf != "" {
		t.Errorf("a branch of no agency: %v, %q (%v)", res.Hits, res.HeadOfficeOf, err)
	}
	if heads < 50 || branches < 5 {
		t.Errorf("only %d head offices and %d branches checked", heads, branches)
	}
}

// TestWithoutDistrict: the name a query holds without the district,
// county or county-level city written right after its city (with or
// without its 市) or in its place; none when no place with 区, 县 or 市
// follows one.
func TestWithoutDistrict(t *testing.T) {
	places := []string{"佛山", "高明", "清远", "英德", "广州", "天河"}
	for _, c := range [][2]string{
		{"佛山市高明区信和万邦企业服务有限公司", "佛山市信和万邦企业服务有限公司"},
		{"查询佛山市高明区信和万邦企业服务有限公司有没有资质", "佛山市信和万邦企业服务有限公司"},
		{"清远市英德市旭日人力资源开发有限公司", "清远市旭日人力资源开发有限公司"},
		{"广东省广州市天河区穗安人力资源有限公司", "广州市穗安人力资源有限公司"}, // the name in it (NameIn)
		{"广州市天河区穗安人力资源有限公司天河分公司", "广州市穗安人力资源有限公司天河分公司"},
		{"佛山市信和万邦企业服务有限公司", ""},
		{"佛山高明区信和万邦企业服务有限公司", "佛山信和万邦企业服务有限公司"}, // after a place without its 市
		{"高明区信和万邦企业服务有限公司", "信和万邦企业服务有限公司"},     // in the city's place
		{"英德市旭日人力资源开发有限公司", ""},                 // a city's own 市 where a name begins
		{"广州市天河区", "广州市"},
		{"佛山市高明", ""},         // no 区 after it
		{"佛山市高明人力资源有限公司", ""}, // a place in a name, not a district
		{"佛山市", ""},
	} {
		if got := WithoutDistrict(c[0], NameIn(c[0], places), places); got != c[1] {
			t.Errorf("WithoutDistrict(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// TestFindWithoutDistrict: an agency's name typed with the district its
// region names after the city finds the agency first, marked 名称相近,
// where Search alone finds nothing or only look-alikes.
func TestFindWithoutDistrict(t *testing.T) {
	docs := demoDocs(t)
	bl := openBleve(t, docs)
	names := map[string]bool{}
	for _, d := range docs {
		names[d.Name] = true
	}
	checked := 0
	for _, d := range docs {
		city, district, ok := strings.Cut(d.Region, "市")
		if d.Kind != KindAgency || !ok || !strings.HasSuffix(district, "区") || strings.Contains(d.Name, district) || !strings.HasPrefix(d.Name, city+"市") {
			continue
		}
		q := city + "市" + district + strings.TrimPrefix(d.Name, city+"市")
		if names[q] {
			continue // another agency's name
		}
		if plain, err := bl.Search(q, 10); err != nil || len(plain.Hits) > 0 && plain.Hits[0].Tier < TierNear {
			t.Fatalf("%q: Search alone found %v (%v): the test needs a query it does not answer", q, plain.Hits, err)
		}
		res, err := bl.Find(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || docs[res.Hits[0].Ord].Name != d.Name || res.Hits[0].Tier < TierNear {
			t.Errorf("%q: Find gave %v, want %s first, 名称相近", q, res.Hits, d.Name)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d names checked", checked)
	}
}

// TestFindWithoutDistrictBeforeAllButOne: a name typed with its district
// and another organisation form (有限责任公司 for 有限公司) is the agency's
// name without the district by its near key: Find answers it so, 名称相近,
// having read only what the query's search without its last tier (names
// with all its terms but one) and the name's without the district read —
// that tier, which reads common terms' lists and candidates' records, is
// run only when the name without its district finds nothing — in bleve
// and in the browser's twin alike.
func TestFindWithoutDistrictBeforeAllButOne(t *testing.T) {
	docs := demoDocs(t)
	bl := openBleve(t, docs)
	st := staticIndex(t, docs)
	places := Places(docs)
	checked := 0
	for o, d := range docs {
		city, district, ok := strings.Cut(d.Region, "市")
		if d.Kind != KindAgency || !ok || !strings.HasSuffix(district, "区") || strings.Contains(d.Name, district) ||
			!strings.HasPrefix(d.Name, city+"市") || !strings.HasSuffix(d.Name, "有限公司") || strings.Contains(d.Name, "有限责任") {
			continue
		}
		q := city + "市" + district + strings.TrimSuffix(strings.TrimPrefix(d.Name, city+"市"), "有限公司") + "有限责任公司"
		res, err := bl.Find(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Ord != o || res.Hits[0].Tier != TierNear {
			t.Errorf("%q: Find gave %v, want %s first, TierNear", q, res.Hits, d.Name)
		}
		hits, err := st.find(q, 10)
		if err != nil || !sameHits(hits, res.Hits) {
			t.Errorf("%q: the static twin found %v (%v), bleve %v", q, hits, err, res.Hits)
		}
		files, _ := st.read()
		// what the two searches read, from a fresh start
		if _, _, err := st.search(q, 10); err != nil { // s.json, as find reads it first
			t.Fatal(err)
		}
		st.fetched, st.texts, st.cards, st.absent = nil, nil, nil, nil
		st.readMeta()
		w := WithoutDistrict(q, nameOf(q, places, Provinces(docs)), places)
		if _, _, err := st.answer(q, 10, butAllButOne); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.answer(w, 10, everyNear); err != nil {
			t.Fatal(err)
		}
		both, _ := st.read()
		if files > both {
			t.Errorf("%q: Find read %d index files, the query and %q %d", q, files, w, both)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d names checked", checked)
	}
}
