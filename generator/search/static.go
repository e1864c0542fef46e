package search

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/bits"
	"slices"
	"strconv"

	"portal/generator/internal/par"
	"portal/generator/model"
)

// The static index, under search/{version}/ (the version is a hash of the
// files, so a browser never mixes two releases):
//
//	t/{shard}.bin       terms: for each term in the shard, per field, the
//	                    documents (always inline) and the agencies (inline
//	                    when short, else a reference to a p/ file), each
//	                    list with its length (document frequency)
//	p/{shard}-{k}[.b].bin  the k-th long agency list of a term shard, or
//	                    its b-th block
//	x/{shard}.json      exact keys → documents: {"e": codes, licence
//	                    numbers, names and titles; "f": former names}
//	r/{chunk}.json      result records, RecordChunk documents a file
//
// A term entry in t/ is: uvarint length, the term's UTF-8 bytes, then for
// each field (name, former, other): uvarint number of documents, and if
// non-zero uvarint byte length and the gaps (appendDeltas); uvarint number
// of agencies, and if non-zero uvarint 0 + byte length + gaps when inline,
// or uvarint k+1 for the k-th long list of the shard followed by uvarint
// m and m bytes of block mask: m = 0 means the whole list is in
// p/{shard}-{k}.bin (encodeLong); otherwise bit b of the mask says the
// file p/{shard}-{k}.{b}.bin holds the list's documents numbered
// [b·BlockOrds, (b+1)·BlockOrds).

// RecordChunk is how many result records one r/ file holds.
const RecordChunk = 4

// inlineMax is the longest agency list (in bytes) kept inside a term
// shard. Longer lists are fetched only when the rarer terms of a query have
// not already narrowed the candidates to a page of results.
const inlineMax = 48

// blockMin is the size (bytes) above which a long list is cut into blocks.
const blockMin = 1024

// BlockOrds is how many documents (by number) one block of a long list covers.
const BlockOrds = 8192

// shardTarget is the size a term shard aims at, in bytes.
const shardTarget = 1024

// exactTarget is the size an exact-key shard aims at, in bytes.
const exactTarget = 1024

// Index describes a written static index, for the pages that search it.
type Index struct {
	Dir         string // below the site root, ending in /: search/{version}/
	TermShards  int
	ExactShards int
	Agencies    int // agencies, numbered before the documents
	Items       int // documents and agencies
	Block       int // BlockOrds
	Chunk       int // RecordChunk
	Files       int
	Bytes       int64
}

// Sink receives the index files.
type Sink interface {
	Add(path string, data []byte) error
}

// postings is one term's documents per field, ascending.
type postings [nFields][]uint32

// invert analyses every document (on every core, a chunk of documents
// per job) and returns each term's postings.
func invert(ctx context.Context, an *Analysis, docs []Doc) (map[string]*postings, error) {
	const chunk = 512
	n := (len(docs) + chunk - 1) / chunk
	parts := make([]map[string]*postings, n)
	err := par.Each(ctx, n, func(_, c int) error {
		m := map[string]*postings{}
		set := map[string]struct{}{}
		for i := c * chunk; i < min(len(docs), (c+1)*chunk); i++ {
			for f, texts := range docFields(&docs[i]) {
				clear(set)
				for _, t := range texts {
					an.Terms(t, set)
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
	all := make(map[string]*postings, len(parts[0])*2)
	for _, m := range parts { // chunks in order, so every list stays sorted
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
// page is agencies/{code}/) and status slug; search.js derives the status
// text, icon and colour from the slug. A document's record has its path
// and kind.
type Record struct {
	Name    string   `json:"n"`
	Code    string   `json:"c,omitempty"`
	Licence string   `json:"l,omitempty"`
	Status  string   `json:"s,omitempty"` // slug: valid, filed, expired…
	Verdict string   `json:"v,omitempty"` // 许可有效（有效期至 2027-03-04）
	Region  string   `json:"r,omitempty"`
	Former  []string `json:"f,omitempty"`
	Path    string   `json:"u,omitempty"`
	Kind    string   `json:"t,omitempty"` // 政策文件, 常见问题…
	Note    string   `json:"d,omitempty"` // 文号 or date
}

// RecordOf is the record shown for d.
func RecordOf(d *Doc) Record {
	if d.Kind != KindAgency {
		return Record{Name: d.Name, Path: d.Path, Kind: d.Kind.Label(), Note: d.Note}
	}
	return Record{Name: d.Name, Code: d.Code, Licence: d.Licence, Status: d.Status.Slug(),
		Verdict: d.Verdict.Headline, Region: d.Region, Former: d.Former}
}

// WriteStatic writes the static index of docs into sink under search/.
func WriteStatic(ctx context.Context, an *Analysis, docs []Doc, sink Sink) (*Index, error) {
	inv, err := invert(ctx, an, docs)
	if err != nil {
		return nil, err
	}
	nAg := 0
	for nAg < len(docs) && docs[nAg].Kind == KindAgency {
		nAg++
	}
	files := map[string][]byte{}
	idx := &Index{Agencies: nAg, Items: len(docs), Block: BlockOrds, Chunk: RecordChunk}
	idx.TermShards = termShards(inv, nAg, files)
	idx.ExactShards = exactShards(an, docs, files)
	for c := 0; c*RecordChunk < len(docs); c++ {
		recs := make([]Record, 0, RecordChunk)
		for i := c * RecordChunk; i < min(len(docs), (c+1)*RecordChunk); i++ {
			recs = append(recs, RecordOf(&docs[i]))
		}
		b, err := json.Marshal(recs)
		if err != nil {
			return nil, err
		}
		files["r/"+strconv.Itoa(c)+".json"] = b
	}
	// the version is a hash of every file, so pages and index always match
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, name := range names {
		fmt.Fprintf(h, "%s %d\n", name, len(files[name]))
		h.Write(files[name])
	}
	idx.Dir = "search/" + hex.EncodeToString(h.Sum(nil))[:12] + "/"
	for _, name := range names {
		if err := sink.Add(idx.Dir+name, files[name]); err != nil {
			return nil, err
		}
		idx.Files++
		idx.Bytes += int64(len(files[name]))
	}
	return idx, nil
}

// pow2 is the power of two nearest above total/target, at least 1.
func pow2(total, target int) int {
	n := max(1, total/target)
	return 1 << bits.Len(uint(n-1))
}

// termShards encodes every term and writes the t/ and p/ files.
func termShards(inv map[string]*postings, nAg int, files map[string][]byte) int {
	terms := make([]string, 0, len(inv))
	size := 0
	for t, p := range inv {
		terms = append(terms, t)
		size += len(t) + 4
		for _, l := range p {
			size += min(len(l)*2, inlineMax) + 2
		}
	}
	slices.Sort(terms)
	n := pow2(size, shardTarget)
	shards := make([][]byte, n)
	long := make([]int, n)
	for _, t := range terms {
		s := Shard(t, n)
		b := binary.AppendUvarint(shards[s], uint64(len(t)))
		b = append(b, t...)
		for _, l := range inv[t] {
			cut, _ := slices.BinarySearch(l, uint32(nAg))
			as, ds := l[:cut], l[cut:]
			b = binary.AppendUvarint(b, uint64(len(ds)))
			if len(ds) > 0 {
				enc := appendDeltas(nil, ds)
				b = binary.AppendUvarint(b, uint64(len(enc)))
				b = append(b, enc...)
			}
			b = binary.AppendUvarint(b, uint64(len(as)))
			if len(as) == 0 {
				continue
			}
			if enc := appendDeltas(nil, as); len(enc) <= inlineMax {
				b = binary.AppendUvarint(b, 0)
				b = binary.AppendUvarint(b, uint64(len(enc)))
				b = append(b, enc...)
				continue
			}
			k := long[s]
			long[s]++
			b = binary.AppendUvarint(b, uint64(k+1))
			name := "p/" + strconv.Itoa(s) + "-" + strconv.Itoa(k)
			whole := encodeLong(as)
			if len(whole) <= blockMin {
				b = binary.AppendUvarint(b, 0)
				files[name+".bin"] = whole
				continue
			}
			// a long list is cut into blocks of BlockOrds documents, so a
			// query reads only the blocks its candidates fall in
			mask := make([]byte, (int(as[len(as)-1])/BlockOrds)/8+1)
			for len(as) > 0 {
				blk := int(as[0]) / BlockOrds
				end, _ := slices.BinarySearch(as, uint32((blk+1)*BlockOrds))
				mask[blk/8] |= 1 << (blk % 8)
				files[name+"."+strconv.Itoa(blk)+".bin"] = encodeLong(as[:end])
				as = as[end:]
			}
			b = binary.AppendUvarint(b, uint64(len(mask)))
			b = append(b, mask...)
		}
		shards[s] = b
	}
	for s, b := range shards {
		files["t/"+strconv.Itoa(s)+".bin"] = b
	}
	return n
}

// exactShards writes the x/ files: every exact key and the documents that
// have it, current keys ("e") apart from former names ("f").
func exactShards(an *Analysis, docs []Doc, files map[string][]byte) int {
	cur, old := map[string][]uint32{}, map[string][]uint32{}
	size := 0
	add := func(m map[string][]uint32, key string, i int) {
		k := an.Key(key)
		if k == "" {
			return
		}
		if l := m[k]; len(l) > 0 && l[len(l)-1] == uint32(i) {
			return
		}
		m[k] = append(m[k], uint32(i))
		size += len(k) + 8
	}
	for i := range docs {
		for _, k := range docs[i].Keys {
			add(cur, k, i)
		}
		for _, k := range docs[i].OldKeys {
			add(old, k, i)
		}
	}
	n := pow2(size, exactTarget)
	type shard struct {
		E map[string][]uint32 `json:"e"`
		F map[string][]uint32 `json:"f"`
	}
	shards := make([]shard, n)
	for i := range shards {
		shards[i] = shard{map[string][]uint32{}, map[string][]uint32{}}
	}
	for k, l := range cur {
		shards[Shard(k, n)].E[k] = l
	}
	for k, l := range old {
		shards[Shard(k, n)].F[k] = l
	}
	for i, s := range shards {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(s) // maps of strings to numbers cannot fail
		files["x/"+strconv.Itoa(i)+".json"] = bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	}
	return n
}

// statusText is the status text of a status slug (valid → 有效), as
// search.js derives it from a record.
func statusText(slug string) string {
	for _, s := range model.Statuses {
		if s.Slug() == slug {
			return s.String()
		}
	}
	return ""
}
