package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// documents makes the bleve documents of bleveDocs as the mapping would
// (Batch.Index walks each one by reflection, a tenth of what building the
// index costs besides analysis): the same fields, in the same order, with
// the same values, array positions, options and analyzers
// (TestDocumentsAsMapped holds the two equal).
type documents struct {
	text, key, near, sigs analysis.Analyzer
}

// opts are a field's indexing options as Mapping sets them: indexed,
// nothing stored, no term vectors, no doc values.
const opts = index.IndexField

func newDocuments(m *mapping.IndexMappingImpl) (*documents, error) {
	d := &documents{m.AnalyzerNamed(TextAnalyzer), m.AnalyzerNamed(KeyAnalyzer), m.AnalyzerNamed(NearKeyAnalyzer), m.AnalyzerNamed(keyword.Name)}
	if d.text == nil || d.key == nil || d.near == nil || d.sigs == nil {
		return nil, fmt.Errorf("search: the mapping lacks an analyzer")
	}
	return d, nil
}

// make is the document id of b.
func (d *documents) make(id string, b *bleveDoc) *document.Document {
	doc := document.NewDocument(id)
	one := func(name, v string, a analysis.Analyzer) {
		doc.AddField(document.NewTextFieldCustom(name, []uint64{}, []byte(v), opts, a))
	}
	each := func(name string, vs []string, a analysis.Analyzer) {
		for i, v := range vs {
			doc.AddField(document.NewTextFieldCustom(name, []uint64{uint64(i)}, []byte(v), opts, a))
		}
	}
	one(bName, b.N, d.text)
	each(bFormer, b.F, d.text)
	each(bOther, b.O, d.text)
	each(bKeys, b.E, d.key)
	each(bOld, b.EF, d.key)
	each(bNear, b.NC, d.key)
	one(bNearK, b.K, d.near)
	each(bNearKF, b.KF, d.near)
	each(bSigs, b.SG, d.sigs)
	doc.SetIndexed()
	return doc
}
