package render

import (
	"context"
	"slices"
	"strconv"

	"portal/generator/register"
)

// TimelinessView is the public 公示及时率 page: each 许可机关's publication
// record (register.Promptness), a table per year, newest first.
type TimelinessView struct {
	Within    int // working days (register.PublishWithin)
	Years     []TimelinessYear
	Uncovered []int // years counted Monday to Friday: no official calendar for them
}

// TimelinessYear is one year's table.
type TimelinessYear struct {
	Year int
	Rows []PromptnessRow
}

// PromptnessRow is one authority's line, its figures written out.
type PromptnessRow struct {
	Authority                                             string
	Decisions, OnTime, Late, Undated, Rate, Median, Worst string
}

func (r *Renderer) timeliness(context.Context) error {
	byYear := map[int][]PromptnessRow{}
	for _, p := range r.reg.Promptness() {
		row := PromptnessRow{Authority: p.Authority, Decisions: Thousands(p.Decisions), OnTime: Thousands(p.OnTime), Late: Thousands(p.Late),
			Undated: Thousands(p.Undated), Rate: strconv.FormatFloat(p.Rate(), 'f', 1, 64) + "%", Median: "—", Worst: "—"}
		if p.MedianDelay >= 0 {
			row.Median, row.Worst = strconv.FormatFloat(p.MedianDelay, 'f', -1, 64), strconv.Itoa(p.WorstDelay)
		}
		byYear[p.Year] = append(byYear[p.Year], row)
	}
	v := TimelinessView{Within: register.PublishWithin, Uncovered: r.reg.Calendar.Uncovered()}
	for y, rows := range byYear {
		v.Years = append(v.Years, TimelinessYear{y, rows})
	}
	slices.SortFunc(v.Years, func(a, b TimelinessYear) int { return b.Year - a.Year })
	return r.page("timeliness", "stats/timeliness/", &Page{Title: "公示及时率", Section: "stats",
		Desc:   "各许可机关作出劳务派遣行政许可决定后按时公示的比例，按年度列出。",
		Crumbs: []Crumb{{"统计", "stats/"}}, D: v}, r.asOf)
}
