package demodata

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"portal/generator/model"
)

// Write generates the dataset and writes licences.csv, annual-checks.csv,
// grades.csv, abnormal.csv and regions.csv (UTF-8) into dir.
func Write(dir string, opt Options) (Stats, error) {
	if opt.Agencies < 1 {
		return Stats{}, fmt.Errorf("--agencies must be at least 1")
	}
	g := newGen(opt.Seed)
	for len(g.agencies) < opt.Agencies {
		var a *agency
		if len(g.agencies) > 10 && g.chance(0.05) {
			var parent *agency
			if g.chance(0.7) {
				p := g.agencies[g.rng.IntN(len(g.agencies))]
				if !p.branch {
					parent = p
				}
			}
			if a = g.branch(parent); a == nil {
				continue
			}
		} else {
			a = g.newAgency()
			g.simulate(a)
		}
		g.agencies = append(g.agencies, a)
	}
	g.reRegister()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, err
	}
	st := Stats{Agencies: len(g.agencies)}
	var err error
	if st.Decisions, err = writeCSV(filepath.Join(dir, "licences.csv"), licenceHeader, g.licenceRows()); err != nil {
		return st, err
	}
	if st.Checks, err = writeCSV(filepath.Join(dir, "annual-checks.csv"), checkHeader, g.checkRows()); err != nil {
		return st, err
	}
	if st.Grades, err = writeCSV(filepath.Join(dir, "grades.csv"), gradeHeader, g.gradeRows()); err != nil {
		return st, err
	}
	if st.Listings, err = writeCSV(filepath.Join(dir, "abnormal.csv"), listingHeader, g.listingRows()); err != nil {
		return st, err
	}
	st.Regions, err = writeCSV(filepath.Join(dir, "regions.csv"), regionHeader, regionRows())
	return st, err
}

// licenceColumns are the columns of licences.csv and how a decision
// fills them.
var licenceColumns = []struct {
	model.Column
	get func(d *model.Decision) string
}{
	{model.ColName, func(d *model.Decision) string { return d.Name }},
	{model.ColCode, func(d *model.Decision) string { return d.Code }},
	{model.ColLegalRep, func(d *model.Decision) string { return d.LegalRep }},
	{model.ColAddress, func(d *model.Decision) string { return d.Address }},
	{model.ColCapital, func(d *model.Decision) string { return d.Capital }},
	{model.ColLicenceNo, func(d *model.Decision) string { return d.LicenceNo }},
	{model.ColType, func(d *model.Decision) string { return d.Type.String() }},
	{model.ColChanges, func(d *model.Decision) string { return d.Changes }},
	{model.ColDecidedOn, func(d *model.Decision) string { return d.DecidedOn.String() }},
	{model.ColValidFrom, func(d *model.Decision) string { return d.ValidFrom.String() }},
	{model.ColValidTo, func(d *model.Decision) string { return d.ValidTo.String() }},
	{model.ColAuthority, func(d *model.Decision) string { return d.Authority }},
	{model.ColRegion, func(d *model.Decision) string { return d.RegionCode }},
	{model.ColPublishedOn, func(d *model.Decision) string { return d.PublishedOn.String() }},
	{model.ColDocNo, func(d *model.Decision) string { return d.DocNo }},
	{model.ColParentCode, func(d *model.Decision) string { return d.ParentCode }},
	{model.ColNote, func(d *model.Decision) string { return d.Note }},
}

// The tables' headers: the licences' from licenceColumns, the others' in the
// order their rows (checkRows, gradeRows, …) fill the cells.
var (
	licenceHeader = func() []string {
		cols := make([]model.Column, len(licenceColumns))
		for i, c := range licenceColumns {
			cols[i] = c.Column
		}
		return titles(cols...)
	}()
	checkHeader   = titles(model.ColYear, model.ColName, model.ColCode, model.ColLicenceNo, model.ColResult, model.ColFailReasons, model.ColCheckAuth, model.ColAnnounced)
	gradeHeader   = titles(model.ColGradeYear, model.ColName, model.ColCode, model.ColGrade, model.ColEvaluator, model.ColValidUntil)
	listingHeader = titles(model.ColCode, model.ColName, model.ColListedOn, model.ColListReason, model.ColListAuthority, model.ColRemovedOn, model.ColRemovalReason)
	regionHeader  = titles(model.ColRegionCode, model.ColRegionName, model.ColRegionParent)
)

// titles are the headings of cols.
func titles(cols ...model.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Title
	}
	return out
}

// licenceRows lists every decision, in publication order as a bureau's
// export would.
func (g *gen) licenceRows() [][]string {
	var all []*model.Decision
	for _, a := range g.agencies {
		all = append(all, a.decisions...)
	}
	sortDecisions(all)
	rows := make([][]string, 0, len(all))
	for _, d := range all {
		row := make([]string, len(licenceColumns))
		for i, c := range licenceColumns {
			row[i] = c.get(d)
		}
		rows = append(rows, row)
	}
	return rows
}

var failReasons = []string{"未报送", "未报送", "材料严重不符", "弄虚作假", "违规经营", "受到行政处罚", "其他"}

func (g *gen) checkRows() [][]string {
	var rows [][]string
	for year := 2018; year <= 2025; year++ {
		published := model.MakeDate(year+1, time.June, 0)
		for _, a := range g.agencies {
			if a.branch || !a.validOn(yearEnd(year)) {
				continue
			}
			on := published.AddDays(-g.rng.IntN(20))
			result, reason := "合格", ""
			switch r := g.rng.Float64(); {
			case r < 0.10:
				result, reason = "不合格", g.pick(failReasons)
			case r < 0.22:
				result = "无业务"
			}
			if skipsReports(a, year) {
				continue // drawn all the same, so that the other rows stay as they were
			}
			rows = append(rows, []string{fmt.Sprint(year), a.nameOn(on), a.code, licenceOn(a, on), result, reason, a.authority, on.String()})
		}
	}
	return rows
}

// licenceOn is the licence number in force on d.
func licenceOn(a *agency, d model.Date) string {
	n := ""
	for _, dec := range a.decisions {
		if dec.DecidedOn <= d {
			n = dec.LicenceNo
		}
	}
	return n
}

func (g *gen) gradeRows() [][]string {
	var rows [][]string
	for _, year := range []int{2024, 2025} {
		share := 0.35
		if year == 2025 {
			share = 0.7
		}
		for _, a := range g.agencies {
			if a.branch || !a.validOn(yearEnd(year)) || !g.chance(share) {
				continue
			}
			n := g.rng.IntN(100)
			grade := grades[len(grades)-1].grade
			for _, x := range grades {
				if n < x.weight {
					grade = x.grade
					break
				}
				n -= x.weight
			}
			rows = append(rows, []string{fmt.Sprint(year), a.nameOn(yearEnd(year)), a.code, grade, a.city.name + "人力资源和社会保障局", yearEnd(year + 1).String()})
		}
	}
	return rows
}

func (g *gen) listingRows() [][]string {
	var rows [][]string
	for _, a := range g.agencies {
		if len(a.spans) == 0 || !g.chance(0.045) {
			continue
		}
		s := a.spans[g.rng.IntN(len(a.spans))]
		end := s[1]
		if end > lastDay {
			end = lastDay
		}
		on := g.between(s[0].AddDays(30), end)
		if on > lastDay {
			continue
		}
		reason := abnormalReasons[g.rng.IntN(len(abnormalReasons))]
		row := []string{a.code, a.nameOn(on), on.String(), reason[0], a.authority, "", ""}
		if off := on.AddDays(30 + g.rng.IntN(400)); g.chance(0.5) && off <= lastDay {
			row[5], row[6] = off.String(), reason[1]
		}
		rows = append(rows, row)
	}
	return rows
}

func regionRows() [][]string {
	rows := [][]string{{"440000", "广东省", ""}}
	for _, c := range guangdong {
		rows = append(rows, []string{c.code, c.name, "440000"})
		for _, d := range c.districts {
			rows = append(rows, []string{d[0], d[1], c.code})
		}
	}
	return rows
}

func writeCSV(path string, header []string, rows [][]string) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	w := csv.NewWriter(bw)
	w.Write(header)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		f.Close()
		return 0, err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return 0, err
	}
	return len(rows), f.Close()
}

// sortDecisions orders by publication date, then decision date, then code.
func sortDecisions(ds []*model.Decision) {
	slices.SortStableFunc(ds, func(a, b *model.Decision) int {
		if a.PublishedOn != b.PublishedOn {
			return int(a.PublishedOn - b.PublishedOn)
		}
		if a.DecidedOn != b.DecidedOn {
			return int(a.DecidedOn - b.DecidedOn)
		}
		return strings.Compare(a.Code, b.Code)
	})
}
