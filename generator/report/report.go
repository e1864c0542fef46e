// Package report finds in the register the signals a bureau's supervision
// follows up (seed GD2020 §十三, §四, §十一): licensed agencies that
// dispatch no one (有证无遣), annual reports missing, a new licence that
// looks like an agency revoked before it coming back under another company,
// licences ending without renewal, how promptly each authority publishes,
// and the data's own quality. It is for the bureau's staff, never part of
// the public site: a signal is a lead to look into, not a finding.
package report

import (
	"context"

	"portal/generator/diag"
	"portal/generator/internal/par"
	"portal/generator/model"
	"portal/generator/register"
)

// Options are the thresholds of the signals.
type Options struct {
	NoBusinessYears int    // consecutive 无业务 years that make 有证无遣 (2)
	MissingYears    int    // consecutive years without a report (2)
	ReRegisterYears int    // how many years back a revocation is compared with a new licence (3)
	ExpiringDays    int    // the window of licences ending without renewal (site.toml expiring_days)
	AgencyURL       string // the public site's agency pages, e.g. https://rsj.example.gov.cn/agencies/; "" for no links
}

// Report is every list of the report.
type Report struct {
	AsOf  model.Date
	Lists []*List
}

// Make finds every signal in reg; diags are the check's diagnostics (their
// warnings are counted by kind).
func Make(reg *register.Register, diags *diag.List, opt Options) *Report {
	opt.NoBusinessYears = max(opt.NoBusinessYears, 1)
	opt.MissingYears = max(opt.MissingYears, 1)
	makers := []func() *List{
		func() *List { return noBusiness(reg, opt) },
		func() *List { return missingReports(reg, opt) },
		func() *List { return reRegistered(reg, opt) },
		func() *List { return expiring(reg, opt) },
		func() *List { return decisionTimeliness(reg) },
		func() *List { return checkTimeliness(reg) },
		func() *List { return quality(reg, opt) },
		func() *List { return warningKinds(diags) },
	}
	r := &Report{AsOf: reg.AsOf, Lists: make([]*List, len(makers))}
	par.Each(context.Background(), len(makers), func(_, i int) error { // each list reads the register only
		r.Lists[i] = makers[i]()
		r.Lists[i].agencyURL = opt.AgencyURL
		return nil
	})
	return r
}

// List returns the list with the slug, or nil.
func (r *Report) List(slug string) *List {
	for _, l := range r.Lists {
		if l.Slug == slug {
			return l
		}
	}
	return nil
}

// ownLicence reports whether a holds a licence of its own in force on d
// (a filed branch's standing is its head office's).
func ownLicence(a *register.Agency, d model.Date) bool {
	return a.On(d).Status == model.StatusValid
}

// licensedAllYear reports whether a held a licence of its own in force on
// every day of year y.
func licensedAllYear(a *register.Agency, y int) bool {
	from, to := model.MakeDate(y, 1, 1), model.MakeDate(y, 12, 31)
	for d := from; d <= to; {
		s := a.On(d)
		if s.Status != model.StatusValid {
			return false
		}
		if s.Until == 0 || s.Until >= to {
			return true
		}
		d = s.Until.AddDays(1)
	}
	return true
}
