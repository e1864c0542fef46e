package register

import (
	"fmt"

	"portal/generator/diag"
	"portal/generator/model"
)

// CheckExportDates warns of an export that says, in a title row above its
// header, that it was made (or its data run to) a day before the as-of
// date, when licences whose period ended on that day or since are
// published as 已过期: a 延续 is granted near a licence's end, and one
// granted after the export was made is not in it, so such a licence may
// be in force while the register says the agency may not dispatch
// workers. Only an export's own word is taken for its day (the date of
// its newest row says nothing of a quiet month), and only when no row of
// it is dated after that day.
func (r *Register) CheckExportDates(d *diag.List) {
	for _, st := range r.Data.Stated {
		if st.Date >= r.AsOf || r.rowAfter(st) {
			continue
		}
		n := 0
		var first *Agency
		var ended model.Date
		for _, a := range r.Agencies {
			s := a.On(r.AsOf)
			if s == nil || s.Status != model.StatusExpired || s.From.AddDays(-1) < st.Date {
				continue
			}
			if n++; first == nil {
				first, ended = a, s.From.AddDays(-1)
			}
		}
		if n == 0 {
			continue
		}
		d.Add(diag.Diagnostic{File: st.File, Line: st.Line, Severity: diag.Warning,
			Msg: fmt.Sprintf("the export says it is of %s (%q), %d days before the as-of date %s: %d licences whose period ended since (one: %s %s, ended %s) are published as 已过期, though a 延续 granted after the export was made would not be in it",
				st.Date, st.Text, st.Date.DaysUntil(r.AsOf), r.AsOf, n, first.Code, first.Name, ended),
			Hint: fmt.Sprintf("build with --as-of %s, or export the data again: a licence renewed since must not be published as expired", st.Date)})
	}
}

// rowAfter reports whether the file that states st holds a decision or a
// 公示 dated after it: then the day is not the one the export was made,
// nor one its data run to (a period's start, a title's other date).
func (r *Register) rowAfter(st model.StatedDate) bool {
	for _, a := range r.Agencies {
		for _, dec := range a.Decisions {
			if dec.Src.File == st.File && (dec.DecidedOn > st.Date || dec.PublishedOn > st.Date) {
				return true
			}
		}
	}
	return false
}
