package search

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"portal/generator/catalogue"
	"slices"
	"strconv"
	"strings"
)

// staticReader answers queries from the static index files the way
// search.js does (the same fetches, skipping and ranking), so that the
// index can be tested and measured without a browser.
type staticReader struct {
	an      *Analysis
	files   map[string][]byte
	idx     *catalogue.SearchIndex
	fetched []string // every file a query fetched, in order
}

// candidateLimit is search.js's CANDIDATES: once the rarer terms leave at
// most this many agencies, long lists are not fetched; the candidates'
// records are checked instead.
const candidateLimit = 16

// recordCost is about what checking one candidate's record costs (bytes,
// headers included); rareDF is the most agencies a term may have for its
// whole list to be read to start the candidates.
const (
	recordCost = 600
	rareDF     = 4000
)

func (r *staticReader) fetch(name string) ([]byte, bool) {
	r.fetched = append(r.fetched, name)
	b, ok := r.files[r.idx.Dir+name]
	return b, ok
}

// termEntry is one term of a t/ shard: its documents per field, and its
// agencies per field as far as they are known (all of them when inline).
type termEntry struct {
	docs   [nFields][]uint32
	n      [nFields]int      // agencies per field
	ag     [nFields][]uint32 // known so far, ascending
	file   string            // p/{shard}-{k}; "" when inline
	blocks []byte            // block mask; nil: one file
	loaded map[int]bool
	whole  bool // every agency is known
}

func (e *termEntry) agDF() int { return e.n[0] + e.n[1] + e.n[2] }

// single reports whether the term's agencies are inline or in one file.
func (e *termEntry) single() bool { return e.blocks == nil }

// ensure loads the term's agencies in block b.
func (e *termEntry) ensure(r *staticReader, b int) error {
	if e.whole {
		return nil
	}
	name := e.file + ".bin"
	if e.blocks != nil {
		if b/8 >= len(e.blocks) || e.blocks[b/8]&(1<<(b%8)) == 0 || e.loaded[b] {
			return nil
		}
		e.loaded[b] = true
		name = e.file + "." + strconv.Itoa(b) + ".bin"
	}
	data, ok := r.fetch(name)
	if !ok {
		return fmt.Errorf("no list %s", name)
	}
	for f := range nFields {
		l, k := binary.Uvarint(data)
		if k <= 0 || int(l) > len(data)-k {
			return fmt.Errorf("%s: malformed", name)
		}
		data = data[k:]
		if l > 0 {
			ords, ok := decodeLong(data[:l])
			if !ok {
				return fmt.Errorf("%s: malformed", name)
			}
			e.ag[f] = union(e.ag[f], ords)
			data = data[l:]
		}
	}
	if e.blocks == nil || len(e.loaded) == bitsSet(e.blocks) {
		e.whole = true
	}
	return nil
}

func bitsSet(m []byte) int {
	n := 0
	for _, c := range m {
		for ; c != 0; c &= c - 1 {
			n++
		}
	}
	return n
}

func inRange(l []uint32, lo, hi uint32) []uint32 {
	i, _ := slices.BinarySearch(l, lo)
	j, _ := slices.BinarySearch(l, hi)
	return l[i:j]
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
		e := termEntry{whole: true}
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
				if e.docs[f], _, ok = readDeltas(b[:nb], nd); !ok {
					return nil, bad
				}
				b = b[nb:]
			}
		}
		for f := range nFields {
			if e.n[f], ok = uv(); !ok {
				return nil, bad
			}
		}
		mode, ok := uv()
		if !ok {
			return nil, bad
		}
		if mode > 0 {
			e.whole = false
			e.file = "p/" + strconv.Itoa(shard) + "-" + strconv.Itoa(mode-1)
			m, ok := uv()
			if !ok || m > len(b) {
				return nil, bad
			}
			if m > 0 {
				e.blocks, e.loaded = b[:m], map[int]bool{}
			}
			b = b[m:]
		} else {
			for f := range nFields {
				if e.n[f] == 0 {
					continue
				}
				nb, ok := uv()
				if !ok || nb > len(b) {
					return nil, bad
				}
				if e.ag[f], _, ok = readDeltas(b[:nb], e.n[f]); !ok {
					return nil, bad
				}
				b = b[nb:]
			}
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
	if strings.IndexFunc(q, func(c rune) bool { return c >= 0x80 }) >= 0 {
		r.fetch("s.json") // search.js folds traditional characters with it
	}
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
	x, err := r.exactShard(key)
	if err != nil {
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
		c := CheckCode(key)
		if c.Problem != "" && len(hits) == 0 && c.Fix != "" {
			x, err := r.exactShard(c.Fix)
			if err != nil {
				return nil, 0, err
			}
			for _, o := range x.E[c.Fix] {
				add(o, TierCodeFix)
			}
		}
		if c.Problem != "" && len(hits) == 0 { // one character mistyped
			for _, k := range c.Near {
				x, err := r.exactShard(k)
				if err != nil {
					return nil, 0, err
				}
				for _, o := range x.N[k] {
					add(o, TierCodeFix)
				}
			}
		}
		return hits[:min(n, len(hits))], len(hits), nil
	}
	rest, allDone, err := r.match(terms, n, seen)
	if err != nil {
		return nil, 0, err
	}
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
	// too few: the near tiers, as in BleveIndex.Search, each tier's
	// candidates compared with their names (Closest)
	var nt []string
	near := func(tier Tier, lists ...[]string) error {
		best := map[uint32]Tier{}
		for _, ts := range lists {
			rest, done, err := r.match(ts, n, seen)
			if err != nil {
				return err
			}
			if !done {
				total = -1
			}
			for _, h := range rest {
				if t, ok := best[h.o]; (h.t == TierName || h.t == TierFormer) && (!ok || h.t < t) {
					best[h.o] = h.t
				}
			}
		}
		var more []ranked
		for o, t := range best {
			if !seen[int(o)] {
				more = append(more, ranked{o, t})
			}
		}
		slices.SortFunc(more, func(a, b ranked) int { return cmp.Or(int(a.t)-int(b.t), int(a.o)-int(b.o)) })
		ords := make([]int, len(more))
		for i, h := range more {
			ords[i] = int(h.o)
		}
		kept, err := Closest(q, ords, func(o int) ([]string, error) {
			rec, err := r.record(o)
			return append([]string{rec.Name}, rec.Former...), err
		})
		if err != nil {
			return err
		}
		for _, o := range kept {
			if total >= 0 {
				total++
			}
			add(o, tier)
		}
		return nil
	}
	if total >= 0 && total < n && exact == 0 { // an exact name is the answer: no look-alikes after it
		if nt = r.an.NearTerms(q, r.places()); nt != nil {
			if err := near(TierNear, nt); err != nil {
				return nil, 0, err
			}
		}
		if nt == nil {
			nt = terms
		}
	}
	if total == 0 && len(nt) >= MinTermsAllButOne {
		var subs [][]string
		for i := range nt {
			subs = append(subs, append(slices.Clone(nt[:i]), nt[i+1:]...))
		}
		if err := near(TierNearAllButOne, subs...); err != nil {
			return nil, 0, err
		}
	}
	if total == 0 && exact == 0 {
		if err := near(TierNearEdit, r.an.NearEdits(q, r.places())...); err != nil {
			return nil, 0, err
		}
	}
	hits = hits[:min(n, len(hits))]
	for _, h := range hits { // the records shown
		if _, err := r.record(h.Ord); err != nil {
			return nil, 0, err
		}
	}
	return hits, total, nil
}

// exactShard reads the exact-key shard that holds key, as search.js does.
func (r *staticReader) exactShard(key string) (x struct{ E, F, N map[string][]int }, err error) {
	xs := Shard(key, r.idx.ExactShards)
	b, ok := r.fetch("x/" + strconv.Itoa(xs) + ".json")
	if !ok {
		return x, fmt.Errorf("no exact shard %d", xs)
	}
	err = json.Unmarshal(b, &x)
	return x, err
}

// ranked is a hit of match.
type ranked struct {
	o uint32
	t Tier
}

// match finds the documents and agencies with every one of terms, like
// search.js's match: by tier then order, and whether they are all found.
func (r *staticReader) match(terms []string, n int, seen map[int]bool) ([]ranked, bool, error) {
	entries := make([]*termEntry, len(terms))
	for i, t := range terms {
		s := Shard(t, r.idx.TermShards)
		b, ok := r.fetch("t/" + strconv.Itoa(s) + ".bin")
		if !ok {
			return nil, false, fmt.Errorf("no term shard %d", s)
		}
		e, err := parseShard(b, s, t)
		if err != nil {
			return nil, false, err
		}
		if e == nil { // a term no document has: nothing more
			return nil, true, nil
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
	complete := func(e *termEntry) bool { return e.whole }
	var cand []uint32
	started := false
	var long []*termEntry
	for _, e := range entries {
		if !complete(e) {
			long = append(long, e)
			continue
		}
		u := union(e.ag[0], e.ag[1], e.ag[2])
		if !started {
			cand, started = u, true
		} else {
			cand = intersect(cand, u)
		}
	}
	slices.SortStableFunc(long, func(a, b *termEntry) int { return a.agDF() - b.agDF() })
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
		return tierOf(func(f Field, i int) bool { return has(entries[i].ag[f], o) })
	}
	narrow := func(e *termEntry, blocks []int) error {
		for _, b := range blocks {
			if err := e.ensure(r, b); err != nil {
				return err
			}
		}
		u := union(e.ag[0], e.ag[1], e.ag[2])
		if !started {
			cand, started = u, true
		} else {
			cand = intersect(cand, u)
		}
		return nil
	}
	// while nothing has narrowed, the rarest term is read whole when it is
	// rare enough (else every term is common: see the scan below)
	blocksOf := func(e *termEntry) []int {
		if e.blocks == nil {
			return []int{0}
		}
		var bs []int
		for b := range len(e.blocks) * 8 {
			if e.blocks[b/8]&(1<<(b%8)) != 0 {
				bs = append(bs, b)
			}
		}
		return bs
	}
	if len(long) > 0 && !started && (long[0].single() || long[0].agDF() <= rareDF) {
		if err := narrow(long[0], blocksOf(long[0])); err != nil {
			return nil, false, err
		}
		long = long[1:]
	}
	verify := false
	if started {
		// each further list is read only in the blocks the candidates fall
		// in, until checking the candidates' records costs less
		for len(long) > 0 {
			var blocks []int
			for _, o := range cand {
				if b := int(o) / BlockOrds; len(blocks) == 0 || blocks[len(blocks)-1] != b {
					blocks = append(blocks, b)
				}
			}
			e := long[0]
			est := e.agDF() // about a byte an agency
			if e.blocks != nil {
				est = est * len(blocks) / bitsSet(e.blocks)
			}
			if len(cand) <= candidateLimit || len(cand)*recordCost <= est {
				verify = true
				break
			}
			if err := narrow(e, blocks); err != nil {
				return nil, false, err
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
				return nil, false, err
			}
			sets := [nFields]map[string]struct{}{{}, {}, {}}
			r.an.Terms(rec.Name, sets[FieldName])
			for _, f := range rec.Former {
				r.an.Terms(f, sets[FieldFormer])
			}
			r.an.Terms(rec.Region, sets[FieldOther])
			r.an.Terms(rec.Status, sets[FieldOther])
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
				if err := e.ensure(r, b); err != nil {
					return nil, false, err
				}
				u := union(inRange(e.ag[0], lo, hi), inRange(e.ag[1], lo, hi), inRange(e.ag[2], lo, hi))
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
	return rest, allDone, nil
}

// places reads p.json, as search.js does for the near tier.
func (r *staticReader) places() []string {
	b, ok := r.fetch("p.json")
	var ps []string
	if ok {
		json.Unmarshal(b, &ps)
	}
	return ps
}
