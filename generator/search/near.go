package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TierNear (名称相近) is a result found when nothing matched exactly and
// every term matched fewer than a page (an exact name, code or licence
// number is the answer, and look-alikes after it would only cost):
// a query that names the agency as people write names — 有限责任公司 for
// 有限公司, 公司 without 有限, 市 left out or added, the city before a
// name that has none — matches it once organisation-form words and
// administrative words are set aside (NearTerms). Only names and former
// names are matched so; the tier follows every other and is marked
// 名称相近 where it is shown.
const TierNear Tier = TierCodeFix + 1

// TierNearAllButOne (also 名称相近) is a result whose current or former
// name has every term of the near tier's query but one, when nothing else
// matched and the query has at least MinTermsAllButOne terms: a character
// left out, or one added or mistyped next to an organisation-form word or
// at either end (each breaks one bigram), still finds the agency, where
// the box would otherwise say 未查到; a short query does not fill the list
// with look-alikes. (A character mistyped inside a name breaks two bigrams
// and is not found so.)
const TierNearAllButOne Tier = TierNear + 1

// MinTermsAllButOne is the fewest terms a query needs for TierNearAllButOne.
const MinTermsAllButOne = 4

// orgForms are the organisation-form words of a name (有限责任公司 goes as
// 有限责任 and 公司), each before the shorter ones it holds: a query
// matches without them.
var orgForms = []string{"股份有限公司", "有限公司", "有限责任", "集团", "公司", "有限"}

// adminChars are the administrative words a query may leave out or add.
const adminChars = "省市区县"

// Places are the place names agencies' regions are made of, without their
// administrative word (广州市天河区 → 广州, 天河), longest first: a query
// that runs a place into a name (东莞宏图…) is split after it. search.js
// reads them from the static index (p.json).
func Places(docs []Doc) []string {
	set := map[string]bool{}
	for _, d := range docs {
		if d.Kind != KindAgency {
			continue
		}
		start := 0
		for i, r := range d.Region {
			if strings.ContainsRune(adminChars, r) {
				if p := d.Region[start:i]; utf8.RuneCountInString(p) >= 2 {
					set[p] = true
				}
				start = i + utf8.RuneLen(r)
			}
		}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(utf8.RuneCountInString(b)-utf8.RuneCountInString(a), strings.Compare(a, b))
	})
	return out
}

// isSpace is the white space that separates a query's parts, the same set
// in search.js.
func isSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// NearTerms is what the near tier asks of a name for q: q without its
// organisation-form words and administrative words, split where they were
// and after a place it begins with, each part's QueryTerms. nil when that
// asks nothing other than QueryTerms(q). search.js has the same (nearTerms).
func (a *Analysis) NearTerms(q string, places []string) []string {
	s := foldString(norm.NFKC.String(q))
	for _, w := range orgForms {
		s = strings.ReplaceAll(s, w, " ")
	}
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(adminChars, r) {
			return ' '
		}
		return r
	}, s)
	var parts []string
	for _, part := range strings.FieldsFunc(s, isSpace) {
		for {
			i := slices.IndexFunc(places, func(p string) bool { return len(p) < len(part) && strings.HasPrefix(part, p) })
			if i < 0 {
				break
			}
			parts = append(parts, places[i])
			part = part[len(places[i]):]
		}
		parts = append(parts, part)
	}
	var out []string
	for _, p := range parts {
		for _, t := range a.QueryTerms(p) {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	if len(out) == 0 || slices.Equal(out, a.QueryTerms(q)) {
		return nil
	}
	return out
}
