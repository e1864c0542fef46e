package search

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"portal/generator/internal/inputs"
	"portal/generator/internal/par"
	"portal/generator/model"
	"portal/generator/register"
)

// Answers are what `portal search` prints for every item, kept from the run
// that loaded and derived the inputs, so that a later query on the same
// inputs needs neither: the key of the inputs (InputsKey, a digest of their
// bytes, not of a derived register) finds the answers, the answers name
// their bleve index, and a query reads only the records of its hits.
//
// On disk, under DIR/answers/KEY/: meta.json, and records — a table of
// offsets (little-endian uint64, one per document and one past the end)
// followed by one JSON record per document, in Docs order.
type Answers struct {
	Meta    AnswersMeta
	dir     string
	offsets []uint64
	f       *os.File
	base    int64 // where the records start in f
}

// AnswersMeta says what the answers were made from.
type AnswersMeta struct {
	AsOf      model.Date `json:"as_of"`
	Timezone  string     `json:"timezone"`  // of the default as-of date (site.toml)
	Base      string     `json:"base"`      // absolute base URL, "" when none
	Province  string     `json:"province"`  // site.toml's, for NotFound
	Report    string     `json:"report"`    // site.toml's, for NotFound
	Places    []string   `json:"places"`    // the docs' Places, for the near tier (set by WriteAnswers)
	Provinces []string   `json:"provinces"` // the docs' Provinces, for the near tier (set by WriteAnswers)
	Index     string     `json:"index"`     // CacheKey of the bleve index
	Docs      int        `json:"docs"`
}

// AnswerDoc is one item as a result shows it: the document's name and
// path, and for an agency its status and verdict over each of its spans.
type AnswerDoc struct {
	Kind    Kind         `json:"k"`
	Path    string       `json:"p"`
	Name    string       `json:"n"`
	Former  []string     `json:"f,omitempty"`
	Code    string       `json:"c,omitempty"`
	Licence string       `json:"l,omitempty"`
	Spans   []AnswerSpan `json:"s,omitempty"`
}

// AnswerSpan is an agency's result from the first day of a span on.
type AnswerSpan struct {
	From   model.Date   `json:"from"`
	Result AgencyResult `json:"r"`
}

// On is the agency's result on day d (register.On over the cached spans).
func (a *AnswerDoc) On(d model.Date) *AgencyResult {
	if len(a.Spans) == 0 {
		return nil
	}
	i := register.SpanAt(len(a.Spans), func(i int) model.Date { return a.Spans[i].From }, d)
	return &a.Spans[i].Result
}

// AnswerOf is d's answer: for an agency, every span's result.
func AnswerOf(reg *register.Register, d *Doc) AnswerDoc {
	ad := AnswerDoc{Kind: d.Kind, Path: d.Path, Name: d.Name, Former: d.Former, Code: d.Code, Licence: d.Licence}
	if d.Kind == KindAgency {
		a := reg.Agency(d.Code)
		for i := range a.Spans {
			s := &a.Spans[i]
			ad.Spans = append(ad.Spans, AnswerSpan{From: s.From, Result: *AgencyResultOf(d, s.Status, reg.VerdictOn(a, s))})
		}
	}
	return ad
}

// InputsKey digests the inputs of a search — every file of the data and
// content directories, by name and bytes — with what else changes an
// answer: the query-independent flags and the program itself.
func InputsKey(dirs []fs.FS, flags string) (string, error) {
	k, err := inputs.Key(fmt.Sprintf("portal answers 1 %s\nflags %s", AnalyzerVersion, flags), dirs...)
	return k[:min(32, len(k))], err
}

// answersPart is how many records one job of WriteAnswers encodes.
var answersPart = 1024

// WriteAnswers keeps docs' answers under dir for the inputs key. An
// answer set is written whole or not at all.
func WriteAnswers(dir, key string, meta AnswersMeta, reg *register.Register, docs []Doc) error {
	set, err := EncodeAnswers(reg, docs)
	if err != nil {
		return err
	}
	return set.Keep(dir, key, meta)
}

// AnswerSet is docs' answers encoded, to be kept once the bleve index they
// name is (`portal search` encodes them while the index is built).
type AnswerSet struct {
	records           []byte // the offsets, then the records
	docs              int
	places, provinces []string
}

// EncodeAnswers encodes docs' answers.
func EncodeAnswers(reg *register.Register, docs []Doc) (*AnswerSet, error) {
	// the records are encoded on every core, a part at a time, and
	// written in order
	part := answersPart
	parts := make([][]byte, (len(docs)+part-1)/part)
	starts := make([]int, len(docs)) // each record's start in its part
	err := par.Each(context.Background(), len(parts), func(_, p int) error {
		var b []byte
		for i := p * part; i < min((p+1)*part, len(docs)); i++ {
			r, err := json.Marshal(AnswerOf(reg, &docs[i]))
			if err != nil {
				return err
			}
			starts[i] = len(b)
			b = append(b, r...)
		}
		parts[p] = b
		return nil
	})
	if err != nil {
		return nil, err
	}
	size := 0
	for _, b := range parts {
		size += len(b)
	}
	out := make([]byte, 0, 8*(len(docs)+1)+size)
	start := 0 // of the part in the records
	for p, b := range parts {
		for i := p * part; i < min((p+1)*part, len(docs)); i++ {
			out = binary.LittleEndian.AppendUint64(out, uint64(start+starts[i]))
		}
		start += len(b)
	}
	out = binary.LittleEndian.AppendUint64(out, uint64(start))
	for _, b := range parts {
		out = append(out, b...)
	}
	return &AnswerSet{records: out, docs: len(docs), places: Places(docs), provinces: Provinces(docs)}, nil
}

// Keep writes the answers under dir for the inputs key, whole or not at all.
func (set *AnswerSet) Keep(dir, key string, meta AnswersMeta) error {
	root := filepath.Join(dir, "answers")
	meta.Docs, meta.Places, meta.Provinces = set.docs, set.places, set.provinces
	m, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	err = replaceDir(filepath.Join(root, key), func(dir string) error {
		if err := os.Mkdir(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "records"), set.records, 0o644); err != nil {
			return err
		}
		// meta.json last: an answer set is complete when it has one
		return os.WriteFile(filepath.Join(dir, "meta.json"), m, 0o644)
	})
	if err != nil {
		return err
	}
	prune(root, keepCached)
	return nil
}

// ErrNoAnswers: the cache has no answers for these inputs.
var ErrNoAnswers = errors.New("search: no cached answers for these inputs")

// OpenAnswers opens the answers kept under dir for the inputs key.
func OpenAnswers(dir, key string) (*Answers, error) {
	path := filepath.Join(dir, "answers", key)
	m, err := os.ReadFile(filepath.Join(path, "meta.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoAnswers
	} else if err != nil {
		return nil, err
	}
	a := &Answers{dir: dir}
	if err := json.Unmarshal(m, &a.Meta); err != nil {
		return nil, fmt.Errorf("search: %s: %w (delete it to rebuild)", path, err)
	}
	if a.f, err = os.Open(filepath.Join(path, "records")); err != nil {
		return nil, err
	}
	table := make([]byte, 8*(a.Meta.Docs+1))
	if _, err := io.ReadFull(a.f, table); err != nil {
		a.f.Close()
		return nil, fmt.Errorf("search: %s: %w (delete it to rebuild)", path, err)
	}
	a.offsets = make([]uint64, a.Meta.Docs+1)
	for i := range a.offsets {
		a.offsets[i] = binary.LittleEndian.Uint64(table[8*i:])
	}
	a.base = int64(len(table))
	now := time.Now()
	os.Chtimes(path, now, now) // most recently used
	return a, nil
}

// Doc reads the answer of the document numbered ord.
func (a *Answers) Doc(ord int) (*AnswerDoc, error) {
	if ord < 0 || ord >= a.Meta.Docs {
		return nil, fmt.Errorf("search: no document %d", ord)
	}
	lo, hi := a.offsets[ord], a.offsets[ord+1]
	b := make([]byte, hi-lo)
	if _, err := a.f.ReadAt(b, a.base+int64(lo)); err != nil {
		return nil, err
	}
	var d AnswerDoc
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Index opens the bleve index the answers were made with (its hits carry
// no Doc: read each with Doc).
func (a *Answers) Index() (*BleveIndex, error) {
	an, err := NewAnalysis()
	if err != nil {
		return nil, err
	}
	ix := &BleveIndex{an: an, Key: a.Meta.Index, places: a.Meta.Places, provinces: a.Meta.Provinces, answers: a}
	if err := ix.open(filepath.Join(a.dir, a.Meta.Index)); err != nil {
		return nil, err
	}
	return ix, nil
}

// Close closes the answers.
func (a *Answers) Close() error { return a.f.Close() }
