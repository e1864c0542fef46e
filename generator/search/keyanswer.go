package search

import (
	"cmp"
	"math/bits"
	"slices"
	"sync"
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
// asks for no more hits than were kept, and no near tier would follow
// (an exact hit, a page of hits, or no word nearTerms sets aside), shows
// that answer; otherwise it reads the terms as before. So do keys that
// "a" does not have: the build may leave any out.
//
// Only keys whose terms may all be common have an answer (answerable): a
// query with a rare term reads that term's shard beside x/ at no more
// cost; nor do names whose rarest term is in few agencies (rareTexts).
// Besides names and titles, the words people type that every list of is
// long have answers too (commonRuns).

// commonRuns are the words people type that every list of is long, each
// as a key: the parts of agencies' names (人力资源, 劳务派遣有限公司,
// 深圳市, 劳), of one to runMax characters, whose characters and each two
// beside each other are in more than a 32nd of the agencies (the second
// class of plan.go); and the parts of documents' titles (年度经营情况报告,
// 劳务派遣经营许可证), of two to runMax characters, whose each two
// characters beside each other are common (in the filter common, as
// search-index.js tests them). A query of such a word reads every one of
// its terms' lists (人力资源: 13 files; 劳务派遣经营许可证: 12); its answer
// in x/ costs none. Their answers, like a name's, hold no more than a
// page, and are kept only for a word with a hit.
func commonRuns(an *Analysis, docs []Doc, nAg int, inv map[string]*postings, filter []byte) []string {
	// the terms in more than a 32nd of the agencies, a field and a place
	// each (a city is in its agencies' names and regions: 清远市宏远), looked
	// up at every character of every name
	second := map[string]bool{}
	for t, p := range inv {
		if len(p[FieldName])+len(p[FieldFormer])+len(p[FieldOther]) > nAg/commonLevels[0] {
			second[t] = true
		}
	}
	inNames := func(t string) bool { return second[t] }
	inTitles := func(t string) bool { return inFilter(filter, t) }
	// each name's longest runs of common characters, each run once (most
	// names are made of the same few), by the shortest part kept of them
	runs := [3]map[string]bool{1: {}, 2: {}}
	var at []int // where each character of a name starts, and its end
	for o, d := range docs {
		common, shortest := inNames, 1
		if o >= nAg {
			common, shortest = inTitles, 2
		}
		name := d.Name
		at = at[:0]
		for i := range name {
			at = append(at, i)
		}
		at = append(at, len(name))
		for i := 0; i+1 < len(at); {
			j := i // the run is the characters [i, j]
			if shortest == 1 && !common(name[at[i]:at[i+1]]) {
				i++
				continue
			}
			for j+2 < len(at) && (shortest > 1 || common(name[at[j+1]:at[j+2]])) && common(name[at[j]:at[j+2]]) {
				j++
			}
			if j+1-i >= shortest {
				runs[shortest][name[at[i]:at[j+1]]] = true
			}
			i = j + 1
		}
	}
	// and every part of each, of shortest to runMax characters
	set := map[string]bool{}
	for shortest, rs := range runs {
		for run := range rs {
			cs := []rune(run)
			for i := range cs {
				for j := i + shortest - 1; j < len(cs) && j-i < runMax; j++ {
					set[string(cs[i:j+1])] = true
				}
			}
		}
	}
	out := make([]string, 0, len(set))
	for w := range set {
		if k := an.Key(w); k != "" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// runMax is the most characters of a word commonRuns keeps.
const runMax = 10

// KeyAnswerHits is how many hits after the exact ones a key's answer keeps:
// a page of results.
const KeyAnswerHits = 10

// rareTexts are the documents whose name (former names) has a term of at
// most answerDF(nAg) documents: a query of such a name starts from that
// term's list, short or inline with its agencies' texts and cards, and
// reads few others (50k: 3 index files at the median, 15 at most, for
// names whose rarest term is in 129–195 agencies); x/ holds no answer
// for it. Each answer costs an analysis of its key and a pass over its
// rarest term's list: with every name answered, the index of 200,000
// agencies took 9.1 s to make, with these left out 5.9 s (5.1 s without
// any answer).
type rareTexts struct{ name, former []bool }

// answerDF is the most documents a name's rarest term may be in for x/ to
// hold no answer for it: inlineMax, or a 256th of the nAg agencies.
func answerDF(nAg int) int { return max(inlineMax, nAg/256) }

func rareTextsOf(inv map[string]*postings, n, nAg int) rareTexts {
	r := rareTexts{make([]bool, n), make([]bool, n)}
	for _, p := range inv {
		if len(p[FieldName])+len(p[FieldFormer])+len(p[FieldOther]) > answerDF(nAg) {
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

// answerable reports whether a query of terms reads x/ for its key's
// answer before its term shards: when every one of its terms is common,
// in the first filter of s.json, as search-index.js tests it.
func answerable(common []byte, terms []string) bool {
	return len(terms) > 0 && !slices.ContainsFunc(terms, func(t string) bool { return !inFilter(common, t) })
}

// keyTerms are the terms of the query key when x/ may hold its answer:
// not an Identifier, and every term common (answerable); nil otherwise.
func keyTerms(an *Analysis, common []byte, key string) []string {
	if Identifier(key) {
		return nil
	}
	if terms := an.QueryTerms(key); answerable(common, terms) {
		return terms
	}
	return nil
}

// keyAnswer is the answer to a query of terms whose exact hits are exact:
// the total, then ord and tier of at most KeyAnswerHits hits with every
// term that are not among exact. words holds the lists of some terms as
// bit sets: a query of those alone is answered from them, and any other
// looks its candidates up in them.
func keyAnswer(inv map[string]*postings, words wordBits, terms []string, exact []uint32) []uint32 {
	if a := words.answer(terms, exact); a != nil {
		return a
	}
	type list struct {
		p    *postings
		bits *[nFields][]uint64 // the lists as bit sets, when words has them
	}
	ps := make([]list, len(terms))
	for i, t := range terms {
		if ps[i] = (list{inv[t], words[t]}); ps[i].p == nil {
			return []uint32{uint32(len(exact))} // a term no document has: the exact hits alone
		}
	}
	size := func(l list) int { return len(l.p[FieldName]) + len(l.p[FieldFormer]) + len(l.p[FieldOther]) }
	slices.SortFunc(ps, func(a, b list) int { return cmp.Compare(size(a), size(b)) })
	// the rarest term's documents, each looked up in the next terms' lists
	// in turn (a list read forward, as the documents ascend): one stays
	// when one of every term's fields has it, and is of the name (former)
	// tier while every term is in its name (former names)
	type candidate struct {
		o            uint32
		name, former bool
	}
	var cands []candidate
	var first [nFields]int
	at := make([][nFields]int, len(ps))
	for {
		o, any := uint32(0), false
		for f, l := range ps[0].p {
			if first[f] < len(l) && (!any || l[first[f]] < o) {
				o, any = l[first[f]], true
			}
		}
		if !any {
			break
		}
		c := candidate{o: o}
		for f, l := range ps[0].p {
			if first[f] < len(l) && l[first[f]] == o {
				first[f]++
				c.name, c.former = c.name || f == int(FieldName), c.former || f == int(FieldFormer)
			}
		}
		all := true
		for i := 1; i < len(ps) && all; i++ {
			var in [nFields]bool
			if b := ps[i].bits; b != nil {
				for f := range in {
					in[f] = b[f][o/64]&(1<<(o%64)) != 0
				}
			} else {
				in[FieldName] = seek(ps[i].p[FieldName], &at[i][FieldName], o)
				in[FieldFormer] = seek(ps[i].p[FieldFormer], &at[i][FieldFormer], o)
				in[FieldOther] = !in[FieldName] && !in[FieldFormer] && seek(ps[i].p[FieldOther], &at[i][FieldOther], o)
			}
			all = in[FieldName] || in[FieldFormer] || in[FieldOther]
			c.name, c.former = c.name && in[FieldName], c.former && in[FieldFormer]
		}
		if all {
			cands = append(cands, c)
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
	return encodeAnswer(total, byTier)
}

// encodeAnswer is an answer of total hits, the first KeyAnswerHits of
// byTier (of TierName, TierFormer and TierAny) after the exact ones.
func encodeAnswer(total int, byTier [3][]uint32) []uint32 {
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

// wordBits are the lists of the terms the words of commonRuns are made
// of, each field's as a bit set over the documents: those lists are the
// longest (each in more than a 32nd of the agencies), and a word's answer
// is their AND, a few thousand words of 64 documents each.
type wordBits map[string]*[nFields][]uint64

func wordBitsOf(inv map[string]*postings, terms []string, nDocs int) wordBits {
	words := wordBits{}
	for _, t := range terms {
		p := inv[t]
		if p == nil || words[t] != nil {
			continue
		}
		var b [nFields][]uint64
		for f, l := range p {
			b[f] = make([]uint64, (nDocs+63)/64)
			for _, o := range l {
				b[f][o/64] |= 1 << (o % 64)
			}
		}
		words[t] = &b
	}
	return words
}

var wordScratch = sync.Pool{New: func() any { return new([3][]uint64) }}

// answer is keyAnswer from the bit sets, or nil when a term has none.
func (words wordBits) answer(terms []string, exact []uint32) []uint32 {
	if len(words) == 0 || slices.ContainsFunc(terms, func(t string) bool { return words[t] == nil }) {
		return nil
	}
	first := words[terms[0]]
	n := len(first[FieldName])
	sets := wordScratch.Get().(*[3][]uint64) // a few thousand words' answers: their sets reused
	defer wordScratch.Put(sets)
	for i := range sets {
		if cap(sets[i]) < n {
			sets[i] = make([]uint64, n)
		}
		sets[i] = sets[i][:n]
	}
	name, former, all := sets[0], sets[1], sets[2]
	for i := range n {
		name[i], former[i] = first[FieldName][i], first[FieldFormer][i]
		all[i] = first[FieldName][i] | first[FieldFormer][i] | first[FieldOther][i]
	}
	for _, t := range terms[1:] {
		b := words[t]
		for i := range n {
			name[i] &= b[FieldName][i]
			former[i] &= b[FieldFormer][i]
			all[i] &= b[FieldName][i] | b[FieldFormer][i] | b[FieldOther][i]
		}
	}
	for _, o := range exact {
		all[o/64] &^= 1 << (o % 64)
	}
	total := len(exact)
	var byTier [3][]uint32
	for i := range n {
		total += bits.OnesCount64(all[i])
		for w := all[i]; w != 0; w &= w - 1 {
			o := uint32(i*64 + bits.TrailingZeros64(w))
			tier := 2
			if name[i]&(1<<(o%64)) != 0 {
				tier = 0
			} else if former[i]&(1<<(o%64)) != 0 {
				tier = 1
			}
			if len(byTier[tier]) < KeyAnswerHits {
				byTier[tier] = append(byTier[tier], o)
			}
		}
	}
	return encodeAnswer(total, byTier)
}

// seek reports whether the sorted list l holds o, looking from l[*at]
// on, where the previous (smaller) o left off: it gallops, doubling its
// step, then halves back, so that a few candidates in a long list cost a
// few steps each.
func seek(l []uint32, at *int, o uint32) bool {
	if *at >= len(l) {
		return false
	}
	if v := l[*at]; v >= o { // the next is already past o: most lookups
		return v == o
	}
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
