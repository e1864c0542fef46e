package search

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
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
// matched, not even a name one edit away (TierNearEdit, which is tried
// first), and the query has at least MinTermsAllButOne terms: a name
// typed short or with more words, and a character left out, or one added
// or mistyped next to an organisation-form word or at either end (each
// breaks one bigram), still finds the agency, where the box would
// otherwise say 未查到; a short query does not fill the list with
// look-alikes.
const TierNearAllButOne Tier = TierNear + 1

// MinTermsAllButOne is the fewest terms a query needs for TierNearAllButOne.
const MinTermsAllButOne = 4

// orgForms are the organisation-form words of a name (有限责任公司 goes as
// 有限责任 and 公司), each before the shorter ones it holds: a query
// matches without them — also as people miswrite them, 责任有限公司 for
// 有限责任公司 and 股份公司 for 股份有限公司.
// search-index.js reads them from s.json ("o").
var orgForms = []string{"股份有限公司", "责任有限公司", "有限公司", "有限责任", "集团", "公司", "有限", "股份"}

// adminChars are the administrative words a query may leave out or add.
const adminChars = "省市区县"

// Places are the place names agencies' regions are made of, without their
// administrative word (广州市天河区 → 广州, 天河), longest first: a query
// that runs a place into a name (东莞宏图…) is split after it. search-index.js
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
	return longestFirst(set)
}

// Provinces are the provinces of agencies' regions as a query may write
// them before a name (Doc.Province): the name (广东省, 广西壮族自治区) and the
// name without its 省, 市 or 自治区 and the people's name in it (广东, 广西),
// longest first. search-index.js reads them from s.json ("r").
func Provinces(docs []Doc) []string {
	set := map[string]bool{}
	for _, d := range docs {
		if d.Kind != KindAgency || d.Province == "" || set[d.Province] {
			continue
		}
		set[d.Province] = true
		short := d.Province
		for _, suffix := range []string{"特别行政区", "自治区", "省", "市"} {
			short = strings.TrimSuffix(short, suffix)
		}
		for _, people := range []string{"壮族", "回族", "维吾尔"} { // the autonomous regions whose names carry one
			short, _, _ = strings.Cut(short, people)
		}
		if utf8.RuneCountInString(short) >= 2 {
			set[short] = true
		}
	}
	return longestFirst(set)
}

// longestFirst is the names in set, the longest first (in characters), then
// in byte order: a query is matched against the longest name first.
func longestFirst(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(utf8.RuneCountInString(b)-utf8.RuneCountInString(a), strings.Compare(a, b))
	})
	return out
}

// withoutProvince is q as the near tiers read it: without the province it
// begins with (the first of provinces it begins with, then any 省, 市 and
// spaces) when a place follows — 广东省清远市旭日人力资源开发有限公司 names
// 清远市旭日人力资源开发有限公司, and no name holds its province before its
// city. It is then clean, each run of spaces one space; otherwise q.
// search-index.js has the same (in search, before nearTerms).
func withoutProvince(q string, provinces, places []string) string {
	var b strings.Builder
	space := false
	for _, r := range clean(q) {
		if isSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	c := b.String()
	i := slices.IndexFunc(provinces, func(p string) bool { return strings.HasPrefix(c, p) })
	if i < 0 {
		return q
	}
	rest := strings.TrimLeft(c[len(provinces[i]):], "省市 ")
	if !slices.ContainsFunc(places, func(p string) bool { return strings.HasPrefix(rest, p) }) {
		return q
	}
	return rest
}

// isSpace is the white space that separates a query's parts: Go's
// unicode.IsSpace. search-index.js's SPACE is /[\s\u0085]+/, the same set
// in text after nf, which drops U+FEFF (a format character) that \s holds.
func isSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// nearText is q as the near tiers read it: clean, and a space for each
// organisation-form word and administrative character. search-index.js has the same (nearText).
func nearText(q string) string { return setAside(clean(q)) }

// clean is s as every analysis reads it first: NFKC, traditional
// characters folded, the marks after an ideograph dropped — what the
// analyzers' char filters do before their tokenizer. search-index.js has
// the same (nf).
func clean(s string) string {
	return string(ideographMarks{}.Filter(foldT2S{}.Filter(norm.NFKC.Bytes([]byte(s)))))
}

// setAside is s with a space for each organisation-form word, each
// administrative character and each punctuation mark and symbol: a name is
// written with its brackets and dots or without them (广州市穗安人力资源
// （集团）有限公司, 广州市穗安人力资源集团有限公司), and the brackets of a
// word set aside would otherwise be left as two characters the name
// lacks. search-index.js has the same (nearText: \p{P} and \p{S}).
func setAside(s string) string {
	for _, w := range orgForms {
		s = strings.ReplaceAll(s, w, " ")
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(adminChars, r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return ' '
		}
		return r
	}, s)
}

// nearParts splits nearText(q) where it has spaces and after a place a
// part begins with.
func nearParts(q string, places []string) []string {
	var parts []string
	for _, part := range strings.FieldsFunc(nearText(q), isSpace) {
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
	return parts
}

// NearKey is q as a name is indexed for the near tier: its Key with its
// organisation-form words and administrative characters set aside, so
// that 广州市穗安人力资源有限责任公司, 广州穗安人力资源公司 and
// 广州市穗安人力资源有限公司 are one key. A name (or former name) with the
// query's near key is the near tier, without look-alikes. "" when nothing
// is left. search-index.js has the same (nkey: key(nearText(key(q)))).
func (a *Analysis) NearKey(q string) string { return nearKeyOfKey(a.Key(q)) }

// exactShardKey is what the x/ shard of the exact key k is chosen by: an
// identifier itself; any other key its NearKey without its district
// (noDistrictKey; itself when that is empty), so that a name's exact key,
// the near key of the name typed with another organisation form and the
// name typed with or without its district are in one shard, which a
// query reads once for all: Find searches a name that finds nothing again
// without its district (WithoutDistrict). A near key's own entries are in
// the shard of its noDistrictKey. search-index.js has the same (xs).
func exactShardKey(k string, places []string) string {
	sk, _ := shardAndNearKey(k, places)
	return sk
}

// shardAndNearKey is exactShardKey(k) and, for a key that is not an
// identifier, its near key, worked out once.
func shardAndNearKey(k string, places []string) (sk, nk string) {
	if Identifier(k) {
		return k, ""
	}
	if nk = nearKeyOfKey(k); nk != "" {
		return noDistrictKey(nk, places), nk
	}
	return k, ""
}

// noDistrictKey is the near key nk without the place written right after
// the place it begins with, when more follows (its nearParts: two places
// and more) — 佛山金手指人力资源开发 for
// 佛山顺德金手指人力资源开发 (佛山市顺德区金手指…), the district, county or
// county-level city people write after the city or leave out; nk itself
// otherwise. It chooses the x/ file of a key (exactShardKey) and adds the
// signatures a near key is listed under (IndexSigs), so that a name and
// the name without its district are read from the same files.
// search-index.js has the same (ndk).
func noDistrictKey(nk string, places []string) string {
	if ps := nearParts(nk, places); len(ps) > 2 { // two places, and more
		return ps[0] + strings.Join(ps[2:], "")
	}
	return nk
}

// nearKeyOfKey is the near key of a Key k: k with its organisation-form
// words and administrative characters set aside and the spaces put for
// them taken out. A key is in NFKC, folded and in lower case and holds no
// white space, so this is Key(nearText(k)) without the analysis, which
// search-index.js runs (TestNearKeyOfKey holds the two equal).
func nearKeyOfKey(k string) string { return strings.ReplaceAll(setAside(k), " ", "") }

// endingPlace is the place s ends with and is longer than, "" when none
// is. search-index.js has the same (ends).
func endingPlace(s string, places []string) string {
	i := slices.IndexFunc(places, func(p string) bool { return len(p) < len(s) && strings.HasSuffix(s, p) })
	if i < 0 {
		return ""
	}
	return places[i]
}

// placeLast splits a part that ends with a place from it (壬人力资源广州 →
// 壬人力资源, 广州): a name written with its place in brackets after its
// trade name (壬人力资源（广州）有限公司, a form names are registered in)
// loses its brackets to the analysis, and the character pair across them
// (源广) is in no name that writes its place first (广州市壬人力资源有限
// 公司), which the near tier then did not find. Asked of a query only: a
// split asks fewer pairs, never more. search-index.js does the same in
// nearTerms.
func placeLast(parts, places []string) []string {
	var out []string
	for _, part := range parts {
		if p := endingPlace(part, places); p != "" {
			out = append(out, part[:len(part)-len(p)], p)
		} else {
			out = append(out, part)
		}
	}
	return out
}

// placeFirst is q's near text, without its spaces, with the place it ends
// with put first (壬人力资源（广州）有限公司 → 广州壬人力资源, 越秀区安达企业服务
// （广州）有限公司 → 广州越秀安达企业服务), "" when it does not end with a
// place: a name that writes its place first (广州市壬人力资源有限公司) holds
// that one's characters in order, which Closest asks of a name.
// search-index.js has the same (placeFirst).
func placeFirst(q string, places []string) string {
	s := strings.Join(strings.FieldsFunc(nearText(q), isSpace), "")
	if p := endingPlace(s, places); p != "" {
		return p + s[:len(s)-len(p)]
	}
	return ""
}

// partsTerms are the distinct QueryTerms of each part, in order.
func (a *Analysis) partsTerms(parts []string) []string {
	var out []string
	for _, p := range parts {
		for _, t := range a.QueryTerms(p) {
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// NearTerms is what the near tier asks of a name for q: q without its
// organisation-form words and administrative words, split where they were,
// after a place it begins with and before a place a part ends with
// (placeLast), each part's QueryTerms. nil when that asks nothing other
// than QueryTerms(q). search-index.js has the same (nearTerms).
func (a *Analysis) NearTerms(q string, places []string) []string {
	out := a.partsTerms(placeLast(nearParts(q, places), places))
	if len(out) == 0 || slices.Equal(out, a.QueryTerms(q)) {
		return nil
	}
	return out
}

// TierNearEdit (also 名称相近) is a result found when nothing else was:
// an agency whose name's (or former name's) near key is one edit from the
// query's (OneEdit) — a character left out, added or mistyped, or two
// beside each other swapped —, as the near keys' signatures find it
// (NearSigs) without reading a term: a character mistyped inside a name
// breaks the bigrams around it, and the characters left beside it are
// common ones, whose lists are long.
const TierNearEdit Tier = TierNearAllButOne + 1

// NearSigs are the signatures a near key is listed under for TierNearEdit
// (x/ "s"; bleve's field of them): its first three characters, and its
// first two with its fourth. Two keys one edit apart share one unless
// the edit is in their first two characters (a city's name, which
// people type right) — after them the first three agree; at the third
// character, one key's first two and fourth are the other's first three
// or first two and fourth. None for a key shorter than MinEditKey.
// search-index.js has the same (sigs).
func NearSigs(nk string) []string {
	r := []rune(nk)
	if len(r) < MinEditKey {
		return nil
	}
	a, b := string(r[:3]), string([]rune{r[0], r[1], r[3]})
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

// QuerySigs are the signatures a query with the near key nk reads for
// TierNearEdit: the NearSigs of its noDistrictKey, which the query
// without its district reads too.
func QuerySigs(nk string, places []string) []string {
	return NearSigs(noDistrictKey(nk, places))
}

// IndexSigs are the signatures the near key nk of a name is listed under:
// its NearSigs and its noDistrictKey's, each once. A query's (QuerySigs)
// share one with a key one edit from its own, unless the edit is in the
// first two characters: with its district, the edit is after them in
// both keys without it; a district mistyped is no place, and the query's
// signatures are then its own key's. (An edit that makes the first word
// after the city a place — 天和 typed 天河 — is not found so.)
func IndexSigs(nk string, places []string) []string {
	return indexSigs(nk, noDistrictKey(nk, places))
}

// indexSigs is IndexSigs of nk whose noDistrictKey is ndk.
func indexSigs(nk, ndk string) []string {
	sigs := NearSigs(nk)
	for _, s := range NearSigs(ndk) {
		if !slices.Contains(sigs, s) {
			sigs = append(sigs, s)
		}
	}
	return sigs
}

// OneEdit reports whether the near keys a and b are one edit apart: one
// character left out of either, one mistyped, or two beside each other
// swapped. search-index.js has the same (oneEdit).
func OneEdit(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > 1 {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	switch {
	case len(x) < len(y): // one left out of y
		return slices.Equal(x[i:], y[i+1:])
	case i == len(x): // the same
		return false
	}
	return slices.Equal(x[i+1:], y[i+1:]) || // mistyped
		i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && slices.Equal(x[i+2:], y[i+2:]) // swapped
}

// ideograph is what the analyzer pairs into bigrams; search-index.js's IDEO.
func ideograph(r rune) bool {
	return unicode.In(r, unicode.Ideographic, unicode.Hiragana, unicode.Katakana)
}

// NearVerify is how many candidates of a near tier are compared with their
// names (Closest); the rest are not shown: a near tier offers a few
// look-alikes, never a page of every name that shares a word. Each one
// whose texts did not come with a term shard costs search-index.js its
// record file: on 5,600 names of the 50k set typed as people type them
// (TestMeasureTypedNames), 16 found every agency 30 did, and the most
// index files a query read fell from 59 to 45.
const NearVerify = 16

// forms are the two texts of s a name is compared with, in lower case and
// without spaces: as written (NFKC, folded), and without its
// organisation-form words and administrative characters (nearText), so
// that 集甲 for 集团 and 有限责任公司 for 有限公司 are each one form's match.
func forms(s string) [2][]rune {
	squeeze := func(s string) []rune {
		return []rune(strings.ToLower(strings.Map(func(r rune) rune {
			if isSpace(r) {
				return -1
			}
			return r
		}, s)))
	}
	return [2][]rune{squeeze(clean(s)), squeeze(nearText(s))}
}

// common is the length of the longest common subsequence of a and b: how
// many characters of a b holds, in order.
func common(a, b []rune) int {
	row := make([]int, len(b)+1)
	for _, ra := range a {
		diag := 0
		for j, rb := range b {
			up := row[j+1]
			if ra == rb {
				row[j+1] = diag + 1
			} else {
				row[j+1] = max(row[j+1], row[j])
			}
			diag = up
		}
	}
	return row[len(b)]
}

// Closest keeps those of a near tier's candidates (ords, best first) that
// name what q names: of the first NearVerify, each one with a name —
// current, or one former name — holding every character of q but at most
// one, in order, as written or without organisation-form and
// administrative words (forms), or of q with the place it ends with put
// first (placeFirst). A word of one former name and a word of
// another do not make a match. The kept are ordered by the characters
// they lack (fewest first), then by how far the name as written is from q
// (characters to drop from both until they are the same), a current name
// before a former one, then as they came. names gives an ord's current
// name, then its former names. search-index.js has the same (closest).
func Closest(q string, places []string, ords []int, names func(int) ([]string, error)) ([]int, error) {
	qfs := [][2][]rune{forms(q)}
	if alt := placeFirst(q, places); alt != "" {
		qfs = append(qfs, forms(alt))
	}
	type scored struct{ o, score int }
	var kept []scored
	for _, o := range ords[:min(len(ords), NearVerify)] {
		ns, err := names(o)
		if err != nil {
			return nil, err
		}
		best := math.MaxInt
		for i, n := range ns {
			nf := forms(n)
			for _, qf := range qfs {
				raw := common(qf[0], nf[0])
				miss := min(len(qf[0])-raw, len(qf[1])-common(qf[1], nf[1]))
				best = min(best, (miss*1e6+len(qf[0])+len(nf[0])-2*raw)*2+min(i, 1))
			}
		}
		if best < 4e6 { // at most one character missing
			kept = append(kept, scored{o, best})
		}
	}
	slices.SortStableFunc(kept, func(a, b scored) int { return a.score - b.score })
	out := make([]int, len(kept))
	for i, k := range kept {
		out[i] = k.o
	}
	return out, nil
}

// MinEditKey is the fewest characters a near key needs to have
// signatures (NearSigs), and its agencies a name one edit from it
// (TierNearEdit): a shorter key is a part of many names. search-index.js's
// sigs uses NEAR1_MIN, which is the same 4.
const MinEditKey = 4
