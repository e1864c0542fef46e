package render

import (
	"cmp"
	"context"
	"slices"

	"portal/generator/internal/atom"
	"portal/generator/register"
)

// Expiring is one licence on /expiring/: in force as of the date, ending
// within the site's window (expiring_days), with no 延续 seen.
type Expiring struct {
	*register.Agency
	Until    string // the last day of the licence
	DaysLeft int
	Region   string
}

// expiringSoon lists the licences ending within the site's window of the
// as-of date with nothing carrying them on (register.EndsUnrenewed), the
// soonest first.
func (r *Renderer) expiringSoon() []Expiring {
	var out []Expiring
	for _, a := range r.reg.Agencies {
		if until, ok := r.reg.EndsUnrenewed(a, r.site.ExpiringDays); ok {
			out = append(out, Expiring{Agency: a, Until: until.String(), DaysLeft: r.asOf.DaysUntil(until), Region: r.reg.RegionName(a.RegionCode)})
		}
	}
	slices.SortStableFunc(out, func(x, y Expiring) int { return cmp.Or(cmp.Compare(x.Until, y.Until), cmp.Compare(x.Code, y.Code)) })
	return out
}

// expiring renders /expiring/ and its Atom feed: a reader who depends on
// an agency (a worker, a user company) can follow which licences are about
// to end; an entry is dated the day its licence came within the window.
func (r *Renderer) expiring(context.Context) error {
	rows := r.expiringSoon()
	err := r.page("expiring", "expiring/", &Page{Title: "即将到期的许可", Section: "register", Feed: "expiring/index.xml",
		Desc: "有效期将在近期届满、截至数据日期尚未见延续决定的劳务派遣经营许可。", D: ExpiringView{Rows: rows, Days: r.site.ExpiringDays}}, r.asOf)
	if err != nil {
		return err
	}
	entries := make([]atom.Entry, 0, len(rows))
	updated := r.asOf.AddDays(-r.site.ExpiringDays)
	for _, e := range rows {
		since := e.On(r.asOf).Until.AddDays(-r.site.ExpiringDays)
		updated = max(updated, since)
		link := r.abs + "agencies/" + e.Code + "/"
		entries = append(entries, atom.Entry{
			Title:   e.Name + " 的劳务派遣经营许可将于 " + e.Until + " 到期",
			ID:      r.abs + "expiring/#" + e.Code + "-" + e.Until,
			Updated: stamp(since),
			Link:    atom.Link{Href: link},
			Summary: e.Name + "（统一社会信用代码 " + e.Code + "，许可证编号 " + e.LicenceNo + "）的许可有效期至 " + e.Until + "，截至 " + r.asOf.String() + " 未见延续决定。到期后未延续的，不得继续经营劳务派遣业务。",
		})
	}
	return r.writeFeed("expiring/index.xml", r.site.Name+" · 即将到期的许可", "expiring/index.xml", "expiring/", entries, updated)
}
