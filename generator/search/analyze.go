package search

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom" // the "custom" analyzer type
	_ "github.com/blevesearch/bleve/v2/analysis/char/regexp"     // whitespace removal for exact keys
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cjk"        // cjk_width
	_ "github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	_ "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"

	"portal/generator/model"
)

// Analyzer names, as registered in the bleve index mapping.
const (
	TextAnalyzer = "portal_text" // names and text: NFKC, traditional to simplified (fold.go), no marks after an ideograph, Unicode words, width, lower case, CJK bigrams
	KeyAnalyzer  = "portal_key"  // 统一社会信用代码, 许可证编号, whole names: NFKC, traditional to simplified, no marks after an ideograph, no spaces, dashes or brackets, lower case, NFKC again

	nfkcCharFilter = "portal_nfkc"
	marksFilter    = "portal_ideograph_marks"
	lowerFilter    = "portal_lower"
	nfkcTermFilter = "portal_nfkc_term" // a key's NFKC again after lower case
	bigramFilter   = "portal_bigram"    // bigrams: bleve's cjk_bigram with output_unigram, allocating less
	spaceFilter    = "portal_no_space"
)

// AnalyzerVersion changes whenever the analysis below changes, so cached
// indexes and the browser's copy of the rules are rebuilt with it.
const AnalyzerVersion = "15"

// nfkc is a char filter that applies Unicode NFKC before tokenizing.
// bleve's Unicode tokenizer drops some full-width text (２０１９) and the
// width filter only sees what the tokenizer kept, so folding comes first.
type nfkc struct{}

func (nfkc) Filter(in []byte) []byte { return norm.NFKC.Bytes(in) }

// ideographMarks is a char filter that drops the marks (\p{M}: a stray
// accent, a variation selector) that follow an ideograph, and every format
// character (\p{Cf}: a zero-width space, a joiner, a soft hyphen, a
// byte-order mark). Marks are no part of a Chinese name, and bleve's bigram
// filter would pair them as characters of their own (东\u0301莞 gave
// 东\u0301 and \u0301莞, not 东莞); a format character no reader sees,
// pasted inside a code or a licence number from a web page, made it
// another word (9144\u00ad0106… was 未查到). search-index.js drops the same
// (nf).
//
// It drops as well the dots and brackets between two ideographs
// (nameJoin: 鑫·达, 麦克・李, as a transliterated or a brand name is
// written; 中智（广东）人力, a place set in a name): people type such a name
// without them, and with them the two characters made no pair (鑫达 was
// 未查到 for 广东鑫·达人力资源有限公司, 中智广东 for 中智（广东）人力资源有限公司).
// A dot or bracket counts as between ideographs when the last rune kept is
// one and the first rune after the run that is not a mark or a format
// character is one.
type ideographMarks struct{}

// nameJoin reports whether r, as NFKC leaves it, is a dot that joins the
// parts of a name — the middle dot (·, also the Greek ano teleia), the
// bullet (•), the hyphenation point (‧, as written in Taiwan), the
// katakana middle dot (・, also its half-width form) — or a round bracket
// (（） are ( and ) then). search-index.js's DOTS is the same set.
func nameJoin(r rune) bool {
	switch r {
	case 0x00B7, 0x2022, 0x2027, 0x30FB, '(', ')':
		return true
	}
	return false
}

// ideographAfterDots reports whether the first rune of in that is
// neither a name dot or bracket (nameJoin), nor a mark, nor a format
// character is an ideograph (the marks among them are dropped then too, as
// after an ideograph).
func ideographAfterDots(in []byte) bool {
	for i := 0; i < len(in); {
		r, w := utf8.DecodeRune(in[i:])
		if !nameJoin(r) && !model.IsFormat(r) && !unicode.Is(unicode.M, r) {
			return ideograph(r)
		}
		i += w
	}
	return false
}

func (ideographMarks) Filter(in []byte) []byte {
	var out []byte // nil until a mark is dropped
	after := false // the last rune kept is an ideograph
	for i := 0; i < len(in); {
		r, w := utf8.DecodeRune(in[i:])
		drop := model.IsFormat(r) || after && (unicode.Is(unicode.M, r) || nameJoin(r) && ideographAfterDots(in[i+w:]))
		if drop && out == nil {
			out = append(make([]byte, 0, len(in)), in[:i]...)
		}
		if !drop {
			after = ideograph(r)
			if out != nil {
				out = append(out, in[i:i+w]...)
			}
		}
		i += w
	}
	if out == nil {
		return in
	}
	return out
}

// lower is a token filter that lower-cases a term rune by rune
// (unicode.ToLower, Σ at a term's end as ς), as search-index.js's lower
// does. bleve's to_lower does the same in place but, after a rune whose
// lower case is shorter in UTF-8 (Ɫ → ɫ), leaves the following unchanged
// runes where they were: ⱢV2 became ɫvV.
type lower struct{}

func (lower) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tk := range in {
		tk.Term = lowerTerm(tk.Term)
	}
	return in
}

// nfkcTerms is a token filter that applies NFKC to each term: a key's
// last step, since lower case can leave a letter and a combining mark
// that compose (T\u0308 is t\u0308 in lower case, ẗ in NFKC), and a key
// keyed again must not change (FuzzAnalysis found T\u0308). search-index.js's
// key does the same.
type nfkcTerms struct{}

func (nfkcTerms) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tk := range in {
		tk.Term = norm.NFKC.Bytes(tk.Term)
	}
	return in
}

// lowerTerm is s lower-cased into a new slice when any rune changes; a
// byte that is not UTF-8 stays as it is.
func lowerTerm(s []byte) []byte {
	var out []byte
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRune(s[i:])
		}
		l := unicode.ToLower(r)
		if r == 'Σ' && i+w == len(s) {
			l = 'ς'
		}
		switch {
		case out == nil && l == r:
		case out == nil:
			out = append(make([]byte, 0, len(s)+4), s[:i]...)
			out = utf8.AppendRune(out, l)
		case l == r:
			out = append(out, s[i:i+w]...)
		default:
			out = utf8.AppendRune(out, l)
		}
		i += w
	}
	if out == nil {
		return s
	}
	return out
}

func init() {
	charFilter(nfkcCharFilter, nfkc{})
	charFilter(marksFilter, ideographMarks{})
	tokenFilter(lowerFilter, lower{})
	tokenFilter(nfkcTermFilter, nfkcTerms{})
	tokenFilter(bigramFilter, bigrams{})
}

// charFilter registers the stateless char filter f under name in bleve's
// registry, at init: a name taken twice is a mistake in this package.
func charFilter(name string, f analysis.CharFilter) {
	if err := registry.RegisterCharFilter(name, func(map[string]any, *registry.Cache) (analysis.CharFilter, error) { return f, nil }); err != nil {
		panic(err)
	}
}

// tokenFilter registers the stateless token filter f under name, as charFilter.
func tokenFilter(name string, f analysis.TokenFilter) {
	if err := registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) { return f, nil }); err != nil {
		panic(err)
	}
}

// definer is what both a registry.Cache and a bleve IndexMapping offer.
type definer interface {
	AddCustomCharFilter(name string, config map[string]interface{}) error
	AddCustomTokenFilter(name string, config map[string]interface{}) error
	AddCustomAnalyzer(name string, config map[string]interface{}) error
}

// spaces are what a key leaves out: white space (what JavaScript's \s
// matches), dashes (a licence number typed 4401-0020-1470-009; U+2010–2015
// are the hyphens and dashes NFKC leaves as they are) and brackets — ( ) [ ]
// { } and 【 】 〔 〕 〖 〗 (U+3010–3017), so that a 文号 or licence number
// typed 粤人社规[2023]32号 or (2023) is the one written 粤人社规〔2023〕32号.
// search-index.js removes the same set.
const spaces = `[\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}()\[\]{}\-\x{2010}-\x{2015}\x{3010}-\x{3017}]+`

// keyCharFilters are what a key is read with: clean (NFKC, folded, marks
// after an ideograph dropped), the spaces and dashes taken out, then clean
// again — taking a space out can join a letter and a combining mark, or an
// ideograph and a mark (章\u3000\u103b), and a key read again must not
// change. search-index.js's key does the same (nf, twice).
var keyCharFilters = []interface{}{nfkcCharFilter, t2sCharFilter, marksFilter, spaceFilter, nfkcCharFilter, t2sCharFilter, marksFilter}

// defineAnalyzers defines the two analyzers on d.
func defineAnalyzers(d definer) error {
	for _, step := range []error{
		d.AddCustomCharFilter(spaceFilter, map[string]interface{}{"type": "regexp", "regexp": spaces, "replace": ""}),
		d.AddCustomAnalyzer(TextAnalyzer, map[string]interface{}{
			"type":          textAnalyzerType,
			"char_filters":  []interface{}{nfkcCharFilter, t2sCharFilter, marksFilter},
			"tokenizer":     "unicode",
			"token_filters": []interface{}{"cjk_width", lowerFilter, bigramFilter},
		}),
		d.AddCustomAnalyzer(KeyAnalyzer, map[string]interface{}{
			"type":          "custom",
			"char_filters":  keyCharFilters,
			"tokenizer":     "single",
			"token_filters": []interface{}{lowerFilter, nfkcTermFilter},
		}),
	} {
		if step != nil {
			return step
		}
	}
	return nil
}

// cacheDefiner adapts a registry.Cache to definer.
type cacheDefiner struct{ c *registry.Cache }

func (d cacheDefiner) AddCustomCharFilter(name string, config map[string]interface{}) error {
	_, err := d.c.DefineCharFilter(name, config)
	return err
}
func (d cacheDefiner) AddCustomTokenFilter(name string, config map[string]interface{}) error {
	_, err := d.c.DefineTokenFilter(name, config)
	return err
}
func (d cacheDefiner) AddCustomAnalyzer(name string, config map[string]interface{}) error {
	_, err := d.c.DefineAnalyzer(name, config)
	return err
}

// Analysis holds the two analyzers, built from bleve's registry exactly as
// the bleve index builds them. It is safe for concurrent use.
type Analysis struct {
	text, key analysis.Analyzer
}

// NewAnalysis builds the analyzers.
func NewAnalysis() (*Analysis, error) {
	c := registry.NewCache()
	if err := defineAnalyzers(cacheDefiner{c}); err != nil {
		return nil, fmt.Errorf("search: analyzers: %v", err)
	}
	text, err := c.AnalyzerNamed(TextAnalyzer)
	if err != nil {
		return nil, err
	}
	key, err := c.AnalyzerNamed(KeyAnalyzer)
	if err != nil {
		return nil, err
	}
	return &Analysis{text: text, key: key}, nil
}

// Token is one term the text analyzer produced.
type Token struct {
	Term       string
	Pos        int  // 1-based position, as bleve numbers them
	Start, End int  // byte offsets in the NFKC-folded text
	Unigram    bool // a single CJK character (bleve's type Single)
	Bigram     bool // two CJK characters (bleve's type Double)
}

// Tokens analyzes s with the text analyzer.
func (a *Analysis) Tokens(s string) []Token {
	ts := a.text.Analyze([]byte(s))
	out := make([]Token, len(ts))
	for i, t := range ts {
		out[i] = Token{Term: string(t.Term), Pos: t.Position, Start: t.Start, End: t.End,
			Unigram: t.Type == analysis.Single, Bigram: t.Type == analysis.Double}
	}
	return out
}

// Terms appends the distinct terms of s to set.
func (a *Analysis) Terms(s string, set map[string]struct{}) {
	if n := plainChars(s); n > 0 {
		// plainTokens' terms, as strings that share s's bytes: no
		// token, no copy (those were 27 % of the bytes the static index
		// allocated on the 50k set)
		plainSpans(n, func(start, end, _ int) { set[s[start:end]] = struct{}{} })
		return
	}
	for _, t := range a.text.Analyze([]byte(s)) {
		set[string(t.Term)] = struct{}{}
	}
}

// QueryTerms is what a query must match, every term (AND): its distinct
// tokens, less the single characters that a bigram beside them already
// covers (a document with 人力 has 人 and 力 too), so that 人力资源 asks
// for four bigrams, not four bigrams and four characters. A lone character
// (劳) stays.
func (a *Analysis) QueryTerms(q string) []string {
	ts := a.Tokens(q)
	var out []string
	seen := map[string]bool{}
	for _, t := range ts {
		if t.Unigram && covered(ts, t) {
			continue
		}
		if !seen[t.Term] {
			seen[t.Term] = true
			out = append(out, t.Term)
		}
	}
	return out
}

func covered(ts []Token, u Token) bool {
	for _, t := range ts {
		if t.Bigram && t.Start <= u.Start && u.End <= t.End {
			return true
		}
	}
	return false
}

// Key is the exact-lookup form of a code, licence number or whole name:
// NFKC, without spaces, NFKC again (a space removed may leave a letter
// beside a combining mark), in lower case, NFKC once more (lower case may
// leave a letter and a mark that compose). Key(Key(s)) == Key(s).
func (a *Analysis) Key(s string) string {
	if k, ok := plainKey(s); ok {
		return k
	}
	return a.analysedKey(s)
}

// analysedKey is Key(s) as the key analyzer makes it.
func (a *Analysis) analysedKey(s string) string {
	ts := a.key.Analyze([]byte(s))
	if len(ts) == 0 {
		return ""
	}
	return string(ts[0].Term)
}

// plainKey is the key of s when s is ASCII letters and digits (and ~, as
// CodeNeighbours write them) and CJK ideographs of the two main blocks
// that are not traditional ones (fold.go): every step of the key analyzer
// but lower case leaves those as they are (NFKC, the fold, marks, spaces)
// — a code, a licence number, most names — so Key need not run it
// (FuzzAnalysis holds the two equal).
func plainKey(s string) (string, bool) {
	upper := false
	for _, r := range s {
		switch {
		case 'A' <= r && r <= 'Z':
			upper = true
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '~':
		case 0x4E00 <= r && r <= 0x9FFF, 0x3400 <= r && r <= 0x4DBF:
			if _, traditional := t2s()[r]; traditional {
				return "", false
			}
		default:
			return "", false
		}
	}
	if upper {
		return strings.ToLower(s), true
	}
	return s, true
}

// identifier is the shape of a 统一社会信用代码 or a numeric 许可证编号 once
// folded to a key: letters, digits and dashes only, at least 8 long, at
// least 6 digits.
var identifier = regexp.MustCompile(`^[0-9a-z-]{8,}$`)

// Identifier reports whether the key k looks like a code or licence number.
// Such a query is looked up exactly and never answered with near misses.
func Identifier(k string) bool {
	return identifier.MatchString(k) && digits(k) >= 6
}

// Codes are the codes and licence numbers (Identifier keys) a query holds
// among other words — written with their label (统一社会信用代码：9144…,
// 许可证编号：4401-2014-…), or after a name — in the order written: each
// run of letters, digits, spaces and dashes as a whole (4401 2014 0001),
// then its words one by one (ABC 9144…). Search answers a query that
// matches nothing exactly with the first of them that finds an agency, as
// if it had been typed alone (with the check character's advice).
// search-index.js has the same (codes).
func (a *Analysis) Codes(q string) []string {
	var out []string
	for _, run := range codeRunSeparator.Split(string(ideographMarks{}.Filter([]byte(norm.NFKC.String(q)))), -1) { // as nf: no format characters
		if run == "" {
			continue // a name's words: no run at all
		}
		cands := []string{run}
		if words := querySpace.Split(run, -1); len(words) > 1 {
			cands = append(cands, words...)
		}
		for _, c := range cands {
			if k := a.Key(c); Identifier(k) && !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// jsSpace is what JavaScript's \s matches; codeRunSeparator is anything
// but letters, digits, _ (JavaScript's \w), spaces and dashes.
const jsSpace = `\t\n\v\f\r \x{00a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`

var (
	codeRunSeparator = regexp.MustCompile(`[^0-9A-Za-z_` + jsSpace + `\-\x{2010}-\x{2015}]+`)
	querySpace       = regexp.MustCompile(`[` + jsSpace + `]+`)
)

func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}
