package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"portal/generator/model"
	"portal/generator/register"
)

func agencyCols(more ...Column) []Column {
	return append([]Column{{Key: "code", Title: "统一社会信用代码", Agency: true}, {Key: "name", Title: "单位名称"}, {Key: "authority", Title: "许可机关"}}, more...)
}

func agencyCells(a *register.Agency, more ...string) []string {
	return append([]string{a.Code, a.Name, a.Authority}, more...)
}

func years(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, "、")
}

// checksByYear is an agency's annual-check results by the year reported on.
func checksByYear(a *register.Agency) map[int]*model.AnnualCheck {
	m := make(map[int]*model.AnnualCheck, len(a.Checks))
	for _, c := range a.Checks {
		m[c.Year] = c
	}
	return m
}

// Each signal below opens with its List's declaration — slug, title, the
// rule in the report's words, columns and sort — which look alike by
// design (duplicates pairs them by shape); what follows is its own test.

// noBusiness is 有证无遣: agencies holding a licence in force whose
// latest results are 无业务 for n consecutive years.
func noBusiness(reg *register.Register, opt Options) *List {
	n := opt.NoBusinessYears
	l := &List{Slug: "no-business", Title: "有证无遣",
		Rule:    fmt.Sprintf("许可有效、且最近连续 %d 个年度的年度经营情况报告核验结果均为“无业务”的单位（粤人社 2020 征求意见稿 十三）。", n),
		Columns: agencyCols(Column{Key: "years", Title: "无业务年度"}, Column{Key: "valid_to", Title: "有效期至"}),
		SortBy:  []int{0, 2, 4}}
	for _, a := range reg.Agencies {
		if !ownLicence(a, reg.AsOf) || len(a.Checks) < n {
			continue
		}
		by := checksByYear(a)
		latest := 0
		for y := range by {
			latest = max(latest, y)
		}
		var ys []int
		for y := latest; y > latest-n; y-- {
			if c := by[y]; c == nil || c.Result != model.CheckNoBusiness {
				ys = nil
				break
			}
			ys = append([]int{y}, ys...)
		}
		if len(ys) == n {
			l.Rows = append(l.Rows, agencyCells(a, years(ys), a.ValidTo.String()))
		}
	}
	return l
}

// missingReports are licensed agencies with no annual report for the last
// n years the data has results for (no row, or 不合格 for 未报送), and those
// licensed all of the latest such year with no row for it.
func missingReports(reg *register.Register, opt Options) *List {
	n := opt.MissingYears
	l := &List{Slug: "missing-reports", Title: "未报送年度经营情况报告",
		Rule:    fmt.Sprintf("许可有效的单位：最近连续 %d 个核验年度没有核验结果（或结果为不合格、情形为未报送），或者最近一个核验年度全年持有许可却没有核验结果（粤人社 2020 征求意见稿 十一、十三）。核验年度以数据中最近一个有核验结果的年度为准。", n),
		Columns: agencyCols(Column{Key: "kind", Title: "情形"}, Column{Key: "years", Title: "未报送年度"}),
		SortBy:  []int{0, 2, 3}}
	latest := 0
	for _, c := range reg.Data.Checks {
		latest = max(latest, c.Year)
	}
	if latest == 0 {
		l.Note = "数据中没有年度经营情况报告核验结果，无法判断。"
		return l
	}
	missing := func(c *model.AnnualCheck) bool {
		return c == nil || c.Result == model.CheckFail && strings.Contains(c.FailReasons, "未报送")
	}
	for _, a := range reg.Agencies {
		if !ownLicence(a, reg.AsOf) {
			continue
		}
		by := checksByYear(a)
		var ys []int
		for y := latest - n + 1; y <= latest; y++ {
			// due: licensed on the year's last day
			if !ownLicence(a, model.MakeDate(y, 12, 31)) || !missing(by[y]) {
				ys = nil
				break
			}
			ys = append(ys, y)
		}
		switch {
		case len(ys) == n:
			l.Rows = append(l.Rows, agencyCells(a, fmt.Sprintf("连续 %d 年未报送", n), years(ys)))
		case by[latest] == nil && licensedAllYear(a, latest):
			l.Rows = append(l.Rows, agencyCells(a, "全年持证、最近年度无核验结果", strconv.Itoa(latest)))
		}
	}
	return l
}

// expiring are the licences ending within the window with nothing
// carrying them on, as /expiring/ lists them.
func expiring(reg *register.Register, opt Options) *List {
	l := &List{Slug: "expiring", Title: "即将到期未延续",
		Rule:    fmt.Sprintf("许可有效期在 %d 天内届满、截至数据日期未见延续决定的单位（分支机构随总公司，不单列）。", opt.ExpiringDays),
		Columns: agencyCols(Column{Key: "valid_to", Title: "有效期至"}, Column{Key: "days_left", Title: "剩余天数", Number: true}),
		SortBy:  []int{4, 0, 2}}
	for _, a := range reg.Agencies {
		if until, ok := reg.EndsUnrenewed(a, opt.ExpiringDays); ok {
			l.Rows = append(l.Rows, agencyCells(a, until.String(), strconv.Itoa(reg.AsOf.DaysUntil(until))))
		}
	}
	l.Rows = l.sorted(4)
	return l
}

// quality lists what the data itself gets wrong or leaves open: codes
// failing their check character, renames without a 变更, branches whose
// head office is not in the register, and grants under the statutory
// capital.
func quality(reg *register.Register, opt Options) *List {
	l := &List{Slug: "data-quality", Title: "数据质量",
		Rule:    "统一社会信用代码校验位不符；名称改变但不是变更决定；备案分支机构的总公司不在本名录中；新许可或延续决定载明的注册资本低于 200 万元。",
		Columns: agencyCols(Column{Key: "kind", Title: "情形"}, Column{Key: "detail", Title: "说明"}),
		SortBy:  []int{3, 0, 2}}
	for _, a := range reg.Agencies {
		if p := model.CheckCreditCode(a.Code); p != nil && p.Checksum {
			l.Rows = append(l.Rows, agencyCells(a, "代码校验位不符", p.Msg))
		}
		for i := 1; i < len(a.Decisions); i++ {
			prev, d := a.Decisions[i-1], a.Decisions[i]
			if !model.SameName(d.Name, prev.Name) && d.Type != model.Change && !d.Type.Terminal() {
				l.Rows = append(l.Rows, agencyCells(a, "更名未见变更决定", fmt.Sprintf("%s 的%s决定名称为“%s”，此前为“%s”", d.DecidedOn, d.Type, d.Name, prev.Name)))
			}
		}
		if a.ParentCode != "" && reg.Agency(a.ParentCode) == nil {
			l.Rows = append(l.Rows, agencyCells(a, "总公司不在本名录", "总公司统一社会信用代码 "+a.ParentCode))
		}
		for _, d := range a.Decisions {
			if d.Type.Grant() && d.CapitalWan > 0 && d.CapitalWan < 200 {
				l.Rows = append(l.Rows, agencyCells(a, "注册资本低于 200 万元", fmt.Sprintf("%s 的%s决定载明 %s 万元", d.DecidedOn, d.Type, d.Capital)))
			}
		}
	}
	slices.SortStableFunc(l.Rows, func(x, y []string) int { return strings.Compare(x[3], y[3]) })
	return l
}
