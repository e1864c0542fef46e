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

// readerRareDF is RareDF, lowered by a test to make a small index's first
// terms too common to start from.
var readerRareDF = RareDF

// staticReader answers queries from the static index files the way
// search-index.js does (the same fetches, skipping and ranking), so that the
// index can be tested and measured without a browser.
type staticReader struct {
	an      *Analysis
	files   map[string][]byte
	idx     *catalogue.SearchIndex
	fetched []string // every file a query fetched, in order
	meta    *readerMeta
	texts   map[uint32][nFields][]string // agencies' texts from the t/ entries read
	cards   map[int]Record               // records from the cards in the t/ entries read, and from the r/ files read
	vforms  []verdictForm                // from v.json, when s.json was not read
	absent  map[string]bool              // terms read and found in no document

	// how often match took each way, and a key's answer was used, for the tests
	scans, textChecks, recordChecks, keyAnswers int
	listsInShard                                int // entries read whose agencies came with the shard, without texts
}

// readMeta reads s.json, as search-index.js does before its first term shard.
func (r *staticReader) readMeta() error {
	b, ok := r.fetch("s.json")
	if r.meta != nil {
		return nil
	}
	if !ok {
		return fmt.Errorf("no s.json")
	}
	r.meta = &readerMeta{}
	if err := json.Unmarshal(b, r.meta); err != nil {
		return err
	}
	var err error
	if r.meta.Forms, err = parseForms(r.meta.RawForms); err != nil {
		return fmt.Errorf("s.json: %v", err)
	}
	return nil
}

// forms are the verdict forms: from s.json when it was read, else from v.json.
func (r *staticReader) forms() ([]verdictForm, error) {
	if r.meta != nil {
		return r.meta.Forms, nil
	}
	if r.vforms == nil {
		b, ok := r.fetch("v.json")
		if !ok {
			return nil, fmt.Errorf("no v.json")
		}
		var raw []json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			return nil, err
		}
		var err error
		if r.vforms, err = parseForms(raw); err != nil {
			return nil, err
		}
	}
	return r.vforms, nil
}

// parseForms reads verdict forms, each [class, icon, [label…], [headline…]].
func parseForms(raws []json.RawMessage) ([]verdictForm, error) {
	forms := []verdictForm{}
	for _, raw := range raws {
		var f struct {
			Class, Icon     string
			Label, Headline []string
		}
		var parts []json.RawMessage
		if err := json.Unmarshal(raw, &parts); err != nil || len(parts) != 4 {
			return nil, fmt.Errorf("verdict form %s: %v", raw, err)
		}
		for i, dst := range []any{&f.Class, &f.Icon, &f.Label, &f.Headline} {
			if err := json.Unmarshal(parts[i], dst); err != nil {
				return nil, fmt.Errorf("verdict form %s: %v", raw, err)
			}
		}
		forms = append(forms, verdictForm(f))
	}
	return forms, nil
}

// readerMeta is s.json as the reader uses it.
type readerMeta struct {
	Places    []string          `json:"p"`
	Provinces []string          `json:"r"`
	Common    [][]byte          `json:"b"`
	RawForms  []json.RawMessage `json:"v"`
	Forms     []verdictForm     `json:"-"`
}

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
	// inShard: the agencies came with the shard without their texts (listInlineMax)
	inShard bool
	// texts are each inline agency's name, former names and other texts
	texts map[uint32][nFields][]string
	// cards are each inline agency's record, from its texts and card
	cards map[uint32]Record
}

func (e *termEntry) agDF() int { return e.n[0] + e.n[1] + e.n[2] }

// single reports whether the term's agencies are inline or in one file.
func (e *termEntry) single() bool { return e.blocks == nil }

// ensure loads the term's agencies in block b, or all of them (b < 0).
func (e *termEntry) ensure(r *staticReader, b int) error {
	if e.whole {
		return nil
	}
	name := e.file + ".bin"
	if e.blocks != nil && b >= 0 {
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
	if !e.addLists(data) {
		return fmt.Errorf("%s: malformed", name)
	}
	if e.blocks == nil || b < 0 || len(e.loaded) == bitsSet(e.blocks) {
		e.whole = true
	}
	return nil
}

// addLists adds the agencies of a p/ file (or a block of one), per field
// its uvarint byte length and list (encodeLong).
func (e *termEntry) addLists(data []byte) bool {
	for f := range nFields {
		l, k := binary.Uvarint(data)
		if k <= 0 || int(l) > len(data)-k {
			return false
		}
		data = data[k:]
		if l > 0 {
			ords, ok := decodeLong(data[:l])
			if !ok {
				return false
			}
			e.ag[f] = union(e.ag[f], ords)
			data = data[l:]
		}
	}
	return true
}

// ensureAll loads the term's agencies in blocks: the whole list when that
// is fewer requests (two blocks or more still to read).
func (e *termEntry) ensureAll(r *staticReader, blocks []int) error {
	if e.blocks != nil && !e.whole {
		need := 0
		for _, b := range blocks {
			if b/8 < len(e.blocks) && e.blocks[b/8]&(1<<(b%8)) != 0 && !e.loaded[b] {
				need++
			}
		}
		if need >= 2 {
			return e.ensure(r, -1)
		}
	}
	for _, b := range blocks {
		if err := e.ensure(r, b); err != nil {
			return err
		}
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
func parseShard(b []byte, shard int, term string, forms []verdictForm) (*termEntry, error) {
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
		if mode == 1 { // the agencies without their texts, as a p/ file holds them
			l, ok := uv()
			if !ok || l > len(b) {
				return nil, bad
			}
			if !e.addLists(b[:l]) {
				return nil, bad
			}
			e.inShard = true
			b = b[l:]
		} else if mode > 1 {
			e.whole = false
			e.file = "p/" + strconv.Itoa(shard) + "-" + strconv.Itoa(mode-2)
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
			e.texts = map[uint32][nFields][]string{}
			e.cards = map[uint32]Record{}
			for _, o := range mergeOrds(e.ag) {
				if e.texts[o], e.cards[o], b, ok = readAgency(b, forms); !ok {
					return nil, bad
				}
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

// readAgency reads an agency as a t/ entry or an r/ file holds it, its
// texts (appendTexts) then its card, from the start of b; and returns the
// rest of b.
func readAgency(b []byte, forms []verdictForm) (texts [nFields][]string, rec Record, rest []byte, ok bool) {
	var counts [2]uint64
	for j := range counts {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			return texts, rec, b, false
		}
		counts[j], b = v, b[k:]
	}
	ts := make([]string, 0, 1+counts[0]+counts[1])
	for range 1 + counts[0] + counts[1] {
		l, k := binary.Uvarint(b)
		if k <= 0 || l > uint64(len(b)-k) {
			return texts, rec, b, false
		}
		ts, b = append(ts, string(b[k:k+int(l)])), b[k+int(l):]
	}
	texts = [nFields][]string{ts[:1], ts[1 : 1+counts[0]], ts[1+counts[0]:]}
	rec, b, ok = readCard(b, texts, forms)
	return texts, rec, b, ok
}

// readCard reads the card (card.go) at the start of b of an agency with
// these texts, and returns its record and the rest of b.
func readCard(b []byte, texts [nFields][]string, forms []verdictForm) (rec Record, rest []byte, ok bool) {
	uv := func() uint64 {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			ok = false
			return 0
		}
		b = b[k:]
		return v
	}
	str := func() string {
		l := uv()
		if !ok || l > uint64(len(b)) {
			ok = false
			return ""
		}
		s := string(b[:l])
		b = b[l:]
		return s
	}
	day := func(n uint64) string {
		s := fmt.Sprintf("%08d", n)
		return s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	verdict := func() (v RecordVerdict) {
		f := uv()
		if !ok || f >= uint64(len(forms)) {
			ok = false
			return v
		}
		fill := func(parts []string) string {
			var sb strings.Builder
			for i, p := range parts {
				if i > 0 {
					sb.WriteString(day(uv()))
				}
				sb.WriteString(p)
			}
			return sb.String()
		}
		form := forms[f]
		return RecordVerdict{Class: form.Class, Icon: form.Icon, Label: fill(form.Label), Verdict: fill(form.Headline)}
	}
	ok = true
	rec.Name, rec.Former = texts[FieldName][0], texts[FieldFormer]
	if len(rec.Former) == 0 {
		rec.Former = nil
	}
	rec.Code, rec.Licence = str(), str()
	flags := uv()
	rec.Watch, rec.Abnormal = flags&cardWatch != 0, flags&cardAbnormal != 0
	other, first := texts[FieldOther], 0
	if flags&cardRegion != 0 && len(other) > 0 {
		rec.Region, first = other[0], 1
	}
	if len(other) > first {
		rec.Status = other[len(other)-1]
	}
	rec.RecordVerdict = verdict()
	if until := uv(); until != 0 {
		rec.Until = day(until)
	}
	if flags&cardLater != 0 {
		for n := uv(); ok && n > 0; n-- {
			v := LaterVerdict{RecordVerdict: verdict()}
			if until := uv(); until != 0 {
				v.Until = day(until)
			}
			rec.Later = append(rec.Later, v)
		}
	}
	return rec, b, ok
}

// record is the record of document o: from its card, or from its r/ file,
// whose other records are kept too.
func (r *staticReader) record(o int) (Record, error) {
	if rec, ok := r.cards[o]; ok {
		return rec, nil
	}
	c := o / RecordChunk
	b, ok := r.fetch("r/" + strconv.Itoa(c) + ".bin")
	if !ok {
		return Record{}, fmt.Errorf("no record chunk for %d", o)
	}
	if r.cards == nil {
		r.cards = map[int]Record{}
	}
	bad := fmt.Errorf("r/%d.bin: malformed", c)
	str := func() (string, bool) {
		l, k := binary.Uvarint(b)
		if k <= 0 || l > uint64(len(b)-k) {
			return "", false
		}
		s := string(b[k : k+int(l)])
		b = b[k+int(l):]
		return s, true
	}
	for i := c * RecordChunk; i < min((c+1)*RecordChunk, r.idx.Items); i++ {
		if i >= r.idx.Agencies {
			var f [4]string
			for j := range f {
				if f[j], ok = str(); !ok {
					return Record{}, bad
				}
			}
			r.cards[i] = Record{Name: f[0], Path: f[1], Kind: f[2], Note: f[3]}
			continue
		}
		forms, err := r.forms()
		if err != nil {
			return Record{}, err
		}
		if _, r.cards[i], b, ok = readAgency(b, forms); !ok {
			return Record{}, bad
		}
	}
	if len(b) > 0 {
		return Record{}, bad
	}
	return r.cards[o], nil
}

// search answers q like search-index.js: at most n hits and the total.
func (r *staticReader) search(q string, n int) ([]Hit, int, error) {
	// a query starts from nothing, as in a fresh page
	r.fetched, r.meta, r.texts, r.cards, r.vforms, r.absent = nil, nil, nil, nil, nil, nil
	return r.answer(q, n, everyNear)
}

// find answers q like search.js's findIn (BleveIndex.Find), from a fresh
// start, each later search reading what the earlier ones left, as a page does.
func (r *staticReader) find(q string, n int) ([]Hit, error) {
	// a fresh start; s.json first for a query that is not ASCII, which the
	// first search reads anyway, for the places that say whether the name
	// has a district
	r.fetched, r.meta, r.texts, r.cards, r.vforms, r.absent = nil, nil, nil, nil, nil, nil
	var places, provinces []string
	if strings.IndexFunc(q, func(c rune) bool { return c >= 0x80 }) >= 0 {
		if err := r.readMeta(); err != nil {
			return nil, err
		}
		places, provinces = r.places(), r.provinces()
	}
	name := nameOf(q, places, provinces)
	w := WithoutDistrict(q, name, places)
	first := everyNear
	if w != "" {
		first = butAllButOne
	}
	hits, _, err := r.answer(q, n, first)
	if err != nil || len(hits) > 0 && hits[0].Tier < TierNear {
		return hits, err
	}
	if err := r.readMeta(); err != nil {
		return nil, err
	}
	places, provinces = r.places(), r.provinces()
	// each is a search after the first; plain, without its near tiers
	each := func(w string, plain bool) ([]Hit, error) {
		tiers := everyNear
		if plain {
			tiers = noNear
		}
		h, _, err := r.answer(w, n, tiers)
		return h, err
	}
	if name != "" && len(hits) == 0 {
		if h, err := each(name, false); err != nil || len(h) > 0 {
			return h, err
		}
	}
	if w != "" {
		d, err := each(w, len(hits) > 0)
		if err != nil {
			return nil, err
		}
		if len(d) > 0 && (len(hits) == 0 || d[0].Tier <= TierExactFormer) {
			for i := range d {
				d[i].Tier = max(d[i].Tier, TierNear)
			}
			return d, nil
		}
		if len(hits) == 0 { // the tier left out
			if hits, err = each(q, false); err != nil {
				return nil, err
			}
		}
	}
	_, head := HeadOfficeIn(q, name)
	if head != "" && len(hits) == 0 {
		h, err := each(head, true)
		if err != nil {
			return nil, err
		}
		if h = slices.DeleteFunc(h, func(x Hit) bool { return x.Tier > TierExactFormer }); len(h) > 0 {
			return h, nil
		}
	}
	if len(hits) > 0 && hits[0].Tier == TierNear {
		return hits, nil
	}
	t := TradeName(r.an.Key(cmp.Or(head, name, strings.Trim(companyRemark.ReplaceAllString(q, ""), nameEdge))), places, provinces)
	if t == "" {
		return hits, nil
	}
	tr, err := each(t, true)
	if err != nil {
		return nil, err
	}
	return withTradeName(Result{Hits: hits}, byTradeName(Result{Hits: tr}), n).Hits, nil
}

// answer is search without the fresh start: search-index.js's search
// calling itself for a code in the query, and Find's later searches;
// tiers are the near tiers it runs (BleveIndex.search's).
func (r *staticReader) answer(q string, n int, tiers nearTiers) ([]Hit, int, error) {
	plain := tiers == noNear
	key := r.an.Key(q)
	if key == "" {
		return nil, 0, nil
	}
	if strings.IndexFunc(q, func(c rune) bool { return c >= 0x80 }) >= 0 || !Identifier(key) && len(r.an.QueryTerms(q)) > 0 {
		// search-index.js folds traditional characters with it, and plans with its filter
		if err := r.readMeta(); err != nil {
			return nil, 0, err
		}
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
	if lk := LicenceKey(q); exact == 0 && lk != "" {
		if lk = r.an.Key(lk); lk != key {
			x, err := r.exactShard(lk)
			if err != nil {
				return nil, 0, err
			}
			for _, o := range x.E[lk] {
				add(o, TierExact)
			}
			exact = len(hits)
		}
	}
	if exact == 0 {
		for _, c := range r.an.Codes(q) {
			if c == key {
				continue
			}
			if hits, total, err := r.answer(c, n, tiers); err != nil || len(hits) > 0 {
				return hits, total, err
			}
		}
	}
	terms := r.an.QueryTerms(q)
	// a whole name or title: its answer came with the key (keyanswer.go)
	a, keyed := x.A[key]
	if keyed && !Identifier(key) && len(terms) > 0 && answerable(r.meta.Common[0], terms) && sameTerms(terms, r.an.QueryTerms(key)) {
		if kept := (len(a) - 1) / 2; (plain || exact > 0 || a[0] >= n || a[0] > 0 && r.an.NearTerms(q, r.places()) == nil) && (a[0] <= exact+kept || n <= exact+kept) {
			for i := 1; i < len(a); i += 2 {
				add(a[i], Tier(a[i+1]))
			}
			r.keyAnswers++
			return r.shown(hits, n, a[0])
		}
	}
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
				x, err := r.xShardAt(Shard(k, r.idx.ExactShards)) // a code's neighbours are in the shard of themselves
				if err != nil {
					return nil, 0, err
				}
				for _, o := range x.N[k] {
					add(o, TierCodeFix)
				}
			}
			kept := hits[:0]
			for _, h := range hits {
				rec, err := r.record(h.Ord)
				if err != nil {
					return nil, 0, err
				}
				if OneAway(rec.Code, c.Typed) {
					kept = append(kept, h)
				}
			}
			hits = kept
		}
		return r.shown(hits, n, len(hits))
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
	if plain {
		return r.shown(hits, n, total)
	}
	// too few: the near tiers, as in BleveIndex.Search, each tier's
	// candidates compared with their names (Closest)
	var nt []string
	// names are a candidate's names, from the texts a shard brought or its record
	names := func(o int) ([]string, error) {
		if ts, ok := r.texts[uint32(o)]; ok {
			return append(slices.Clone(ts[FieldName]), ts[FieldFormer]...), nil
		}
		rec, err := r.record(o)
		return append([]string{rec.Name}, rec.Former...), err
	}
	near := func(tier Tier, lists ...[]string) error {
		best := map[uint32]Tier{}
		for _, ts := range lists {
			rest, done, err := r.match(ts, max(n, NearVerify), seen)
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
		kept, err := Closest(q, r.places(), ords, names)
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
		q = withoutProvince(q, r.provinces(), r.places()) // the query as the near tiers read it
		found := 0
		if nt = r.an.NearTerms(q, r.places()); nt != nil {
			// a name with the query's near key is the tier, without look-alikes
			if nk := r.an.NearKey(q); nk != "" && nk != key {
				x, err := r.xShardAt(Shard(noDistrictKey(nk, r.places()), r.idx.ExactShards))
				if err != nil {
					return nil, 0, err
				}
				var ords []int
				for _, o := range slices.Concat(x.K[nk], x.KF[nk]) {
					if !seen[o] && !slices.Contains(ords, o) {
						ords = append(ords, o)
					}
				}
				kept, err := Closest(q, r.places(), ords, names)
				if err != nil {
					return nil, 0, err
				}
				for _, o := range kept {
					add(o, TierNear)
				}
				found = len(kept)
				total += found
			}
		}
		// no name with the near key: a name one edit away (the x/ files of
		// the near key's signatures), without the near tier's look-alikes
		// after it — when nothing was found, or the query has words to set aside
		if found == 0 && (total == 0 || nt != nil) {
			kept, err := r.oneEdit(q, seen, names)
			if err != nil {
				return nil, 0, err
			}
			for _, o := range kept {
				add(o, TierNearEdit)
			}
			found += len(kept)
			total += len(kept)
		}
		if nt != nil && found == 0 {
			if err := near(TierNear, nt); err != nil {
				return nil, 0, err
			}
		}
		if nt == nil {
			nt = terms
		}
	}
	// still nothing: a name with every term but one
	if tiers == everyNear && total == 0 && len(nt) >= MinTermsAllButOne {
		var subs [][]string
		for i := range nt {
			subs = append(subs, append(slices.Clone(nt[:i]), nt[i+1:]...))
		}
		if err := near(TierNearAllButOne, subs...); err != nil {
			return nil, 0, err
		}
	}
	return r.shown(hits, n, total)
}

// oneEdit is BleveIndex.oneEdit from the x/ files of q's near key's
// signatures: the agencies listed there, not seen, with a near key one
// edit from q's, in order, kept and ranked by Closest.
func (r *staticReader) oneEdit(q string, seen map[int]bool, names func(int) ([]string, error)) ([]int, error) {
	nk := r.an.NearKey(q)
	var ords []int
	for _, sig := range QuerySigs(nk, r.places()) {
		x, err := r.xShardAt(Shard(sig, r.idx.ExactShards))
		if err != nil {
			return nil, err
		}
		b := x.S[sig]
		for j, o := range b.Ords {
			if !seen[o] && !slices.Contains(ords, o) && OneEdit(nk, b.Keys[j]) {
				ords = append(ords, o)
			}
		}
	}
	slices.Sort(ords)
	return Closest(q, r.places(), ords, names)
}

// shown reads the records of the first n hits, as the page shows them.
func (r *staticReader) shown(hits []Hit, n, total int) ([]Hit, int, error) {
	hits = hits[:min(n, len(hits))]
	for _, h := range hits {
		if _, err := r.record(h.Ord); err != nil {
			return nil, 0, err
		}
	}
	return hits, total, nil
}

// exactShard reads the exact-key shard that holds key, as search-index.js
// does: with the places of s.json when a query has read it (every query
// that is not ASCII has; places are not).
func (r *staticReader) exactShard(key string) (xShard, error) {
	return r.xShardAt(Shard(exactShardKey(key, r.knownPlaces()), r.idx.ExactShards))
}

// knownPlaces are the places of s.json when it has been read, else none.
func (r *staticReader) knownPlaces() []string {
	if r.meta == nil {
		return nil
	}
	return r.meta.Places
}

// xShard is an x/ file.
type xShard struct {
	E, F, N, K, KF, A map[string][]int
	S                 map[string]sigBucket
}

// sigBucket is what x/ lists under a signature (NearSigs): agencies and
// the near key of each, [[ord, …], [key, …]].
type sigBucket struct {
	Ords []int
	Keys []string
}

func (b *sigBucket) UnmarshalJSON(data []byte) error {
	var raw [2]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[0], &b.Ords); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[1], &b.Keys); err != nil {
		return err
	}
	if len(b.Ords) != len(b.Keys) {
		return fmt.Errorf("a signature with %d agencies and %d keys", len(b.Ords), len(b.Keys))
	}
	return nil
}

// xShardAt reads the x/ file numbered xs.
func (r *staticReader) xShardAt(xs int) (x xShard, err error) {
	b, ok := r.fetch("x/" + strconv.Itoa(xs) + ".json")
	if !ok {
		return x, fmt.Errorf("no exact shard %d", xs)
	}
	err = json.Unmarshal(b, &x)
	return x, err
}

// sameTerms reports whether the distinct terms a and b are the same set.
func sameTerms(a, b []string) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(t string) bool { return !slices.Contains(b, t) })
}

// ranked is a hit of match.
type ranked struct {
	o uint32
	t Tier
}

// match finds the documents and agencies with every one of terms, like
// search-index.js's match: by tier then order, and whether they are all found.
// It reads as few term shards as it can (plan.go): the first PlanTerms
// terms in PlanOrder, then one by one while the next costs fewer requests
// than checking the candidates left against their texts or records; when
// the first terms are all too common to start from, every term, block by
// block in document order, until a page of current-name matches is certain.
func (r *staticReader) match(terms []string, n int, seen map[int]bool) ([]ranked, bool, error) {
	var filters [][]byte
	if r.meta != nil {
		filters = r.meta.Common
	}
	if r.texts == nil {
		r.texts = map[uint32][nFields][]string{}
	}
	// a term read before and found in no document decides, without a request
	for _, t := range terms {
		if r.absent[t] {
			return nil, true, nil
		}
	}
	order := PlanOrder(filters, terms)
	got := map[string]*termEntry{}
	var cand, docs []uint32
	started, docsStarted, skipped, scan := false, false, false, false
	blocksOf := func() []int {
		var blocks []int
		for _, o := range cand {
			if b := int(o) / r.idx.Block; len(blocks) == 0 || blocks[len(blocks)-1] != b {
				blocks = append(blocks, b)
			}
		}
		return blocks
	}
	// checks is what checking the candidates costs: a request for each
	// record file of those whose texts are not known
	checks := func() int {
		files := map[int]bool{}
		for _, o := range cand {
			if _, ok := r.texts[o]; !ok {
				files[int(o)/RecordChunk] = true
			}
		}
		return len(files)
	}
	// take reads the entries of ts (all of them, as search-index.js does at
	// once) and reports whether one of the terms is in no document
	take := func(ts []string) (bool, error) {
		none := false
		for _, t := range ts {
			e := got[t]
			if e == nil {
				var err error
				if e, err = r.entry(t); err != nil {
					return false, err
				}
			}
			if e == nil {
				none = true
				continue
			}
			got[t] = e
			u := union(e.docs[:]...)
			if docsStarted {
				docs = intersect(docs, u)
			} else {
				docs, docsStarted = u, true
			}
		}
		return none, nil
	}
	// apply narrows the candidates with e's agencies in blocks, or in the
	// candidates' blocks once there are candidates, unless reading those
	// costs more than checking them
	apply := func(e *termEntry, blocks []int) error {
		if !e.whole && started {
			if blocks = blocksOf(); e.single() {
				blocks = []int{0}
			}
			if len(blocks) >= checks() {
				skipped = true
				return nil
			}
		}
		if err := e.ensureAll(r, blocks); err != nil {
			return err
		}
		for o, ts := range e.texts {
			r.texts[o] = ts
		}
		u := union(e.ag[0], e.ag[1], e.ag[2])
		if started {
			cand = intersect(cand, u)
		} else {
			cand, started = u, true
		}
		return nil
	}
	first := order[:min(PlanTerms, len(order))]
	// a rare first term has its agencies inline, with their texts: when no
	// document has it, it alone decides
	if termClass(filters, order[0]) == 0 {
		if none, err := take(order[:1]); none || err != nil {
			return nil, true, err
		}
		if len(docs) == 0 {
			first = order[:1]
		}
	}
	if none, err := take(first); none || err != nil {
		return nil, true, err
	}
	es := make([]*termEntry, len(first))
	for i, t := range first {
		es[i] = got[t]
	}
	notWhole := func(e *termEntry) int {
		if e.whole {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(es, func(a, b *termEntry) int { return cmp.Or(notWhole(a)-notWhole(b), a.agDF()-b.agDF()) })
	for _, e := range es {
		if !started && e.blocks != nil && e.agDF() > readerRareDF {
			scan = true
			break
		}
		if err := apply(e, e.blockList()); err != nil {
			return nil, false, err
		}
	}
	read := len(first)
	for ; !scan && read < len(order); read++ {
		t := order[read]
		class, cost := termClass(filters, t), 1
		top := class == len(filters) && class > 0
		if class > 0 {
			cost += len(blocksOf())
		}
		top = top && checks() <= TopChecks
		if len(docs) <= DocTexts && (top || cost >= checks()) {
			break
		}
		if none, err := take([]string{t}); none || err != nil {
			return nil, true, err
		}
		if top { // read for the documents only
			skipped = true
			continue
		}
		if err := apply(got[t], nil); err != nil {
			return nil, false, err
		}
	}
	skipped = skipped || read < len(order)
	var docTexts []uint32
	if !scan && skipped && len(docs) <= DocTexts {
		docTexts = docs
	}
	if scan || len(docs) > 0 && len(docTexts) == 0 {
		if none, err := take(order); none || err != nil {
			return nil, true, err
		}
	}
	var rest []ranked
	push := func(o uint32, in func(f Field, i int) bool) Tier {
		t, ok := tierOfTerms(len(terms), in)
		if !ok {
			return TierAny + 1
		}
		rest = append(rest, ranked{o, t})
		return t
	}
	inLists := func(o uint32, docLists bool) func(f Field, i int) bool {
		return func(f Field, i int) bool {
			if docLists {
				return has(got[terms[i]].docs[f], o)
			}
			return has(got[terms[i]].ag[f], o)
		}
	}
	allDone := true
	if scan {
		r.scans++
		long := make([]*termEntry, len(terms))
		for i, t := range terms {
			long[i] = got[t]
		}
		slices.SortStableFunc(long, func(a, b *termEntry) int { return a.agDF() - b.agDF() })
		names := 0 // documents come after every agency: they do not count
		blocks := (r.idx.Agencies + r.idx.Block - 1) / r.idx.Block
		for b := range blocks {
			lo, hi := uint32(b*r.idx.Block), uint32((b+1)*r.idx.Block)
			var c []uint32
			for _, e := range long { // every term's block at once, as search-index.js fetches them
				if err := e.ensure(r, b); err != nil {
					return nil, false, err
				}
			}
			for i, e := range long {
				if i > 0 && len(c) == 0 {
					break
				}
				u := union(inRange(e.ag[0], lo, hi), inRange(e.ag[1], lo, hi), inRange(e.ag[2], lo, hi))
				if i == 0 {
					c = u
				} else {
					c = intersect(c, u)
				}
			}
			for _, o := range c {
				if push(o, inLists(o, false)) == TierName && !seen[int(o)] {
					names++
				}
			}
			if names >= n && b < blocks-1 {
				allDone = false
				break
			}
		}
	} else {
		checked := append(slices.Clone(cand), docTexts...)
		for _, o := range checked {
			if _, ok := r.texts[o]; !skipped || ok {
				continue
			}
			if int(o) < r.idx.Agencies {
				r.recordChecks++
				rec, err := r.record(int(o))
				if err != nil {
					return nil, false, err
				}
				r.texts[o] = [nFields][]string{{rec.Name}, rec.Former, {rec.Region, rec.Status}}
				continue
			}
			b, ok := r.fetch("d/" + strconv.Itoa(int(o)) + ".json")
			if !ok {
				return nil, false, fmt.Errorf("no texts of document %d", o)
			}
			var d struct {
				Name   string   `json:"n"`
				Former []string `json:"f"`
				Other  []string `json:"o"`
			}
			if err := json.Unmarshal(b, &d); err != nil {
				return nil, false, err
			}
			r.texts[o] = [nFields][]string{{d.Name}, d.Former, d.Other}
		}
		for _, o := range checked {
			if !skipped {
				push(o, inLists(o, false))
				continue
			}
			r.textChecks++
			sets := r.termSets(r.texts[o])
			push(o, func(f Field, i int) bool { _, in := sets[f][terms[i]]; return in })
		}
	}
	for _, o := range docs {
		if !slices.Contains(docTexts, o) {
			push(o, inLists(o, true))
		}
	}
	slices.SortFunc(rest, func(a, b ranked) int { return cmp.Or(int(a.t)-int(b.t), int(a.o)-int(b.o)) })
	return rest, allDone, nil
}

// provinces are the near tiers' provinces, from s.json.
func (r *staticReader) provinces() []string {
	if r.readMeta() != nil {
		return nil
	}
	return r.meta.Provinces
}

// places are the near tier's places, from s.json.
func (r *staticReader) places() []string {
	if r.readMeta() != nil {
		return nil
	}
	return r.meta.Places
}

// tierOfTerms is the tier of a document that has term i of n in field f
// when in(f, i), and whether it matches at all.
func tierOfTerms(n int, in func(f Field, i int) bool) (Tier, bool) {
	all := func(f Field) bool {
		for i := range n {
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
	for i := range n {
		if !in(FieldName, i) && !in(FieldFormer, i) && !in(FieldOther, i) {
			return 0, false
		}
	}
	return TierAny, true
}

// termSets are the terms of each field of a document's texts.
func (r *staticReader) termSets(texts [nFields][]string) [nFields]map[string]struct{} {
	sets := [nFields]map[string]struct{}{{}, {}, {}}
	for f, ts := range texts {
		for _, t := range ts {
			r.an.Terms(t, sets[f])
		}
	}
	return sets
}

// blockList is the blocks the term has agencies in ([0]: one file).
func (e *termEntry) blockList() []int {
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

// entry reads term's entry from its t/ shard; nil when no document has it.
func (r *staticReader) entry(t string) (*termEntry, error) {
	s := Shard(t, r.idx.TermShards)
	b, ok := r.fetch("t/" + strconv.Itoa(s) + ".bin")
	if !ok {
		return nil, fmt.Errorf("no term shard %d", s)
	}
	var forms []verdictForm
	if r.meta != nil {
		forms = r.meta.Forms
	}
	e, err := parseShard(b, s, t, forms)
	if e == nil && err == nil {
		if r.absent == nil {
			r.absent = map[string]bool{}
		}
		r.absent[t] = true
	}
	if e != nil && e.inShard {
		r.listsInShard++
	}
	if e != nil {
		if r.cards == nil {
			r.cards = map[int]Record{}
		}
		for o, rec := range e.cards {
			r.cards[int(o)] = rec
		}
	}
	return e, err
}
