package register

import (
	"cmp"
	"maps"
	"slices"

	"portal/generator/model"
)

// YearCity is one year's licensing and supervision in one city
// (地级市, the first four digits of a 行政区划代码): stats.csv's row, and
// what the /stats/ page's charts add up.
type YearCity struct {
	Year     int
	City     string // the city's 行政区划代码 (…00); the province's own code for its bureau
	CityName string
	// Decisions counts the decisions made that year, by type (index
	// model.DecisionType; [0] unused), by the city of the decision's
	// 行政区划代码.
	Decisions [model.Filing + 1]int
	// Checks counts the annual checks of the year reported on, by result
	// (index model.CheckResult), by the agency's city.
	Checks [model.CheckNoBusiness + 1]int
	// Grades counts the 信用等级评价 results of the year evaluated.
	Grades int
}

// City is the city (地级市) a 行政区划代码 lies in: its first four digits
// and 00; a code of another shape as it is.
func City(code string) string {
	if len(code) != 6 || code[4:] == "00" {
		return code
	}
	return code[:4] + "00"
}

// Cities are the cities (地级市) of the register's agencies, by code: the
// ones open data publishes a changes feed for and /data/changes/ links.
func (r *Register) Cities() []string {
	set := map[string]bool{}
	for _, a := range r.Agencies {
		if c := City(a.RegionCode); c != "" {
			set[c] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// Stats counts decisions, annual checks and grades per year and city,
// ordered by year, then city code. Rows without a year or a city count
// under "" (unknown), never dropped. It is counted once per register;
// callers share the rows and must not change them.
func (r *Register) Stats() []YearCity {
	r.stats.once.Do(func() { r.stats.rows = r.countStats() })
	return r.stats.rows
}

func (r *Register) countStats() []YearCity {
	type key struct {
		year int
		city string
	}
	rows := map[key]*YearCity{}
	at := func(year int, region string) *YearCity {
		k := key{year, City(region)}
		y := rows[k]
		if y == nil {
			y = &YearCity{Year: year, City: k.city}
			if k.city != "" {
				y.CityName = r.RegionName(k.city)
			}
			rows[k] = y
		}
		return y
	}
	for _, d := range r.Data.Decisions {
		if d.Type != 0 && d.DecidedOn != 0 && !d.Snapshot { // a snapshot's row is no decision of its year
			at(d.DecidedOn.Year(), d.RegionCode).Decisions[d.Type]++
		}
	}
	region := func(code string) string {
		if a := r.Agency(code); a != nil {
			return a.RegionCode
		}
		return ""
	}
	for _, c := range r.Data.Checks {
		if c.Result != 0 {
			at(c.Year, region(c.Code)).Checks[c.Result]++
		}
	}
	for _, g := range r.Data.Grades {
		at(g.Year, region(g.Code)).Grades++
	}
	out := make([]YearCity, 0, len(rows))
	for _, y := range rows {
		out = append(out, *y)
	}
	slices.SortFunc(out, func(a, b YearCity) int { return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.City, b.City)) })
	return out
}
