package search

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// companyRemark is a bracketed remark that holds a company's name — the
// former name written after the current one, （原…有限公司） — which no
// name in the register holds; a bracket without 公司 (（集团）) may be
// part of a name and stays.
var companyRemark = regexp.MustCompile(`[（(][^（）()]*公司[^（）()]*[）)]`)

// nameEdge is what may stand around a name cut out of a sentence: spaces,
// quotation marks, brackets and punctuation.
const nameEdge = " \t\r\n\u3000\"'“”‘’「」『』《》【】〔〕:：,，.。;；!！?？、"

// NameIn is the agency name a query holds among other words, as people
// type a question or copy a sentence — 查询清远市旭日人力资源开发有限公司,
// 清远市…有限公司有没有资质, 清远市…有限公司（原清远市…有限公司）: the query
// without a bracketed remark that holds 公司, cut after its last 公司 (a
// 劳务派遣 agency is a company: its name ends so) and before the first of
// places in it, unless a 公司 stands before that place (the place is then
// a branch's, in its name: 杭州…有限公司茂名市分公司). "" when the query
// holds no 公司 or is that name already.
// A query that finds nothing is searched again as its NameIn (Find; the
// search page's search.js has the same, nameIn).
func NameIn(q string, places []string) string {
	w := companyRemark.ReplaceAllString(q, "")
	i := strings.LastIndex(w, "公司")
	if i < 0 {
		return ""
	}
	w = w[:i+len("公司")]
	first := -1
	for _, p := range places {
		if j := strings.Index(w, p); j >= 0 && (first < 0 || j < first) {
			first = j
		}
	}
	if first > 0 && !strings.Contains(w[:first], "公司") { // not inside a branch's name (杭州…有限公司茂名市分公司)
		w = w[first:]
	}
	if w = strings.Trim(w, nameEdge); w == q {
		return ""
	}
	return w
}

// WithoutDistrict is the name a query holds (name, its NameIn, or the
// query without a remark) without the district, county or county-level
// city written right after its city or in its place — 佛山市信和万邦企业服务有限公司
// for 佛山市高明区信和万邦企业服务有限公司 or 佛山高明区信和万邦…, and
// 信和万邦企业服务有限公司 for 高明区信和万邦… —, as people write an
// agency's name with the district it is registered in: a place of places
// and 区, 县 or 市 after 市 or after a place that begins the name, or a
// place and 区 or 县 that begins it; "" when it holds none. search.js has
// the same, noDistrict.
func WithoutDistrict(q, name string, places []string) string {
	for _, w := range []string{name, strings.Trim(companyRemark.ReplaceAllString(q, ""), nameEdge)} {
		for i := range w {
			head, admin := w[:i], "区县市"
			switch {
			case i == 0:
				admin = "区县" // a city's own 市 begins most names
			case !strings.HasSuffix(head, "市") && !slices.Contains(places, head):
				continue
			}
			for _, p := range places {
				if rest, ok := strings.CutPrefix(w[i:], p); ok {
					if r, size := utf8.DecodeRuneInString(rest); size > 0 && strings.ContainsRune(admin, r) {
						return head + rest[size:]
					}
				}
			}
		}
	}
	return ""
}

// branchName is a branch's name (分支机构: 分公司, 营业部, 办事处, 分部) as
// its head office's name followed by the branch's own words: the head
// office's name is the text up to the last 公司 before the branch's.
var branchName = regexp.MustCompile(`^(.*公司).*?(?:分公司|分支机构|营业部|办事处|分部)$`)

// HeadOfficeIn is the branch a query names, as the name it holds among
// other words (name, its NameIn) or as the query without a remark, and the name of its head office —
// 清远市万邦人力资源开发有限公司 for 清远市万邦人力资源开发有限公司深圳市分公司;
// "", "" when it names no branch. A branch files (备案) locally and operates on its
// head office's licence, so a branch the register has no record of is
// answered with its head office, said apart (Result.HeadOfficeOf).
// search.js has the same, headOffice.
func HeadOfficeIn(q, name string) (branch, head string) {
	for _, w := range []string{name, strings.Trim(companyRemark.ReplaceAllString(q, ""), nameEdge)} {
		if m := branchName.FindStringSubmatch(w); m != nil {
			return w, m[1]
		}
	}
	return "", ""
}

// nameOf is the name a query holds among other words, as Find reads it:
// its NameIn, cut before its first place; when that does not begin with
// a place, cut before its province (查询广东…有限公司, a name that begins
// with its province). search.js has the same, nameOf.
func nameOf(q string, places, provinces []string) string {
	w := NameIn(q, places)
	x := cmp.Or(w, q)
	if !slices.ContainsFunc(places, func(p string) bool { return strings.HasPrefix(x, p) }) {
		if p := NameIn(x, provinces); p != "" {
			return p
		}
	}
	return w
}

// Find is Search, and what people mean when that finds nothing or only
// names 名称相近: what `portal search` and /api/search answer, as the
// search box does (search.js, run). When Search finds nothing (no hit, no
// code that fails its check), the name the query holds among other words
// (NameIn), when that finds something. Then the name without the district
// written after its city (WithoutDistrict), its results 名称相近, when
// Search found nothing, or when it is a name (or former name) where Search
// found only look-alikes (佛山市高明区信和万邦… is 佛山市信和万邦…, not
// 佛山市明德信和…). Search of such a query leaves out its last tier, the
// names with all its terms but one (TierNearAllButOne), and runs it only
// when the name without the district finds nothing either: that name is
// likelier what was meant (揭阳市榕城区兴业劳务派遣有限责任公司 is
// 揭阳市兴业劳务派遣有限公司 by its near key, not by all terms but 榕城),
// and the tier reads the lists of common terms and its candidates'
// records — on the 50,000-agency set up to 19 index files. When that
// finds nothing either and the query names a branch, the branch's head
// office, found by its exact name (or former name) and nothing else:
// HeadOfficeOf is then the branch asked about.
// When nothing is found still, or only look-alikes one edit away or by
// all terms but one, the query's place and trade name (TradeName; a
// branch's, its head office's), its results 名称相近 after those
// look-alikes (byTradeName, withTradeName).
//
// The searches whose look-alikes Find never shows leave the near tiers
// out (search's plain), which only cost index files: the head office's
// and the trade name's (only what they find by every term is kept), and
// the name without its district when the query found look-alikes (only
// an exact name would be shown before them). On the 50,000-agency set
// that took a name with a character mistyped from 31 index files to 18
// (90th percentile), its results the same (TestFindPlainAsFull).
func (ix *BleveIndex) Find(q string, n int) (Result, error) { return ix.find(q, n, true) }

// find is Find; with plain false, every search has its near tiers.
func (ix *BleveIndex) find(q string, n int, plain bool) (Result, error) {
	shown := func(all bool) nearTiers { // a search's tiers: every one, or none when its look-alikes are not shown
		if plain && !all {
			return noNear
		}
		return everyNear
	}
	name := nameOf(q, ix.places, ix.provinces)
	w := WithoutDistrict(q, name, ix.places)
	first := everyNear
	if w != "" { // the name without its district before the query's look-alikes by all its terms but one
		first = butAllButOne
	}
	r, err := ix.search(q, n, first)
	if err != nil || r.Code.Problem != "" || len(r.Hits) > 0 && r.Hits[0].Tier < TierNear {
		return r, err
	}
	if name != "" && len(r.Hits) == 0 {
		named, err := ix.Search(name, n)
		if err != nil || len(named.Hits) > 0 {
			return named, err
		}
	}
	if w != "" {
		d, err := ix.search(w, n, shown(len(r.Hits) == 0))
		if err != nil {
			return d, err
		}
		if len(d.Hits) > 0 && (len(r.Hits) == 0 || d.Hits[0].Tier <= TierExactFormer) {
			for i := range d.Hits { // not the name typed: 名称相近
				d.Hits[i].Tier = max(d.Hits[i].Tier, TierNear)
			}
			return d, nil
		}
		if len(r.Hits) == 0 { // nothing without the district either: the tier left out
			if r, err = ix.search(q, n, everyNear); err != nil {
				return r, err
			}
		}
	}
	branch, head := HeadOfficeIn(q, name)
	if head != "" && len(r.Hits) == 0 {
		h, err := ix.search(head, n, shown(false))
		if err != nil {
			return r, err
		}
		var exact []Hit
		for _, x := range h.Hits {
			if x.Tier <= TierExactFormer {
				exact = append(exact, x)
			}
		}
		if len(exact) > 0 {
			return Result{Hits: exact, Total: len(exact), HeadOfficeOf: branch}, nil
		}
	}
	if len(r.Hits) > 0 && r.Hits[0].Tier == TierNear {
		return r, nil // the name but for its form or places: no other name is likelier
	}
	// the name the query holds; a branch's, its head office's
	t := TradeName(ix.an.Key(cmp.Or(head, name, strings.Trim(companyRemark.ReplaceAllString(q, ""), nameEdge))), ix.places, ix.provinces)
	if t == "" {
		return r, nil
	}
	tr, err := ix.search(t, n, shown(false))
	if err != nil {
		return r, err
	}
	if tr = byTradeName(tr); len(tr.Hits) == 0 {
		return r, nil
	}
	return withTradeName(r, tr, n), nil
}

// byTradeName is what a search by a query's TradeName answers: its results
// whose names (or other texts) hold every term, 名称相近 — not its own
// look-alikes, which would be look-alikes of a part of what was typed.
func byTradeName(r Result) Result {
	kept := r.Hits[:0:0]
	for _, h := range r.Hits {
		if h.Tier < TierCodeFix {
			h.Tier = TierNear
			kept = append(kept, h)
		}
	}
	if len(kept) < len(r.Hits) {
		r.Total = len(kept)
	}
	r.Hits = kept
	return r
}

// withTradeName puts the results of a query's TradeName (tr) after its own
// look-alikes (r, one edit away or found by all its terms but one),
// each agency once, at most n. Not before them: a character doubled or
// left out of a name also leaves other agencies of its place and trade
// name, and put first they pushed the agency meant down the page (on the
// 50,000-agency set, a name typed with a character doubled found the
// agency first 969 times in 1,032, not at all 16 times, against 1,028 and
// none after).
func withTradeName(r, tr Result, n int) Result {
	var hits []Hit
	seen := map[int]bool{}
	for _, h := range slices.Concat(r.Hits, tr.Hits) {
		if !seen[h.Ord] {
			seen[h.Ord] = true
			hits = append(hits, h)
		}
	}
	both := len(r.Hits) + len(tr.Hits) - len(hits)
	return Result{Hits: hits[:min(len(hits), n)], Total: r.Total + tr.Total - both, Code: r.Code}
}
