package register

import (
	"slices"

	"portal/generator/model"
)

// Period is what can be said of an agency's licence period on a day: the
// period in force then, or else the one last decided, and a later period
// already decided while an earlier one is in force.
//
// A 延续 is decided weeks before the licence it renews ends, and its
// period starts the day after: until then the licence in force is the
// renewed one, not the period the 延续 gave (the agency's ValidFrom and
// ValidTo, as the decisions left them). A page that showed only the latter
// said, on the day it was built, that the licence ran from a day not yet
// come, beside a verdict saying it was in force.
type Period struct {
	From, To model.Date
	// Status is the agency's own status on the day.
	Status model.Status
	// Next is, while a licence is in force, the grant (新许可 or 延续) of
	// the later period the agency's ValidFrom and ValidTo are: decided, not
	// yet begun. Nil otherwise.
	Next *model.Decision
}

// PeriodOn is a's licence period on day d (Period), from the same reading
// of its decisions as its spans (statusAt). Its dates are those of the
// agency's ValidFrom and ValidTo but while a licence other than that
// period is in force.
func (a *Agency) PeriodOn(d model.Date) Period {
	st, by, _ := statusAt(a.Decisions, earlierEndings(a.Decisions), d)
	p := Period{From: a.ValidFrom, To: a.ValidTo, Status: st}
	if st != model.StatusValid || by == nil || by.ValidFrom == a.ValidFrom && by.ValidTo == a.ValidTo {
		return p
	}
	p.From, p.To = by.ValidFrom, by.ValidTo
	if a.ValidFrom > d {
		i := slices.IndexFunc(a.Decisions, func(g *model.Decision) bool {
			return g.Type.Grant() && g.ValidFrom == a.ValidFrom && g.ValidTo == a.ValidTo
		})
		if i >= 0 {
			p.Next = a.Decisions[i]
		}
	}
	return p
}

// PeriodChanges are the days after d on which PeriodOn can say something
// other than it says the day before: the first and the day after the last
// day of each period granted, in order, once each.
func (a *Agency) PeriodChanges(d model.Date) []model.Date {
	var days []model.Date
	for _, g := range a.Decisions {
		if !g.Type.Grant() || g.ValidTo == 0 {
			continue
		}
		for _, t := range [...]model.Date{max(g.ValidFrom, g.DecidedOn), g.ValidTo.AddDays(1)} {
			if t > d {
				days = append(days, t)
			}
		}
	}
	slices.Sort(days)
	return slices.Compact(days)
}
