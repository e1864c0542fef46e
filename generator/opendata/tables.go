package opendata

import (
	"fmt"
	"strconv"

	"portal/generator/catalogue"
	"portal/generator/model"
	"portal/generator/register"
)

// enum is the published words of an enumeration's values, in their order:
// a column's Table Schema enum constraint.
func enum[T fmt.Stringer](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = v.String()
	}
	return out
}

// Each dataset's table below (registerTable, decisionsTable, …) is
// declarative: a schema and one line a column, field and accessor. They
// look alike on purpose (duplicates pairs them by shape); what they share
// is columns, fill and the writers in format.go.

// Column is one field of a dataset together with how a record's value is
// read: the name, title, type, constraints and description the data
// dictionary and datapackage.json give, and the accessor the files are
// written with. Adding a column is adding one.
type Column[R any] struct {
	Field
	Get func(R) Cell
}

// columns sets t's Fields and Row from cols, reading record i as item(i).
func columns[R any](t *Table, item func(i int) R, cols []Column[R]) *Table {
	t.Fields = make([]Field, len(cols))
	for i := range cols {
		t.Fields[i] = cols[i].Field
	}
	t.Row = func(i int, row []Cell) { fill(cols, item(i), row) }
	return t
}

// fill sets row (one cell a column) to record r's values.
func fill[R any](cols []Column[R], r R, row []Cell) {
	for j := range cols {
		row[j] = cols[j].Get(r)
	}
}

// of is f as the dataset's column c: c's title, name and type, which the
// input table that c comes from shares.
func of(c model.Column, f Field) Field {
	f.Title, f.Name, f.Type = c.Title, c.Name, c.Type
	return f
}

func codeField(c model.Column, desc string, required bool) Field {
	return of(c, Field{Description: desc, Required: required, Pattern: catalogue.CodePattern})
}

// buildTables makes every dataset of the release.
func (w *writer) buildTables() []*Table {
	return []*Table{w.registerTable(), w.decisionsTable(), w.checksTable(), w.gradesTable(),
		w.abnormalTable(), w.statsTable(), w.regionsTable(), w.policiesTable(), w.faqTable()}
}

// registerRecord is an agency as a row of the register reads it.
type registerRecord struct {
	a     *register.Agency
	last  *model.Decision // the particulars (legal rep, address, capital) of the latest decision
	v     register.Verdict
	check *model.AnnualCheck
	grade *model.Grade
}

func (w *writer) registerTable() *Table {
	reg, asOf := w.reg, w.reg.AsOf
	distinct := map[string]bool{}
	for _, d := range reg.Data.Decisions {
		distinct[d.Code] = true
	}
	first := model.Date(0)
	for _, d := range reg.Data.Decisions {
		if first == 0 || d.DecidedOn < first {
			first = d.DecidedOn
		}
	}
	t := &Table{
		Schema: catalogue.Schema{
			Name: "register", Title: "劳务派遣单位许可名录",
			Description: "每家劳务派遣单位一行：截至数据日期的许可状态、有效期、许可机关、所在地区、曾用名、最近一次许可决定、最近年度核验结果、当前信用等级和是否列入经营异常名录。由许可决定按日期推导。",
			PrimaryKey:  []string{"code"},
			Coverage:    interval(first, asOf),
		},
		Len: len(reg.Agencies),
		In:  len(distinct),
	}
	type r = registerRecord
	w.registerCols = []Column[r]{
		{codeField(model.ColCode, "单位的统一社会信用代码（GB 32100），更名后不变，是本表的主键。", true), func(x r) Cell { return Str(x.a.Code) }},
		{Field{Name: "name", Title: "单位名称", Type: String, Required: true, Description: "截至数据日期的单位名称。"}, func(x r) Cell { return Str(x.a.Name) }},
		{Field{Name: "former_names", Title: "曾用名", Type: Array, Description: "此前使用过的名称，按停用先后排列。CSV 中为 JSON 数组文本，Excel 副本中以“；”分隔。"}, func(x r) Cell { return List(formerNames(x.a)) }},
		{of(model.ColLicenceNo, Field{Description: "现行（或最后一张）劳务派遣经营许可证的编号；备案分支机构为总公司的许可证编号。"}), func(x r) Cell { return Str(x.a.LicenceNo) }},
		{Field{Name: "former_licence_numbers", Title: "曾用许可证编号", Type: Array, Description: "重新取得许可之前使用过的许可证编号。"}, func(x r) Cell { return List(x.a.FormerLicenceNos) }},
		{Field{Name: "status", Title: "许可状态", Type: String, Required: true, Enum: enum(model.Statuses), Description: "截至数据日期单位本身的许可状态：有效、已备案（分支机构，能否经营取决于总公司，见 may_dispatch）、未生效（已获许可、有效期尚未开始）、已过期（有效期届满未延续）、已注销、已撤销、已吊销。"}, func(x r) Cell { return Str(x.a.Status.String()) }},
		{Field{Name: "status_since", Title: "状态起始日期", Type: Date, Description: "当前状态开始的日期：许可有效为这段连续有效期（或最近一次延续决定）开始之日；已撤销、已吊销、已注销为决定日期；已过期为有效期届满的次日。"}, func(x r) Cell { return Day(x.a.StatusSince) }},
		{of(model.ColValidFrom, Field{Description: "最近一次新许可或延续决定给出的有效期的起始日期。延续决定的新有效期可能在数据截至日之后才开始，在此之前有效的是上一个有效期；能否经营以 may_dispatch、verdict 和 verdict_until 为准。"}), func(x r) Cell { return Day(x.a.ValidFrom) }},
		{of(model.ColValidTo, Field{Description: "最近一次新许可或延续决定给出的有效期的截止日期（见 valid_from 的说明）。"}), func(x r) Cell { return Day(x.a.ValidTo) }},
		{of(model.ColAuthority, Field{Description: "最近一次许可决定的许可机关。"}), func(x r) Cell { return Str(x.a.Authority) }},
		{of(model.ColRegion, Field{Pattern: catalogue.RegionPattern, Description: "单位所在地的 GB/T 2260 行政区划代码。"}), func(x r) Cell { return Str(x.a.RegionCode) }},
		{Field{Name: "region_name", Title: "行政区划名称", Type: String, Description: "行政区划代码对应的名称（见 regions 表）。"}, func(x r) Cell {
			if g := reg.Regions[x.a.RegionCode]; x.a.RegionCode != "" && g != nil {
				return Str(g.Name)
			}
			return Cell{}
		}},
		{Field{Name: "parent_code", Title: "总公司统一社会信用代码", Type: String, Pattern: catalogue.CodePattern, Description: "备案分支机构的总公司统一社会信用代码；总公司可能在省外，不一定在本表中。"}, func(x r) Cell { return Str(x.a.ParentCode) }},
		{of(model.ColLegalRep, Field{Description: "最近一次许可决定载明的法定代表人（负责人）。"}), func(x r) Cell { return Str(x.a.LegalRep) }},
		{of(model.ColAddress, Field{Description: "最近一次许可决定载明的住所。"}), func(x r) Cell { return Str(x.a.Address) }},
		{of(model.ColCapital, Field{Description: "最近一次许可决定载明的注册资本，单位万元。"}), func(x r) Cell { return capital(x.last.Capital, x.last.CapitalWan) }},
		{Field{Name: "first_licensed", Title: "首次许可日期", Type: Date, Description: "第一次新许可（或备案）的决定日期；只有许可现状记录（decisions 的 snapshot 为 true）的单位为空：其许可历史未公示。"}, func(x r) Cell {
			if x.a.FromSnapshot() {
				return Day(0)
			}
			return Day(x.a.FirstLicensed)
		}},
		{Field{Name: "last_decision_date", Title: "最近决定日期", Type: Date, Required: true, Description: "最近一次许可决定的日期；只有许可现状记录的单位为其现行许可的日期（见 decisions 的 snapshot 列）。"}, func(x r) Cell { return Day(x.last.DecidedOn) }},
		{Field{Name: "last_decision_type", Title: "最近公示类型", Type: String, Required: true, Enum: enum(model.DecisionTypes), Description: "最近一次许可决定的公示类型；只有许可现状记录的单位为其现行许可的类型（见 decisions 的 snapshot 列）。"}, func(x r) Cell { return Str(x.last.Type.String()) }},
		{Field{Name: "latest_check_year", Title: "最近核验年度", Type: Integer, Description: "最近一次年度经营情况报告核验所针对的年度。"}, func(x r) Cell {
			if x.check == nil {
				return Cell{}
			}
			return Int(x.check.Year)
		}},
		{Field{Name: "latest_check_result", Title: "最近核验结果", Type: String, Enum: enum(model.CheckResults), Description: "该年度的核验结果：合格、不合格或无业务。"}, func(x r) Cell {
			if x.check == nil {
				return Cell{}
			}
			return Str(x.check.Result.String())
		}},
		{Field{Name: "grade", Title: "当前信用等级", Type: String, Enum: w.content.Site.GradeScale, Description: "截至数据日期仍在有效期内的最近一次信用等级评价结果。"}, func(x r) Cell {
			if x.grade == nil {
				return Cell{}
			}
			return Str(x.grade.Grade)
		}},
		{Field{Name: "grade_year", Title: "信用等级评价年度", Type: Integer, Description: "当前信用等级的评价年度。"}, func(x r) Cell {
			if x.grade == nil {
				return Cell{}
			}
			return Int(x.grade.Year)
		}},
		{Field{Name: "abnormal", Title: "列入经营异常名录", Type: Boolean, Required: true, Description: "截至数据日期是否在经营异常名录中（true 为是）。"}, func(x r) Cell { return Bool(x.a.Abnormal(asOf)) }},
		{Field{Name: "watch", Title: "重点监控", Type: Boolean, Required: true, Description: "最近一次年度经营情况报告核验结果为不合格（true 为是）；许可状态不因此改变。"}, func(x r) Cell { return Bool(x.a.Watch() != nil) }},
		{Field{Name: "may_dispatch", Title: "可否经营劳务派遣", Type: String, Required: true, Enum: enum(register.Dispatches[:]), Description: "截至数据日期能否经营劳务派遣业务：许可有效，或为总公司许可有效的备案分支机构，为“可以经营”；总公司不在本名录中（外地核发许可）的分支机构为“需向外地核实”；其余为“不得经营”。"}, func(x r) Cell { return Str(x.v.Dispatch().String()) }},
		{Field{Name: "verdict", Title: "结论", Type: String, Required: true, Description: "本站单位页面显示的结论，例如“许可有效（有效期至 2027-05-31）”“已备案，但总公司许可已吊销（2025-03-01）”。"}, func(x r) Cell { return Str(x.v.Headline) }},
		{Field{Name: "verdict_until", Title: "结论维持至", Type: Date, Description: "按现有数据该结论维持到的最后一天（例如许可有效期届满日）；为空表示没有已知的终点。此后的结论见单位页面或其 JSON 记录的 status_history。"}, func(x r) Cell { return Day(x.v.Until) }},
		{Field{Name: "url", Title: "单位页面", Type: String, Format: "uri", Required: true, Description: "本站该单位页面的网址。"}, func(x r) Cell { return Str(w.agencyURL(x.a.Code)) }},
	}
	return columns(t, func(i int) r { return w.registerRecord(reg.Agencies[i]) }, w.registerCols)
}

// registerRecord reads what a's row of the register shows.
func (w *writer) registerRecord(a *register.Agency) registerRecord {
	return registerRecord{a: a, last: a.Last(), v: w.reg.Verdict(a), check: a.LatestCheck(), grade: a.CurrentGrade(w.reg.AsOf)}
}

// formerNames are a's former names in the order they were given up.
func formerNames(a *register.Agency) []string {
	if len(a.FormerNames) == 0 {
		return nil
	}
	former := make([]string, len(a.FormerNames))
	for i, f := range a.FormerNames {
		former[i] = f.Name
	}
	return former
}

func capital(written string, wan float64) Cell {
	if written == "" {
		return Cell{}
	}
	return Str(strconv.FormatFloat(wan, 'f', -1, 64))
}

func (w *writer) decisionsTable() *Table {
	decs := w.reg.Data.Decisions
	first, last := model.Date(0), model.Date(0)
	for _, d := range decs {
		if first == 0 || d.DecidedOn < first {
			first = d.DecidedOn
		}
		last = max(last, d.DecidedOn)
	}
	t := &Table{
		Schema: catalogue.Schema{
			Name: "decisions", Title: "劳务派遣行政许可决定",
			Description: "公示的每一条劳务派遣行政许可决定（新许可、变更、延续、撤销、吊销、注销、备案），与许可系统导出的行一一对应，顺序不变。",
			ForeignKeys: []ForeignKey{{Fields: []string{"code"}, Resource: "register", RefField: []string{"code"}}},
			Coverage:    interval(first, last),
		},
		Len: len(decs),
		In:  len(decs),
	}
	type d = *model.Decision
	w.decisionCols = []Column[d]{
		{codeField(model.ColCode, "行政相对人的统一社会信用代码。", true), func(x d) Cell { return Str(x.Code) }},
		{of(model.ColName, Field{Required: true, Description: "决定作出时的单位名称。"}), func(x d) Cell { return Str(x.Name) }},
		{of(model.ColLegalRep, Field{Description: "决定载明的法定代表人（负责人）。"}), func(x d) Cell { return Str(x.LegalRep) }},
		{of(model.ColAddress, Field{Description: "决定载明的住所。"}), func(x d) Cell { return Str(x.Address) }},
		{of(model.ColCapital, Field{Description: "决定载明的注册资本，单位万元。"}), func(x d) Cell { return capital(x.Capital, x.CapitalWan) }},
		{of(model.ColLicenceNo, Field{Description: "许可证编号。"}), func(x d) Cell { return Str(x.LicenceNo) }},
		{of(model.ColType, Field{Required: true, Enum: enum(model.DecisionTypes), Description: "决定的公示类型。"}), func(x d) Cell { return Str(x.Type.String()) }},
		{of(model.ColChanges, Field{Description: "变更决定所变更的事项，如 名称、住所、法定代表人。"}), func(x d) Cell { return Str(x.Changes) }},
		{of(model.ColDecidedOn, Field{Required: true, Description: "作出决定的日期。"}), func(x d) Cell { return Day(x.DecidedOn) }},
		{of(model.ColValidFrom, Field{Description: "许可证有效期起始日期。"}), func(x d) Cell { return Day(x.ValidFrom) }},
		{of(model.ColValidTo, Field{Description: "许可证有效期截止日期。"}), func(x d) Cell { return Day(x.ValidTo) }},
		{of(model.ColAuthority, Field{Description: "作出决定的人力资源社会保障部门。"}), func(x d) Cell { return Str(x.Authority) }},
		{of(model.ColRegion, Field{Pattern: catalogue.RegionPattern, Description: "单位所在地的行政区划代码。"}), func(x d) Cell { return Str(x.RegionCode) }},
		{of(model.ColPublishedOn, Field{Description: "公示日期；导出未填写的为空（不以许可决定日期代替）。"}), func(x d) Cell { return Day(x.PublishedOn) }},
		{of(model.ColDocNo, Field{Description: "许可决定文书号。"}), func(x d) Cell { return Str(x.DocNo) }},
		{codeField(model.ColParentCode, "备案分支机构的总公司统一社会信用代码。", false), func(x d) Cell { return Str(x.ParentCode) }},
		{of(model.ColNote, Field{Description: "备注。"}), func(x d) Cell { return Str(x.Note) }},
		{Field{Name: "snapshot", Title: "许可现状记录", Type: Boolean, Required: true, Description: "true：这一行来自许可现状导出（licences-current），是单位截至导出时的现行许可，不是某日作出并公示的许可决定；其此前的许可历史未公示。"}, func(x d) Cell { return Bool(x.Snapshot) }},
	}
	return columns(t, func(i int) d { return decs[i] }, w.decisionCols)
}

func (w *writer) checksTable() *Table {
	checks := w.reg.Data.Checks
	t := &Table{
		Schema: catalogue.Schema{
			Name: "annual-checks", Title: "劳务派遣单位年度经营情况报告核验结果",
			Description: "每家单位每个年度的经营情况报告核验结果（合格、不合格、无业务）及不合格情形。",
			PrimaryKey:  []string{"code", "year"},
			ForeignKeys: []ForeignKey{{Fields: []string{"code"}, Resource: "register", RefField: []string{"code"}}},
			Coverage:    yearInterval(checks, func(c *model.AnnualCheck) int { return c.Year }),
		},
		Len: len(checks),
		In:  len(checks),
	}
	type c = *model.AnnualCheck
	w.checkCols = []Column[c]{
		{of(model.ColYear, Field{Required: true, Description: "所报告的经营年度。"}), func(x c) Cell { return Int(x.Year) }},
		{codeField(model.ColCode, "单位的统一社会信用代码。", true), func(x c) Cell { return Str(x.Code) }},
		{of(model.ColName, Field{Description: "核验结果公布时的单位名称。"}), func(x c) Cell { return Str(x.Name) }},
		{of(model.ColLicenceNo, Field{Description: "许可证编号（导出可不填）。"}), func(x c) Cell { return Str(x.LicenceNo) }},
		{of(model.ColResult, Field{Required: true, Enum: enum(model.CheckResults), Description: "合格、不合格，或无业务（取得许可但该年度未开展劳务派遣业务）。"}), func(x c) Cell { return Str(x.Result.String()) }},
		{of(model.ColFailReasons, Field{Description: "不合格的情形，如 未报送、弄虚作假。"}), func(x c) Cell { return Str(x.FailReasons) }},
		{of(model.ColCheckAuth, Field{Description: "作出核验的人力资源社会保障部门。"}), func(x c) Cell { return Str(x.Authority) }},
		{of(model.ColAnnounced, Field{Description: "结果公布日期（导出可不填）。"}), func(x c) Cell { return Day(x.PublishedOn) }},
	}
	return columns(t, func(i int) c { return checks[i] }, w.checkCols)
}

func (w *writer) gradesTable() *Table {
	grades := w.reg.Data.Grades
	t := &Table{
		Schema: catalogue.Schema{
			Name: "grades", Title: "劳务派遣单位信用等级评价结果",
			Description: "每家单位每个评价年度的信用等级（由高到低：" + joinScale(w.content.Site.GradeScale) + "）。",
			PrimaryKey:  []string{"code", "year"},
			ForeignKeys: []ForeignKey{{Fields: []string{"code"}, Resource: "register", RefField: []string{"code"}}},
			Coverage:    yearInterval(grades, func(g *model.Grade) int { return g.Year }),
		},
		Len: len(grades),
		In:  len(grades),
	}
	type g = *model.Grade
	w.gradeCols = []Column[g]{
		{of(model.ColGradeYear, Field{Required: true, Description: "评价年度。"}), func(x g) Cell { return Int(x.Year) }},
		{codeField(model.ColCode, "单位的统一社会信用代码。", true), func(x g) Cell { return Str(x.Code) }},
		{of(model.ColName, Field{Description: "评价时的单位名称。"}), func(x g) Cell { return Str(x.Name) }},
		{of(model.ColGrade, Field{Required: true, Enum: w.content.Site.GradeScale, Description: "信用等级。"}), func(x g) Cell { return Str(x.Grade) }},
		{of(model.ColEvaluator, Field{Description: "作出评价的部门。"}), func(x g) Cell { return Str(x.Evaluator) }},
		{of(model.ColValidUntil, Field{Description: "评价结果的有效期截止日期（导出可不填）。"}), func(x g) Cell { return Day(x.ValidUntil) }},
	}
	return columns(t, func(i int) g { return grades[i] }, w.gradeCols)
}

func (w *writer) abnormalTable() *Table {
	ls, asOf := w.reg.Data.Listings, w.reg.AsOf
	first := model.Date(0)
	for _, l := range ls {
		if first == 0 || (l.ListedOn != 0 && l.ListedOn < first) {
			first = l.ListedOn
		}
	}
	t := &Table{
		Schema: catalogue.Schema{
			Name: "abnormal", Title: "劳务派遣单位经营异常名录",
			Description: "列入经营异常名录的记录，含已移出的；current 表示截至数据日期是否仍在名录中。",
			ForeignKeys: []ForeignKey{{Fields: []string{"code"}, Resource: "register", RefField: []string{"code"}}},
			Coverage:    interval(first, asOf),
		},
		Len: len(ls),
		In:  len(ls),
	}
	type l = *model.Listing
	w.listingCols = []Column[l]{
		{codeField(model.ColCode, "单位的统一社会信用代码。", true), func(x l) Cell { return Str(x.Code) }},
		{of(model.ColName, Field{Description: "列入时的单位名称。"}), func(x l) Cell { return Str(x.Name) }},
		{of(model.ColListedOn, Field{Required: true, Description: "列入经营异常名录的日期。"}), func(x l) Cell { return Day(x.ListedOn) }},
		{of(model.ColListReason, Field{Description: "列入原因。"}), func(x l) Cell { return Str(x.Reason) }},
		{of(model.ColListAuthority, Field{Description: "作出列入决定的部门。"}), func(x l) Cell { return Str(x.Authority) }},
		{of(model.ColRemovedOn, Field{Description: "移出经营异常名录的日期；空表示尚未移出。"}), func(x l) Cell { return Day(x.RemovedOn) }},
		{of(model.ColRemovalReason, Field{Description: "移出原因。"}), func(x l) Cell { return Str(x.RemovalReason) }},
		{Field{Name: "current", Title: "仍在名录中", Type: Boolean, Required: true, Description: "截至数据日期是否仍在名录中（true 为是）。"}, func(x l) Cell { return Bool(x.ListedOn <= asOf && !x.Removed(asOf)) }},
	}
	return columns(t, func(i int) l { return ls[i] }, w.listingCols)
}

// statsTable is stats.csv: per year and city, the decisions by type, the
// annual checks by result and the grades (register.Stats, which the
// /stats/ page's charts add up).
func (w *writer) statsTable() *Table {
	rows := w.reg.Stats()
	t := &Table{
		Schema: catalogue.Schema{
			Name: "stats", Title: "劳务派遣许可与监管统计（按年度和地市）",
			Description: "每年每个地级市：各类许可决定数（按决定日期和决定所列行政区划），年度经营情况报告核验结果数（按报告年度），信用等级评价数（按评价年度）。由公示数据汇总；/stats/ 页面的图表即由此表汇总绘制。",
			PrimaryKey:  []string{"year", "city_code"},
			Coverage:    yearInterval(rows, func(y register.YearCity) int { return y.Year }),
		},
		Len: len(rows),
		In:  len(rows), // the rows are made here: one per year and city with anything to count
	}
	type y = *register.YearCity
	count := func(name, title, desc string, n func(y) int) Column[y] {
		return Column[y]{Field{Name: name, Title: title, Type: Count, Required: true, Description: desc}, func(x y) Cell { return Int(n(x)) }}
	}
	cols := []Column[y]{
		{of(model.ColYear, Field{Required: true, Description: "年度。"}), func(x y) Cell { return Int(x.Year) }},
		{Field{Name: "city_code", Title: "地市行政区划代码", Type: String, Description: "地级市的行政区划代码（前四位加 00）；省级机关为省的代码；空表示单位不在名录中、无法归属地市。"}, func(x y) Cell { return Str(x.City) }},
		{Field{Name: "city_name", Title: "地市", Type: String, Description: "地级市名称。"}, func(x y) Cell { return Str(x.CityName) }},
	}
	for _, dt := range model.DecisionTypes {
		cols = append(cols, count("decisions_"+dt.Slug(), dt.String()+"决定数", "当年作出的"+dt.String()+"决定数。", func(x y) int { return x.Decisions[dt] }))
	}
	for _, r := range model.CheckResults {
		cols = append(cols, count("checks_"+checkSlug(r), "核验"+r.String()+"数", "该年度经营情况报告核验结果为"+r.String()+"的单位数。", func(x y) int { return x.Checks[r] }))
	}
	cols = append(cols, count("grades", "信用等级评价数", "该评价年度作出信用等级评价的单位数。", func(x y) int { return x.Grades }))
	return columns(t, func(i int) y { return &rows[i] }, cols)
}

// checkSlug is a check result's English column word.
func checkSlug(r model.CheckResult) string {
	return [...]string{"", "passed", "failed", "no_business"}[r]
}

func (w *writer) regionsTable() *Table {
	gs := w.reg.Data.Regions
	t := &Table{
		Schema: catalogue.Schema{
			Name: "regions", Title: "行政区划",
			Description: "名录所用的 GB/T 2260 行政区划代码及名称（省、市、县区），parent_code 指向上级。",
			PrimaryKey:  []string{"code"},
		},
		Len: len(gs),
		In:  len(gs),
	}
	type g = *model.Region
	return columns(t, func(i int) g { return gs[i] }, []Column[g]{
		{of(model.ColRegionCode, Field{Required: true, Unique: true, Pattern: catalogue.RegionPattern, Description: "六位行政区划代码。"}), func(x g) Cell { return Str(x.Code) }},
		{of(model.ColRegionName, Field{Required: true, Description: "行政区划名称。"}), func(x g) Cell { return Str(x.Name) }},
		{of(model.ColRegionParent, Field{Pattern: catalogue.RegionPattern, Description: "上级行政区划代码；省级为空。"}), func(x g) Cell { return Str(x.Parent) }},
	})
}

func (w *writer) policiesTable() *Table {
	ps, asOf := w.content.Policies, w.reg.AsOf
	t := &Table{
		Schema: catalogue.Schema{
			Name: "policies", Title: "政策文件目录",
			Description: "本站发布的劳务派遣政策文件的元数据；有效性按数据日期计算。",
			PrimaryKey:  []string{"slug"},
		},
		Len: len(ps),
		In:  len(ps),
	}
	type p = *model.Policy
	return columns(t, func(i int) p { return ps[i] }, []Column[p]{
		{Field{Name: "slug", Title: "标识", Type: String, Required: true, Unique: true, Description: "文件在本站网址中的标识。"}, func(x p) Cell { return Str(x.Slug) }},
		{Field{Name: "title", Title: "标题", Type: String, Required: true, Description: "文件标题。"}, func(x p) Cell { return Str(x.Title) }},
		{Field{Name: "doc_no", Title: "文号", Type: String, Description: "发文字号。"}, func(x p) Cell { return Str(x.DocNo) }},
		{Field{Name: "issuer", Title: "发文机关", Type: String, Description: "发文机关。"}, func(x p) Cell { return Str(x.Issuer) }},
		{Field{Name: "index_no", Title: "索引号", Type: String, Description: "政府信息公开索引号。"}, func(x p) Cell { return Str(x.IndexNo) }},
		{Field{Name: "topic", Title: "主题分类", Type: String, Description: "主题分类。"}, func(x p) Cell { return Str(x.Topic) }},
		{Field{Name: "written_on", Title: "成文日期", Type: Date, Description: "成文日期。"}, func(x p) Cell { return Day(x.WrittenOn) }},
		{Field{Name: "published_on", Title: "发布日期", Type: Date, Description: "发布日期。"}, func(x p) Cell { return Day(x.PublishedOn) }},
		{Field{Name: "effective_from", Title: "施行日期", Type: Date, Description: "施行日期。"}, func(x p) Cell { return Day(x.EffectiveFrom) }},
		{Field{Name: "effective_to", Title: "有效期至", Type: Date, Description: "有效期截止日期。"}, func(x p) Cell { return Day(x.EffectiveTo) }},
		{Field{Name: "abolished_on", Title: "废止日期", Type: Date, Description: "废止日期。"}, func(x p) Cell { return Day(x.AbolishedOn) }},
		{Field{Name: "validity", Title: "有效性", Type: String, Required: true, Enum: enum(model.PolicyStatuses), Description: "截至数据日期的有效性；被已施行的文件替代的，为已废止。"}, func(x p) Cell { return Str(x.StatusAsOf(asOf).String()) }},
		{Field{Name: "url", Title: "网址", Type: String, Format: "uri", Required: true, Description: "本站全文页面的网址。"}, func(x p) Cell { return Str(w.abs + "policies/" + x.Slug + "/") }},
	})
}

func (w *writer) faqTable() *Table {
	fs := w.content.FAQs
	t := &Table{
		Schema: catalogue.Schema{
			Name: "faq", Title: "常见问题",
			Description: "常见问题及解答；answer 为 Markdown 原文。",
			PrimaryKey:  []string{"slug"},
		},
		Len: len(fs),
		In:  len(fs),
	}
	type f = *model.FAQ
	return columns(t, func(i int) f { return fs[i] }, []Column[f]{
		{Field{Name: "slug", Title: "标识", Type: String, Required: true, Unique: true, Description: "问题的标识，也是常见问题页面中的锚点。"}, func(x f) Cell { return Str(x.Slug) }},
		{Field{Name: "category", Title: "分类", Type: String, Description: "问题分类。"}, func(x f) Cell { return Str(x.Category) }},
		{Field{Name: "question", Title: "问题", Type: String, Required: true, Description: "问题。"}, func(x f) Cell { return Str(x.Question) }},
		{Field{Name: "answer", Title: "解答", Type: String, Required: true, Description: "解答（Markdown）。"}, func(x f) Cell { return Str(x.Body) }},
		{Field{Name: "url", Title: "网址", Type: String, Format: "uri", Required: true, Description: "本站该问题的网址。"}, func(x f) Cell { return Str(w.abs + "faq/#" + x.Slug) }},
	})
}

func joinScale(s []string) string {
	out := ""
	for i, g := range s {
		if i > 0 {
			out += "、"
		}
		out += g
	}
	return out
}

func interval(from, to model.Date) string {
	if from == 0 || to == 0 {
		return ""
	}
	return from.String() + "/" + to.String()
}

// yearInterval is the years xs cover, as "2021/2025" ("" for none).
func yearInterval[T any](xs []T, year func(T) int) string {
	lo, hi := 0, 0
	for _, x := range xs {
		y := year(x)
		if lo == 0 || y < lo {
			lo = y
		}
		hi = max(hi, y)
	}
	if lo == 0 {
		return ""
	}
	return strconv.Itoa(lo) + "/" + strconv.Itoa(hi)
}
