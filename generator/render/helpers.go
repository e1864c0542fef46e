package render

import (
	"bytes"
	"fmt"
	"html/template"
	"portal/generator/catalogue"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"portal/generator/model"
	"portal/generator/register"
)

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"url":          func(p string) string { return r.base + strings.TrimPrefix(p, "/") },
		"asset":        r.asset,
		"searchIndex":  func() *catalogue.SearchIndex { return r.search },
		"asOf":         func() model.Date { return r.asOf },
		"staleDays":    func() int { return r.site.StaleAfterDays },
		"siteReport":   func() string { return r.site.Report },
		"notFound":     func() []string { return r.searchMiss },
		"searchWords":  func() map[string]string { return r.searchWords },
		"searchMax":    func() int { return r.searchMax },
		"agencyURL":    func(code string) string { return r.base + "agencies/" + code + "/" },
		"publicSecURL": publicSecURL,
		// exported reports whether the file a row came from has the column
		// field: a value the export's layout lacks is left out of a page,
		// not shown as 未注明 on every row
		"exported": func(src model.Source, field string) bool {
			cols, ok := r.reg.Data.Columns[src.File]
			return !ok || cols[field] != 0
		},
		"regionURL":    func(code string) string { return r.base + "register/" + code + "/" },
		"region":       r.reg.RegionName,
		"thousands":    Thousands,
		"statusSlug":   func(s model.Status) string { return s.Slug() },
		"tagSlug":      func(t model.DecisionType) string { return t.Slug() },
		"statusIcon":   statusIcon,
		"resultIcon":   resultIcon,
		"dtagHTML":     func(t model.DecisionType) template.HTML { return r.part.dtag[t] },
		"dateParts":    dateParts,
		"resultTag":    func(c model.CheckResult) template.HTML { return r.part.result[c] },
		"verdictTag":   r.verdictTag,
		"decisionRows": func(ds []*model.Decision) ([]template.HTML, error) { return r.part.decisionRows.rows(ds) },
		"agencyRows":   func(as []*register.Agency) ([]template.HTML, error) { return r.part.agencyRows.rows(as) },
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"swatch": func(colour string) string { return strings.TrimPrefix(colour, "#") },
	}
}

// statusIcon is the symbol shown with a status's text and colour.
func statusIcon(s model.Status) string {
	switch s {
	case model.StatusValid, model.StatusFiled:
		return "✓"
	case model.StatusExpired, model.StatusPending:
		return "!"
	}
	return "✕"
}

// resultIcon is the symbol shown with an annual-check result's words.
func resultIcon(c model.CheckResult) string {
	switch c {
	case model.CheckPass:
		return "✓"
	case model.CheckFail:
		return "✕"
	}
	return "–"
}

// Verdict is the plain-words answer to "is this agency licensed?".
type Verdict = register.Verdict

func (r *Renderer) verdict(a *register.Agency) Verdict { return r.reg.Verdict(a) }

// nameOrder returns agency indexes sorted by name in pinyin order (the
// Chinese collation of x/text), then by code.
func nameOrder(as []*register.Agency) []int {
	c := collate.New(language.Chinese)
	var buf collate.Buffer
	keys := make([][]byte, len(as))
	for i, a := range as {
		keys[i] = append([]byte(nil), c.KeyFromString(&buf, a.Name)...)
		buf.Reset()
	}
	idx := make([]int, len(as))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int {
		if n := bytes.Compare(keys[x], keys[y]); n != 0 { // not strings.Compare(string(…)): that copied both keys at every comparison
			return n
		}
		return strings.Compare(as[x].Code, as[y].Code)
	})
	return idx
}

// Thousands formats n with thousands separators: 12345 → 12,345.
func Thousands(n int) string {
	if n < 0 {
		return "-" + Thousands(-n)
	}
	s := fmt.Sprint(n)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// publicSecURL is the Ministry of Public Security's record of a site's
// 公安备案号 ("粤公网安备 44010602000001号"): its digits, looked up at
// beian.mps.gov.cn; "" when the number has none.
func publicSecURL(record string) string {
	var digits []rune
	for _, c := range record {
		if c >= '0' && c <= '9' {
			digits = append(digits, c)
		}
	}
	if len(digits) == 0 {
		return ""
	}
	return "https://beian.mps.gov.cn/#/query/webSearch?code=" + string(digits)
}

// TextPart is a piece of a sentence: a date (YYYY-MM-DD), which a template
// keeps from breaking across lines, or the text between dates.
type TextPart struct {
	Text string
	Date bool
}

// dateParts cuts s into its dates and the text around them, so that a
// verdict's date is never broken after a hyphen on a narrow screen.
func dateParts(s string) []TextPart {
	var out []TextPart
	for {
		i := datePattern.FindStringIndex(s)
		if i == nil {
			break
		}
		if i[0] > 0 {
			out = append(out, TextPart{Text: s[:i[0]]})
		}
		out = append(out, TextPart{Text: s[i[0]:i[1]], Date: true})
		s = s[i[1]:]
	}
	if s != "" {
		out = append(out, TextPart{Text: s})
	}
	return out
}

var datePattern = regexp.MustCompile(`[0-9]{4}-[0-9]{2}-[0-9]{2}`)
