package render

import (
	"cmp"
	"context"
	"html/template"
	"slices"
	"strings"

	"portal/generator/model"
)

// PolicyView is a policy page: metadata, contents and body.
type PolicyView struct {
	P      *model.Policy
	Status model.PolicyStatus
	Body   template.HTML
	TOC    []Heading
	// Interpretation (解读) and Diagram (图解): where they are, nil when not given
	Interpretation, Diagram *LinkView
	Replaces, ReplacedBy    []LinkView // 替代 and 被替代, both ways
	// Replaced says one of ReplacedBy has taken effect (已被替代); until
	// then it is 将被替代
	Replaced    bool
	Attachments []LinkView // the files beside it, as its body links to them
	// Changes are the days after the build's as-of date on which its 有效性
	// changes, for policy.js to say as of the reader's day: a line a day,
	// "YYYY-MM-DD\t有效性" (changesData); "" when it stays as it is
	Changes string
}

// changesData is a policy's status changes as templates/static/policy.js
// reads them (PolicyView.Changes).
func changesData(cs []model.StatusChange) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(c.On.String())
		b.WriteByte('\t')
		b.WriteString(c.Status.String())
	}
	return b.String()
}

// LinkView is a link a page shows: its text and where it goes.
type LinkView struct{ Text, URL string }

// policyLinks resolves a policy's links against the others: a slug to the
// policy's title and page, a file to where it is published beside the
// page; replacedBy lists, by slug, the policies replacing each.
func (r *Renderer) policyLinks(v *PolicyView, bySlug map[string]*model.Policy, replacedBy map[string][]*model.Policy) {
	p := v.P
	page := func(q *model.Policy) LinkView {
		return LinkView{"《" + q.Title + "》", r.base + "policies/" + q.Slug + "/"}
	}
	resolve := func(l model.Link, text string) *LinkView {
		switch {
		case l.URL != "":
			return &LinkView{text, l.URL}
		case l.File != "":
			return &LinkView{text, r.base + "policies/" + p.Slug + "/" + l.File}
		case l.Policy != "" && bySlug[l.Policy] != nil:
			lv := page(bySlug[l.Policy])
			return &lv
		}
		return nil
	}
	v.Interpretation = resolve(p.Interpretation, "政策解读")
	v.Diagram = resolve(p.Diagram, "图解")
	for _, s := range p.Replaces {
		if q := bySlug[s]; q != nil {
			v.Replaces = append(v.Replaces, page(q))
		}
	}
	for _, q := range replacedBy[p.Slug] {
		v.ReplacedBy = append(v.ReplacedBy, page(q))
	}
	for _, a := range p.Attachments {
		v.Attachments = append(v.Attachments, LinkView{a.Name, r.base + "policies/" + p.Slug + "/" + a.Name})
	}
}

func (r *Renderer) policies(ctx context.Context) error {
	ps := slices.Clone(r.content.Policies)
	slices.SortStableFunc(ps, func(a, b *model.Policy) int {
		return cmp.Or(cmp.Compare(b.PublishedOn, a.PublishedOn), cmp.Compare(a.Slug, b.Slug))
	})
	bySlug, replacedBy := map[string]*model.Policy{}, map[string][]*model.Policy{}
	for _, p := range ps {
		bySlug[p.Slug] = p
		for _, s := range p.Replaces {
			replacedBy[s] = append(replacedBy[s], p)
		}
	}
	var views []PolicyView
	live := false // a status on the list changes after the build: load policy.js
	for _, p := range ps {
		body, toc, err := Markdown(p.Body)
		if err != nil {
			return err
		}
		v := PolicyView{P: p, Status: p.StatusAsOf(r.asOf), Body: body, TOC: toc, Replaced: p.ReplacedAsOf(r.asOf),
			Changes: changesData(p.StatusChangesAfter(r.asOf))}
		r.policyLinks(&v, bySlug, replacedBy)
		for _, a := range p.Attachments {
			if err := r.add("policies/"+p.Slug+"/"+a.Name, a.Data); err != nil {
				return err
			}
		}
		views = append(views, v)
		live = live || v.Changes != ""
		last := p.PublishedOn
		if last == 0 {
			last = r.asOf
		}
		if err := r.page("policy", "policies/"+p.Slug+"/", &Page{Title: p.Title, Desc: p.Summary, Section: "policies",
			Crumbs: []Crumb{{"政策文件", "policies/"}}, Live: v.Changes != "", D: v}, last); err != nil {
			return err
		}
	}
	return r.page("policies", "policies/", &Page{Title: "政策文件", Section: "policies", Live: live, D: views}, r.asOf)
}

// FAQGroup is one category of questions.
type FAQGroup struct {
	Category string
	Items    []FAQView
}

// FAQView is a question with its rendered answer.
type FAQView struct {
	F      *model.FAQ
	Answer template.HTML
}

func (r *Renderer) faq(ctx context.Context) error {
	fs := slices.Clone(r.content.FAQs)
	slices.SortStableFunc(fs, func(a, b *model.FAQ) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.Slug, b.Slug))
	})
	var groups []FAQGroup
	at := map[string]int{}
	var entities []any
	for _, f := range fs {
		answer, _, err := Markdown(f.Body)
		if err != nil {
			return err
		}
		i, ok := at[f.Category]
		if !ok {
			i = len(groups)
			at[f.Category] = i
			groups = append(groups, FAQGroup{Category: f.Category})
		}
		groups[i].Items = append(groups[i].Items, FAQView{f, answer})
	}
	for _, g := range groups {
		for _, it := range g.Items {
			entities = append(entities, map[string]any{"@type": "Question", "name": it.F.Question,
				"acceptedAnswer": map[string]any{"@type": "Answer", "text": string(it.Answer)}})
		}
	}
	ld := map[string]any{"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities}
	return r.page("faq", "faq/", &Page{Title: "常见问题", Section: "faq", JSONLD: []any{ld}, D: groups}, r.asOf)
}

// NewsView is a news item with its rendered body.
type NewsView struct {
	N    *model.NewsItem
	Body template.HTML
}

func (r *Renderer) news(ctx context.Context) error {
	ns := slices.Clone(r.content.News)
	slices.SortStableFunc(ns, func(a, b *model.NewsItem) int {
		return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.Slug, b.Slug))
	})
	for _, n := range ns {
		body, _, err := Markdown(n.Body)
		if err != nil {
			return err
		}
		if err := r.page("news", "news/"+n.Slug+"/", &Page{Title: n.Title, Desc: n.Summary, Section: "news",
			Crumbs: []Crumb{{"新闻动态", "news/"}}, D: NewsView{n, body}}, n.Date); err != nil {
			return err
		}
	}
	return r.page("news-list", "news/", &Page{Title: "新闻动态", Section: "news", D: ns}, r.asOf)
}

func (r *Renderer) standalonePages(ctx context.Context) error {
	for _, p := range r.content.Pages { // load refuses slugs that collide with a section
		body, _, err := Markdown(p.Body)
		if err != nil {
			return err
		}
		if err := r.page("page", p.Slug+"/", &Page{Title: p.Title, Section: p.Slug, D: body}, r.asOf); err != nil {
			return err
		}
	}
	return nil
}

// searchPage is /search/, when there is a search index.
func (r *Renderer) searchPage(context.Context) error {
	if r.search == nil {
		return nil
	}
	return r.page("search", "search/", &Page{Title: "查询", Desc: "按单位名称、曾用名、统一社会信用代码或许可证编号查询劳务派遣单位的许可状态。",
		Section: "search", Search: true}, r.asOf)
}

func (r *Renderer) notFound(ctx context.Context) error {
	return r.page("404", "404.html", &Page{Title: "页面不存在", Search: r.search != nil, Desc: "您访问的页面不存在。可在此查询劳务派遣单位的许可状态，或从网站地图进入各栏目。"}, r.asOf)
}

// SitemapSection is one section of the 网站地图 page, with the pages under it.
type SitemapSection struct {
	Title, URL string // URL "" for a heading with no page of its own
	Pages      []LinkView
}

// siteMap renders /sitemap/ (网站地图): every section of the site, and the
// pages of the content sections, linked (the XML sitemap is for crawlers).
func (r *Renderer) siteMap(ctx context.Context) error {
	var secs []SitemapSection
	for _, n := range navItems {
		secs = append(secs, SitemapSection{Title: n.text, URL: r.base + n.path})
	}
	add := func(path string, l LinkView) {
		for i := range secs {
			if secs[i].URL == r.base+path {
				secs[i].Pages = append(secs[i].Pages, l)
			}
		}
	}
	add("register/", LinkView{"即将到期的许可", r.base + "expiring/"})
	add("stats/", LinkView{"公示及时率", r.base + "stats/timeliness/"})
	if r.catalogue != nil {
		add("data/", LinkView{"数据更新记录", r.base + "data/changes/"})
	}
	ps := slices.Clone(r.content.Policies)
	slices.SortStableFunc(ps, func(a, b *model.Policy) int {
		return cmp.Or(cmp.Compare(b.PublishedOn, a.PublishedOn), cmp.Compare(a.Slug, b.Slug))
	})
	for _, p := range ps {
		add("policies/", LinkView{p.Title, r.base + "policies/" + p.Slug + "/"})
	}
	more := SitemapSection{Title: "其他页面"}
	more.Pages = append(more.Pages, LinkView{"新闻动态", r.base + "news/"})
	pages := slices.Clone(r.content.Pages)
	slices.SortStableFunc(pages, func(a, b *model.Page) int { return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.Slug, b.Slug)) })
	for _, p := range pages {
		more.Pages = append(more.Pages, LinkView{p.Title, r.base + p.Slug + "/"})
	}
	secs = append(secs, more)
	return r.page("sitemap", "sitemap/", &Page{Title: "网站地图", Desc: "本站各栏目和页面的目录。", D: secs}, r.asOf)
}
