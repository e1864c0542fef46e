package search

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math/bits"
	"portal/generator/catalogue"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"portal/generator/internal/inputs"
	"portal/generator/internal/jsontext"
	"portal/generator/internal/par"
	"portal/generator/register"
)

// The static index, under search/{version}/ (the version digests what the
// files are made from and the program that made them, indexDir, so a
// browser never mixes two releases):
//
//	s.json              what a query needs first (plan.go): {"f": the fold
//	                    of traditional characters, "o": the organisation-
//	                    form words (orgForms), "p": the near tier's
//	                    places, "r": its provinces, "b": the common-term
//	                    filters, base64, "v":
//	                    the verdict forms of the cards (card.go)}
//	v.json              the verdict forms alone, for a query that reads no
//	                    s.json (a code, a licence number)
//	t/{shard}.bin       terms: for each term in the shard, per field, the
//	                    documents (always inline) and the agencies (inline,
//	                    with their texts, when at most inlineMax; else
//	                    inline without them when they take at most
//	                    listInlineMax bytes; else a reference to a p/
//	                    file), each list with its length (document frequency)
//	p/{shard}-{k}[.b].bin  the agencies of the k-th term of a shard whose
//	                    lists are long, or of its b-th block (a list in
//	                    blocks is also whole, without .b)
//	x/{shard}.json      exact keys → documents: {"e": codes, licence
//	                    numbers, names and titles; "f": former names; "n":
//	                    the codes one character from an agency's; "k" and
//	                    "kf": agencies' names and former names as near keys
//	                    (NearKey); "a": the answer to a name of common
//	                    terms (keyanswer.go); "s": under each IndexSigs
//	                    signature of this shard, the agencies with a near
//	                    key that has it and that key, [[ord, …], [key,
//	                    …]]}. A key is in the shard of its exactShardKey
//	                    (a name's: its near key without its district), a
//	                    near key in its noDistrictKey's, a signature in
//	                    its own: the file a query reads for its exact name
//	                    holds the names of its near key and its exact name
//	                    without its district.
//	r/{chunk}.bin       result records, RecordChunk documents a file: each
//	                    agency's texts and card, as a t/ entry has them,
//	                    each document's name, path, kind and note
//	                    (appendDocRecord); an agency inline in a term read
//	                    is shown by its card there
//	d/{ord}.json        a document's texts {"n": title, "o": 文号, summary,
//	                    body}, to check it against a query's other terms
//
// A term entry in t/ is: uvarint length and the term's UTF-8 bytes; for
// each field (name, former, other) the documents: uvarint count, and if
// non-zero uvarint byte length and the gaps (appendDeltas); for each field
// the uvarint number of agencies; then either uvarint 0, for each field
// with agencies uvarint byte length and the gaps, and for each of the
// term's agencies in order its texts (appendTexts) and its card (card.go);
// or uvarint 1, uvarint byte length and the term's agencies as a p/ file
// holds them (listInlineMax); or uvarint k+2 for the term's agencies in p/
// files: uvarint m and m bytes of block mask.
// m = 0: one file p/{shard}-{k}.bin; otherwise bit b of the mask says
// p/{shard}-{k}.{b}.bin holds the agencies numbered [b·blockOrds,
// (b+1)·blockOrds). A p/ file holds, for each field, uvarint byte length
// and the list (encodeLong), empty when the field has none there.

// RecordChunk is how many result records one r/ file holds: the results a
// query shows that did not come with a card are those of its commonest
// terms, the first in document order, so a chunk holds the neighbours of
// the results it is read for.
const RecordChunk = 16

// inlineMax is the most agencies a term keeps inside its term shard, with
// their texts (plan.go): a query that starts from such a term checks its
// candidates without another request. Longer lists are in p/ files,
// fetched only where the candidates are.
var inlineMax = 128

// listInlineMax is the most bytes a term's agencies, without their texts,
// take inside its term shard when they are too many to be inline with
// their texts (inlineMax): a query that reads the term then has them
// without a second request, made only after the shard's came back. At
// blockMin, every list that would be one p/ file comes with its shard, and
// p/ files are lists in blocks. On the 50k demo set this took the index
// requests of 2,087 names as people type them from 13,940 to 12,982 (90th
// percentile 15 → 12), the bytes within 1 % (BENCHMARKS.md).
var listInlineMax = 4096

// blockMin is the size (bytes) above which a term's agencies are cut into
// blocks: a list up to this size is one request when a query starts from it.
var blockMin = 4096

// blockOrds is how many documents (by number) one block of a long list
// covers (SearchIndex.Block tells search-index.js). inlineMax, blockMin and
// blockOrds are variables only so that a test can make a small index's
// lists long and cut into blocks.
var blockOrds = 16384

// shardTarget is the size a term shard aims at, in bytes.
const shardTarget = 1024

// exactTarget is the size an exact-key shard aims at, in bytes.
const exactTarget = 1024

// Sink receives the index files.
type Sink interface {
	Add(path string, data []byte) error
}

// postings is one term's documents per field, ascending.
type postings [nFields][]uint32

// invert analyses every document (on every core, a run of documents per
// job) and returns each term's postings.
//
// The runs are few and long — four per core — because each holds a map of
// every term its documents have until the runs are joined: with runs of
// 512 documents, 200,000 agencies made ~390 maps whose terms overlap, and
// ~400 MB at the build's peak.
func invert(ctx context.Context, an *Analysis, docs []Doc) (map[string]*postings, error) {
	chunk := max(512, (len(docs)+4*runtime.GOMAXPROCS(0)-1)/(4*runtime.GOMAXPROCS(0)))
	n := (len(docs) + chunk - 1) / chunk
	parts := make([]map[string]*postings, n)
	err := par.Each(ctx, n, func(_, c int) error {
		m := map[string]*postings{}
		set := map[string]struct{}{}
		seen := map[string][]string{} // regions and statuses repeat: analyse each once
		for i := c * chunk; i < min(len(docs), (c+1)*chunk); i++ {
			if i%512 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			for f, texts := range docFields(&docs[i]) {
				clear(set)
				for _, t := range texts {
					if f != int(FieldOther) || docs[i].Kind != KindAgency {
						an.Terms(t, set)
						continue
					}
					ts, ok := seen[t]
					if !ok {
						one := map[string]struct{}{}
						an.Terms(t, one)
						for term := range one {
							ts = append(ts, term)
						}
						seen[t] = ts
					}
					for _, term := range ts {
						set[term] = struct{}{}
					}
				}
				for t := range set {
					p := m[t]
					if p == nil {
						p = &postings{}
						m[t] = p
					}
					p[f] = append(p[f], uint32(i))
				}
			}
		}
		parts[c] = m
		return nil
	})
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return map[string]*postings{}, nil
	}
	all := make(map[string]*postings, len(parts[0])*2)
	for c, m := range parts { // runs in order, so every list stays sorted
		parts[c] = nil // let each run's map go once joined
		for t, p := range m {
			q := all[t]
			if q == nil {
				all[t] = p
				continue
			}
			for f := range q {
				q[f] = append(q[f], p[f]...)
			}
		}
	}
	return all, nil
}

// docFields is the text of each field of d.
func docFields(d *Doc) [nFields][]string {
	return [nFields][]string{{d.Name}, d.Former, d.Other}
}

// Record is what a result shows. An agency's record has its code (its
// page is agencies/{code}/), status, verdict badge and headline as of the
// index's date and the verdicts after it (search.js shows the one whose
// span holds the reader's day: the first once the clock is past Until, the
// next once it is past that one's Until…); a document's record has its
// path and kind. The
// static index holds it as the JSON names say, encoded as an agency's
// texts and card (card.go) or a document's fields (appendDocRecord).
type Record struct {
	Name    string `json:"n"`
	Code    string `json:"c,omitempty"`
	Licence string `json:"l,omitempty"`
	Status  string `json:"s,omitempty"` // 有效, 已备案, 已过期…: the word the index holds for it
	RecordVerdict
	Until    string         `json:"w,omitempty"` // the verdict holds until this day…
	Later    []LaterVerdict `json:"x,omitempty"` // …and these, each from the day after the one before
	Watch    bool           `json:"m,omitempty"` // 重点监控
	Abnormal bool           `json:"a,omitempty"` // 经营异常
	Region   string         `json:"r,omitempty"`
	Former   []string       `json:"f,omitempty"`
	Path     string         `json:"u,omitempty"`
	Kind     string         `json:"t,omitempty"` // 政策文件, 常见问题…
	Note     string         `json:"d,omitempty"` // 文号 or date
}

// RecordOf is the record shown for d.
func RecordOf(d *Doc) Record {
	if d.Kind != KindAgency {
		return Record{Name: d.Name, Path: d.Path, Kind: d.Kind.Label(), Note: d.Note}
	}
	r := Record{Name: d.Name, Code: d.Code, Licence: d.Licence, Status: d.Status.String(), RecordVerdict: recordVerdict(d.Verdict),
		Until: d.Verdict.Until.String(), Watch: d.Watch, Abnormal: d.Abnormal, Region: d.Region, Former: d.Former}
	for _, v := range d.Later {
		r.Later = append(r.Later, LaterVerdict{recordVerdict(v), v.Until.String()})
	}
	return r
}

// LaterVerdict is one of a record's verdicts after the as-of date, with
// the day it holds until ("" for no end known).
type LaterVerdict struct {
	RecordVerdict
	Until string `json:"w,omitempty"`
}

// RecordVerdict is a verdict as a result shows it: a badge (class, icon,
// label) and the headline.
type RecordVerdict struct {
	Class   string `json:"k,omitempty"` // ok, neutral, warn, bad
	Icon    string `json:"i,omitempty"`
	Label   string `json:"g,omitempty"` // 有效, 已备案·总公司许可已吊销 …
	Verdict string `json:"v,omitempty"` // 许可有效（有效期至 2027-03-04）
}

func recordVerdict(v register.Verdict) RecordVerdict {
	return RecordVerdict{Class: v.Class, Icon: v.Icon, Label: v.Label, Verdict: v.Headline}
}

// WriteStatic writes the static index of docs into sink under search/.
func WriteStatic(ctx context.Context, an *Analysis, docs []Doc, sink Sink) (*catalogue.SearchIndex, error) {
	m, _, err := WriteStaticFrom(ctx, an, docs, sink, nil)
	if err != nil {
		return nil, err
	}
	return &m.Index, nil
}

// WriteStaticFrom is WriteStatic after a build that made prev (nil for
// none): when the documents are as prev's index holds them (the same
// indexKey) and sink can carry files over from the output prev is in, it
// keeps prev's files and returns prev, kept; otherwise it writes the index.
func WriteStaticFrom(ctx context.Context, an *Analysis, docs []Doc, sink Sink, prev *Made) (made *Made, kept bool, err error) {
	key, err := indexKey(ctx, docs)
	if err != nil {
		return nil, false, err
	}
	if kept, err := carry(sink, prev, key); err != nil || kept {
		return prev, kept, err
	}
	made, err = writeStatic(ctx, an, docs, sink, key)
	if err != nil {
		return nil, false, err
	}
	made.Key = key
	return made, false, nil
}

// indexDir is the directory of the static index whose indexKey is key,
// made by this program: search/ and 12 hex digits of a digest of both.
// Its files are written as they are made, under a name known before the
// first: none is held until the last is made (at 200,000 agencies, the
// x/ and t/ files were 130 MB held through the term shards' making).
// The same documents and program make the same files (a build is
// deterministic) and the same name; other documents, or another program,
// another name, so a browser never mixes two releases' files.
func indexDir(key string) (string, error) {
	prog, err := inputs.ProgramKey()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "static index dir\nkey %s\nprogram %s\n", key, prog)
	return "search/" + hex.EncodeToString(h.Sum(nil))[:12] + "/", nil
}

// fileSink writes the files of a static index into a sink under dir, from
// any goroutine, and keeps their names and sizes.
type fileSink struct {
	sink  Sink
	dir   string
	mu    sync.Mutex
	names []string
	bytes int64
}

func (f *fileSink) put(name string, b []byte) error {
	f.mu.Lock()
	f.names = append(f.names, name)
	f.bytes += int64(len(b))
	f.mu.Unlock()
	return f.sink.Add(f.dir+name, b)
}

// writeStatic writes the static index of docs, whose indexKey is key, into
// sink.
func writeStatic(ctx context.Context, an *Analysis, docs []Doc, sink Sink, key string) (*Made, error) {
	dir, err := indexDir(key)
	if err != nil {
		return nil, err
	}
	inv, err := invert(ctx, an, docs)
	if err != nil {
		return nil, err
	}
	nAg := agencyCount(docs)
	files := &fileSink{sink: sink, dir: dir}
	idx := &catalogue.SearchIndex{Dir: dir, Agencies: nAg, Items: len(docs), Block: blockOrds, Chunk: RecordChunk}
	fold := foldShard(maps.Keys(inv))
	filters := commonFilters(commonTerms(inv, nAg), nAg)
	places := Places(docs)
	// the exact keys, and what a query of a name of common terms finds
	// (keyanswer.go), first: what that holds is let go before the term
	// shards are made
	if idx.ExactShards, err = exactShards(ctx, an, docs, places, nAg, inv, filters[0], files.put); err != nil {
		return nil, err
	}
	// each agency's texts and card, as a t/ entry and its record hold them
	cards := newCardWriter()
	entries := make([][]byte, nAg)
	for o := range entries {
		entries[o] = cards.appendCard(appendTexts(nil, &docs[o]), &docs[o])
	}
	if idx.TermShards, err = termShards(inv, nAg, entries, files.put); err != nil {
		return nil, err
	}
	// what search-index.js needs before its first shard: the fold (traditional
	// characters), the near tiers' places and provinces, the common-term
	// filters and the verdict forms the cards name; and what search.js
	// needs to find a name by its trade name (TradeName)
	meta := struct {
		Fold      map[string]string `json:"f"`
		OrgForms  []string          `json:"o"`
		Places    []string          `json:"p"`
		Provinces []string          `json:"r"`
		Common    [][]byte          `json:"b"`
		Forms     []verdictForm     `json:"v"`
		Industry  []string          `json:"i"`
	}{fold, orgForms, places, Provinces(docs), filters, cards.Forms, industryWords}
	// and the forms alone, for a code's result: a code query reads no s.json
	for _, f := range []struct {
		name string
		v    any
	}{{"s.json", meta}, {"v.json", cards.Forms}} {
		b, err := json.Marshal(f.v)
		if err != nil {
			return nil, err
		}
		if err := files.put(f.name, b); err != nil {
			return nil, err
		}
	}
	for o := nAg; o < len(docs); o++ { // a document's texts, to check a candidate document
		d := &docs[o]
		b, err := json.Marshal(struct {
			Name   string   `json:"n"`
			Former []string `json:"f,omitempty"`
			Other  []string `json:"o,omitempty"`
		}{d.Name, d.Former, d.Other})
		if err != nil {
			return nil, err
		}
		if err := files.put("d/"+strconv.Itoa(o)+".json", b); err != nil {
			return nil, err
		}
	}
	// the records: an agency's texts and card, a document's name, path,
	// kind and note (appendDocRecord)
	for c := range (len(docs) + RecordChunk - 1) / RecordChunk {
		size := 0 // each file at its own size, as the term shards
		for o := c * RecordChunk; o < min(nAg, (c+1)*RecordChunk); o++ {
			size += len(entries[o])
		}
		b := make([]byte, 0, size)
		for o := c * RecordChunk; o < min(len(docs), (c+1)*RecordChunk); o++ {
			if o < nAg {
				b = append(b, entries[o]...)
			} else {
				b = appendDocRecord(b, &docs[o])
			}
		}
		if err := files.put("r/"+strconv.Itoa(c)+".bin", b); err != nil {
			return nil, err
		}
	}
	slices.Sort(files.names)
	idx.Files, idx.Bytes = len(files.names), files.bytes
	return &Made{Index: *idx, Files: files.names}, nil
}

// agencyCount is how many of docs are agencies: they come first (Docs).
func agencyCount(docs []Doc) int {
	n := 0
	for n < len(docs) && docs[n].Kind == KindAgency {
		n++
	}
	return n
}

// pow2 is the power of two nearest above total/target, at least 1.
func pow2(total, target int) int {
	n := max(1, total/target)
	return 1 << bits.Len(uint(n-1))
}

// commonTerms are the terms s.json's filters hold (plan.go): those in more
// than DocTexts documents, and those of more than inlineMax agencies (whose
// agencies are in p/ files), each with its number of agencies (0 for the
// former alone).
func commonTerms(inv map[string]*postings, nAg int) map[string]int {
	common := map[string]int{}
	for t, p := range inv {
		var ags, docs [nFields][]uint32
		for f, l := range p {
			cut, _ := slices.BinarySearch(l, uint32(nAg))
			ags[f], docs[f] = l[:cut], l[cut:]
		}
		if distinct(docs) > DocTexts {
			common[t] = 0 // in more documents than are checked one by one: not a term to start from
		}
		if n := distinct(ags); n > inlineMax {
			common[t] = n
		}
	}
	return common
}

// termShards encodes every term and writes the t/ and p/ files, an
// inline agency as texts[ord] (its texts and card), emptying inv as it
// goes. It returns the number of t/ shards.
func termShards(inv map[string]*postings, nAg int, texts [][]byte, put func(string, []byte) error) (int, error) {
	terms := make([]string, 0, len(inv))
	size := 0
	for t, p := range inv {
		terms = append(terms, t)
		size += len(t) + 4
		ags := 0
		for _, l := range p {
			size += min(len(l), inlineMax)*2 + 2
			ags += len(l)
		}
		if ags <= inlineMax { // inline, with the agencies' texts
			for _, l := range p {
				for _, o := range l {
					if int(o) < nAg {
						size += len(texts[o])
					}
				}
			}
		}
	}
	slices.Sort(terms)
	n := pow2(size, shardTarget)
	shards := make([][]byte, n)
	long := make([]int, n)
	for _, t := range terms {
		s := Shard(t, n)
		b := appendLen(shards[s], t)
		var ags [nFields][]uint32
		p := inv[t]
		delete(inv, t) // its lists are let go once encoded: the files take their place
		for f, l := range p {
			cut, _ := slices.BinarySearch(l, uint32(nAg))
			ags[f] = l[:cut]
			ds := l[cut:]
			b = binary.AppendUvarint(b, uint64(len(ds)))
			if len(ds) > 0 {
				b = appendLen(b, appendDeltas(nil, ds))
			}
		}
		var encs [nFields][]byte
		agencies := distinct(ags)
		inline := agencies <= inlineMax
		for f, as := range ags {
			b = binary.AppendUvarint(b, uint64(len(as)))
			if len(as) > 0 && inline {
				encs[f] = appendDeltas(nil, as)
			}
		}
		if inline {
			b = binary.AppendUvarint(b, 0)
			for _, enc := range encs {
				if enc != nil {
					b = appendLen(b, enc)
				}
			}
			// the texts of its agencies, by ord: a query that starts
			// from this term checks its candidates in them (plan.go),
			// and shows them by their cards (card.go)
			for _, o := range mergeOrds(ags) {
				b = append(b, texts[o]...)
			}
			shards[s] = b
			continue
		}
		whole := encodeFields(ags, 0, nAg)
		if len(whole) <= listInlineMax {
			// short enough to come with the shard: a query that reads
			// the term has its agencies without another request
			b = binary.AppendUvarint(b, 1)
			b = binary.AppendUvarint(b, uint64(len(whole)))
			shards[s] = append(b, whole...)
			continue
		}
		k := long[s]
		long[s]++
		b = binary.AppendUvarint(b, uint64(k+2))
		name := "p/" + strconv.Itoa(s) + "-" + strconv.Itoa(k)
		if err := put(name+".bin", whole); err != nil {
			return 0, err
		}
		if len(whole) <= blockMin {
			b = binary.AppendUvarint(b, 0)
			shards[s] = b
			continue
		}
		// long lists are cut into blocks of blockOrds agencies, so a
		// query reads only the blocks its candidates fall in; and kept
		// whole too, for a query whose candidates fall in several
		blocks := (nAg + blockOrds - 1) / blockOrds
		mask := make([]byte, (blocks+7)/8)
		for blk := range blocks {
			if enc := encodeFields(ags, blk*blockOrds, (blk+1)*blockOrds); enc != nil {
				mask[blk/8] |= 1 << (blk % 8)
				if err := put(name+"."+strconv.Itoa(blk)+".bin", enc); err != nil {
					return 0, err
				}
			}
		}
		b = binary.AppendUvarint(b, uint64(len(mask)))
		b = append(b, mask...)
		shards[s] = b
	}
	for s, b := range shards {
		// at its own size: appending term by term left up to half of
		// each shard's capacity unused, held until the index is published
		if err := put("t/"+strconv.Itoa(s)+".bin", bytes.Clone(b)); err != nil {
			return 0, err
		}
		shards[s] = nil
	}
	return n, nil
}

// distinct is how many agencies a term has in any field: a merge of the
// fields' ascending lists, without the allocation and sort of mergeOrds
// (the lists of 有限 and 公司 hold every agency).
func distinct(ags [nFields][]uint32) int {
	n := 0
	var at [nFields]int
	for {
		lo, any := uint32(0), false
		for f, l := range ags {
			if at[f] < len(l) && (!any || l[at[f]] < lo) {
				lo, any = l[at[f]], true
			}
		}
		if !any {
			return n
		}
		n++
		for f, l := range ags {
			if at[f] < len(l) && l[at[f]] == lo {
				at[f]++
			}
		}
	}
}

// mergeOrds is the sorted union of a term's agencies in every field.
func mergeOrds(ags [nFields][]uint32) []uint32 {
	var out []uint32
	for _, l := range ags {
		out = append(out, l...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// encodeFields is one p/ file: for each field, the uvarint byte length of
// its agencies in [lo, hi) (encodeLong), then those bytes; nil when the
// range has none.
func encodeFields(ags [nFields][]uint32, lo, hi int) []byte {
	var encs [nFields][]byte
	size, any := 0, false
	for f, as := range ags {
		i, _ := slices.BinarySearch(as, uint32(lo))
		j, _ := slices.BinarySearch(as, uint32(hi))
		if i < j {
			encs[f], any = encodeLong(as[i:j]), true
		}
		size += binary.MaxVarintLen32 + len(encs[f])
	}
	if !any {
		return nil
	}
	// at its own size: the index is held whole until it is published
	b := make([]byte, 0, size)
	for _, enc := range encs {
		b = appendLen(b, enc)
	}
	return b
}

// exactShards writes the x/ files: every exact key and the documents that
// have it, current keys ("e") apart from former names ("f") and from the
// agencies' CodeNeighbours ("n"), and what a query of a name key of
// common terms (in the filter common) finds after its exact hits ("a",
// keyanswer.go), from the inverted lists inv.
func exactShards(ctx context.Context, an *Analysis, docs []Doc, places []string, nAg int, inv map[string]*postings, common []byte, put func(string, []byte) error) (int, error) {
	// the keys of every document, folded on every core: its exact keys,
	// its former names', an agency's code neighbours, and the near keys
	// of its name and of its former names
	keys := make([][5][]string, len(docs))
	// the shardHash of the exactShardKey of each key of keys[i][0], then
	// of keys[i][1], worked out here on every core
	hashes := make([][]uint32, len(docs))
	// the noDistrictKey of each near key of keys[i][3], then of keys[i][4]:
	// its shard key, worked out once here (nearParts is not cheap)
	ndks := make([][2][]string, len(docs))
	err := par.Each(ctx, len(docs), func(_, i int) error {
		d := &docs[i]
		agency := d.Kind == KindAgency
		for j, ks := range [2][]string{d.Keys, d.OldKeys} {
			for _, raw := range ks {
				k := an.Key(raw)
				if k == "" {
					continue
				}
				sk, nk := shardAndNearKey(k, places)
				keys[i][j] = append(keys[i][j], k)
				hashes[i] = append(hashes[i], shardHash(sk))
				// the near keys of its name (a key) and of its former names (old keys)
				if agency && nk != "" && (j == 1 || raw == d.Name) {
					keys[i][3+j] = append(keys[i][3+j], nk)
					ndks[i][j] = append(ndks[i][j], sk)
				}
			}
		}
		if agency {
			keys[i][2] = CodeNeighbours(strings.ToLower(d.Code))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	var byKind [5]keyOrds
	for j := range byKind {
		n := 0
		for _, ks := range keys {
			n += len(ks[j])
		}
		byKind[j] = newKeyOrds(n)
	}
	size := 0
	for i, ks := range keys {
		for j, m := range byKind {
			for _, k := range ks[j] {
				if m.add(k, uint32(i)) {
					size += len(k) + 8
				}
			}
		}
	}
	// the words of common terms names are made of (keyanswer.go), and
	// their terms' lists as bit sets
	runs := map[string][]string{} // each word's terms, analysed once
	var runTerms []string
	for _, k := range commonRuns(an, docs, nAg, inv, common) {
		if runs[k] = keyTerms(an, common, k); runs[k] != nil {
			size += len(k) + 40
			runTerms = append(runTerms, runs[k]...)
		}
	}
	words := wordBitsOf(inv, runTerms, len(docs))
	n := pow2(size, exactTarget)
	shards := make([][6][]string, n) // byKind's keys, then the words of common terms
	for i, ks := range keys {
		// an exact key or former name by its shard key, once: where the
		// first document that has it lists it first
		h := hashes[i]
		for j := range 2 {
			for x, k := range ks[j] {
				if first, _ := byKind[j].has(k); first == uint32(i) && !slices.Contains(ks[j][:x], k) {
					s := &shards[h[x]%uint32(n)]
					s[j] = append(s[j], k)
				}
			}
			h = h[len(ks[j]):]
		}
	}
	noDistrict := map[string]string{} // a near key's noDistrictKey
	for i, ks := range keys {
		for j := range 2 {
			for x, k := range ks[3+j] {
				noDistrict[k] = ndks[i][j][x]
			}
		}
	}
	for j, m := range byKind[2:] { // a code's neighbours by themselves, the near keys without their district
		for k := range m.keys {
			sk := k
			if j > 0 {
				sk = noDistrict[k]
			}
			s := &shards[Shard(sk, n)]
			s[2+j] = append(s[2+j], k)
		}
	}
	for k, terms := range runs {
		if terms != nil {
			s := &shards[Shard(exactShardKey(k, places), n)]
			s[5] = append(s[5], k)
		}
	}
	// an agency's near keys by their IndexSigs (TierNearEdit), in the shard
	// of the signature. They are not counted in size: they add about half
	// to a shard (x/ 15.0 → 22.3 MB at 50,000 agencies), and counted they
	// would double the number of shards, a file a query reads either way.
	sigs := make([][]sigEntry, n)
	for i, ks := range keys {
		nks := slices.Concat(ks[3], ks[4]) // its name's near key, then its former names'
		for j, k := range nks {
			if slices.Contains(nks[:j], k) {
				continue
			}
			for _, sig := range indexSigs(k, noDistrict[k]) {
				sh := Shard(sig, n)
				sigs[sh] = append(sigs[sh], sigEntry{sig, uint32(i), k})
			}
		}
	}
	// {"e":{"key":[1,2]},"f":{…},"n":{…},"k":{…},"kf":{…},"a":{…}}, keys
	// sorted, written by hand: encoding/json spent more time on 8,000
	// small maps than the rest of this function
	obj := func(b []byte, keys []string, ords func(string) []uint32) []byte {
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsontext.AppendString(b, k)
			b = append(b, ':', '[')
			for j, o := range ords(k) {
				if j > 0 {
					b = append(b, ',')
				}
				b = strconv.AppendUint(b, uint64(o), 10)
			}
			b = append(b, ']')
		}
		return append(b, '}')
	}
	// each shard is encoded into one reused buffer and written at its own
	// size: a buffer made per shard at exactTarget+256 bytes held twice
	// the shards' bytes until they were published (84 MB for 43 MB at
	// 200,000 agencies)
	rare := rareTextsOf(inv, len(docs), nAg)
	bufs := make([][]byte, par.Workers(n))
	err = par.Each(ctx, n, func(w, i int) error {
		s := &shards[i]
		answers := map[string][]uint32{}
		var names []string
		for _, j := range []int{0, 1, 5} {
			for _, k := range s[j] {
				if _, done := answers[k]; done {
					continue
				}
				// a name of a rare term: read from its term shards
				if j < 2 {
					if first, _ := byKind[j].has(k); j == 0 && rare.name[first] || j == 1 && rare.former[first] {
						continue
					}
				}
				exact := byKind[0].appendOrds(nil, k)
				for _, o := range byKind[1].appendOrds(nil, k) {
					if !slices.Contains(exact, o) {
						exact = append(exact, o)
					}
				}
				terms, ok := runs[k]
				if !ok {
					terms = keyTerms(an, common, k)
				}
				if terms == nil {
					answers[k] = nil
					continue
				}
				a := keyAnswer(inv, words, terms, exact)
				if answers[k] = a; len(exact) > 0 || a[0] > 0 {
					names = append(names, k)
				}
			}
		}
		b := append(bufs[w][:0], `{"e":`...)
		var scratch []uint32
		of := func(m keyOrds) func(string) []uint32 {
			return func(k string) []uint32 { scratch = m.appendOrds(scratch[:0], k); return scratch }
		}
		b = obj(b, s[0], of(byKind[0]))
		b = append(b, `,"f":`...)
		b = obj(b, s[1], of(byKind[1]))
		b = append(b, `,"n":`...)
		b = obj(b, s[2], of(byKind[2]))
		b = append(b, `,"k":`...)
		b = obj(b, s[3], of(byKind[3]))
		b = append(b, `,"kf":`...)
		b = obj(b, s[4], of(byKind[4]))
		b = append(b, `,"a":`...)
		b = obj(b, names, func(k string) []uint32 { return answers[k] })
		if e := sigs[i]; len(e) > 0 {
			b = appendSigs(b, e)
		}
		b = append(b, '}')
		bufs[w] = b
		return put("x/"+strconv.Itoa(i)+".json", bytes.Clone(b))
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// sigEntry is a near key of the agency ord listed under one of its NearSigs.
type sigEntry struct {
	sig string
	ord uint32
	key string
}

// appendSigs appends an x/ file's "s": {"sig": [[ord, …], [near key, …]]},
// signatures in order, each's agencies by ord.
func appendSigs(b []byte, es []sigEntry) []byte {
	slices.SortFunc(es, func(a, b sigEntry) int {
		return cmp.Or(strings.Compare(a.sig, b.sig), cmp.Compare(a.ord, b.ord), strings.Compare(a.key, b.key))
	})
	b = append(b, `,"s":{`...)
	for i := 0; i < len(es); {
		j := i
		for j < len(es) && es[j].sig == es[i].sig {
			j++
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = jsontext.AppendString(b, es[i].sig)
		b = append(b, `:[[`...)
		for k, e := range es[i:j] {
			if k > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendUint(b, uint64(e.ord), 10)
		}
		b = append(b, `],[`...)
		for k, e := range es[i:j] {
			if k > 0 {
				b = append(b, ',')
			}
			b = jsontext.AppendString(b, e.key)
		}
		b = append(b, `]]`...)
		i = j
	}
	return append(b, '}')
}
