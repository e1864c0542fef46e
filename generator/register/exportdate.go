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
		if st.Date >= r.AsOf {
			continue
		}
		n := 0
		var first *Agency
		var ended model.Date
		for _, a := range r.Agencies {
			in, after := rowsIn(a, st)
			if after {
				n = 0 // a row dated after the day: it is not the export's
				break
			}
			s := a.On(r.AsOf)
			if !in || s == nil || s.Status != model.StatusExpired || s.From.AddDays(-1) < st.Date {
				continue // another file's agency, or not ended since
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

// rowsIn reports whether the file that states st holds a row of the
// agency (in), and whether it holds one dated after st's day (after: a
// decision or 公示 then, so the day is not the one the export was made,
// nor one its data run to — a period's start, a title's other date).
// Only the agencies of that file are counted: in a folder of city
// exports, another city's file may be as new as the as-of date.
func rowsIn(a *Agency, st model.StatedDate) (in, after bool) {
	for _, dec := range a.Decisions {
		if dec.Src.File == st.File {
			in = true
			if dec.DecidedOn > st.Date || dec.PublishedOn > st.Date {
				return true, true
			}
		}
	}
	return in, false
}
