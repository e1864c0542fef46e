package search

import (
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Tier is how well a result matches; lower is better. Within a tier,
// results keep the order of Docs. search-index.js ranks with the same tiers.
type Tier uint8

const (
	TierExact       Tier = iota // the code, a licence number, the current name or title exactly
	TierExactFormer             // a former name exactly
	TierName                    // every term in the current name or title
	TierFormer                  // every term in one field of former names (曾用名)
	TierAny                     // every term, across fields (region, status, text)
)

// Hit is one result.
type Hit struct {
	Ord  int
	Tier Tier
	Doc  *Doc // nil from an index opened by Answers.Index
}

// Former reports whether the hit was found by a former name (曾用名).
func (h Hit) Former() bool { return h.Tier == TierExactFormer || h.Tier == TierFormer }

// Result is the best hits of a query and how many there are in all.
type Result struct {
	Hits  []Hit
	Total int
	// Code is what the query, shaped like a 统一社会信用代码, says of
	// itself: a Problem when it cannot be a valid code (its hits are then
	// the codes it most likely means, TierCodeFix).
	Code CodeCheck
	// HeadOfficeOf is the branch (分支机构) the query names when the
	// register has no record of it and Hits are its head office (Find);
	// "" otherwise.
	HeadOfficeOf string
}

// Search answers q with at most n hits, best first: every term of the
// query must match (AND). A query shaped like a code or a licence number
// (Identifier) is looked up exactly and nothing else; one that holds
// such a code among other words (Analysis.Codes) and matches nothing as a
// whole is answered as the code alone when that finds an agency.
func (ix *BleveIndex) Search(q string, n int) (Result, error) { return ix.search(q, n, everyNear) }

// nearTiers is which of the near tiers (名称相近) a search runs.
type nearTiers uint8

const (
	everyNear nearTiers = iota
	// butAllButOne leaves out TierNearAllButOne, for a query Find searches
	// again without its district before that tier (Find says why).
	// search-index.js has the same (search's last argument).
	butAllButOne
	// noNear leaves out every near tier (plain), for a search whose
	// look-alikes Find would not show (Find says which). search-index.js
	// has the same (search's near < 0).
	noNear
)

// search is Search with the near tiers of tiers.
func (ix *BleveIndex) search(q string, n int, tiers nearTiers) (res Result, err error) {
	seen := map[int]bool{}
	add := func(ids []string, tier Tier) {
		for _, id := range ids {
			o := ordOf(id)
			if seen[o] {
				continue
			}
			seen[o] = true
			h := Hit{Ord: o, Tier: tier}
			if ix.docs != nil {
				h.Doc = &ix.docs[o]
			}
			res.Hits = append(res.Hits, h)
		}
	}
	key := ix.an.Key(q)
	if key == "" {
		return res, nil
	}
	exact, _, err := ix.ids(termIn(key, bKeys), -1)
	if err != nil {
		return res, err
	}
	add(exact, TierExact)
	old, _, err := ix.ids(termIn(key, bOld), -1)
	if err != nil {
		return res, err
	}
	add(old, TierExactFormer)
	exactN := len(res.Hits)
	// a licence number retyped: without 第 or 号, its serial unpadded
	if lk := LicenceKey(q); exactN == 0 && lk != "" {
		if lk = ix.an.Key(lk); lk != key {
			ids, _, err := ix.ids(termIn(lk, bKeys), -1)
			if err != nil {
				return res, err
			}
			add(ids, TierExact)
			exactN = len(res.Hits)
		}
	}
	// a code or licence number among other words is the answer when it
	// is one: what the query says around it cannot make it less so; one
	// that cannot be a valid code is what the query is answered with when
	// nothing else is found (checked)
	var checked *Result
	if exactN == 0 {
		for _, c := range ix.an.Codes(q) {
			if c == key {
				continue
			}
			r, err := ix.search(c, n, tiers)
			if err != nil || len(r.Hits) > 0 {
				return r, err
			}
			if checked == nil && r.Code.Problem != "" {
				checked = &r
			}
		}
	}
	if checked != nil {
		defer func() {
			if res.Total == 0 && len(res.Hits) == 0 {
				res = *checked
			}
		}()
	}
	terms := ix.an.QueryTerms(q)
	if Identifier(key) || len(terms) == 0 {
		if res.Code = CheckCode(key); res.Code.Problem != "" && len(res.Hits) == 0 && res.Code.Fix != "" {
			fixed, _, err := ix.ids(termIn(res.Code.Fix, bKeys), -1)
			if err != nil {
				return res, err
			}
			add(fixed, TierCodeFix)
		}
		if res.Code.Problem != "" && len(res.Hits) == 0 { // one character mistyped
			for _, k := range res.Code.Near {
				near, _, err := ix.ids(termIn(k, bNear), -1)
				if err != nil {
					return res, err
				}
				add(near, TierCodeFix)
			}
			// only the codes one character away
			kept := res.Hits[:0]
			for _, h := range res.Hits {
				code, err := ix.code(h.Ord)
				if err != nil {
					return res, err
				}
				if OneAway(code, res.Code.Typed) {
					kept = append(kept, h)
				}
			}
			res.Hits = kept
		}
		res.Total = len(res.Hits)
		res.Hits = res.Hits[:min(n, len(res.Hits))]
		return res, nil
	}
	all := func(field string) query.Query {
		qs := make([]query.Query, len(terms))
		for i, t := range terms {
			qs[i] = termIn(t, field)
		}
		return bleve.NewConjunctionQuery(qs...)
	}
	anyField := make([]query.Query, len(terms))
	for i, t := range terms {
		anyField[i] = bleve.NewDisjunctionQuery(termIn(t, bName), termIn(t, bFormer), termIn(t, bOther))
	}
	anyQ := bleve.NewConjunctionQuery(anyField...)
	for _, tq := range []struct {
		q    query.Query
		tier Tier
	}{{all(bName), TierName}, {all(bFormer), TierFormer}, {anyQ, TierAny}} {
		if len(res.Hits) >= n {
			break
		}
		ids, _, err := ix.ids(tq.q, n+len(res.Hits))
		if err != nil {
			return res, err
		}
		add(ids, tq.tier)
	}
	// the total: every term matched, plus exact hits the terms miss
	_, total, err := ix.ids(anyQ, 0)
	if err != nil {
		return res, err
	}
	if exactN > 0 {
		ids := make([]string, 0, exactN)
		for _, h := range res.Hits[:exactN] {
			ids = append(ids, docID(h.Ord))
		}
		_, both, err := ix.ids(bleve.NewConjunctionQuery(anyQ, bleve.NewDocIDQuery(ids)), 0)
		if err != nil {
			return res, err
		}
		total += exactN - both
	}
	if tiers == noNear {
		res.Total = total
		res.Hits = res.Hits[:min(n, len(res.Hits))]
		return res, nil
	}
	// too few: a name that is the query as people write names (its near
	// key); when nothing was found, a name one edit away; then the near
	// tier, by the words of names as people write them; then, when still
	// nothing, by names with every term of that but one; each tier's
	// candidates kept when a name of theirs is close to the query (Closest)
	var nt []string
	// the query as the near tiers read it: without a province before a place
	nq := withoutProvince(q, ix.provinces, ix.places)
	if total < n && exactN == 0 { // an exact name is the answer: no look-alikes after it
		nt = ix.an.NearTerms(nq, ix.places)
	}
	// near adds a tier's candidates — those with the terms of one of lists
	// in their current name (by ord), then those with them in a former
	// name — that Closest keeps; allBut is how many terms of a list may be
	// missing (0 or 1)
	near := func(tier Tier, lists [][]string, allBut int) error {
		var ords []int
		listed := map[int]bool{}
		for _, field := range []string{bName, bFormer} {
			var ids []string
			for _, ts := range lists {
				qs := make([]query.Query, len(ts))
				for i, t := range ts {
					qs[i] = termIn(t, field)
				}
				nq := query.Query(bleve.NewConjunctionQuery(qs...))
				if allBut > 0 {
					dq := bleve.NewDisjunctionQuery(qs...)
					dq.SetMin(float64(len(ts) - allBut))
					nq = dq
				}
				got, _, err := ix.ids(nq, -1)
				if err != nil {
					return err
				}
				ids = append(ids, got...)
			}
			slices.Sort(ids)
			for _, id := range slices.Compact(ids) {
				if o := ordOf(id); !seen[o] && !listed[o] {
					listed[o] = true
					ords = append(ords, o)
				}
			}
		}
		kept, err := Closest(nq, ix.places, ords, ix.names)
		if err != nil {
			return err
		}
		before := len(res.Hits)
		for _, o := range kept {
			add([]string{docID(o)}, tier)
		}
		total += len(res.Hits) - before
		return nil
	}
	// answer adds the agencies kept of a tier that, when it has any, is the
	// answer, without the near tier's look-alikes after it
	answer := func(kept []int, tier Tier) {
		for _, o := range kept {
			add([]string{docID(o)}, tier)
		}
		if len(kept) > 0 {
			total += len(kept)
			nt = nil
		}
	}
	// a name that is the query once organisation-form and administrative
	// words are set aside (the same NearKey) is the near tier, without
	// look-alikes after it: 有限责任公司 for 有限公司, 市 left out or added
	if nt != nil {
		if nk := ix.an.NearKey(nq); nk != "" && nk != key {
			var ords []int // current names first, each name once, ranked as the tier's (Closest)
			for _, field := range []string{bNearK, bNearKF} {
				ids, _, err := ix.ids(termIn(nk, field), -1)
				if err != nil {
					return res, err
				}
				for _, id := range ids {
					if o := ordOf(id); !seen[o] && !slices.Contains(ords, o) {
						ords = append(ords, o)
					}
				}
			}
			kept, err := Closest(nq, ix.places, ords, ix.names)
			if err != nil {
				return res, err
			}
			answer(kept, TierNear)
		}
	}
	// no name with the near key: a name one edit away, without the
	// look-alikes of the near tier after it — when nothing was found, or
	// fewer than a page and the query has words to set aside
	if exactN == 0 && total < n && (total == 0 || nt != nil) {
		kept, err := ix.oneEdit(nq, ix.an.NearKey(nq), seen)
		if err != nil {
			return res, err
		}
		answer(kept, TierNearEdit)
	}
	if nt != nil {
		if err := near(TierNear, [][]string{nt}, 0); err != nil {
			return res, err
		}
	}
	if nt == nil && exactN == 0 {
		nt = terms
	}
	// still nothing: a name with every term but one
	if tiers == everyNear && total == 0 && len(nt) >= MinTermsAllButOne {
		if err := near(TierNearAllButOne, [][]string{nt}, 1); err != nil {
			return res, err
		}
	}
	res.Total = total
	res.Hits = res.Hits[:min(n, len(res.Hits))]
	return res, nil
}

// oneEdit is TierNearEdit for a query whose near key is nk: the agencies
// not yet seen with a name or former name whose near key is listed under
// one of nk's QuerySigs (its IndexSigs) and is one edit from nk
// (OneEdit), in order, kept and ranked by Closest.
func (ix *BleveIndex) oneEdit(q, nk string, seen map[int]bool) ([]int, error) {
	sigs := QuerySigs(nk, ix.places)
	var ords []int
	for _, sig := range sigs {
		ids, _, err := ix.ids(termIn(sig, bSigs), -1)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			o := ordOf(id)
			if seen[o] || slices.Contains(ords, o) {
				continue
			}
			ns, err := ix.names(o)
			if err != nil {
				return nil, err
			}
			if slices.ContainsFunc(ns, func(n string) bool {
				k := ix.an.NearKey(n)
				return OneEdit(nk, k) && slices.ContainsFunc(IndexSigs(k, ix.places), func(s string) bool { return slices.Contains(sigs, s) })
			}) {
				ords = append(ords, o)
			}
		}
	}
	slices.Sort(ords)
	return Closest(q, ix.places, ords, ix.names)
}

func termIn(term, field string) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}

// doc is what a hit needs of the document numbered o (its names and
// code): from the Docs the index was opened with, or from the answers.
func (ix *BleveIndex) doc(o int) (*AnswerDoc, error) {
	if ix.docs != nil {
		d := &ix.docs[o]
		return &AnswerDoc{Name: d.Name, Former: d.Former, Code: d.Code}, nil
	}
	if ix.answers == nil {
		return nil, fmt.Errorf("search: no document %d", o)
	}
	return ix.answers.Doc(o)
}

// code is the 统一社会信用代码 of the document numbered o ("" for a page).
func (ix *BleveIndex) code(o int) (string, error) {
	d, err := ix.doc(o)
	if err != nil {
		return "", err
	}
	return d.Code, nil
}

// names are the current and former names of the document numbered o.
func (ix *BleveIndex) names(o int) ([]string, error) {
	d, err := ix.doc(o)
	if err != nil {
		return nil, err
	}
	return append([]string{d.Name}, d.Former...), nil
}

// ids runs q and returns the IDs of the first size hits in document order
// (size < 0: all of them) and the number of hits.
func (ix *BleveIndex) ids(q query.Query, size int) ([]string, int, error) {
	if size < 0 {
		size = 10000
	}
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	req.SortBy([]string{"_id"})
	req.Score = "none"
	r, err := ix.idx.Search(req)
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		ids[i] = h.ID
	}
	slices.Sort(ids)
	return ids, int(r.Total), nil
}
