// Package search answers "is this agency licensed?" from a name, a former
// name (曾用名), a 统一社会信用代码 or a 许可证编号, and finds policies, FAQs
// and news by their words.
//
// Text is analysed by bleve's analysers (analyze.go): NFKC first, then
// Unicode words, width folding, lower case and CJK bigrams for names and
// text; codes, licence numbers and whole names become exact keys. The same
// tokens feed two indexes that must agree:
//
//   - the static index under /search/ (static.go), written straight from the
//     tokens at build time and read by the browser's search-index.js a few small
//     files at a time;
//   - a bleve (scorch) index (bleve.go), cached on disk, that answers
//     `portal search` and the preview server's /api/search.
//
// Both rank the same way (rank.go): exact code, licence number or name
// first, then matches of every term in the current name, then in a former
// name, then anywhere; ties in a fixed document order (Docs).
package search

import (
	"cmp"
	"context"
	"slices"
	"unicode/utf8"

	"portal/generator/internal/par"
	"portal/generator/model"
	"portal/generator/register"
)

// Kind is what a search result is.
type Kind uint8

const (
	KindAgency Kind = iota
	KindPolicy
	KindFAQ
	KindNews
	KindPage
)

var kindLabels = [...]string{"劳务派遣单位", "政策文件", "常见问题", "新闻动态", "页面"}

// Label is the kind in words, shown beside a document result.
func (k Kind) Label() string { return kindLabels[k] }

// Doc is one searchable item. Its position in the slice Docs returns is
// its number (ord), the tie-break of every ranking.
type Doc struct {
	Kind    Kind
	Path    string   // below the site root: agencies/{code}/, policies/{slug}/, faq/#{slug}
	Name    string   // current name or title
	Former  []string // 曾用名, newest first
	Other   []string // agencies: region, status; documents: 文号, summary, body
	Keys    []string // exact keys: code, licence numbers, name (rank first)
	OldKeys []string // exact keys of former names (rank second)

	// shown with an agency result
	Code, Licence string
	Status        model.Status
	Verdict       register.Verdict
	// Later are the verdicts of the spans after Verdict's, in order, each
	// from the day after the one before it ends, up to the one with no end
	// known (none when Verdict has none): the result shows the one the
	// reader's clock is in. A licence not yet begun has two (in force,
	// then expired), and so has one renewed with a gap between its periods.
	Later           []register.Verdict
	Watch, Abnormal bool // 重点监控 (latest annual check 不合格), 经营异常
	Region          string
	// Province is the province of the agency's region (广东省: regions.csv's
	// region of its code's first two digits), which a query may put before
	// its name (Provinces).
	Province string
	// shown with a document result
	Note string // 文号 or date
}

// Docs lists every searchable item in rank order: agencies first (the
// portal answers "is it licensed?"), by name length (a shorter name that
// holds every term is the closer match), licensed before unlicensed, then
// code; then documents in content order: policies, FAQs, news, pages.
func Docs(reg *register.Register, c *model.Content) []Doc {
	docs := make([]Doc, 0, len(reg.Agencies)+len(c.Policies)+len(c.FAQs)+len(c.News)+len(c.Pages))
	for _, p := range c.Policies {
		docs = append(docs, Doc{Kind: KindPolicy, Path: "policies/" + p.Slug + "/", Name: p.Title,
			Other: nonEmpty(p.DocNo, p.Summary, p.Body), Keys: nonEmpty(p.Title, p.DocNo), Note: p.DocNo})
	}
	for _, f := range c.FAQs {
		docs = append(docs, Doc{Kind: KindFAQ, Path: "faq/#" + f.Slug, Name: f.Question,
			Other: nonEmpty(f.Category, f.Body), Keys: nonEmpty(f.Question), Note: f.Category})
	}
	for _, n := range c.News {
		docs = append(docs, Doc{Kind: KindNews, Path: "news/" + n.Slug + "/", Name: n.Title,
			Other: nonEmpty(n.Summary, n.Body), Keys: nonEmpty(n.Title), Note: n.Date.String()})
	}
	for _, p := range c.Pages {
		docs = append(docs, Doc{Kind: KindPage, Path: p.Slug + "/", Name: p.Title, Other: nonEmpty(p.Body), Keys: nonEmpty(p.Title)})
	}
	// each agency's document on its own, a part of them on each core
	agencies := make([]Doc, len(reg.Agencies))
	const per = 1024
	par.Each(context.Background(), (len(reg.Agencies)+per-1)/per, func(_, k int) error {
		for j := k * per; j < min((k+1)*per, len(reg.Agencies)); j++ {
			agencies[j] = agencyDoc(reg, reg.Agencies[j])
		}
		return nil
	})
	// sorted by a small key, then arranged: a Doc is large to swap
	type rank struct {
		runes, licensed int
		code            string
		i               int
	}
	ranks := make([]rank, len(agencies))
	for i := range agencies {
		d := &agencies[i]
		ranks[i] = rank{utf8.RuneCountInString(d.Name), licensedRank(d.Verdict), d.Code, i}
	}
	slices.SortFunc(ranks, func(x, y rank) int {
		return cmp.Or(cmp.Compare(x.runes, y.runes), cmp.Compare(x.licensed, y.licensed), cmp.Compare(x.code, y.code), cmp.Compare(x.i, y.i))
	})
	out := make([]Doc, 0, len(agencies)+len(docs))
	for _, r := range ranks {
		out = append(out, agencies[r.i])
	}
	return append(out, docs...)
}

// licensedRank puts agencies that may dispatch before the rest.
func licensedRank(v register.Verdict) int {
	if v.OK() {
		return 0
	}
	return 1
}

// agencyDoc is the document of agency a.
func agencyDoc(reg *register.Register, a *register.Agency) Doc {
	d := Doc{Kind: KindAgency, Path: "agencies/" + a.Code + "/", Name: a.Name, Code: a.Code, Licence: a.LicenceNo,
		Status: a.Status, Verdict: reg.Verdict(a), Region: regionLabel(reg, a.RegionCode), Province: provinceOf(reg, a.RegionCode),
		Watch: a.Watch() != nil, Abnormal: a.Abnormal(reg.AsOf)}
	if d.Verdict.Until != 0 {
		d.Later = reg.VerdictsFrom(a, reg.AsOf)[1:]
	}
	d.Other = nonEmpty(d.Region, a.Status.String())
	d.Keys = nonEmpty(a.Code, a.LicenceNo, a.Name)
	d.Keys = append(d.Keys, a.FormerLicenceNos...)
	d.Keys = appendLicenceKeys(appendLicenceKeys(d.Keys, a.LicenceNo), a.FormerLicenceNos...)
	for i := len(a.FormerNames) - 1; i >= 0; i-- {
		d.Former = append(d.Former, a.FormerNames[i].Name)
	}
	d.OldKeys = d.Former
	return d
}

// regionLabel is the city and district of a region code: 广州市番禺区.
func regionLabel(reg *register.Register, code string) string {
	if len(code) != 6 {
		return reg.RegionName(code)
	}
	city := code[:4] + "00"
	if city == code || reg.Regions[city] == nil {
		return reg.RegionName(code)
	}
	return reg.RegionName(city) + reg.RegionName(code)
}

// provinceOf is the name of the province of a region code ("" when
// regions.csv has none).
func provinceOf(reg *register.Register, code string) string {
	if len(code) != 6 || reg.Regions[code[:2]+"0000"] == nil {
		return ""
	}
	return reg.RegionName(code[:2] + "0000")
}

func nonEmpty(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
