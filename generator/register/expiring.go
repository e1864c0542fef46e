package register

import "portal/generator/model"

// EndsUnrenewed reports whether a's own licence is in force on the
// register's date and ends within days of it with nothing carrying it on
// (no 延续, no later grant): the licence's last day. Branches are never
// listed: they hold no licence of their own. /expiring/ and the
// supervision report list the same licences by it.
func (r *Register) EndsUnrenewed(a *Agency, days int) (until model.Date, ok bool) {
	s := a.On(r.AsOf)
	if !s.Licensed() || s.Head != nil || s.Until == 0 || r.AsOf.DaysUntil(s.Until) > days {
		return 0, false
	}
	if next := a.On(s.Until.AddDays(1)); next.Status == model.StatusPending || next.Status == model.StatusValid {
		return 0, false // renewed, with a gap
	}
	return s.Until, true
}
