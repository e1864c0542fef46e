package search

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"portal/generator/internal/par"
)

// Field names in the bleve index.
const (
	bName   = "n"  // current name or title (text analyzer)
	bFormer = "f"  // 曾用名 (text analyzer)
	bOther  = "o"  // region, status, document text (text analyzer)
	bKeys   = "e"  // exact keys (Analysis.Key)
	bOld    = "ef" // exact keys of former names (Analysis.Key)
	bNear   = "nc" // an agency's CodeNeighbours (keys already)
	bNearK  = "k"  // an agency's name as a near key (Analysis.NearKey)
	bNearKF = "kf" // its former names as near keys (Analysis.NearKey)
	bSigs   = "sg" // the IndexSigs of its name's and former names' near keys
)

// indexed are the fields of the bleve index, each with its analyzer and
// its values in a bleveDoc; Mapping maps them and batchMaker.make makes
// them, in this order. The text fields are analysed by bleve; the values
// of the others are terms already, worked out by keyed (bleve's keyword
// analyzer takes each whole), so that a name is keyed once for its exact
// key, its near key and its signatures, not once for each.
var indexed = []struct {
	name, analyzer string
	one            func(*bleveDoc) string   // a single value (array positions [])
	each           func(*bleveDoc) []string // or a list (array positions [i])
	// repeats: the same values recur from document to document (a
	// region, a status), analysed once a batch (batchMaker)
	repeats bool
}{
	{name: bName, analyzer: TextAnalyzer, one: func(b *bleveDoc) string { return b.N }},
	{name: bFormer, analyzer: TextAnalyzer, each: func(b *bleveDoc) []string { return b.F }},
	{name: bOther, analyzer: TextAnalyzer, each: func(b *bleveDoc) []string { return b.O }, repeats: true},
	{name: bKeys, analyzer: keyword.Name, each: func(b *bleveDoc) []string { return b.E }},
	{name: bOld, analyzer: keyword.Name, each: func(b *bleveDoc) []string { return b.EF }},
	{name: bNear, analyzer: keyword.Name, each: func(b *bleveDoc) []string { return b.NC }},
	{name: bNearK, analyzer: keyword.Name, each: func(b *bleveDoc) []string { return b.K }},
	{name: bNearKF, analyzer: keyword.Name, each: func(b *bleveDoc) []string { return b.KF }},
	{name: bSigs, analyzer: keyword.Name, each: func(b *bleveDoc) []string { return b.SG }},
}

// bleveDoc is what is indexed for one Doc; its ID is its ord, zero-padded
// so that sorting by ID is sorting by ord.
type bleveDoc struct {
	N  string   `json:"n"`
	F  []string `json:"f"`
	O  []string `json:"o"`
	E  []string `json:"e"`
	EF []string `json:"ef"`
	NC []string `json:"nc,omitempty"`
	K  []string `json:"k,omitempty"` // the name (one, or none)
	KF []string `json:"kf,omitempty"`
	SG []string `json:"sg,omitempty"`
}

func (bleveDoc) BleveType() string { return "item" }

func docID(ord int) string { return fmt.Sprintf("%08d", ord) }

// toBleve is what is indexed for d as it reads, before keyed works out
// its keys, near keys and signatures from it: E, EF, K and KF hold the
// values themselves, SG its names (the cache key hashes these, and the
// analysis version and places they are keyed with).
func toBleve(d *Doc) bleveDoc {
	b := bleveDoc{N: d.Name, F: d.Former, O: d.Other, E: d.Keys, EF: d.OldKeys}
	if d.Kind == KindAgency {
		b.NC = CodeNeighbours(strings.ToLower(d.Code))
		b.K, b.KF = []string{d.Name}, d.Former
		b.SG = append([]string{d.Name}, d.Former...)
	}
	return b
}

// keyed is b with the terms its key fields are indexed under, as a query
// reads them: E and EF their Analysis.Key, K and KF the near keys of their
// names (Analysis.NearKey; none for a name that leaves nothing) and SG the
// IndexSigs of its names' near keys, each once. NC is keys already. Each
// distinct value is keyed once: an agency's name is an exact key, a near
// key and signatures.
func keyed(b bleveDoc, an *Analysis, places []string) bleveDoc {
	var seen []string // value, key, value, key…: a handful a document
	key := func(v string) string {
		for i := 0; i < len(seen); i += 2 {
			if seen[i] == v {
				return seen[i+1]
			}
		}
		k := an.Key(v)
		seen = append(seen, v, k)
		return k
	}
	keys := func(vs []string) []string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = key(v)
		}
		return out
	}
	near := func(vs []string) []string {
		var out []string
		for _, v := range vs {
			if nk := nearKeyOfKey(key(v)); nk != "" {
				out = append(out, nk)
			}
		}
		return out
	}
	b.E, b.EF = keys(b.E), keys(b.EF)
	b.K, b.KF = near(b.K), near(b.KF)
	var sigs []string
	for _, n := range b.SG {
		for _, s := range IndexSigs(nearKeyOfKey(key(n)), places) {
			if !slices.Contains(sigs, s) {
				sigs = append(sigs, s)
			}
		}
	}
	b.SG = sigs
	return b
}

// Mapping is the bleve index mapping: the text analyzer of analyze.go for
// the text fields and bleve's keyword analyzer for the terms keyed works out,
// nine fields and no _all field, nothing stored (results are resolved
// through Docs).
func Mapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := defineAnalyzers(m); err != nil {
		return nil, err
	}
	field := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range indexed {
		dm.AddFieldMappingsAt(f.name, field(f.analyzer))
	}
	// no _all field: every query names its field, so the composite of
	// all of them bleve would otherwise add to each document (term
	// vectors included) is never read
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	m.AddDocumentMapping("item", dm)
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.DefaultAnalyzer = TextAnalyzer
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}

// Index is a bleve index of Docs, with the Docs it resolves hits through.
type BleveIndex struct {
	idx  bleve.Index
	docs []Doc // nil when opened from Answers: hits carry no Doc
	// answers give the names of the documents when docs is nil
	answers *Answers
	an      *Analysis
	// places and provinces are the docs' Places and Provinces, for the near tiers
	places, provinces []string
	// Built reports whether Open had to build the index (false: from cache).
	Built bool
	Key   string // CacheKey of the documents
	Took  time.Duration
}

// CacheKey identifies an index of docs: the analysis version, the mapping
// and every indexed value in order (each field of indexed, its values
// counted and each length-prefixed: two documents that differ hash apart).
func CacheKey(docs []Doc) (string, error) {
	m, err := Mapping()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "portal search %s\nplaces %q\n", AnalyzerVersion, Places(docs))
	if err := json.NewEncoder(h).Encode(m); err != nil {
		return "", err
	}
	buf := make([]byte, 0, 64<<10)
	str := func(v string) {
		buf = binary.AppendUvarint(buf, uint64(len(v)))
		buf = append(buf, v...)
	}
	for i := range docs {
		b := toBleve(&docs[i])
		for _, f := range indexed {
			if f.one != nil {
				str(f.one(&b))
				continue
			}
			vs := f.each(&b)
			buf = binary.AppendUvarint(buf, uint64(len(vs)))
			for _, v := range vs {
				str(v)
			}
		}
		if len(buf) > 48<<10 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil))[:24], nil
}

// keepCached is how many cached indexes are kept (different data and
// content directories each have their own).
const keepCached = 4

// OpenBleve returns the bleve index of docs from the cache directory dir,
// building it there first when the cache has no index of exactly these
// documents. A half-built index is never left behind under its key.
func OpenBleve(dir string, docs []Doc) (*BleveIndex, error) {
	an, err := NewAnalysis()
	if err != nil {
		return nil, err
	}
	key, err := CacheKey(docs)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, key)
	ix := &BleveIndex{docs: docs, an: an, Key: key, places: Places(docs), provinces: Provinces(docs)}
	t0 := time.Now()
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		if err := build(path, docs); err != nil {
			return nil, fmt.Errorf("search: building the index in %s: %w", dir, err)
		}
		ix.Built = true
		prune(dir, keepCached)
	} else {
		now := time.Now()
		os.Chtimes(path, now, now) // most recently used
	}
	if err := ix.open(path); err != nil {
		return nil, err
	}
	ix.Took = time.Since(t0)
	return ix, nil
}

// open opens the cached index at path, read-only.
func (ix *BleveIndex) open(path string) (err error) {
	if ix.idx, err = bleve.OpenUsing(path, map[string]interface{}{"read_only": true}); err != nil {
		return fmt.Errorf("search: opening the cached index %s: %w (delete it to rebuild)", path, err)
	}
	return nil
}

// indexBatch is how many documents go into one bleve batch (one segment).
var indexBatch = 5000

func build(path string, docs []Doc) error {
	return replaceDir(path, func(dir string) error { return buildIn(dir, docs) })
}

// replaceDir makes the directory path anew, whole or not at all: fill
// makes it at a path of its own beside path (which does not exist yet,
// under a directory prune passes over), and that then takes path's place,
// a stale or broken entry there removed.
func replaceDir(path string, fill func(dir string) error) error {
	parent := filepath.Dir(path)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".writing-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "new")
	if err := fill(dir); err != nil {
		return err
	}
	os.RemoveAll(path)
	return os.Rename(dir, path)
}

// buildIn builds a bleve index of docs at dir.
func buildIn(dir string, docs []Doc) error {
	m, err := Mapping()
	if err != nil {
		return err
	}
	an, err := NewAnalysis()
	if err != nil {
		return err
	}
	places := Places(docs)
	// bleve's online (scorch) index analyses a batch on every core and
	// builds and merges segments beside it; its offline Builder does all
	// of that on one (17.5 s against 12.2 s for 50,000 agencies on 2
	// cores). A batch returns once it is persisted.
	idx, err := bleve.New(dir, m)
	if err != nil {
		return err
	}
	made, err := newDocuments(m)
	if err != nil {
		idx.Close()
		return err
	}
	// A batch's segment is built by the goroutine that submits it, on one
	// core; batches submitted side by side build theirs at once (50,000
	// agencies on 2 cores: 8.5 s against 10.3 s one batch after another).
	batches := (len(docs) + indexBatch - 1) / indexBatch
	err = par.Each(context.Background(), batches, func(_, b int) error {
		batch, made := idx.NewBatch(), made.batch()
		for i := b * indexBatch; i < min((b+1)*indexBatch, len(docs)); i++ {
			b := keyed(toBleve(&docs[i]), an, places)
			if err := batch.IndexAdvanced(made.make(docID(i), &b)); err != nil {
				return err
			}
		}
		return idx.Batch(batch)
	})
	if err != nil {
		idx.Close()
		return err
	}
	if n, err := idx.DocCount(); err != nil || n != uint64(len(docs)) {
		idx.Close()
		return fmt.Errorf("indexed %d of %d documents: %v", n, len(docs), err)
	}
	return idx.Close()
}

// prune removes all but the n most recently used cached indexes.
func prune(dir string, n int) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type entry struct {
		name string
		mod  time.Time
	}
	var all []entry
	for _, e := range es {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if fi, err := e.Info(); err == nil {
			all = append(all, entry{e.Name(), fi.ModTime()})
		}
	}
	slices.SortFunc(all, func(a, b entry) int { return b.mod.Compare(a.mod) })
	for _, e := range all[min(n, len(all)):] {
		os.RemoveAll(filepath.Join(dir, e.name))
	}
}

// Close closes the index.
func (ix *BleveIndex) Close() error { return ix.idx.Close() }

// Docs are the documents the index resolves hits through.
func (ix *BleveIndex) Docs() []Doc { return ix.docs }

func ordOf(id string) int {
	n, _ := strconv.Atoi(id)
	return n
}
