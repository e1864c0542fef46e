package search

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
)

// TestDocumentsAsMapped holds the documents buildIn indexes equal to what
// bleve's mapping makes of the same bleveDocs (Batch.Index): the same
// fields in the same order, with the same values, array positions,
// options and analysed terms, and no composite (_all) field.
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
	for i := range docs {
		b := withSigs(toBleve(&docs[i]), an, places)
		want := document.NewDocument(docID(i))
		if err := m.MapDocument(want, b); err != nil {
			t.Fatal(err)
		}
		got := made.make(docID(i), &b)
		if len(want.CompositeFields) != 0 || len(got.CompositeFields) != 0 {
			t.Fatalf("doc %d: composite fields %d (mapped) and %d", i, len(want.CompositeFields), len(got.CompositeFields))
		}
		if len(got.Fields) != len(want.Fields) {
			t.Fatalf("doc %d (%s): %d fields, mapped %d", i, docs[i].Name, len(got.Fields), len(want.Fields))
		}
		for j, w := range want.Fields {
			g := got.Fields[j]
			if g.Name() != w.Name() || !reflect.DeepEqual(g.ArrayPositions(), w.ArrayPositions()) ||
				string(g.Value()) != string(w.Value()) || g.Options() != w.Options() {
				t.Fatalf("doc %d field %d: %s %v %q %v, mapped %s %v %q %v", i, j,
					g.Name(), g.ArrayPositions(), g.Value(), g.Options(), w.Name(), w.ArrayPositions(), w.Value(), w.Options())
			}
			g.Analyze()
			w.Analyze()
			if g.AnalyzedLength() != w.AnalyzedLength() || !reflect.DeepEqual(g.AnalyzedTokenFrequencies(), w.AnalyzedTokenFrequencies()) {
				t.Fatalf("doc %d field %s %q: analysed unlike the mapping", i, w.Name(), w.Value())
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
