package register

import (
	"fmt"
	"time"

	"portal/generator/calendar"
	"portal/generator/diag"
	"portal/generator/model"
)

// PublishWithin is the deadline for publishing a licensing decision, in
// working days after it (seed GD2020 §四, 沪人社规〔2023〕32号).
const PublishWithin = 7

// checkTimeliness warns of decisions published later than PublishWithin
// working days of the official calendar after them, or with no 公示日期,
// and of annual-check results published after 30 June of the year after
// the one they report on — each with the date it was due.
func (r *Register) checkTimeliness(cal *calendar.Calendar, d *diag.List) {
	ds := r.Data
	undated := map[string]int{} // files with no 公示日期 column: decisions in each
	var files []string
	for _, dec := range ds.Decisions {
		if dec.DecidedOn == 0 || dec.Type == 0 || dec.Snapshot || dec.PublishedOn > r.AsOf {
			continue // a snapshot's row was never announced; a 公示 dated ahead is an error of its own (derive)
		}
		p := at(ds, dec.Src, model.ColPublishedOn.Title)
		switch {
		case dec.PublishedOn == 0 && p.Col == 0 && ds.Columns[p.File] != nil:
			// the export has no such column (the national 双公示 layout):
			// said once for the file, not once a row
			if undated[p.File] == 0 {
				files = append(files, p.File)
			}
			undated[p.File]++
		case dec.PublishedOn == 0:
			due := cal.After(dec.DecidedOn, PublishWithin)
			d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: model.ColPublishedOn.Title, Severity: diag.Warning,
				Msg:  fmt.Sprintf("no 公示日期: when the decision of %s was published cannot be told (应于 %s 前公示, %d working days after it)", dec.DecidedOn, due, PublishWithin),
				Hint: "fill in the date the decision was published"})
		case dec.DecidedOn.DaysUntil(dec.PublishedOn) > PublishWithin: // fewer calendar days cannot be more working days
			if n := cal.Between(dec.DecidedOn, dec.PublishedOn); n > PublishWithin {
				d.Warnf(p, model.ColPublishedOn.Title, dec.PublishedOn.String(), "published %d working days after the decision of %s: 应于 %s 前公示 (within %d working days, official calendar)",
					n, dec.DecidedOn, cal.After(dec.DecidedOn, PublishWithin), PublishWithin)
			}
		}
	}
	for _, f := range files {
		d.Add(diag.Diagnostic{File: f, Severity: diag.Warning,
			Msg:  fmt.Sprintf("the file has no 公示日期 column: whether its %d decisions were published within %d working days cannot be checked", undated[f], PublishWithin),
			Hint: "add the column if the system that exports it has the date"})
	}
	for _, c := range ds.Checks {
		if c.Year == 0 || c.PublishedOn == 0 {
			continue
		}
		if due := model.MakeDate(c.Year+1, time.June, 30); c.PublishedOn > due {
			d.Warnf(at(ds, c.Src, model.ColAnnounced.Title), model.ColAnnounced.Title, c.PublishedOn.String(),
				"the %d results were published after 30 June %d: 应于 %s 前公布 (seed GD2020 §十一)", c.Year, c.Year+1, due)
		}
	}
}
