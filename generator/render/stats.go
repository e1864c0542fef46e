package render

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"portal/generator/model"
	"portal/generator/register"
)

// Series is one coloured series of a chart, with its legend text.
type Series struct {
	Name   string
	Colour string
	Values []int
}

// Chart is a stacked bar chart with the data it draws, so the page can show
// the same numbers as a table, and the drawing worked out (draw,
// drawHorizontal) for the partial "chart" to write as SVG.
type Chart struct {
	ID, Title, Summary string
	Labels             []string
	Series             []Series
	Totals             []int
	W, H               int     // the drawing's box
	Shapes             []Shape // in drawing order
}

// Shape is one rule, bar or text of a chart's drawing, its coordinates
// written out (one decimal).
type Shape struct {
	Kind     string // "line" (a horizontal rule from X to X2 at Y), "rect" or "text"
	X, X2, Y string
	W, H     string // rect
	Fill     string // rect
	Size     int    // text: font size
	Anchor   string // text: text-anchor, "" for the start
	Text     string // text: the words; rect: its tooltip
}

func f1(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

var tagColours = map[model.DecisionType]string{
	model.NewLicence: "#1f5fa8", model.Change: "#00695c", model.Renewal: "#2e7d32", model.Revocation: "#6a1b9a",
	model.Withdrawal: "#c62828", model.Cancellation: "#5d4037", model.Filing: "#ad1457",
}

func (r *Renderer) stats(ctx context.Context) error {
	years := r.reg.Stats() // what stats.csv publishes, row for row
	charts := []Chart{r.decisionsChart(years), r.checksChart(years), r.regionsChart()}
	if err := r.page("stats", "stats/", &Page{Title: "统计", Section: "stats", D: charts}, r.asOf); err != nil {
		return err
	}
	return r.timeliness(ctx)
}

// byYear adds up the rows of stats.csv per year, the years in order.
func byYear(rows []register.YearCity) []register.YearCity {
	var out []register.YearCity
	for _, y := range rows {
		i := slices.IndexFunc(out, func(o register.YearCity) bool { return o.Year == y.Year })
		if i < 0 {
			out = append(out, register.YearCity{Year: y.Year})
			i = len(out) - 1
		}
		for t := range y.Decisions {
			out[i].Decisions[t] += y.Decisions[t]
		}
		for c := range y.Checks {
			out[i].Checks[c] += y.Checks[c]
		}
		out[i].Grades += y.Grades
	}
	slices.SortFunc(out, func(a, b register.YearCity) int { return a.Year - b.Year })
	return out
}

// decisionsChart: decisions per year by tag, the last ten years to the
// as-of date (stats.csv, every city).
func (r *Renderer) decisionsChart(rows []register.YearCity) Chart {
	var years []register.YearCity
	for _, y := range byYear(rows) {
		if y.Year > r.asOf.Year()-10 && y.Year <= r.asOf.Year() && sum(y.Decisions[:]) > 0 {
			years = append(years, y)
		}
	}
	var labels []string
	var series []Series
	for _, t := range model.DecisionTypes {
		series = append(series, Series{Name: t.String(), Colour: tagColours[t], Values: make([]int, len(years))})
	}
	total := 0
	for i, y := range years {
		labels = append(labels, strconv.Itoa(y.Year))
		for k, t := range model.DecisionTypes {
			series[k].Values[i] = y.Decisions[t]
			total += y.Decisions[t]
		}
	}
	c := Chart{ID: "decisions", Title: "历年许可决定数量（按公示类型）", Labels: labels, Series: series}
	if len(years) == 0 {
		c.Summary = "暂无许可决定。"
	} else {
		c.Summary = fmt.Sprintf("%s 年至 %s 年共作出许可决定 %s 件，其中新许可 %s 件、延续 %s 件、变更 %s 件，撤销、吊销、注销合计 %s 件。%s 年截至 %s。",
			labels[0], labels[len(labels)-1], Thousands(total), Thousands(sum(series[0].Values)), Thousands(sum(series[2].Values)),
			Thousands(sum(series[1].Values)), Thousands(sum(series[3].Values)+sum(series[4].Values)+sum(series[5].Values)), labels[len(labels)-1], r.asOf)
	}
	c.draw(1)
	return c
}

func (r *Renderer) checksChart(rows []register.YearCity) Chart {
	var years []register.YearCity
	for _, y := range byYear(rows) {
		if sum(y.Checks[:]) > 0 {
			years = append(years, y)
		}
	}
	var labels []string
	series := []Series{{"合格", "#2e7d32", make([]int, len(years))}, {"不合格", "#c62828", make([]int, len(years))}, {"无业务", "#5d6d7e", make([]int, len(years))}}
	for i, y := range years {
		labels = append(labels, strconv.Itoa(y.Year))
		for k, res := range model.CheckResults {
			series[k].Values[i] = y.Checks[res]
		}
	}
	c := Chart{ID: "checks", Title: "年度经营情况报告核验结果（按年度）", Labels: labels, Series: series}
	if n := len(years); n > 0 {
		all := series[0].Values[n-1] + series[1].Values[n-1] + series[2].Values[n-1]
		c.Summary = fmt.Sprintf("%s年度共核验 %s 家，合格 %s 家，不合格 %s 家，无业务 %s 家。", labels[n-1], Thousands(all),
			Thousands(series[0].Values[n-1]), Thousands(series[1].Values[n-1]), Thousands(series[2].Values[n-1]))
	} else {
		c.Summary = "暂无年度核验结果。"
	}
	c.draw(1)
	return c
}

func (r *Renderer) regionsChart() Chart {
	n := map[string][2]int{}
	for _, a := range r.reg.Agencies {
		k := register.City(a.RegionCode)
		v := n[k]
		if a.On(r.asOf).Licensed() {
			v[0]++
		} else {
			v[1]++
		}
		n[k] = v
	}
	codes := sortedKeys(n)
	slices.SortStableFunc(codes, func(a, b string) int { return (n[b][0] + n[b][1]) - (n[a][0] + n[a][1]) })
	var labels []string
	series := []Series{{"可以经营（许可有效，或总公司许可有效的备案分支机构）", "#1f5fa8", nil}, {"其他（已失效、未生效、总公司许可在外地等）", "#5d6d7e", nil}}
	for _, c := range codes {
		labels = append(labels, r.reg.RegionName(c))
		series[0].Values = append(series[0].Values, n[c][0])
		series[1].Values = append(series[1].Values, n[c][1])
	}
	c := Chart{ID: "regions", Title: "各地劳务派遣单位数量", Labels: labels, Series: series}
	if len(codes) > 0 {
		c.Summary = fmt.Sprintf("共 %d 个地区。单位最多的是%s（%s 家，其中持有效许可或已备案 %s 家）。", len(codes), labels[0],
			Thousands(n[codes[0]][0]+n[codes[0]][1]), Thousands(n[codes[0]][0]))
	}
	c.drawHorizontal()
	return c
}

func sum(v []int) int {
	s := 0
	for _, x := range v {
		s += x
	}
	return s
}

func (c *Chart) totals() int {
	c.Totals = make([]int, len(c.Labels))
	top := 0
	for i := range c.Labels {
		for _, s := range c.Series {
			c.Totals[i] += s.Values[i]
		}
		top = max(top, c.Totals[i])
	}
	return max(top, 1)
}

// draw works out a vertical stacked bar chart; every labelEvery-th label
// is written.
func (c *Chart) draw(labelEvery int) {
	top := c.totals()
	const w, h, left, bottom, topPad = 720, 300, 48, 40, 12
	c.W, c.H = w, h
	bw := float64(w-left-8) / float64(max(len(c.Labels), 1))
	plotH := float64(h - bottom - topPad)
	for _, f := range []float64{0, 0.5, 1} {
		y := float64(topPad) + plotH*(1-f)
		c.Shapes = append(c.Shapes,
			Shape{Kind: "line", X: strconv.Itoa(left), X2: strconv.Itoa(w - 8), Y: f1(y)},
			Shape{Kind: "text", X: strconv.Itoa(left - 4), Y: f1(y + 4), Size: 11, Anchor: "end", Text: Thousands(int(f*float64(top) + 0.5))})
	}
	for i, label := range c.Labels {
		x := float64(left) + bw*float64(i) + bw*0.15
		y := float64(topPad) + plotH
		for _, s := range c.Series {
			hh := plotH * float64(s.Values[i]) / float64(top)
			if hh <= 0 {
				continue
			}
			y -= hh
			c.Shapes = append(c.Shapes, Shape{Kind: "rect", X: f1(x), Y: f1(y), W: f1(bw * 0.7), H: f1(hh), Fill: s.Colour, Text: label + " " + s.Name + "：" + Thousands(s.Values[i])})
		}
		if i%labelEvery == 0 {
			c.Shapes = append(c.Shapes, Shape{Kind: "text", X: f1(x + bw*0.35), Y: strconv.Itoa(h - bottom + 16), Size: 11, Anchor: "middle", Text: label})
		}
	}
}

// drawHorizontal works out a horizontal stacked bar chart, one row per label.
func (c *Chart) drawHorizontal() {
	top := c.totals()
	const w, row, left = 720, 22, 150
	c.W, c.H = w, row*len(c.Labels)+10
	plotW := float64(w - left - 70)
	for i, label := range c.Labels {
		y := float64(5 + i*row)
		c.Shapes = append(c.Shapes, Shape{Kind: "text", X: strconv.Itoa(left - 6), Y: f1(y + 15), Size: 12, Anchor: "end", Text: label})
		x := float64(left)
		for _, s := range c.Series {
			ww := plotW * float64(s.Values[i]) / float64(top)
			if ww > 0 {
				c.Shapes = append(c.Shapes, Shape{Kind: "rect", X: f1(x), Y: f1(y + 3), W: f1(ww), H: strconv.Itoa(row - 6), Fill: s.Colour, Text: label + " " + s.Name + "：" + Thousands(s.Values[i])})
				x += ww
			}
		}
		c.Shapes = append(c.Shapes, Shape{Kind: "text", X: f1(x + 6), Y: f1(y + 15), Size: 12, Text: Thousands(c.Totals[i])})
	}
}
