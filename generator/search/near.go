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
// matched and the query has at least MinTermsAllButOne terms: a character
// left out, or one added or mistyped next to an organisation-form word or
// at either end (each breaks one bigram), still finds the agency, where
// the box would otherwise say 未查到; a short query does not fill the list
// with look-alikes. (A character mistyped inside a name breaks two bigrams
// and is not found so: TierNearEdit finds it.)
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

// setAside is s with a space for each organisation-form word and each
// administrative character.
func setAside(s string) string {
	for _, w := range orgForms {
		s = strings.ReplaceAll(s, w, " ")
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(adminChars, r) {
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
// identifier itself; any other key its NearKey (itself when that is
// empty), so that a name's exact key and the near key of the name typed
// with another organisation form are in one shard, which a query reads
// once for both. A near key's own entries are in the shard of the near
// key as it is. search-index.js has the same (xs).
func exactShardKey(k string) string {
	sk, _ := shardAndNearKey(k)
	return sk
}

// shardAndNearKey is exactShardKey(k) and, for a key that is not an
// identifier, its near key, worked out once.
func shardAndNearKey(k string) (sk, nk string) {
	if Identifier(k) {
		return k, ""
	}
	if nk = nearKeyOfKey(k); nk != "" {
		return nk, nk
	}
	return k, ""
}

// nearKeyOfKey is the near key of a Key k: k with its organisation-form
// words and administrative characters set aside and the spaces put for
// them taken out. A key is in NFKC, folded and in lower case and holds no
// white space, so this is Key(nearText(k)) without the analysis, which
// search-index.js runs (TestNearKeyOfKey holds the two equal).
func nearKeyOfKey(k string) string { return strings.ReplaceAll(setAside(k), " ", "") }

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
// organisation-form words and administrative words, split where they were
// and after a place it begins with, each part's QueryTerms. nil when that
// asks nothing other than QueryTerms(q). search-index.js has the same (nearTerms).
func (a *Analysis) NearTerms(q string, places []string) []string {
	out := a.partsTerms(nearParts(q, places))
	if len(out) == 0 || slices.Equal(out, a.QueryTerms(q)) {
		return nil
	}
	return out
}

// TierNearEdit (also 名称相近) is a result found when nothing else was: a
// character mistyped or added inside a name breaks the two bigrams around
// it, so each character of the near query with an ideograph on either side
// is left out in turn (NearEdits), its neighbours staying as single
// characters where no other bigram holds them.
const TierNearEdit Tier = TierNearAllButOne + 1

// NearEdits are TierNearEdit's term lists for q: for each character inside
// a run of ideographs of the near query, that query's terms with the
// character left out (a space put for it). None when the near query has
// fewer than MinTermsAllButOne terms. search-index.js has the same (nearEdits).
func (a *Analysis) NearEdits(q string, places []string) [][]string {
	rs := a.nearRunes(q, places)
	var out [][]string
	for k := 1; k+1 < len(rs); k++ {
		if !ideograph(rs[k-1]) || !ideograph(rs[k]) || !ideograph(rs[k+1]) {
			continue
		}
		v := string(rs[:k]) + " " + string(rs[k+1:])
		out = append(out, a.partsTerms(strings.FieldsFunc(v, isSpace)))
	}
	return out
}

// nearRunes is the near query of q, its parts joined by a space, as
// runes; nil when it has fewer than MinTermsAllButOne terms, too few for
// NearEdits or NearSwaps to leave out or swap one of them.
func (a *Analysis) nearRunes(q string, places []string) []rune {
	parts := nearParts(q, places)
	if len(a.partsTerms(parts)) < MinTermsAllButOne {
		return nil
	}
	return []rune(strings.Join(parts, " "))
}

// TierNearSwap (also 名称相近) is a result found when nothing else was:
// two neighbouring characters swapped (三和盈科 typed 三盈和科) break the
// three bigrams around them, which neither TierNearAllButOne (one) nor
// TierNearEdit (two) leaves out, so each pair of neighbouring characters
// of the near query is swapped back in turn (NearSwaps): the name typed
// for has every term of one of those queries.
const TierNearSwap Tier = TierNearEdit + 1

// NearSwaps are TierNearSwap's term lists for q: for each two different
// neighbouring ideographs of the near query in a run of three or more (a
// run of two is a place, set apart by nearParts), that query's terms with
// the two swapped. None when the near query has fewer than
// MinTermsAllButOne terms. search-index.js has the same (nearSwaps).
func (a *Analysis) NearSwaps(q string, places []string) [][]string {
	rs := a.nearRunes(q, places)
	var out [][]string
	for k := 0; k+1 < len(rs); k++ {
		if !ideograph(rs[k]) || !ideograph(rs[k+1]) || rs[k] == rs[k+1] ||
			!(k > 0 && ideograph(rs[k-1]) || k+2 < len(rs) && ideograph(rs[k+2])) {
			continue
		}
		v := slices.Clone(rs)
		v[k], v[k+1] = v[k+1], v[k]
		out = append(out, a.partsTerms(strings.FieldsFunc(string(v), isSpace)))
	}
	return out
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
// administrative words (forms). A word of one former name and a word of
// another do not make a match. The kept are ordered by the characters
// they lack (fewest first), then by how far the name as written is from q
// (characters to drop from both until they are the same), a current name
// before a former one, then as they came. names gives an ord's current
// name, then its former names. search-index.js has the same (closest).
func Closest(q string, ords []int, names func(int) ([]string, error)) ([]int, error) {
	qf := forms(q)
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
			raw := common(qf[0], nf[0])
			miss := min(len(qf[0])-raw, len(qf[1])-common(qf[1], nf[1]))
			best = min(best, (miss*1e6+len(qf[0])+len(nf[0])-2*raw)*2+min(i, 1))
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

// MinLeftOut is the fewest characters a query's near key needs for a name
// whose near key is it with one character more to be its near tier: a
// character left out of a name (清远市旭日力资源… for 清远市旭日人力资源…)
// finds the agency from the x/ file the query reads for its near key,
// where the tier of every term but one would read the term shards of most
// of them. A shorter key is a part of many names.
const MinLeftOut = 4

// leftOutQuery reports whether a name whose near key is nk with one
// character more is looked for (LeftOut): nk has MinLeftOut characters or
// more, none twice in a row. A character doubled is a slip of the keys
// as likely as one left out (东莞旭日人人力… for 东莞旭日人力…), and a
// name with one character more (东莞旭日巨人人力…) would stand for the
// name typed; the tier of every term but one finds both.
func leftOutQuery(nk string) bool {
	last, n := rune(-1), 0
	for _, r := range nk {
		if r == last {
			return false
		}
		last, n = r, n+1
	}
	return n >= MinLeftOut
}

// LeftOut reports whether q is k with one character left out.
func LeftOut(k, q string) bool {
	if utf8.RuneCountInString(k) != utf8.RuneCountInString(q)+1 {
		return false
	}
	i := 0
	for i < len(q) && k[i] == q[i] {
		i++
	}
	// the first difference is in a character of k; what follows it is q's rest
	for i > 0 && !utf8.RuneStart(k[i]) {
		i--
	}
	_, size := utf8.DecodeRuneInString(k[i:])
	return k[i+size:] == q[i:]
}

// leftOutKeys are the near key k with each of its characters left out in
// turn, each once; none when k is shorter than MinLeftOut+1.
func leftOutKeys(k string) []string {
	if utf8.RuneCountInString(k) <= MinLeftOut {
		return nil
	}
	var out []string
	for i, r := range k {
		d := k[:i] + k[i+utf8.RuneLen(r):]
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// leftOutTag is the 16 bits an x/ file keeps of a left-out key (its
// second filter hash's high half, independent of the shard it is in):
// the file lists the agencies by tag, and a reader keeps those whose near
// key is the query's with one character more (LeftOut).
func leftOutTag(d string) uint16 {
	_, h2 := commonHashes(d)
	return uint16(h2 >> 16)
}
