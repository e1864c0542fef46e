package render

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"portal/generator/model"
	"portal/generator/register"
)

// Fragments are pieces of HTML that recur across many pages — a decision's
// table row appears in three announcement lists, an agency's row in three
// register lists, the navigation on every page. Each is rendered once here,
// escaped with html.EscapeString, instead of once per page by the template
// engine, whose reflect-driven escapers were most of the build's CPU time.
type fragments struct {
	decisionRow map[*model.Decision]template.HTML
	agencyRow   map[*register.Agency]template.HTML
	status      map[model.Status]template.HTML
	dtag        map[model.DecisionType]template.HTML
}

var esc = html.EscapeString

// buildTags makes the status and tag badges every page kind uses.
func (r *Renderer) buildTags() {
	f := &fragments{status: map[model.Status]template.HTML{}, dtag: map[model.DecisionType]template.HTML{}}
	for _, s := range model.Statuses {
		f.status[s] = badge(s.Slug(), statusIcon(s), s.String())
	}
	for _, t := range model.DecisionTypes {
		f.dtag[t] = template.HTML(`<span class="dtag dtag-` + t.Slug() + `">` + t.String() + `</span>`)
	}
	r.frag = f
}

// buildRows makes the decision and agency rows the list pages share.
func (r *Renderer) buildRows() {
	f := r.frag
	f.decisionRow = make(map[*model.Decision]template.HTML, len(r.reg.Data.Decisions))
	var b strings.Builder
	for _, d := range r.reg.Data.Decisions {
		if d.Type == 0 || r.reg.Agency(d.Code) == nil {
			continue
		}
		b.Reset()
		b.Grow(512)
		p := d.ListedOn().String()
		writeAll(&b, `<tr><td><time datetime="`, p, `">`, p, `</time>`)
		if d.PublishedOn == 0 {
			b.WriteString(`（决定日期，未注明公示日期）`)
		}
		b.WriteString(`</td><td>`)
		b.WriteString(string(f.dtag[d.Type]))
		writeAll(&b, `</td><td><a href="`, esc(r.base+"agencies/"+d.Code+"/"), `">`, esc(d.Name), `</a></td><td class="code">`, esc(d.LicenceNo), `</td><td>`, esc(d.Authority), `</td><td>`)
		if d.Changes != "" {
			b.WriteString(esc(d.Changes))
		} else if d.ValidTo != 0 {
			writeAll(&b, d.ValidFrom.String(), " 至 ", d.ValidTo.String())
		}
		b.WriteString("</td></tr>\n")
		f.decisionRow[d] = template.HTML(b.String())
	}
	f.agencyRow = make(map[*register.Agency]template.HTML, len(r.reg.Agencies))
	for _, a := range r.reg.Agencies {
		b.Reset()
		b.Grow(384)
		v := r.reg.Verdict(a)
		writeAll(&b, `<tr><td><a href="`, esc(r.base+"agencies/"+a.Code+"/"), `">`, esc(a.Name), `</a>`, r.flags(a), `</td><td>`)
		b.WriteString(string(verdictTag(v)))
		writeAll(&b, `</td><td class="code">`, esc(a.LicenceNo), `</td><td>`, validCell(v, a.Status), `</td><td>`, esc(r.reg.RegionName(a.RegionCode)), "</td></tr>\n")
		f.agencyRow[a] = template.HTML(b.String())
	}
}

// decisionRows joins the pre-rendered rows of ds.
func (r *Renderer) decisionRows(ds []*model.Decision) template.HTML {
	return joinRows(ds, r.frag.decisionRow)
}

// agencyRows joins the register rows of agencies.
func (r *Renderer) agencyRows(as []*register.Agency) template.HTML {
	return joinRows(as, r.frag.agencyRow)
}

// joinRows joins the pre-rendered rows of keys into one buffer sized first.
func joinRows[K comparable](keys []K, rows map[K]template.HTML) template.HTML {
	n := 0
	for _, k := range keys {
		n += len(rows[k])
	}
	var b strings.Builder
	b.Grow(n)
	for _, k := range keys {
		b.WriteString(string(rows[k]))
	}
	return template.HTML(b.String())
}

// buildNav renders the site navigation once per section (and once with no
// section marked, for pages outside the main sections).
func (r *Renderer) buildNav() {
	r.nav = map[string]template.HTML{}
	for _, section := range append([]string{""}, navKeys()...) {
		var b strings.Builder
		b.WriteString(`<nav aria-label="主导航"><ul>`)
		for _, n := range navItems {
			if n.key == "search" && r.search == nil {
				continue
			}
			writeAll(&b, `<li><a href="`, esc(r.base+n.path), `"`)
			if n.key == section {
				b.WriteString(` aria-current="page"`)
			}
			writeAll(&b, `>`, n.text, `</a></li>`)
		}
		b.WriteString(`</ul></nav>`)
		r.nav[section] = template.HTML(b.String())
	}
}

func navKeys() []string {
	keys := make([]string, len(navItems))
	for i, n := range navItems {
		keys[i] = n.key
	}
	return keys
}

// navFor is the navigation with section marked current.
func (r *Renderer) navFor(section string) template.HTML {
	if h, ok := r.nav[section]; ok {
		return h
	}
	return r.nav[""]
}

var navItems = []struct{ key, path, text string }{
	{"home", "", "首页"}, {"search", "search/", "查询"}, {"register", "register/", "许可名录"}, {"announcements", "announcements/", "许可公示"},
	{"checks", "annual-checks/", "年度核验"}, {"grades", "grades/", "信用等级"}, {"abnormal", "abnormal/", "经营异常"},
	{"policies", "policies/", "政策文件"}, {"faq", "faq/", "常见问题"}, {"stats", "stats/", "统计"}, {"data", "data/", "开放数据"},
}

func (r *Renderer) resultTag(c model.CheckResult) string {
	icon := "–"
	switch c {
	case model.CheckPass:
		icon = "✓"
	case model.CheckFail:
		icon = "✕"
	}
	return `<span class="result result-` + c.Slug() + `"><span class="icon" aria-hidden="true">` + icon + `</span>` + c.String() + `</span>`
}

// stringWriter is where the agency page's rows go: a builder for the
// template's fragments, the page buffer for the direct writer.
type stringWriter interface {
	WriteString(s string) (int, error)
}

// collect returns what write writes, as HTML for a template.
func collect(size int, write func(b *strings.Builder)) template.HTML {
	var b strings.Builder
	b.Grow(size)
	write(&b)
	return template.HTML(b.String())
}

// writeTimeline writes a's decisions, newest first.
func writeTimeline[W stringWriter](r *Renderer, b W, a *register.Agency) {
	for i := len(a.Decisions) - 1; i >= 0; i-- {
		d := a.Decisions[i]
		on := d.DecidedOn.String()
		writeAll(b, `<li><p><time datetime="`, on, `">`, on, `</time> `, string(r.frag.dtag[d.Type]), ` `, esc(d.Authority))
		if d.DocNo != "" {
			writeAll(b, "（", esc(d.DocNo), "）")
		}
		b.WriteString("</p>\n<p>")
		switch {
		case d.Changes != "":
			writeAll(b, "变更事项：", esc(d.Changes))
		case d.ValidTo != 0:
			writeAll(b, "有效期 ", d.ValidFrom.String(), " 至 ", d.ValidTo.String(), `，许可证编号 <span class="code">`, esc(d.LicenceNo), `</span>`)
		default:
			writeAll(b, "名称：", esc(d.Name))
		}
		if d.Note != "" {
			writeAll(b, "；备注：", esc(d.Note))
		}
		published := d.PublishedOn.String()
		if published == "" {
			published = "未注明"
		}
		writeAll(b, "</p>\n<p class=\"meta\">公示日期 ", published, "</p></li>\n")
	}
}

// writeChecks writes a's annual-check rows.
func writeChecks[W stringWriter](r *Renderer, b W, a *register.Agency) {
	for _, c := range a.Checks {
		writeAll(b, "<tr><td>", itoa(c.Year), "</td><td>", r.resultTag(c.Result), "</td><td>", esc(c.FailReasons), "</td><td>", esc(c.Authority), "</td><td>", c.PublishedOn.String(), "</td></tr>\n")
	}
}

// writeGrades writes a's grade rows.
func writeGrades[W stringWriter](b W, a *register.Agency) {
	for _, g := range a.Grades {
		writeAll(b, "<tr><td>", itoa(g.Year), "</td><td><strong>", esc(g.Grade), "</strong></td><td>", esc(g.Evaluator), "</td><td>", g.ValidUntil.String(), "</td></tr>\n")
	}
}

// writeListings writes a's abnormal-list rows.
func writeListings[W stringWriter](b W, a *register.Agency) {
	for _, l := range a.Listings {
		removed := "在列"
		if l.RemovedOn != 0 {
			removed = l.RemovedOn.String()
		}
		writeAll(b, "<tr><td>", l.ListedOn.String(), "</td><td>", esc(l.Reason), "</td><td>", esc(l.Authority), "</td><td>", removed, "</td><td>", esc(l.RemovalReason), "</td></tr>\n")
	}
}

// checkRows renders annual-check list rows (name, code, result, reasons, authority).
func (r *Renderer) checkRows(cs []*model.AnnualCheck) template.HTML {
	var b strings.Builder
	b.Grow(400 * len(cs))
	for _, c := range cs {
		writeAll(&b, `<tr><td><a href="`, esc(r.base+"agencies/"+c.Code+"/"), `">`, esc(c.Name), `</a></td><td class="code">`, esc(c.Code), "</td><td>", r.resultTag(c.Result), "</td><td>", esc(c.FailReasons), "</td><td>", esc(c.Authority), "</td></tr>\n")
	}
	return template.HTML(b.String())
}

// gradeRows renders grade list rows.
func (r *Renderer) gradeRows(gs []*model.Grade) template.HTML {
	var b strings.Builder
	b.Grow(400 * len(gs))
	for _, g := range gs {
		writeAll(&b, `<tr><td><a href="`, esc(r.base+"agencies/"+g.Code+"/"), `">`, esc(g.Name), `</a></td><td class="code">`, esc(g.Code), "</td><td><strong>", esc(g.Grade), "</strong></td><td>", esc(g.Evaluator), "</td><td>", g.ValidUntil.String(), "</td></tr>\n")
	}
	return template.HTML(b.String())
}

func itoa(n int) string { return strconv.Itoa(n) }

// writeAll writes parts in turn: no concatenated copy made first.
func writeAll[W stringWriter](b W, parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}
