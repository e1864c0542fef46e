package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// names is a Closest names function over a fixed table.
func names(table map[int][]string) func(int) ([]string, error) {
	return func(o int) ([]string, error) {
		ns, ok := table[o]
		if !ok {
			return nil, fmt.Errorf("no document %d", o)
		}
		return ns, nil
	}
}

// TestClosest: a near result is one name of the agency close to the query,
// never words gathered from several of its former names; the closest
// ranks first.
func TestClosest(t *testing.T) {
	table := map[int][]string{
		// a word of each of three former names: every bigram of the
		// query but one is somewhere in them, nil, and no one name is close
		1: {"广州市德勤至诚企业服务有限公司", "广州市长青新程人力资源有限公司", "广州市诚信金桥职业介绍服务有限公司"},
		2: {"广州市诚信新程人力资源有限公司"},
		3: {"广州市诚信锦程人力资源集团有限公司"},
		4: {"深圳市巨人人力资源集团有限公司"},
		5: {"广州市新锐劳务派遣有限公司", "广州市诚信锦程人力资源集团有限公司"}, // a former name
	}
	for _, c := range []struct {
		q    string
		ords []int
		want []int
	}{
		// a character mistyped inside: the name that differs only there
		// ranks before one that also lacks 集团, a current name before a
		// former one
		{"广州市诚信金程人力资源集团有限公司", []int{1, 2, 3, 5}, []int{3, 5, 2}},
		// 有限责任公司 for 有限公司, and the 市 left out: the name itself,
		// then one a character away
		{"广州诚信锦程人力资源集团有限责任公司", []int{1, 2, 3}, []int{3, 2}},
		// an organisation-form word mistyped (集甲): as written, one off
		{"深圳市巨人人力资源集甲有限公司", []int{4}, []int{4}},
		// two characters off is not close
		{"广州市诚言金程人力资源集团有限公司", []int{2, 3}, nil},
	} {
		got, err := Closest(c.q, nil, c.ords, names(table))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Closest(%q, nil, %v) = %v, want %v", c.q, c.ords, got, c.want)
		}
	}
}

// TestClosestVerifiesAFew: only the first NearVerify candidates are read.
func TestClosestVerifiesAFew(t *testing.T) {
	table := map[int][]string{}
	var ords []int
	for o := range NearVerify + 5 {
		table[o] = []string{"广州市穗安人力资源有限公司"}
		ords = append(ords, o)
	}
	got, err := Closest("穗安人力资源", nil, ords, names(table))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != NearVerify || !slices.Equal(got, ords[:NearVerify]) {
		t.Errorf("kept %v, want the first %d in order", got, NearVerify)
	}
}

// TestOneEdit: a character left out, added, mistyped, or two beside each
// other swapped, and nothing else.
func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"广州穗安人力资源", "广州穗人力资源", true},     // left out
		{"广州穗安人力资源", "广州穗安安人力资源", true},   // doubled
		{"广州穗安人力资源", "广州穗按人力资源", true},    // mistyped
		{"广州穗安人力资源", "广州穗人安力资源", true},    // swapped
		{"广州穗安人力资源", "广州穗安人力资", true},     // the last left out
		{"广州穗安人力资源", "州穗安人力资源", true},     // the first left out
		{"广州穗安人力资源", "广州穗安人力资源", false},   // the same
		{"广州穗安人力资源", "广州穗人力资", false},     // two left out
		{"广州穗安人力资源", "广州安穗人资力源", false},   // two swapped
		{"广州穗安人力资源", "广州穗乙人乙资源", false},   // two mistyped
		{"广州穗安人力资源", "广州人穗安力资源", false},   // one moved two places
		{"广州穗安人力资源", "广州穗安人力资源开发", false}, // two added
	} {
		if got := OneEdit(c.a, c.b); got != c.want {
			t.Errorf("OneEdit(%q, %q) = %v", c.a, c.b, got)
		}
		if got := OneEdit(c.b, c.a); got != c.want {
			t.Errorf("OneEdit(%q, %q) = %v", c.b, c.a, got)
		}
	}
}

// TestNearSigs: two near keys one edit apart after their first two
// characters share a signature, wherever the edit is; a key and one two
// edits away, or one edit away in its first two characters, may not.
func TestNearSigs(t *testing.T) {
	shares := func(a, b string) bool {
		return slices.ContainsFunc(NearSigs(a), func(s string) bool { return slices.Contains(NearSigs(b), s) })
	}
	k := []rune("广州穗安人力资源")
	for i := 2; i < len(k); i++ {
		edits := map[string]string{
			"left out": string(k[:i]) + string(k[i+1:]),
			"added":    string(k[:i]) + "乙" + string(k[i:]),
			"mistyped": string(k[:i]) + "乙" + string(k[i+1:]),
		}
		if i+1 < len(k) {
			edits["swapped"] = string(k[:i]) + string(k[i+1]) + string(k[i]) + string(k[i+2:])
		}
		for what, e := range edits {
			if !OneEdit(string(k), e) {
				t.Fatalf("%s at %d: %q is not one edit from %q", what, i, e, string(k))
			}
			if !shares(string(k), e) {
				t.Errorf("%s at %d: %q (%q) shares no signature with %q (%q)", what, i, e, NearSigs(e), string(k), NearSigs(string(k)))
			}
		}
	}
	if got := NearSigs("广州穗安人力资源"); !slices.Equal(got, []string{"广州穗", "广州安"}) {
		t.Errorf("NearSigs = %q", got)
	}
	if got := NearSigs("穗安人"); got != nil {
		t.Errorf("a key of three characters has signatures %q", got)
	}
}

// sameLists fails t unless got's term lists are want's, in order.
func sameLists(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// TestNearKeyOfKey: the near key of a key, worked out without the
// analysis, is the analysis' key of its nearText, as search-index.js has
// it, for every vector input and demo name.
func TestNearKeyOfKey(t *testing.T) {
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	docs := demoDocs(t)
	in := vectorInputs(docs)
	for _, d := range docs {
		in = append(in, d.Name, strings.ReplaceAll(d.Name, "有限", "有 限"), "  "+strings.ToUpper(d.Name)+" 有限 公司")
		in = append(in, d.Former...)
	}
	for _, s := range in {
		k := an.Key(s)
		if got, want := nearKeyOfKey(k), an.Key(nearText(k)); got != want {
			t.Errorf("%q: nearKeyOfKey(%q) = %q, Key(nearText) = %q", s, k, got, want)
		}
	}
}

// TestNearKeyIsTheTier: a name typed with another organisation form or
// without its 市 finds the names of its near key, best first, and no
// look-alikes after them.
func TestNearKeyIsTheTier(t *testing.T) {
	docs := demoDocs(t)
	bl := openBleve(t, docs)
	an := bl.an
	checked := 0
	for o, d := range docs {
		if d.Kind != KindAgency || !strings.HasSuffix(d.Name, "有限公司") {
			continue
		}
		q := strings.TrimSuffix(d.Name, "有限公司") + "有限责任公司"
		res, err := bl.Search(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 || res.Hits[0].Ord != o && an.Key(docs[res.Hits[0].Ord].Name) != an.Key(d.Name) {
			t.Errorf("%q: first %v, want %s", q, res.Hits, d.Name)
			continue
		}
		for _, h := range res.Hits {
			names := append([]string{docs[h.Ord].Name}, docs[h.Ord].Former...)
			if h.Tier != TierNear || !slices.ContainsFunc(names, func(n string) bool { return an.NearKey(n) == an.NearKey(q) }) {
				t.Errorf("%q: %s (tier %d) has another near key", q, docs[h.Ord].Name, h.Tier)
			}
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("only %d names checked", checked)
	}
}

// TestWithoutProvince: a query that puts the province before a place is
// read by the near tiers without it; one that does not (a name of the
// province's own level, 广东旭日…) is read as typed.
func TestWithoutProvince(t *testing.T) {
	docs := []Doc{{Kind: KindAgency, Province: "广东省"}, {Kind: KindAgency, Province: "广西壮族自治区"}, {Kind: KindPolicy}}
	provinces := Provinces(docs)
	if want := []string{"广西壮族自治区", "广东省", "广东", "广西"}; !slices.Equal(provinces, want) {
		t.Fatalf("Provinces = %q, want %q", provinces, want)
	}
	places := []string{"清远", "英德", "南宁"}
	for _, c := range [][2]string{
		{"广东省清远市旭日人力资源开发有限公司", "清远市旭日人力资源开发有限公司"},
		{"广东清远旭日人力资源开发有限公司", "清远旭日人力资源开发有限公司"},
		{"广东省　清远市旭日人力资源开发有限公司", "清远市旭日人力资源开发有限公司"}, // an ideographic space
		{"廣東省清遠市旭日人力資源開發有限公司", "清远市旭日人力资源开发有限公司"},  // traditional characters, folded
		{"广西壮族自治区南宁市某某劳务派遣有限公司", "南宁市某某劳务派遣有限公司"},
		{"广西南宁某某劳务派遣有限公司", "南宁某某劳务派遣有限公司"},
		{"广东旭日人力资源管理有限公司", "广东旭日人力资源管理有限公司"}, // no place after it
		{"清远市旭日人力资源开发有限公司", "清远市旭日人力资源开发有限公司"},
		{"广东省", "广东省"},
	} {
		if got := withoutProvince(c[0], provinces, places); got != c[1] {
			t.Errorf("withoutProvince(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// TestNearKeyOfMiswrittenForms: an organisation form as people miswrite
// it is set aside like the form itself.
func TestNearKeyOfMiswrittenForms(t *testing.T) {
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	want := an.NearKey("清远市旭日人力资源开发有限公司")
	for _, q := range []string{"清远市旭日人力资源开发责任有限公司", "清远市旭日人力资源开发股份公司", "清远市旭日人力资源开发有限责任公司", "清远市旭日人力资源开发股份有限公司"} {
		if got := an.NearKey(q); got != want {
			t.Errorf("NearKey(%q) = %q, want %q", q, got, want)
		}
	}
}

// TestOneEditIsTheTier: a demo agency's name typed with a character of its
// distinctive part left out, added, mistyped, or two swapped, when no name
// has every term of it, finds the names one edit away as TierNearEdit
// and only them, in bleve as in the static index — which finds them in
// the x/ files of the query's near key's signatures and their records,
// reading no list of a term that is not inline in its shard.
func TestOneEditIsTheTier(t *testing.T) {
	docs := demoDocs(t)
	bl := openBleve(t, docs)
	st := staticIndex(t, docs)
	an, names := bl.an, allNames(docs)
	checked := 0
	for _, k := range typedNames {
		switch k.what {
		case "a character left out", "a character doubled", "a character mistyped", "two characters swapped":
		default:
			continue
		}
		for o, d := range docs {
			q := k.typed(d.Name, 0)
			if d.Kind != KindAgency || q == "" || names[q] {
				continue
			}
			got, res, diff, err := staticVsBleve(docs, st, bl, q)
			if err != nil {
				t.Fatal(err)
			}
			if diff != "" {
				t.Errorf("%q: %s", q, diff)
			}
			if len(res.Hits) == 0 || res.Hits[0].Tier != TierNearEdit {
				continue // names hold every term of it, or its near key: not this tier
			}
			checked++
			if !slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.Ord == o }) {
				t.Errorf("%s %q: %s not found%s", k.what, q, d.Name, show(docs, res.Hits))
			}
			nk := an.NearKey(q)
			for _, h := range res.Hits {
				if h.Tier != TierNearEdit || !slices.ContainsFunc(append([]string{docs[h.Ord].Name}, docs[h.Ord].Former...), func(n string) bool { return OneEdit(an.NearKey(n), nk) }) {
					t.Errorf("%q: %s (tier %d) is not one edit from it", q, docs[h.Ord].Name, h.Tier)
				}
			}
			for _, f := range st.fetched {
				if strings.HasPrefix(f, "p/") {
					t.Errorf("%q: read %s (%d hits)", q, f, len(got))
				}
			}
		}
	}
	if checked < 400 {
		t.Errorf("only %d names checked", checked)
	}
	t.Logf("%d names checked", checked)
}

// TestSignaturesWithDistrict: a name typed with its district reads the
// same x/ files as the name without it (its exact key's, its near key's
// and its signatures'), which Find searches next; and a key one edit from
// a name's, with or without the district, still shares a signature with
// it — the edit in the trade name, or in the district itself.
func TestSignaturesWithDistrict(t *testing.T) {
	places := []string{"广州", "佛山", "顺德", "南海", "天河"}
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	with, without := "佛山市顺德区金手指人力资源开发有限公司", "佛山市金手指人力资源开发有限公司"
	if a, b := exactShardKey(an.Key(with), places), exactShardKey(an.Key(without), places); a != b {
		t.Errorf("exact shard keys %q and %q differ", a, b)
	}
	nkWith, nkWithout := an.NearKey(with), an.NearKey(without)
	if got := noDistrictKey(nkWith, places); got != nkWithout {
		t.Errorf("noDistrictKey(%q) = %q, want %q", nkWith, got, nkWithout)
	}
	for _, k := range []string{nkWithout, "佛山顺德", "顺德金手指", "金手指人力资源"} {
		if got := noDistrictKey(k, places); got != k {
			t.Errorf("noDistrictKey(%q) = %q, want it unchanged", k, got)
		}
	}
	shares := func(q, k string) bool {
		return slices.ContainsFunc(QuerySigs(q, places), func(s string) bool { return slices.Contains(IndexSigs(k, places), s) })
	}
	k := []rune(nkWith) // 佛山顺德金手指人力资源开发
	for i := 2; i < len(k); i++ {
		for what, e := range map[string]string{
			"left out": string(k[:i]) + string(k[i+1:]),
			"mistyped": string(k[:i]) + "乙" + string(k[i+1:]),
			"added":    string(k[:i]) + "乙" + string(k[i:]),
		} {
			if !shares(e, nkWith) {
				t.Errorf("%s at %d: %q (%q) shares no signature with %q (%q)", what, i, e, QuerySigs(e, places), nkWith, IndexSigs(nkWith, places))
			}
			if i < 4 {
				continue
			}
			// in the trade name: the query without its district reads the same signatures
			w := string(k[:2]) + string([]rune(e)[4:])
			if a, b := QuerySigs(e, places), QuerySigs(w, places); !slices.Equal(a, b) {
				t.Errorf("%s at %d: %q reads %q, without its district %q", what, i, e, a, b)
			}
			if OneEdit(w, nkWithout) && !shares(w, nkWithout) {
				t.Errorf("%s at %d: %q shares no signature with %q", what, i, w, nkWithout)
			}
		}
	}
}
