package render

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"slices"

	"portal/generator/model"
	"portal/generator/register"
)

// static copies templates/static/ to /static/, each file under its
// content-hashed name (assets).
func (r *Renderer) static(context.Context) error {
	return fs.WalkDir(r.tfs, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(r.tfs, p)
		if err != nil {
			return err
		}
		return r.add(r.assets[p], b)
	})
}

// StatusCount is one status with its number of agencies.
type StatusCount struct {
	Status model.Status
	N      int
}

func (r *Renderer) statusCounts() []StatusCount {
	n := map[model.Status]int{}
	for _, a := range r.reg.Agencies {
		n[a.Status]++
	}
	var out []StatusCount
	for _, s := range model.Statuses {
		out = append(out, StatusCount{s, n[s]})
	}
	return out
}

// sortDecisions orders every decision of a known agency, newest publication first.
func (r *Renderer) sortDecisions() []*model.Decision {
	ds := slices.Clone(r.reg.Data.Decisions)
	ds = slices.DeleteFunc(ds, func(d *model.Decision) bool { return r.reg.Agency(d.Code) == nil || d.Snapshot }) // a snapshot's row was never announced
	slices.SortStableFunc(ds, func(a, b *model.Decision) int {
		return cmp.Or(cmp.Compare(b.ListedOn(), a.ListedOn()), cmp.Compare(b.DecidedOn, a.DecidedOn), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Src.Line, b.Src.Line))
	})
	return ds
}

func (r *Renderer) home(context.Context) error {
	ds := r.newest
	latest := ds[:min(20, len(ds))]
	years := checkYears(r.reg.Data.Checks)
	gradeYears := gradeYears(r.reg.Data.Grades)
	return r.page("home", "", &Page{Title: r.site.Name, Section: "home", Feed: "announcements/index.xml", Search: r.search != nil, D: HomeView{
		Counts: r.statusCounts(), Total: len(r.reg.Agencies), Latest: latest,
		CheckYears: years, GradeYears: gradeYears, Policies: len(r.content.Policies),
	}}, r.asOf)
}

func (r *Renderer) agencies(ctx context.Context) error {
	return parallel(ctx, len(r.reg.Agencies), func(i int) error {
		a := r.reg.Agencies[i]
		p := "agencies/" + a.Code + "/"
		v := r.verdict(a)
		poster := r.hasPoster(v)
		if r.reuse != nil && r.reuse(a.Code) {
			files := []string{p + "index.html", p + "index.xml"}
			if poster {
				files = append(files, p+"poster/index.html")
			}
			kept, err := r.sink.(keeper).Keep(files...)
			if err != nil {
				return err
			}
			if kept {
				r.nPages.Add(int64(len(files) - 1)) // the feed is no page
				r.nFiles.Add(int64(len(files)))
				r.nKept.Add(int64(len(files)))
				r.addToSitemap(p, a.Last().DecidedOn)
				return nil
			}
		}
		term := r.term(a)
		if err := r.agencyPage(a, v, term, poster); err != nil {
			return err
		}
		if poster {
			if err := r.agencyPoster(a, v, term); err != nil {
				return err
			}
		}
		return r.agencyFeed(a)
	})
}

// agencyPage renders a's page, whose verdict is v and 有效期 term; poster
// says it has a 许可公示牌 to link.
func (r *Renderer) agencyPage(a *register.Agency, verdict Verdict, term TermView, poster bool) error {
	p, lastmod := "agencies/"+a.Code+"/", a.Last().DecidedOn
	v := AgencyView{A: a, V: verdict, Parent: r.ref(r.reg.Agency(a.ParentCode)), Grade: a.CurrentGrade(r.asOf), Watch: a.Watch(), Abnormal: a.Abnormal(r.asOf),
		Spans: r.spansData(a), Stale: r.site.StaleAfterDays, Term: term, TermNote: termNote(a), Timeline: make([]*model.Decision, len(a.Decisions)), Poster: poster}
	for i, d := range a.Decisions {
		v.Timeline[len(a.Decisions)-1-i] = d
	}
	for _, b := range a.Branches {
		v.Branches = append(v.Branches, r.ref(r.reg.Agency(b)))
	}
	pg := &Page{Title: a.Name, Section: "register", Feed: p + "index.xml", Desc: v.V.Headline, Verdict: true,
		Crumbs: []Crumb{{"许可名录", "register/"}, {r.reg.RegionName(a.RegionCode), "register/" + a.RegionCode + "/"}}}
	pg.D = v
	return r.page("agency", p, pg, lastmod)
}

// RegionCount is a region with its number of agencies, and its districts.
type RegionCount struct {
	Code, Name string
	N          int
	Children   []RegionCount
}

func (r *Renderer) registerPages(ctx context.Context) error {
	// each list is positions in the name order
	byName := make([]*register.Agency, len(r.order))
	byRegion := map[string][]int{} // region (city and district) → agencies in name order
	byStatus := map[model.Status][]int{}
	for pos, i := range r.order {
		a := r.reg.Agencies[i]
		byName[pos] = a
		c := register.City(a.RegionCode)
		byRegion[c] = append(byRegion[c], pos)
		if a.RegionCode != c {
			byRegion[a.RegionCode] = append(byRegion[a.RegionCode], pos)
		}
		byStatus[a.Status] = append(byStatus[a.Status], pos)
	}
	var cities []RegionCount
	for _, code := range sortedKeys(byRegion) {
		if register.City(code) != code {
			continue
		}
		rc := RegionCount{Code: code, Name: r.reg.RegionName(code), N: len(byRegion[code])}
		for _, d := range sortedKeys(byRegion) {
			if d != code && register.City(d) == code {
				rc.Children = append(rc.Children, RegionCount{Code: d, Name: r.reg.RegionName(d), N: len(byRegion[d])})
			}
		}
		cities = append(cities, rc)
	}
	if err := r.page("register", "register/", &Page{Title: "许可名录", Section: "register", D: RegisterView{
		Cities: cities, Counts: r.statusCounts(), Total: len(r.reg.Agencies)}}, r.asOf); err != nil {
		return err
	}
	var pages []listPage
	list := func(prefix, title string, crumbs []Crumb, idx []int) error {
		return paginate(len(idx), prefix, func(p string, pager Pager, lo, hi int) error {
			rows := make([]*register.Agency, 0, hi-lo)
			for _, pos := range idx[lo:hi] {
				rows = append(rows, byName[pos])
			}
			t := pagedTitle(title, pager)
			pg := &Page{Title: t, Section: "register", Crumbs: crumbs, Verdict: true, D: AgencyListView{Heading: title, Rows: rows, Pager: pager}}
			if refs, ok := agencyRefs(r.lists, rows); ok {
				if kept, err := r.lists.keep("agency-list", p, pg, AgencyListView{Heading: title, Pager: pager}, refs); err != nil || kept {
					return err
				}
			}
			pages = append(pages, listPage{rows: idx[lo:hi], render: func() error {
				return r.page("agency-list", p, pg, r.asOf)
			}})
			return nil
		})
	}
	top := []Crumb{{"许可名录", "register/"}}
	for _, code := range sortedKeys(byRegion) {
		crumbs := top
		if c := register.City(code); c != code {
			crumbs = append(crumbs, Crumb{r.reg.RegionName(c), "register/" + c + "/"})
		}
		if err := list("register/"+code+"/", r.reg.RegionName(code)+" · 劳务派遣单位", crumbs, byRegion[code]); err != nil {
			return err
		}
	}
	for _, s := range model.Statuses {
		if err := list("register/status/"+s.Slug()+"/", "许可状态："+s.String(), top, byStatus[s]); err != nil {
			return err
		}
	}
	return streamPages(ctx, r.part.agencyRows, byName, pages)
}

// Month is a yyyy-mm with its number of announcements.
type Month struct {
	Year, Month int
	N           int
}

func (r *Renderer) announcements(ctx context.Context) error {
	ds := r.newest
	// each list is positions in ds
	all := make([]int, len(ds))
	byTag := map[model.DecisionType][]int{}
	byMonth := map[int][]int{}
	for i, d := range ds {
		all[i] = i
		byTag[d.Type] = append(byTag[d.Type], i)
		ym := d.ListedOn().Year()*100 + int(d.ListedOn().Month())
		byMonth[ym] = append(byMonth[ym], i)
	}
	var months []Month
	keys := sortedKeys(byMonth)
	slices.Reverse(keys)
	for _, ym := range keys {
		months = append(months, Month{ym / 100, ym % 100, len(byMonth[ym])})
	}
	var tags []TagCount
	for _, t := range model.DecisionTypes {
		tags = append(tags, TagCount{t, len(byTag[t])})
	}
	// each decision's row in a list page's key, worked out once for the
	// three lists it is in (looking up its agency, its place and the
	// agency's fingerprint for every row of every page took 0.6 CPU-s of
	// a 50k build); a zero ref (no code) where ds[i]'s page cannot be kept
	var refs []rowRef
	if r.lists != nil {
		refs = make([]rowRef, len(ds))
		for i, d := range ds {
			if ref, ok := recordRef(r, d, decisionID, agencyDecisions); ok {
				refs[i] = ref
			}
		}
	}
	top := []Crumb{{"许可公示", "announcements/"}}
	var pages []listPage
	list := func(prefix, title string, crumbs []Crumb, idx []int, withIndex bool) error {
		return paginate(len(idx), prefix, func(p string, pager Pager, lo, hi int) error {
			t := pagedTitle(title, pager)
			rows := make([]*model.Decision, 0, hi-lo)
			for _, i := range idx[lo:hi] {
				rows = append(rows, ds[i])
			}
			d := AnnouncementsView{Heading: title, Rows: rows, Pager: pager}
			if withIndex && pager.N == 1 {
				d.Tags, d.Months = tags, months
			}
			pg := &Page{Title: t, Section: "announcements", Crumbs: crumbs, Feed: "announcements/index.xml", D: d}
			view := d
			view.Rows = nil
			if r.lists != nil {
				page := make([]rowRef, 0, hi-lo)
				for _, i := range idx[lo:hi] {
					if refs[i].code == "" {
						break
					}
					page = append(page, refs[i])
				}
				if len(page) == hi-lo {
					if kept, err := r.lists.keep("announcements", p, pg, view, page); err != nil || kept {
						return err
					}
				}
			}
			pages = append(pages, listPage{rows: idx[lo:hi], render: func() error {
				return r.page("announcements", p, pg, r.asOf)
			}})
			return nil
		})
	}
	if err := list("announcements/", "许可公示", nil, all, true); err != nil {
		return err
	}
	for _, t := range model.DecisionTypes {
		if err := list("announcements/type/"+t.Slug()+"/", "许可公示 · "+t.String(), top, byTag[t], false); err != nil {
			return err
		}
	}
	for _, m := range months {
		if err := list(fmt.Sprintf("announcements/%04d/%02d/", m.Year, m.Month), fmt.Sprintf("许可公示 · %d年%d月", m.Year, m.Month), top, byMonth[m.Year*100+m.Month], false); err != nil {
			return err
		}
	}
	if err := streamPages(ctx, r.part.decisionRows, ds, pages); err != nil {
		return err
	}
	return r.announcementsFeed(ds)
}

// ResultCounts counts one region's annual-check results.
type ResultCounts struct {
	Code, Name                  string
	Pass, Fail, NoBusiness, All int
}

// years lists the distinct non-zero years of xs, newest first.
func years[T any](xs []T, year func(T) int) []int {
	set := map[int]bool{}
	for _, x := range xs {
		if y := year(x); y != 0 {
			set[y] = true
		}
	}
	ys := sortedKeys(set)
	slices.Reverse(ys)
	return ys
}

func checkYears(cs []*model.AnnualCheck) []int {
	return years(cs, func(c *model.AnnualCheck) int { return c.Year })
}

func gradeYears(gs []*model.Grade) []int {
	return years(gs, func(g *model.Grade) int { return g.Year })
}

func (r *Renderer) annualChecks(ctx context.Context) error {
	years := checkYears(r.reg.Data.Checks)
	// each year's checks by city, agencies in name order within a city:
	// walking the agencies in name order and appending keeps that order,
	// so the table needs no sort
	byYear := map[int]map[string][]*model.AnnualCheck{}
	for _, i := range r.order {
		a := r.reg.Agencies[i]
		code := register.City(a.RegionCode)
		for _, c := range a.Checks {
			m := byYear[c.Year]
			if m == nil {
				m = map[string][]*model.AnnualCheck{}
				byYear[c.Year] = m
			}
			m[code] = append(m[code], c)
		}
	}
	var summary []ResultCounts
	for _, y := range years {
		rc := ResultCounts{Name: fmt.Sprint(y)}
		for _, cs := range byYear[y] {
			for _, c := range cs {
				count(&rc, c.Result)
			}
		}
		summary = append(summary, rc)
	}
	if err := r.page("checks-index", "annual-checks/", &Page{Title: "年度经营情况报告核验结果", Section: "checks", D: ChecksIndexView{Years: summary}}, r.asOf); err != nil {
		return err
	}
	for _, y := range years {
		var cs []*model.AnnualCheck
		var rows []ResultCounts
		total := ResultCounts{Name: "合计"}
		for _, code := range sortedKeys(byYear[y]) {
			rc := ResultCounts{Code: code, Name: r.reg.RegionName(code)}
			for _, c := range byYear[y][code] {
				count(&rc, c.Result)
				count(&total, c.Result)
			}
			rows = append(rows, rc)
			cs = append(cs, byYear[y][code]...)
		}
		title := fmt.Sprintf("%d年度劳务派遣单位经营情况报告核验结果", y)
		err := paginate(len(cs), fmt.Sprintf("annual-checks/%d/", y), func(p string, pager Pager, lo, hi int) error {
			d := ChecksYearView{Year: y, Heading: title, Rows: cs[lo:hi], Pager: pager}
			if pager.N == 1 {
				d.Regions, d.Total = rows, total
			}
			t := pagedTitle(title, pager)
			pg := &Page{Title: t, Section: "checks", Crumbs: []Crumb{{"年度核验", "annual-checks/"}}, D: d}
			view := d
			view.Rows = nil
			return keptOrRendered(r, "checks-year", p, pg, view, cs[lo:hi], checkID, agencyChecks)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func count(rc *ResultCounts, res model.CheckResult) {
	rc.All++
	switch res {
	case model.CheckPass:
		rc.Pass++
	case model.CheckFail:
		rc.Fail++
	case model.CheckNoBusiness:
		rc.NoBusiness++
	}
}

// GradeCounts counts one region's grades in scale order.
type GradeCounts struct {
	Code, Name string
	N          []int
	All        int
}

func (r *Renderer) grades(ctx context.Context) error {
	years := gradeYears(r.reg.Data.Grades)
	scale := r.site.GradeScale
	idx := func(g string) int { return slices.Index(scale, g) }
	// each year's grades in agency name order, with the agency's city;
	// walking the agencies in name order keeps that order
	type graded struct {
		g    *model.Grade
		city string
	}
	byYear := map[int][]graded{}
	for _, i := range r.order {
		a := r.reg.Agencies[i]
		code := register.City(a.RegionCode)
		for _, g := range a.Grades {
			byYear[g.Year] = append(byYear[g.Year], graded{g, code})
		}
	}
	var summary []GradeCounts
	for _, y := range years {
		gc := GradeCounts{Name: fmt.Sprint(y), N: make([]int, len(scale))}
		for _, x := range byYear[y] {
			if i := idx(x.g.Grade); i >= 0 {
				gc.N[i]++
				gc.All++
			}
		}
		summary = append(summary, gc)
	}
	if err := r.page("grades-index", "grades/", &Page{Title: "信用等级评价结果", Section: "grades", D: GradesIndexView{Years: summary, Scale: scale}}, r.asOf); err != nil {
		return err
	}
	for _, y := range years {
		regions := map[string]*GradeCounts{}
		// the table lists grades in scale order (grades not on the scale
		// first), agencies in name order within a grade
		byGrade := make([][]*model.Grade, len(scale)+1)
		for _, x := range byYear[y] {
			gc := regions[x.city]
			if gc == nil {
				gc = &GradeCounts{Code: x.city, Name: r.reg.RegionName(x.city), N: make([]int, len(scale))}
				regions[x.city] = gc
			}
			i := idx(x.g.Grade)
			if i >= 0 {
				gc.N[i]++
				gc.All++
			}
			byGrade[i+1] = append(byGrade[i+1], x.g)
		}
		var rows []GradeCounts
		for _, k := range sortedKeys(regions) {
			rows = append(rows, *regions[k])
		}
		var gs []*model.Grade
		for _, b := range byGrade {
			gs = append(gs, b...)
		}
		title := fmt.Sprintf("%d年度劳务派遣单位信用等级评价结果", y)
		err := paginate(len(gs), fmt.Sprintf("grades/%d/", y), func(p string, pager Pager, lo, hi int) error {
			d := GradesYearView{Year: y, Heading: title, Rows: gs[lo:hi], Pager: pager, Scale: scale}
			if pager.N == 1 {
				d.Regions = rows
			}
			t := pagedTitle(title, pager)
			pg := &Page{Title: t, Section: "grades", Crumbs: []Crumb{{"信用等级", "grades/"}}, D: d}
			view := d
			view.Rows = nil
			return keptOrRendered(r, "grades-year", p, pg, view, gs[lo:hi], gradeID, agencyGrades)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *Renderer) abnormal(ctx context.Context) error {
	var current, removed []*model.Listing
	for _, a := range r.reg.Agencies {
		for _, l := range a.Listings {
			if l.Removed(r.asOf) {
				removed = append(removed, l)
			} else {
				current = append(current, l)
			}
		}
	}
	newest := func(a, b *model.Listing) int {
		return cmp.Or(cmp.Compare(b.ListedOn, a.ListedOn), cmp.Compare(a.Code, b.Code))
	}
	slices.SortStableFunc(current, newest)
	slices.SortStableFunc(removed, func(a, b *model.Listing) int {
		return cmp.Or(cmp.Compare(b.RemovedOn, a.RemovedOn), cmp.Compare(a.Code, b.Code))
	})
	for _, part := range []struct {
		prefix, title string
		rows          []*model.Listing
		removed       bool
	}{{"abnormal/", "经营异常名录（在列）", current, false}, {"abnormal/removed/", "经营异常名录（已移出）", removed, true}} {
		err := paginate(len(part.rows), part.prefix, func(p string, pager Pager, lo, hi int) error {
			return r.page("abnormal", p, &Page{Title: part.title, Section: "abnormal", D: AbnormalView{
				Heading: part.title, Rows: part.rows[lo:hi], Pager: pager, Removed: part.removed,
				Current: len(current), RemovedN: len(removed)}}, r.asOf)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
