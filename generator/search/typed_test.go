package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"portal/generator/model"
)

// typedNames are the ways people type a name they half remember (issue
// #15): each gives the query for a name, or "" where it does not apply.
// The edits fall in the name's distinctive part, after its place, at a
// third and at a half of it.
var typedNames = []struct {
	what  string
	typed func(name string, at int) string
}{
	{"有限责任公司 for 有限公司", func(n string, at int) string {
		return when(at == 0 && strings.HasSuffix(n, "有限公司"), strings.TrimSuffix(n, "有限公司")+"有限责任公司")
	}},
	{"公司 for 有限公司", func(n string, at int) string {
		return when(at == 0 && strings.HasSuffix(n, "有限公司"), strings.TrimSuffix(n, "有限公司")+"公司")
	}},
	{"the 市 left out", func(n string, at int) string {
		r := []rune(n)
		return when(at == 0 && len(r) > 6 && r[2] == '市', string(r[:2])+string(r[3:]))
	}},
	{"派遣 left out", func(n string, at int) string {
		return when(at == 0 && strings.Contains(n, "劳务派遣"), strings.Replace(n, "劳务派遣", "劳务", 1))
	}},
	{"a 市 added", func(n string, at int) string {
		r := []rune(n)
		return when(at == 0 && len(r) > 6 && !strings.ContainsRune(string(r[:4]), '市'), string(r[:2])+"市"+string(r[2:]))
	}},
	{"the city and 有限 left out", func(n string, at int) string {
		i := strings.Index(n, "市")
		return when(at == 0 && i > 0 && i < 12 && strings.HasSuffix(n, "有限公司"), strings.TrimSuffix(n[i+len("市"):], "有限公司")+"公司")
	}},
	{"（集团） added", func(n string, at int) string {
		return when(at == 0 && strings.HasSuffix(n, "有限公司") && !strings.Contains(n, "集团"), strings.TrimSuffix(n, "有限公司")+"(集团)有限公司")
	}},
	{"集团 left out", func(n string, at int) string {
		return when(at == 0 && strings.Contains(n, "集团有限公司"), strings.Replace(n, "集团有限公司", "有限公司", 1))
	}},
	{"the city in brackets after the trade name", func(n string, at int) string {
		i := strings.Index(n, "市")
		if i <= 0 || i >= 12 || !strings.HasSuffix(n, "有限公司") {
			return ""
		}
		rest := strings.TrimSuffix(n[i+len("市"):], "有限公司")
		if at == 1 { // and the district left out
			r := []rune(rest)
			k := slices.IndexFunc(r[:min(len(r), 5)], func(c rune) bool { return c == '区' || c == '县' })
			if k < 1 {
				return ""
			}
			rest = string(r[k+1:])
		}
		return rest + "（" + n[:i] + "）有限公司"
	}},
	{"a character left out", func(n string, at int) string {
		r, k := editAt(n, at)
		return when(k > 0, string(r[:k])+string(r[k+1:]))
	}},
	{"a character doubled", func(n string, at int) string {
		r, k := editAt(n, at)
		return when(k > 0, string(r[:k+1])+string(r[k:]))
	}},
	{"a character mistyped", func(n string, at int) string {
		r, k := editAt(n, at)
		return when(k > 0 && r[k] != '乙', string(r[:k])+"乙"+string(r[k+1:]))
	}},
	{"an accent or a variation selector pasted after a character", func(n string, at int) string {
		r, k := editAt(n, at)
		return when(k > 0, string(r[:k+1])+[]string{"\u0301", "\ufe0f"}[at]+string(r[k+1:]))
	}},
	{"two characters swapped", func(n string, at int) string {
		r, k := editAt(n, at)
		return when(k > 0 && r[k] != r[k+1], string(r[:k])+string(r[k+1])+string(r[k])+string(r[k+2:]))
	}},
}

func when(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

// editAt is the runes of a name and the place of its at-th edit (0, 1)
// in the part between its city (…市) and its organisation form (有限公司),
// at a third and at a half of it; 0 when that part is shorter than 4.
func editAt(n string, at int) ([]rune, int) {
	r := []rune(n)
	from, to := 0, len(r)
	if i := strings.Index(n, "市"); i >= 0 && i < 12 {
		from = len([]rune(n[:i])) + 1
	}
	if i := strings.LastIndex(n, "有限公司"); i > 0 {
		to = len([]rune(n[:i]))
	}
	if to-from < 4 {
		return r, 0
	}
	return r, from + (to-from)*(at+2)/6
}

// TestTypedNamesAreFound: every demo agency's name typed as people type
// it — 有限责任公司, 有限 or 市 left out, （集团） added or 集团 left out, the
// city in brackets after the trade name, a character of its distinctive
// part left out, doubled, mistyped, followed by a stray accent, or two of
// them swapped — is never
// 未查到, and finds the agency on the first page (a typed name that is
// another agency's name is that agency's); the static index gives
// bleve's hits.
func TestTypedNamesAreFound(t *testing.T) {
	docs := demoDocs(t)
	bl := openBleve(t, docs)
	st := staticIndex(t, docs)
	names := allNames(docs)
	keys := map[string]bool{} // a query with a name's key is that name, as it is written (brackets and spaces aside)
	for n := range names {
		keys[bl.an.Key(n)] = true
	}
	for _, k := range typedNames {
		n, missed := 0, 0
		for o, d := range docs {
			if d.Kind != KindAgency {
				continue
			}
			for at := range 2 {
				q := k.typed(d.Name, at)
				if q == "" || names[q] || keys[bl.an.Key(q)] {
					continue // another name as it is: its own answer
				}
				n++
				_, res, diff, err := staticVsBleve(docs, st, bl, q)
				if err != nil {
					t.Fatal(err)
				}
				if diff != "" {
					t.Errorf("%s %q: %s", k.what, q, diff)
				}
				if res.Total == 0 {
					t.Errorf("%s: %q for %q: 未查到", k.what, q, d.Name)
					continue
				}
				found := false
				for _, h := range res.Hits {
					found = found || h.Ord == o
				}
				if !found {
					missed++
					t.Errorf("%s: %q for %q: not on the first page%s", k.what, q, d.Name, show(docs, res.Hits))
				}
			}
		}
		t.Logf("%s: %d names, %d not on the first page", k.what, n, missed)
	}
}

// allNames are the current and former names of docs.
func allNames(docs []Doc) map[string]bool {
	names := map[string]bool{}
	for _, d := range docs {
		names[d.Name] = true
		for _, f := range d.Former {
			names[f] = true
		}
	}
	return names
}

func sameHits(a, b []Hit) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Ord != b[i].Ord || a[i].Tier != b[i].Tier {
			return false
		}
	}
	return true
}

// A name with a stray accent, joiner or variation selector after one of
// its characters is the name itself: its exact key, first.
func TestMarksLeaveTheExactName(t *testing.T) {
	docs := demoDocs(t)
	bl := openBleve(t, docs)
	st := staticIndex(t, docs)
	names := allNames(docs)
	marks := []string{"\u0301", "\u200d", "\ufe0f", "\U000E0100"}
	n := 0
	for o, d := range docs {
		if d.Kind != KindAgency || o%9 != 0 {
			continue
		}
		r := []rune(d.Name)
		q := string(r[:3]) + marks[n%len(marks)] + string(r[3:])
		if names[q] {
			continue
		}
		n++
		exactFirst(t, docs, st, bl, q, o)
	}
	if n < 20 {
		t.Fatalf("only %d names", n)
	}
}

// exactFirst requires q to find docs[o] first, by its exact key, in the
// static index as in bleve.
func exactFirst(t *testing.T, docs []Doc, st *staticReader, bl *BleveIndex, q string, o int) {
	t.Helper()
	got, _, diff, err := staticVsBleve(docs, st, bl, q)
	if err != nil {
		t.Fatal(err)
	}
	if diff != "" {
		t.Errorf("%q: %s", q, diff)
	}
	if len(got) == 0 || got[0].Ord != o || got[0].Tier != TierExact {
		t.Errorf("%q: want %s exactly, first; got%s", q, docs[o].Name, show(docs, got))
	}
}

// A 文号 or licence number typed with other brackets — [2024], (2024),
// 【2024】 for 〔2024〕 — is the number itself: its exact key, first, in
// both engines.
func TestBracketsLeaveTheExactKey(t *testing.T) {
	docs := slices.Clone(demoDocs(t)) // the shared demo docs stay as listed
	n := 0
	for o := range docs { // licence numbers as some provinces write them
		if d := &docs[o]; d.Kind == KindAgency && o%25 == 0 && len(d.Keys) > 1 && d.Keys[1] == d.Licence {
			n++
			d.Licence = fmt.Sprintf("粤劳派（穗）字〔2014〕第%04d号", n)
			d.Keys = append(slices.Clone(d.Keys), d.Licence)
		}
	}
	bl := openBleve(t, docs)
	st := staticIndex(t, docs)
	typed := []func(string) string{
		strings.NewReplacer("〔", "[", "〕", "]").Replace,
		strings.NewReplacer("〔", "(", "〕", ")").Replace,
		strings.NewReplacer("〔", "【", "〕", "】", "（", "(", "）", ")").Replace,
		strings.NewReplacer("〔", "（", "〕", "）", "（", "[", "）", "]").Replace,
		strings.NewReplacer("〔", " ", "〕", " ", "（", "", "）", "").Replace,
	}
	asked := 0
	for o, d := range docs {
		no := d.Licence
		if d.Kind != KindAgency {
			no = d.Note // a policy's 文号
		}
		if !strings.Contains(no, "〔") {
			continue
		}
		for _, f := range typed {
			q := f(no)
			asked++
			exactFirst(t, docs, st, bl, q, o)
		}
	}
	if asked < 40 {
		t.Fatalf("only %d queries", asked)
	}
}

// A licence number retyped from a certificate — without 第, 字 or 号, its
// serial without the zeros it is padded with, after its label — finds its
// agency exactly, first, in both engines; a number no licence has finds
// nothing.
func TestRetypedLicenceNumber(t *testing.T) {
	docs := slices.Clone(demoDocs(t))
	n := 0
	for o := range docs {
		if d := &docs[o]; d.Kind == KindAgency && o%25 == 0 && len(d.Keys) > 1 && d.Keys[1] == d.Licence {
			n++
			d.Licence = fmt.Sprintf("粤劳派（穗）字〔2014〕第%04d号", n)
			d.Keys = append(slices.Clone(d.Keys), d.Licence)
			d.Keys = appendLicenceKeys(d.Keys, d.Licence)
		}
	}
	bl := openBleve(t, docs)
	st := staticIndex(t, docs)
	asked := 0
	for o, d := range docs {
		var serial int
		if _, err := fmt.Sscanf(d.Licence, "粤劳派（穗）字〔2014〕第%04d号", &serial); err != nil || d.Kind != KindAgency {
			continue
		}
		for _, q := range []string{
			fmt.Sprintf("粤劳派（穗）字〔2014〕%04d号", serial),
			fmt.Sprintf("粤劳派(穗)字[2014]第%d号", serial),
			fmt.Sprintf("粤劳派穗2014 %d", serial),
			fmt.Sprintf("粤劳派（穗）〔2014〕第%04d", serial),
			fmt.Sprintf("许可证编号：粤劳派（穗）字〔2014〕%d号", serial),
		} {
			asked++
			exactFirst(t, docs, st, bl, q, o)
		}
	}
	if asked < 40 {
		t.Fatalf("only %d queries", asked)
	}
	for _, q := range []string{fmt.Sprintf("粤劳派（穗）字〔2014〕第%d号", n+1), "粤劳派（穗）字〔2015〕第1号", "粤劳派字〔2014〕第1号"} {
		got, want, diff, err := staticVsBleve(docs, st, bl, q)
		if err != nil {
			t.Fatal(err)
		}
		if diff != "" {
			t.Errorf("%q: %s", q, diff)
		}
		if len(got) > 0 && got[0].Tier == TierExact {
			t.Errorf("%q: no licence has it; got %d hits,%s", q, want.Total, show(docs, got))
		}
	}
}

// A code with one character mistyped is answered with the codes one
// character away only: a code found under the same neighbour key (sharing
// every character at even places, or every one at odd places) may differ
// in more of the others, and is no suggestion for it. Both engines.
func TestMistypedCodeOffersCodesOneAway(t *testing.T) {
	docs := slices.Clone(demoDocs(t))
	var agencies []int
	for o, d := range docs {
		if d.Kind == KindAgency && model.CheckCreditCode(d.Code) == nil {
			agencies = append(agencies, o)
		}
	}
	a, b := agencies[0], agencies[1]
	next := func(c byte) byte {
		return model.CreditAlphabet[(strings.IndexByte(model.CreditAlphabet, c)+1)%len(model.CreditAlphabet)]
	}
	// b's code: a's with two characters at odd places changed
	cb := []byte(docs[a].Code)
	cb[9], cb[11] = next(cb[9]), next(cb[11])
	cb[17] = model.CreditCheckChar(string(cb[:17]))
	old := strings.ToLower(docs[b].Code)
	docs[b].Code = string(cb)
	docs[b].Keys = slices.Clone(docs[b].Keys)
	for i, k := range docs[b].Keys {
		if k == old {
			docs[b].Keys[i] = strings.ToLower(docs[b].Code)
		}
	}
	// the query: a's code with a third character at an odd place mistyped
	q := []byte(docs[a].Code)
	for q[13] = next(q[13]); model.CheckCreditCode(string(q)) == nil; q[13] = next(q[13]) {
	}
	if c := CheckCode(strings.ToLower(string(q))); c.Kind != "check" {
		t.Fatalf("%s: check %+v", q, c)
	}
	bl := openBleve(t, docs)
	st := staticIndex(t, docs)
	res, err := bl.Search(string(q), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Ord != a || res.Hits[0].Tier != TierCodeFix || res.Total != 1 {
		t.Errorf("bleve, %s: want only %s (%s); got%s", q, docs[a].Code, docs[a].Name, show(docs, res.Hits))
	}
	hits, total, err := st.search(string(q), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Ord != a || total != 1 {
		t.Errorf("static, %s: want only %s; got%s", q, docs[a].Code, show(docs, hits))
	}
}

// TestFindPlainAsFull: Find leaves the near tiers out of the searches
// whose look-alikes it does not show, and answers every 17th demo
// agency's name (each query takes two Finds of every tier), typed as
// people type it — alone, in a question, as a branch, with its district
// after its city —, as it does with them; and so does the static index
// read as search.js reads it (staticReader.find).
func TestFindPlainAsFull(t *testing.T) {
	docs := demoDocs(t)
	bl := openBleve(t, docs)
	st := staticIndex(t, docs)
	names := allNames(docs)
	n := 0
	for _, k := range typedNames {
		for o := 0; o < len(docs); o += 17 {
			d := &docs[o]
			for at := range 2 {
				q := k.typed(d.Name, at)
				if d.Kind != KindAgency || q == "" || names[q] {
					continue
				}
				qs := []string{q, "查询" + q, q + "深圳市分公司"}
				// the district of its region after its city
				if city, district, ok := strings.Cut(d.Region, "市"); ok && district != "" && strings.HasPrefix(q, city+"市") && !strings.Contains(q, district) {
					qs = append(qs, city+"市"+district+strings.TrimPrefix(q, city+"市"))
				}
				for _, q := range qs {
					n++
					got, err := bl.find(q, 10, true)
					if err != nil {
						t.Fatal(err)
					}
					want, err := bl.find(q, 10, false)
					if err != nil {
						t.Fatal(err)
					}
					if !sameHits(got.Hits, want.Hits) || got.Total != want.Total || got.HeadOfficeOf != want.HeadOfficeOf {
						t.Errorf("%s %q: %d hits (total %d), with every near tier %d (total %d)", k.what, q, len(got.Hits), got.Total, len(want.Hits), want.Total)
					}
					// and as search.js finds it in the static index
					if hits, err := st.find(q, 10); err != nil || !sameHits(hits, got.Hits) {
						t.Errorf("%s %q: the static index finds %v (%v), bleve %v", k.what, q, hits, err, got.Hits)
					}
				}
			}
		}
	}
	t.Logf("%d queries", n)
}
