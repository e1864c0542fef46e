package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"

	"portal/generator/internal/tmplexec"
	"portal/generator/model"
	"portal/generator/register"
)

// The partials of templates/partials/ that recur on many pages — a status
// or verdict badge on every list row, a decision's row in three
// announcement lists, an agency's row in three register lists, the
// navigation on every page — are executed once per distinct value and the
// result reused: the template stays their only definition, and the
// template engine's per-action cost is paid once per value rather than
// once per page that shows it.
type partials struct {
	set     *template.Template // layouts/ and partials/
	eng     *tmplexec.Engine   // set's fast executor; nil: html/template
	dtag    map[model.DecisionType]template.HTML
	result  map[model.CheckResult]template.HTML
	verdict sync.Map // verdictKey → template.HTML
	nav     map[string]template.HTML
	// rows of the list pages (rows.go)
	decisionRows *listRows[*model.Decision]
	agencyRows   *listRows[*register.Agency]
}

// verdictKey is what a verdict's badge shows.
type verdictKey struct{ Class, Icon, Label string }

// partialNames are the partials executed on their own.
var partialNames = []string{"verdict-tag", "dtag", "result", "nav", "decision-row", "agency-row", "footer", "head", "masthead"}

// exec executes the partial name with data.
func (r *Renderer) exec(name string, data any) (template.HTML, error) {
	var b bytes.Buffer
	if err := r.execInto(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// execInto executes the partial name with data into b.
func (r *Renderer) execInto(b *bytes.Buffer, name string, data any) error {
	if err := r.execute(r.part.set, r.part.eng, b, name, data); err != nil {
		return fmt.Errorf("render partial %q: %w", name, err)
	}
	return nil
}

// execEach executes the partial name once for every value of vals.
func execEach[K comparable](r *Renderer, name string, vals []K) (map[K]template.HTML, error) {
	out := make(map[K]template.HTML, len(vals))
	for _, v := range vals {
		h, err := r.exec(name, v)
		if err != nil {
			return nil, err
		}
		out[v] = h
	}
	return out, nil
}

// buildBadges renders the badges of every decision type and annual-check
// result.
func (r *Renderer) buildBadges() error {
	p := r.part
	var err error
	if p.dtag, err = execEach(r, "dtag", model.DecisionTypes); err != nil {
		return err
	}
	p.result, err = execEach(r, "result", append([]model.CheckResult{0}, model.CheckResults...))
	return err
}

// verdictTag is a verdict's short label as a badge (partial "verdict-tag").
func (r *Renderer) verdictTag(v Verdict) (template.HTML, error) {
	k := verdictKey{v.Class, v.Icon, v.Label}
	if h, ok := r.part.verdict.Load(k); ok {
		return h.(template.HTML), nil
	}
	h, err := r.exec("verdict-tag", k)
	if err != nil {
		return "", err
	}
	r.part.verdict.Store(k, h)
	return h, nil
}

// NavItem is one link of the main navigation.
type NavItem struct {
	Path, Text string
	Current    bool
}

var navItems = []struct{ key, path, text string }{
	{"home", "", "首页"}, {"search", "search/", "查询"}, {"register", "register/", "许可名录"}, {"announcements", "announcements/", "许可公示"},
	{"checks", "annual-checks/", "年度核验"}, {"grades", "grades/", "信用等级"}, {"abnormal", "abnormal/", "经营异常"},
	{"policies", "policies/", "政策文件"}, {"faq", "faq/", "常见问题"}, {"stats", "stats/", "统计"}, {"data", "data/", "开放数据"},
}

// buildNav renders the navigation (partial "nav") once per section, and
// once with no section marked, for pages outside the main sections.
func (r *Renderer) buildNav() error {
	r.part.nav = map[string]template.HTML{}
	sections := []string{""}
	for _, n := range navItems {
		sections = append(sections, n.key)
	}
	for _, section := range sections {
		var items []NavItem
		for _, n := range navItems {
			if n.key == "search" && r.search == nil {
				continue
			}
			items = append(items, NavItem{Path: n.path, Text: n.text, Current: n.key == section})
		}
		h, err := r.exec("nav", struct{ Items []NavItem }{items})
		if err != nil {
			return err
		}
		r.part.nav[section] = h
	}
	return nil
}

// navFor is the navigation with section marked current.
func (r *Renderer) navFor(section string) template.HTML {
	if h, ok := r.part.nav[section]; ok {
		return h
	}
	return r.part.nav[""]
}

// AgencyRow is an agency as a register list shows it.
type AgencyRow struct {
	Code, Name, LicenceNo string
	V                     Verdict
	Watch, Abnormal       bool   // the 重点监控 and 经营异常 flags
	Valid                 string // under 有效期至 (validCell)
	Region                string
	Tag                   string // the status tag's later forms, for verdict.js (tagData)
}

func (r *Renderer) agencyRowView(a *register.Agency) AgencyRow {
	v := r.reg.Verdict(a)
	return AgencyRow{Code: a.Code, Name: a.Name, LicenceNo: a.LicenceNo, V: v, Watch: a.Watch() != nil, Abnormal: a.Abnormal(r.asOf),
		Valid: validCell(v), Region: r.reg.RegionName(a.RegionCode), Tag: r.tagData(a)}
}
