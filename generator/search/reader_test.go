package search

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// staticReader answers queries from the static index files the way
// search.js does (the same fetches, skipping and ranking), so that the
// index can be tested and measured without a browser.
type staticReader struct {
	an      *Analysis
	files   map[string][]byte
	idx     *Index
	fetched []string // every file a query fetched, in order
}

// candidateLimit is search.js's CANDIDATES: once the rarer terms leave at
// most this many agencies, long lists are not fetched; the candidates'
// records are checked instead.
const candidateLimit = 16

func (r *staticReader) fetch(name string) ([]byte, bool) {
	r.fetched = append(r.fetched, name)
	b, ok := r.files[r.idx.Dir+name]
	return b, ok
}

type agList struct {
	n      int
	ords   []uint32 // what is known so far, ascending
	file   string   // p/{shard}-{k}; "" when inline
	blocks []byte   // block mask; nil: the whole list is in one file
	loaded map[int]bool
	whole  bool // every document of the list is in ords
}

// ensure loads what the list has in block b.
func (l *agList) ensure(r *staticReader, b int) error {
	if l.whole || l.n == 0 {
		return nil
	}
	name := l.file + ".bin"
	if l.blocks != nil {
		if b/8 >= len(l.blocks) || l.blocks[b/8]&(1<<(b%8)) == 0 || l.loaded[b] {
			return nil
		}
		l.loaded[b] = true
		name = l.file + "." + strconv.Itoa(b) + ".bin"
	}
	data, ok := r.fetch(name)
	if !ok {
		return fmt.Errorf("no list %s", name)
	}
	ords, ok := decodeLong(data)
	if !ok {
		return fmt.Errorf("%s: malformed", name)
	}
	l.ords = union(l.ords, ords)
	if l.blocks == nil || len(l.ords) == l.n {
		l.whole = true
	}
	return nil
}

// single reports whether the list is one file (or inline).
func (e *termEntry) single() bool {
	for _, l := range e.ag {
		if l.blocks != nil {
			return false
		}
	}
	return true
}

func inRange(l []uint32, lo, hi uint32) []uint32 {
	i, _ := slices.BinarySearch(l, lo)
	j, _ := slices.BinarySearch(l, hi)
	return l[i:j]
}

type termEntry struct {
	docs [nFields][]uint32
	ag   [nFields]agList
}

func (e *termEntry) agDF() int {
	n := 0
	for _, l := range e.ag {
		n += l.n
	}
	return n
}

// parseShard finds term in a t/ shard.
func parseShard(b []byte, shard int, term string) (*termEntry, error) {
	bad := fmt.Errorf("t/%d.bin: malformed", shard)
	uv := func() (int, bool) {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			return 0, false
		}
		b = b[k:]
		return int(v), true
	}
	for len(b) > 0 {
		l, ok := uv()
		if !ok || l > len(b) {
			return nil, bad
		}
		t := string(b[:l])
		b = b[l:]
		var e termEntry
		for f := range nFields {
			nd, ok := uv()
			if !ok {
				return nil, bad
			}
			if nd > 0 {
				nb, ok := uv()
				if !ok || nb > len(b) {
					return nil, bad
				}
				ds, _, ok := readDeltas(b[:nb], nd)
				if !ok {
					return nil, bad
				}
				e.docs[f] = ds
				b = b[nb:]
			}
			na, ok := uv()
			if !ok {
				return nil, bad
			}
			if na == 0 {
				continue
			}
			mode, ok := uv()
			if !ok {
				return nil, bad
			}
			e.ag[f].n = na
			if mode > 0 {
				e.ag[f].file = "p/" + strconv.Itoa(shard) + "-" + strconv.Itoa(mode-1)
				m, ok := uv()
				if !ok || m > len(b) {
					return nil, bad
				}
				if m > 0 {
					e.ag[f].blocks, e.ag[f].loaded = b[:m], map[int]bool{}
				}
				b = b[m:]
				continue
			}
			e.ag[f].whole = true
			nb, ok := uv()
			if !ok || nb > len(b) {
				return nil, bad
			}
			as, _, ok := readDeltas(b[:nb], na)
			if !ok {
				return nil, bad
			}
			e.ag[f].ords = as
			b = b[nb:]
		}
		if t == term {
			return &e, nil
		}
	}
	return nil, nil
}

func union(ls ...[]uint32) []uint32 {
	var out []uint32
	for _, l := range ls {
		out = append(out, l...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func intersect(a, b []uint32) []uint32 {
	var out []uint32
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); ok {
			out = append(out, x)
		}
	}
	return out
}

func has(l []uint32, o uint32) bool { _, ok := slices.BinarySearch(l, o); return ok }

func (r *staticReader) record(o int) (Record, error) {
	b, ok := r.fetch("r/" + strconv.Itoa(o/RecordChunk) + ".json")
	if !ok {
		return Record{}, fmt.Errorf("no record chunk for %d", o)
	}
	var recs []Record
	if err := json.Unmarshal(b, &recs); err != nil {
		return Record{}, err
	}
	return recs[o%RecordChunk], nil
}

// search answers q like search.js: at most n hits and the total.
func (r *staticReader) search(q string, n int) ([]Hit, int, error) {
	r.fetched = nil
	key := r.an.Key(q)
	if key == "" {
		return nil, 0, nil
	}
	var hits []Hit
	seen := map[int]bool{}
	add := func(o int, t Tier) {
		if !seen[o] {
			seen[o] = true
			hits = append(hits, Hit{Ord: o, Tier: t})
		}
	}
	xs := Shard(key, r.idx.ExactShards)
	b, ok := r.fetch("x/" + strconv.Itoa(xs) + ".json")
	if !ok {
		return nil, 0, fmt.Errorf("no exact shard %d", xs)
	}
	var x struct{ E, F map[string][]int }
	if err := json.Unmarshal(b, &x); err != nil {
		return nil, 0, err
	}
	for _, o := range x.E[key] {
		add(o, TierExact)
	}
	for _, o := range x.F[key] {
		add(o, TierExactFormer)
	}
	exact := len(hits)
	terms := r.an.QueryTerms(q)
	if Identifier(key) || len(terms) == 0 {
		return hits[:min(n, len(hits))], len(hits), nil
	}
	entries := make([]*termEntry, len(terms))
	for i, t := range terms {
		s := Shard(t, r.idx.TermShards)
		b, ok := r.fetch("t/" + strconv.Itoa(s) + ".bin")
		if !ok {
			return nil, 0, fmt.Errorf("no term shard %d", s)
		}
		e, err := parseShard(b, s, t)
		if err != nil {
			return nil, 0, err
		}
		if e == nil { // a term no document has: only exact hits
			return hits[:min(n, len(hits))], len(hits), nil
		}
		entries[i] = e
	}
	// documents: always complete
	var docs []uint32
	for i, e := range entries {
		u := union(e.docs[:]...)
		if i == 0 {
			docs = u
		} else {
			docs = intersect(docs, u)
		}
	}
	// agencies: the terms whose lists are all inline narrow first
	complete := func(e *termEntry) bool {
		for _, l := range e.ag {
			if !l.whole && l.n > 0 {
				return false
			}
		}
		return true
	}
	var cand []uint32
	started := false
	var long []*termEntry
	for _, e := range entries {
		if !complete(e) {
			long = append(long, e)
			continue
		}
		u := union(e.ag[0].ords, e.ag[1].ords, e.ag[2].ords)
		if !started {
			cand, started = u, true
		} else {
			cand = intersect(cand, u)
		}
	}
	slices.SortStableFunc(long, func(a, b *termEntry) int { return a.agDF() - b.agDF() })
	type ranked struct {
		o uint32
		t Tier
	}
	var rest []ranked
	tierOf := func(in func(f Field, i int) bool) (Tier, bool) {
		all := func(f Field) bool {
			for i := range terms {
				if !in(f, i) {
					return false
				}
			}
			return true
		}
		switch {
		case all(FieldName):
			return TierName, true
		case all(FieldFormer):
			return TierFormer, true
		}
		for i := range terms {
			if !in(FieldName, i) && !in(FieldFormer, i) && !in(FieldOther, i) {
				return 0, false
			}
		}
		return TierAny, true
	}
	for _, o := range docs {
		if t, ok := tierOf(func(f Field, i int) bool { return has(entries[i].docs[f], o) }); ok {
			rest = append(rest, ranked{o, t})
		}
	}
	fromLists := func(o uint32) (Tier, bool) {
		return tierOf(func(f Field, i int) bool { return has(entries[i].ag[f].ords, o) })
	}
	narrow := func(e *termEntry, blocks []int) error {
		for _, b := range blocks {
			for f := range e.ag {
				if err := e.ag[f].ensure(r, b); err != nil {
					return err
				}
			}
		}
		u := union(e.ag[0].ords, e.ag[1].ords, e.ag[2].ords)
		if !started {
			cand, started = u, true
		} else {
			cand = intersect(cand, u)
		}
		return nil
	}
	// while nothing has narrowed, a long list small enough to be one file
	// is read whole
	for len(long) > 0 && !started && long[0].single() {
		if err := narrow(long[0], []int{0}); err != nil {
			return nil, 0, err
		}
		long = long[1:]
	}
	verify := false
	if started {
		// the candidates are few: each long list is read only in the
		// blocks they fall in, until few enough to check one by one
		for len(long) > 0 {
			if len(cand) <= candidateLimit {
				verify = true
				break
			}
			var blocks []int
			for _, o := range cand {
				if b := int(o) / BlockOrds; len(blocks) == 0 || blocks[len(blocks)-1] != b {
					blocks = append(blocks, b)
				}
			}
			if err := narrow(long[0], blocks); err != nil {
				return nil, 0, err
			}
			long = long[1:]
		}
	}
	allDone := true
	switch {
	case started && !verify:
		for _, o := range cand {
			if t, ok := fromLists(o); ok {
				rest = append(rest, ranked{o, t})
			}
		}
	case verify:
		// check each candidate against its record, not the long lists
		for _, o := range cand {
			rec, err := r.record(int(o))
			if err != nil {
				return nil, 0, err
			}
			sets := [nFields]map[string]struct{}{{}, {}, {}}
			r.an.Terms(rec.Name, sets[FieldName])
			for _, f := range rec.Former {
				r.an.Terms(f, sets[FieldFormer])
			}
			r.an.Terms(rec.Region, sets[FieldOther])
			r.an.Terms(statusText(rec.Status), sets[FieldOther])
			if t, ok := tierOf(func(f Field, i int) bool { _, in := sets[f][terms[i]]; return in }); ok {
				rest = append(rest, ranked{o, t})
			}
		}
	default:
		// every term is common: block by block, in document order, until
		// a page of current-name matches is certain
		names := 0 // documents come after every agency: they do not count
		blocks := (r.idx.Agencies + BlockOrds - 1) / BlockOrds
		for b := range blocks {
			lo, hi := uint32(b*BlockOrds), uint32((b+1)*BlockOrds)
			var c []uint32
			for i, e := range long {
				for f := range e.ag {
					if err := e.ag[f].ensure(r, b); err != nil {
						return nil, 0, err
					}
				}
				u := union(inRange(e.ag[0].ords, lo, hi), inRange(e.ag[1].ords, lo, hi), inRange(e.ag[2].ords, lo, hi))
				if i == 0 {
					c = u
				} else {
					c = intersect(c, u)
				}
				if len(c) == 0 {
					break
				}
			}
			for _, o := range c {
				if t, ok := fromLists(o); ok {
					rest = append(rest, ranked{o, t})
					if t == TierName && !seen[int(o)] {
						names++
					}
				}
			}
			if names >= n && b < blocks-1 {
				allDone = false
				break
			}
		}
	}
	slices.SortFunc(rest, func(a, b ranked) int {
		if a.t != b.t {
			return int(a.t) - int(b.t)
		}
		return int(a.o) - int(b.o)
	})
	total := exact
	if !allDone {
		total = -1
	}
	for _, h := range rest {
		if !seen[int(h.o)] && total >= 0 {
			total++
		}
		add(int(h.o), h.t)
	}
	hits = hits[:min(n, len(hits))]
	for _, h := range hits { // the records shown
		if _, err := r.record(h.Ord); err != nil {
			return nil, 0, err
		}
	}
	return hits, total, nil
}
