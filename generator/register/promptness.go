package register

import (
	"cmp"
	"slices"
	"strings"
)

// Promptness is how promptly one 许可机关 published the decisions it made in
// one year: within PublishWithin working days of the official calendar
// (OnTime), later (Late), or with no 公示日期 (Undated). Delays are in
// working days.
type Promptness struct {
	Authority                        string
	Year                             int
	Decisions, OnTime, Late, Undated int
	MedianDelay                      float64 // -1 when no decision is dated
	WorstDelay                       int
}

// Rate is the share published on time, in per cent of all decisions.
func (p Promptness) Rate() float64 {
	if p.Decisions == 0 {
		return 0
	}
	return float64(p.OnTime) * 100 / float64(p.Decisions)
}

// Promptness is every 许可机关's publication record by year, by authority
// then year: the table the supervision report lists and the public
// 公示及时率 page shows. Decisions of codes not in the register are left
// out, as everywhere else.
func (r *Register) Promptness() []Promptness {
	type key struct {
		auth string
		year int
	}
	delays := map[key][]int{}
	undated := map[key]int{}
	// an agency's decisions are every decision of its code that has a type
	// and a date (Derive): no lookup by code for each decision
	for _, a := range r.Agencies {
		for _, d := range a.Decisions {
			if d.DecidedOn == 0 || d.Type == 0 || d.Snapshot {
				continue
			}
			k := key{d.Authority, d.DecidedOn.Year()}
			if d.PublishedOn == 0 {
				undated[k]++
				if _, ok := delays[k]; !ok {
					delays[k] = nil // the key is listed
				}
				continue
			}
			delays[k] = append(delays[k], r.Calendar.Between(d.DecidedOn, d.PublishedOn))
		}
	}
	out := make([]Promptness, 0, len(delays))
	for k, ds := range delays {
		slices.Sort(ds)
		p := Promptness{Authority: k.auth, Year: k.year, Decisions: len(ds) + undated[k], Undated: undated[k], MedianDelay: -1}
		for _, d := range ds {
			if d <= PublishWithin {
				p.OnTime++
			}
		}
		p.Late = len(ds) - p.OnTime
		if n := len(ds); n > 0 {
			p.MedianDelay = float64(ds[(n-1)/2]+ds[n/2]) / 2
			p.WorstDelay = ds[n-1]
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Promptness) int {
		return cmp.Or(strings.Compare(a.Authority, b.Authority), cmp.Compare(a.Year, b.Year))
	})
	return out
}
