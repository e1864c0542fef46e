package search

import (
	"cmp"
	"encoding/binary"
	"hash/fnv"
	"slices"
)

// A query names an agency with a dozen or more bigrams, and reading a term
// shard for each of them cost a request each. search-index.js (and the
// tests' mirror of it, reader_test.go) reads as few as it can:
//
//   - s.json carries Bloom filters of the common terms (those with more
//     than inlineMax agencies, or in more than DocTexts documents; then
//     those in more than a share of the agencies, commonLevels), so the browser
//     knows about how common each of a query's terms is before it fetches
//     anything. A false positive only makes a term look commoner.
//   - It reads the term shards of the first PlanTerms terms in PlanOrder,
//     rarest first; only the first when that is rare (class 0) and no
//     document has it, as its shard then holds every candidate with its
//     texts. A term with at most inlineMax agencies has them inline,
//     each with its searchable texts (name, former names, region, status)
//     and its card (card.go), which shows it as a result without its
//     record file; a commoner one's agencies are read from its p/ files,
//     whole when nothing has narrowed the candidates yet or they fall in
//     two blocks or more (a list in blocks is also kept whole), else only
//     in the block they fall in.
//   - Then the next term in that order, one by one, only while reading it
//     (its shard, and its blocks where the candidates are unless it is
//     rare) costs fewer requests than checking the candidates left, and a
//     term of the commonest class, which narrows little, only when more
//     than TopChecks record files would have to be checked: an
//     agency whose texts came with a shard costs nothing, any other one
//     its record file (r/). Documents are inline in every shard; when the
//     terms read leave at most DocTexts of them, each is checked against
//     its own texts (d/{ord}.json), else the rest of the terms are read.
//   - Every candidate is then checked against every term of the query in
//     its texts (or, when every term was read, in the lists), so the
//     answer is the one reading every term would give.
//
// When the first terms are all too common to start from (their lists are
// in blocks and longer than RareDF), every term is read block by block in
// document order until a page of current-name matches is certain.

// PlanTerms is how many terms a query reads at least (all, when it has
// fewer) before it weighs reading another against checking candidates.
const PlanTerms = 3

// TopChecks is the most record files worth checking rather than reading
// one of the commonest terms (the last class): with more candidates, every
// term is read, and the lists decide without any record.
const TopChecks = 16

// RareDF is the most agencies a term in blocks may have for its whole list
// to be read to start a query from.
const RareDF = 4000

// DocTexts is the most candidate documents checked against their texts
// (d/{ord}.json); with more, the rest of the term shards are read.
const DocTexts = 2

// commonK is how many bits of the common-term filter a term sets.
const commonK = 4

// commonHashes are the two hashes a term's filter bits come from:
// FNV-1a (32-bit) from its usual offset basis and from another one.
func commonHashes(t string) (uint32, uint32) {
	h := fnv.New32a()
	h.Write([]byte(t))
	h1 := h.Sum32()
	h2 := uint32(0x050c5d1f)
	for i := 0; i < len(t); i++ {
		h2 ^= uint32(t[i])
		h2 *= 0x01000193
	}
	return h1, h2 | 1
}

// commonFilter is a Bloom filter of terms: m bits (a power of two, about
// ten a term), commonK bits a term at (h1 + i·h2) mod m.
func commonFilter(terms []string) []byte {
	m := 64
	for m < 10*len(terms) {
		m *= 2
	}
	bits := make([]byte, m/8)
	for _, t := range terms {
		h1, h2 := commonHashes(t)
		for i := range uint32(commonK) {
			b := (h1 + i*h2) % uint32(m)
			bits[b/8] |= 1 << (b % 8)
		}
	}
	return bits
}

// inFilter reports whether t may be one of the terms of filter.
func inFilter(filter []byte, t string) bool {
	if len(filter) == 0 {
		return false
	}
	m := uint32(len(filter) * 8)
	h1, h2 := commonHashes(t)
	for i := range uint32(commonK) {
		b := (h1 + i*h2) % m
		if filter[b/8]&(1<<(b%8)) == 0 {
			return false
		}
	}
	return true
}

// commonLevels are the shares of all agencies above which a long term is
// also in the second, third… filter: a term's class is how many filters
// hold it (0: rare, its agencies inline), and a query starts from its
// terms of the lowest classes. A term of the last class (in more than a
// quarter of the agencies) is read to narrow candidates only when there
// are many (TopChecks): it would leave most of them, at the cost of its
// blocks.
var commonLevels = []int{32, 4}

// commonFilters are the filters of the common terms (df: how many of the
// nAg agencies each has): every long term in the first, then those above
// each of commonLevels.
func commonFilters(df map[string]int, nAg int) [][]byte {
	out := make([][]byte, 0, 1+len(commonLevels))
	for l := 0; l <= len(commonLevels); l++ {
		var ts []string
		for t, n := range df {
			if l == 0 || n > max(inlineMax, nAg/commonLevels[l-1]) {
				ts = append(ts, t)
			}
		}
		slices.Sort(ts)
		out = append(out, commonFilter(ts))
	}
	return out
}

// termClass is how many of filters hold t, stopping at the first that does not.
func termClass(filters [][]byte, t string) int {
	c := 0
	for c < len(filters) && inFilter(filters[c], t) {
		c++
	}
	return c
}

// PlanOrder is the order a query reads its terms in: of the lowest
// classes first (termClass), then by FNV-1a hash (then as given). The order
// does not depend on the terms' places, so that the near tiers' lists,
// each most of the same terms, read the same shards.
func PlanOrder(filters [][]byte, terms []string) []string {
	type ranked struct {
		t     string
		class int
		h     uint32
	}
	rs := make([]ranked, len(terms))
	for i, t := range terms {
		h, _ := commonHashes(t)
		rs[i] = ranked{t, termClass(filters, t), h}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return cmp.Or(cmp.Compare(a.class, b.class), cmp.Compare(a.h, b.h)) })
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.t
	}
	return out
}

// appendTexts appends the searchable texts of an agency, as a t/ entry
// holds them: uvarint number of former names and of other texts, then
// the name, each former name and each other text, each a uvarint length
// and its bytes. search-index.js reads them so (Reader's texts).
func appendTexts(b []byte, d *Doc) []byte {
	b = binary.AppendUvarint(b, uint64(len(d.Former)))
	b = binary.AppendUvarint(b, uint64(len(d.Other)))
	for _, s := range textsOf(d) {
		b = appendLen(b, s)
	}
	return b
}

// textsOf is d's name, former names and other texts, in that order.
func textsOf(d *Doc) []string {
	out := make([]string, 0, 1+len(d.Former)+len(d.Other))
	out = append(out, d.Name)
	out = append(out, d.Former...)
	return append(out, d.Other...)
}
