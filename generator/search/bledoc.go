package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// documents are the analyzers of indexed's fields, from which a
// batchMaker makes the bleve documents of bleveDocs as zap indexes what
// the mapping would make of them (Batch.Index walks each one by
// reflection): the fields of indexed, in its order, with the same terms,
// term frequencies and lengths — but each field once, its values analysed
// into one set of term frequencies as zap merges the values of a field
// (TokenFrequencies.MergeAll), and a keyword field's values taken as its
// terms without running an analyzer over each. A field a value apiece
// cost a bleve field, a token stream and a map each, and zap's merging
// (with keyed: 3.8–4.2 s → 3.1–3.5 s to index the 50k set, BENCHMARKS.md,
// session 55). TestDocumentsAsMapped holds the two equal.
type documents struct {
	analyzers []analysis.Analyzer // indexed[i]'s; nil: keyword, the value is the term
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
		if f.analyzer == keyword.Name {
			d.analyzers = append(d.analyzers, nil)
			continue
		}
		a := m.AnalyzerNamed(f.analyzer)
		if a == nil {
			return nil, fmt.Errorf("search: the mapping lacks analyzer %q (field %s)", f.analyzer, f.name)
		}
		d.analyzers = append(d.analyzers, a)
	}
	return d, nil
}

// batchMaker makes the documents of one batch, on the goroutine that
// submits it: it keeps the token streams of the repeating fields' values
// (indexed's repeats) by value, and allocates the batch's terms a few
// thousand at a time (the batch holds every document until it is indexed).
type batchMaker struct {
	*documents
	analysed map[string]analysis.TokenStream
	slab     []index.TokenFreq
}

func (d *documents) batch() *batchMaker {
	return &batchMaker{documents: d, analysed: map[string]analysis.TokenStream{}}
}

// terms is room for n terms.
func (m *batchMaker) terms(n int) []index.TokenFreq {
	if cap(m.slab)-len(m.slab) < n {
		m.slab = make([]index.TokenFreq, 0, max(n, 4096))
	}
	s := m.slab[len(m.slab) : len(m.slab) : len(m.slab)+n]
	m.slab = m.slab[:len(m.slab)+n]
	return s
}

// make is the document id of b.
func (m *batchMaker) make(id string, b *bleveDoc) *document.Document {
	d, terms, memo := m.documents, m.terms, m.analysed
	doc := document.NewDocument(id)
	var streams []analysis.TokenStream
	for i, f := range indexed {
		var vs []string
		if f.one != nil {
			vs = []string{f.one(b)}
		} else if vs = f.each(b); len(vs) == 0 {
			continue
		}
		t := &termsField{name: f.name}
		if a := d.analyzers[i]; a != nil {
			streams = streams[:0]
			n := 0
			for _, v := range vs {
				t.bytes += uint64(len(v))
				var ts analysis.TokenStream
				ok := false
				if f.repeats {
					ts, ok = memo[v]
				}
				if !ok {
					ts = a.Analyze([]byte(v))
					if f.repeats {
						memo[v] = ts
					}
				}
				streams = append(streams, ts)
				n += len(ts)
			}
			t.freqs, t.slab = make(index.TokenFrequencies, n), terms(n)
			for _, ts := range streams {
				for _, tk := range ts {
					t.add(tk.Term)
				}
			}
		} else {
			t.freqs, t.slab = make(index.TokenFrequencies, len(vs)), terms(len(vs))
			for _, v := range vs {
				t.bytes += uint64(len(v))
				t.add([]byte(v))
			}
		}
		t.slab = nil
		doc.AddField(t)
	}
	doc.SetIndexed()
	return doc
}

// termsField is a field of a document analysed already: every term of its
// values with its frequency, and their number (the field's length).
type termsField struct {
	name   string
	length int
	freqs  index.TokenFrequencies
	bytes  uint64            // of its values
	slab   []index.TokenFreq // while it is made: room for its terms
}

func (t *termsField) add(term []byte) {
	t.length++
	tf := t.freqs[string(term)]
	if tf == nil {
		t.slab = append(t.slab, index.TokenFreq{Term: term})
		tf = &t.slab[len(t.slab)-1]
		t.freqs[string(term)] = tf
	}
	tf.SetFrequency(tf.Frequency() + 1)
}

func (t *termsField) Name() string                                     { return t.name }
func (t *termsField) ArrayPositions() []uint64                         { return nil }
func (t *termsField) Options() index.FieldIndexingOptions              { return opts }
func (t *termsField) Analyze()                                         {}
func (t *termsField) Value() []byte                                    { return nil } // nothing is stored
func (t *termsField) NumPlainTextBytes() uint64                        { return t.bytes }
func (t *termsField) EncodedFieldType() byte                           { return 't' }
func (t *termsField) AnalyzedLength() int                              { return t.length }
func (t *termsField) AnalyzedTokenFrequencies() index.TokenFrequencies { return t.freqs }

// Size is what the field holds, roughly, for bleve's accounting of a
// batch's memory.
func (t *termsField) Size() int {
	n := 64 + len(t.name)
	for k := range t.freqs {
		n += 2*len(k) + 48
	}
	return n
}
