package load

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"portal/generator/diag"
	"portal/generator/model"
)

// A policy's text often abolishes earlier ones in its last article:
// 本办法自…起施行，《广东省劳务派遣管理办法》（粤人社规〔2019〕1号）同时废止.
// When the earlier one is among the portal's policies and neither front
// matter says so (the new one's replaces, the old one's abolished_on), the
// old one is published as 现行有效 while the new one's text says it was
// abolished: a reader following it follows a rule no longer in force.

var (
	// docNumber is a 文号: an issuer's abbreviation, the year in brackets,
	// the number and 号 (粤人社规〔2019〕1号, 粤人社发[2020]12号).
	docNumber = regexp.MustCompile(`\p{Han}{1,16}\s*[〔\[(（［【]\s*\d{4}\s*[〕\])）］】]\s*第?\s*\d+\s*号`)
	// abolishes is a sentence that ends other documents.
	abolishes = regexp.MustCompile(`废止|不再执行|停止执行|同时失效`)
	// abolishNot is a sentence that proposes an end, or a clause that cites
	// a document as its ground (根据《…》（…号）): neither ends one.
	abolishNot = regexp.MustCompile(`(?:拟|建议|提请|研究)[^，,。；;]{0,40}(?:废止|停止执行|不再执行)`)
	citedAs    = regexp.MustCompile(`根据|依据|按照|参照|贯彻|落实|依照`)
)

// checkAbolishedByText reports a policy whose text abolishes another of
// the portal's policies by its 文号 while neither front matter says so.
func checkAbolishedByText(ps []*model.Policy, d *diag.List) {
	byKey := map[string]*model.Policy{}
	for _, p := range ps {
		if p.DocNo != "" {
			byKey[model.LicenceKey(p.DocNo)] = p
		}
	}
	if len(byKey) < 2 {
		return
	}
	for _, p := range ps {
		if p.Draft {
			continue // a 征求意见稿 abolishes nothing
		}
		reported := map[*model.Policy]bool{}
		for i, text := range strings.Split(p.Body, "\n") {
			for _, sentence := range strings.FieldsFunc(text, func(r rune) bool { return r == '。' || r == '；' || r == ';' }) {
				if !abolishes.MatchString(sentence) || abolishNot.MatchString(sentence) {
					continue
				}
				for _, loc := range docNumber.FindAllStringIndex(sentence, -1) {
					clauseStart := max(strings.LastIndexAny(sentence[:loc[0]], "，,：:"), 0)
					if citedAs.MatchString(sentence[clauseStart:loc[0]]) {
						continue
					}
					q := byKey[model.LicenceKey(sentence[loc[0]:loc[1]])]
					if q == nil || q == p || reported[q] || q.AbolishedOn != 0 || slices.Contains(p.Replaces, q.Slug) {
						continue
					}
					reported[q] = true
					d.Add(diag.Diagnostic{File: p.Src.File, Line: p.BodyLine + i, Field: "replaces", Value: q.DocNo, Severity: diag.Error,
						Msg:  fmt.Sprintf("the text abolishes %s (%s, %s), but neither front matter says so: that policy would be published as 现行有效", q.DocNo, q.Title, q.Src.File),
						Hint: fmt.Sprintf("add replaces: [%s] to this policy's front matter (%s is then 已废止 from the day this one takes effect), or abolished_on to that policy's", q.Slug, q.Slug)})
				}
			}
		}
	}
}
