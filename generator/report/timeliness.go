package report

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"portal/generator/diag"
	"portal/generator/model"
	"portal/generator/register"
)

// PublishWithin is the publication deadline the timeliness table counts
// against (register.PublishWithin working days).
const PublishWithin = register.PublishWithin

// decisionTimeliness is, for each 许可机关 and year, how many decisions it
// published within the deadline, late or undated, and the median and
// worst delay in working days of the official calendar.
func decisionTimeliness(reg *register.Register) *List {
	l := &List{Slug: "timeliness", Title: "许可决定公示及时率",
		Rule: fmt.Sprintf("每个许可机关每年作出的许可决定中，在决定之日后 %d 个工作日内公示的比例（工作日按国务院节假日安排和 data/holidays 计算；粤人社 2020 征求意见稿 四（四））。延迟为决定日期到公示日期之间的工作日数。", PublishWithin),
		Columns: []Column{{Key: "authority", Title: "许可机关"}, {Key: "year", Title: "年度", Number: true}, {Key: "decisions", Title: "决定数", Number: true},
			{Key: "on_time", Title: "按时公示", Number: true}, {Key: "late", Title: "逾期公示", Number: true}, {Key: "undated", Title: "未注明公示日期", Number: true},
			{Key: "on_time_rate", Title: "及时率（%）", Number: true}, {Key: "median_delay", Title: "延迟中位数（工作日）", Number: true}, {Key: "worst_delay", Title: "最长延迟（工作日）", Number: true}},
		SortBy: []int{0, 1, 6}}
	for _, p := range reg.Promptness() {
		median := ""
		if p.MedianDelay >= 0 {
			median = strconv.FormatFloat(p.MedianDelay, 'f', -1, 64)
		}
		worst := ""
		if p.Decisions > p.Undated {
			worst = strconv.Itoa(p.WorstDelay)
		}
		l.Rows = append(l.Rows, []string{p.Authority, strconv.Itoa(p.Year), strconv.Itoa(p.Decisions), strconv.Itoa(p.OnTime), strconv.Itoa(p.Late),
			strconv.Itoa(p.Undated), percent(p.OnTime, p.Decisions), median, worst})
	}
	return l
}

// checkTimeliness is, for each 核验机关 and year reported on, how many
// annual-check results were published by 30 June of the next year.
func checkTimeliness(reg *register.Register) *List {
	l := &List{Slug: "check-timeliness", Title: "年度核验结果公布及时率",
		Rule:    "每个核验机关每个年度的年度经营情况报告核验结果中，在次年 6 月 30 日前公布的比例（粤人社 2020 征求意见稿 十一）。",
		Columns: []Column{{Key: "authority", Title: "核验机关"}, {Key: "year", Title: "核验年度", Number: true}, {Key: "results", Title: "结果数", Number: true}, {Key: "on_time", Title: "按时公布", Number: true}, {Key: "late", Title: "逾期公布", Number: true}, {Key: "undated", Title: "未注明公布日期", Number: true}, {Key: "on_time_rate", Title: "及时率（%）", Number: true}},
		SortBy:  []int{0, 1, 6}}
	type key struct {
		auth string
		year int
	}
	type count struct{ n, onTime, late, undated int }
	counts := map[key]*count{}
	for _, c := range reg.Data.Checks {
		if c.Year == 0 {
			continue
		}
		k := key{c.Authority, c.Year}
		ct := counts[k]
		if ct == nil {
			ct = &count{}
			counts[k] = ct
		}
		ct.n++
		switch due := model.MakeDate(c.Year+1, 6, 30); {
		case c.PublishedOn == 0:
			ct.undated++
		case c.PublishedOn <= due:
			ct.onTime++
		default:
			ct.late++
		}
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(strings.Compare(a.auth, b.auth), cmp.Compare(a.year, b.year)) })
	for _, k := range keys {
		c := counts[k]
		l.Rows = append(l.Rows, []string{k.auth, strconv.Itoa(k.year), strconv.Itoa(c.n), strconv.Itoa(c.onTime), strconv.Itoa(c.late), strconv.Itoa(c.undated), percent(c.onTime, c.n)})
	}
	return l
}

func percent(part, whole int) string {
	if whole == 0 {
		return ""
	}
	return strconv.FormatFloat(float64(part)*100/float64(whole), 'f', 1, 64)
}

// variable parts of a diagnostic's message: quoted values, dates, numbers.
var variable = regexp.MustCompile(`"[^"]*"|\d{4}-\d{2}-\d{2}|[0-9A-Z]{15,18}|\d+`)

// warningKinds counts the check's warnings by kind: the field and the
// message with its values taken out.
func warningKinds(diags *diag.List) *List {
	l := &List{Slug: "warning-kinds", Title: "检查提示分类统计",
		Rule:    "portal check 的各类提示（warning）按字段和提示内容归类计数；每一条见 portal check 的输出。",
		Columns: []Column{{Key: "field", Title: "字段"}, {Key: "kind", Title: "提示"}, {Key: "count", Title: "条数", Number: true}, {Key: "example", Title: "示例位置"}},
		SortBy:  []int{2, 0}}
	type kind struct{ field, msg string }
	counts := map[kind]int{}
	example := map[kind]string{}
	var order []kind
	if diags != nil {
		for _, x := range diags.Sorted() {
			if x.Severity != diag.Warning {
				continue
			}
			k := kind{x.Field, variable.ReplaceAllString(x.Msg, "…")}
			if counts[k] == 0 {
				order = append(order, k)
				example[k] = fmt.Sprintf("%s:%d", x.File, x.Line)
			}
			counts[k]++
		}
	}
	for _, k := range order {
		l.Rows = append(l.Rows, []string{k.field, k.msg, strconv.Itoa(counts[k]), example[k]})
	}
	slices.SortStableFunc(l.Rows, func(a, b []string) int {
		x, _ := strconv.Atoi(a[2])
		y, _ := strconv.Atoi(b[2])
		return cmp.Compare(y, x)
	})
	return l
}
