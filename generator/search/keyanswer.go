package search

import (
	"cmp"
	"slices"
)

// A query that is a whole name or title exactly (an exact key of x/) is
// the commonest query there is, and the dearest to answer from the term
// shards when every bigram of the name is common (佛山市泰和人力资源有限公司:
// 23 files, each term's list read block by block to prove that no other
// agency has all twelve). Its answer does not depend on anything but the
// key and its terms: the exact hits, then the documents with every term
// (AND) by tier, with no near tiers after an exact hit. So the build
// works it out once, from the inverted lists, and x/ carries it beside
// the key: {"a": {key: [total, ord, tier, ord, tier, …]}}, how many hits
// there are in all and the first KeyAnswerHits of those after the exact
// ones (by tier, then document order). search-index.js, for a query whose
// terms are all common (class 1 or more in s.json's filters), reads x/
// before any term shard and, when "a" has the key, the query's QueryTerms
// are the key's (a space inside a name splits other bigrams) and the page
// asks for no more hits than were kept, shows that answer; otherwise it
// reads the terms as before.
//
// Only the names and titles whose terms may all be common have an answer
// (Answerable): one with a rare term costs no more to read from its term
// shards, which search-index.js loads beside x/, and each answer costs the
// build an analysis of its key.

// KeyAnswerHits is how many hits after the exact ones a key's answer keeps:
// a page of results.
const KeyAnswerHits = 10

// rareTexts are the documents whose name (former names) has a term of at
// most inlineMax documents: a query of such a name reads that term's
// shard, holding the agencies with their texts and cards, beside x/.
type rareTexts struct{ name, former []bool }

func rareTextsOf(inv map[string]*postings, n int) rareTexts {
	r := rareTexts{make([]bool, n), make([]bool, n)}
	for _, p := range inv {
		if len(p[FieldName])+len(p[FieldFormer])+len(p[FieldOther]) > inlineMax {
			continue
		}
		for _, o := range p[FieldName] {
			r.name[o] = true
		}
		for _, o := range p[FieldFormer] {
			r.former[o] = true
		}
	}
	return r
}

// Answerable reports whether a query of terms reads x/ for its key's
// answer before its term shards: when every one of its terms is common,
// in the first filter of s.json, as search-index.js tests it.
func Answerable(common []byte, terms []string) bool {
	return len(terms) > 0 && !slices.ContainsFunc(terms, func(t string) bool { return !inFilter(common, t) })
}

// keyAnswer is the answer to the query key — the total, then ord and tier
// of at most KeyAnswerHits hits with every term of QueryTerms(key) that
// are not among its exact hits exact — or nil when x/ holds none for it
// (an Identifier, or a key of a rare term, not Answerable).
func keyAnswer(an *Analysis, inv map[string]*postings, common []byte, key string, exact []uint32) []uint32 {
	if Identifier(key) {
		return nil
	}
	terms := an.QueryTerms(key)
	if !Answerable(common, terms) {
		return nil
	}
	ps := make([]*postings, len(terms))
	for i, t := range terms {
		if ps[i] = inv[t]; ps[i] == nil {
			return []uint32{uint32(len(exact))} // a term no document has: the exact hits alone
		}
	}
	size := func(p *postings) int { return len(p[FieldName]) + len(p[FieldFormer]) + len(p[FieldOther]) }
	slices.SortFunc(ps, func(a, b *postings) int { return cmp.Compare(size(a), size(b)) })
	// the rarest term's documents, narrowed by each next term in turn: a
	// candidate stays when one of the term's fields has it, and is of the
	// name (former) tier while every term is in its name (former names)
	type candidate struct {
		o            uint32
		name, former bool
	}
	var cands []candidate
	var at [nFields]int
	for first := ps[0]; ; { // the rarest term's fields merged
		o, any := uint32(0), false
		for f, l := range first {
			if at[f] < len(l) && (!any || l[at[f]] < o) {
				o, any = l[at[f]], true
			}
		}
		if !any {
			break
		}
		c := candidate{o: o}
		for f, l := range first {
			if at[f] < len(l) && l[at[f]] == o {
				at[f]++
				c.name, c.former = c.name || f == int(FieldName), c.former || f == int(FieldFormer)
			}
		}
		cands = append(cands, c)
	}
	for _, p := range ps[1:] {
		var at [nFields]int // the candidates ascend: each list is read forward
		kept := cands[:0]
		for _, c := range cands {
			inName, inFormer := seek(p[FieldName], &at[FieldName], c.o), seek(p[FieldFormer], &at[FieldFormer], c.o)
			if inName || inFormer || seek(p[FieldOther], &at[FieldOther], c.o) {
				c.name, c.former = c.name && inName, c.former && inFormer
				kept = append(kept, c)
			}
		}
		if cands = kept; len(cands) == 0 {
			break
		}
	}
	var byTier [3][]uint32 // TierName, TierFormer, TierAny
	total := len(exact)
	for _, c := range cands {
		if slices.Contains(exact, c.o) {
			continue
		}
		total++
		switch {
		case c.name:
			byTier[0] = append(byTier[0], c.o)
		case c.former:
			byTier[1] = append(byTier[1], c.o)
		default:
			byTier[2] = append(byTier[2], c.o)
		}
	}
	out := []uint32{uint32(total)}
	for i, tier := range []Tier{TierName, TierFormer, TierAny} {
		for _, o := range byTier[i] {
			if len(out) == 1+2*KeyAnswerHits {
				return out
			}
			out = append(out, o, uint32(tier))
		}
	}
	return out
}

// seek reports whether the sorted list l holds o, looking from l[*at]
// on, where the previous (smaller) o left off: it gallops, doubling its
// step, then halves back, so that a few candidates in a long list cost a
// few steps each.
func seek(l []uint32, at *int, o uint32) bool {
	lo, step := *at, 1
	for lo+step < len(l) && l[lo+step] < o {
		lo += step
		step *= 2
	}
	hi := min(lo+step+1, len(l))
	i, found := slices.BinarySearch(l[lo:hi], o)
	*at = lo + i
	return found
}
