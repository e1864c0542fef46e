package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// documents makes the bleve documents of bleveDocs as the mapping would
// (Batch.Index walks each one by reflection, a tenth of what building the
// index costs besides analysis): the fields of indexed, in its order, with
// the same values, array positions, options and analyzers
// (TestDocumentsAsMapped holds the two equal).
type documents struct {
	analyzers []analysis.Analyzer // indexed[i]'s
}

// opts are a field's indexing options as Mapping sets them: indexed,
// nothing stored, no term vectors, no doc values.
const opts = index.IndexField

func newDocuments(m *mapping.IndexMappingImpl) (*documents, error) {
	d := &documents{}
	for _, f := range indexed {
		if (f.one == nil) == (f.each == nil) {
			return nil, fmt.Errorf("search: field %s of indexed needs exactly one of one and each", f.name)
		}
		a := m.AnalyzerNamed(f.analyzer)
		if a == nil {
			return nil, fmt.Errorf("search: the mapping lacks analyzer %q (field %s)", f.analyzer, f.name)
		}
		d.analyzers = append(d.analyzers, a)
	}
	return d, nil
}

// make is the document id of b.
func (d *documents) make(id string, b *bleveDoc) *document.Document {
	doc := document.NewDocument(id)
	for i, f := range indexed {
		if f.one != nil {
			doc.AddField(document.NewTextFieldCustom(f.name, []uint64{}, []byte(f.one(b)), opts, d.analyzers[i]))
			continue
		}
		for j, v := range f.each(b) {
			doc.AddField(document.NewTextFieldCustom(f.name, []uint64{uint64(j)}, []byte(v), opts, d.analyzers[i]))
		}
	}
	doc.SetIndexed()
	return doc
}
