package search

import (
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
)

// TestDocumentsAsMapped holds the documents buildIn indexes equal to what
// zap indexes of what bleve's mapping makes of the same bleveDocs
// (Batch.Index): the same fields in the same order, each with the terms,
// frequencies and length of all its values as zap merges them, the same
// options, and no composite (_all) field.
func TestDocumentsAsMapped(t *testing.T) {
	docs := demoDocs(t)
	m, err := Mapping()
	if err != nil {
		t.Fatal(err)
	}
	made, err := newDocuments(m)
	if err != nil {
		t.Fatal(err)
	}
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	places := Places(docs)
	kinds := map[Kind]int{}
	batch := made.batch() // all of them one batch: a repeated value's analysis is reused
	for i := range docs {
		b := keyed(toBleve(&docs[i]), an, places)
		want := document.NewDocument(docID(i))
		if err := m.MapDocument(want, b); err != nil {
			t.Fatal(err)
		}
		got := batch.make(docID(i), &b)
		if len(want.CompositeFields) != 0 || len(got.CompositeFields) != 0 {
			t.Fatalf("doc %d: composite fields %d (mapped) and %d", i, len(want.CompositeFields), len(got.CompositeFields))
		}
		// the mapped fields merged by name, as zap's inverted index
		// section merges them (in the order each name first appears)
		type merged struct {
			name   string
			length int
			freqs  map[string]int
			opts   index.FieldIndexingOptions
		}
		var ws []*merged
		for _, w := range want.Fields {
			w.Analyze()
			if len(ws) == 0 || ws[len(ws)-1].name != w.Name() {
				for _, x := range ws {
					if x.name == w.Name() {
						t.Fatalf("doc %d: the mapping made field %s's values apart", i, w.Name())
					}
				}
				ws = append(ws, &merged{name: w.Name(), freqs: map[string]int{}, opts: w.Options()})
			}
			x := ws[len(ws)-1]
			x.length += w.AnalyzedLength()
			for k, tf := range w.AnalyzedTokenFrequencies() {
				x.freqs[k] += tf.Frequency()
			}
		}
		if len(got.Fields) != len(ws) {
			t.Fatalf("doc %d (%s): %d fields, mapped %d", i, docs[i].Name, len(got.Fields), len(ws))
		}
		for j, w := range ws {
			g := got.Fields[j]
			g.Analyze()
			gf := map[string]int{}
			for k, tf := range g.AnalyzedTokenFrequencies() {
				if string(tf.Term) != k {
					t.Fatalf("doc %d field %s: term %q under %q", i, w.name, tf.Term, k)
				}
				gf[k] = tf.Frequency()
			}
			if g.Name() != w.name || g.Options() != w.opts || g.AnalyzedLength() != w.length || !reflect.DeepEqual(gf, w.freqs) {
				t.Fatalf("doc %d field %d: %s %v length %d %v, mapped %s %v length %d %v", i, j,
					g.Name(), g.Options(), g.AnalyzedLength(), gf, w.name, w.opts, w.length, w.freqs)
			}
		}
		if got.Indexed() != want.Indexed() {
			t.Fatalf("doc %d: indexed %v, mapped %v", i, got.Indexed(), want.Indexed())
		}
		kinds[docs[i].Kind]++
	}
	if kinds[KindAgency] == 0 || len(kinds) < 2 {
		t.Fatalf("the demo documents cover too little: %v", kinds)
	}
}

// TestCacheKey: the same documents key the same; a change to any value
// an index holds, or a value moved from one place to the next, keys
// apart.
func TestCacheKey(t *testing.T) {
	docs := demoDocs(t)
	key := func(ds []Doc) string {
		k, err := CacheKey(ds)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := key(docs)
	if again := key(slices.Clone(docs)); again != base {
		t.Fatalf("the same documents keyed %s and %s", base, again)
	}
	i := slices.IndexFunc(docs, func(d Doc) bool { return d.Kind == KindAgency && len(d.Former) > 0 })
	if i < 0 {
		t.Fatal("the demo documents have no agency with a former name")
	}
	changes := map[string]func(d *Doc){
		"name":          func(d *Doc) { d.Name += "x" },
		"former name":   func(d *Doc) { d.Former = append(slices.Clone(d.Former), "另一名称有限公司") },
		"code":          func(d *Doc) { d.Code = "91440000000000000X" },
		"other":         func(d *Doc) { d.Other = append(slices.Clone(d.Other), "注销") },
		"key":           func(d *Doc) { d.Keys = append(slices.Clone(d.Keys), "k") },
		"a value split": func(d *Doc) { d.Former = []string{d.Former[0][:3], d.Former[0][3:]} },
		// the same characters, one moved to the next value
		"a character moved": func(d *Doc) {
			o := d.Other[0]
			d.Other = append([]string{o[:len(o)-3], o[len(o)-3:] + d.Other[1]}, d.Other[2:]...)
		},
		"a value moved on": func(d *Doc) { d.Other = append([]string{d.Name}, d.Other...); d.Name = "" },
	}
	for what, change := range changes {
		ds := slices.Clone(docs)
		change(&ds[i])
		if key(ds) == base {
			t.Errorf("a changed %s keys as before", what)
		}
	}
	if key(docs[1:]) == base || key(docs[:len(docs)-1]) == base {
		t.Error("a document fewer keys as before")
	}
}
