package opendata

import (
	"strconv"

	"portal/generator/model"
	"portal/generator/register"
)

const (
	codePattern   = `^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$` // GB 32100 统一社会信用代码
	regionPattern = `^[0-9]{6}$`                                              // GB/T 2260
)

// PatternText says a field's pattern in words for the data dictionary
// (datapackage.json keeps the regular expression).
func PatternText(p string) string {
	switch p {
	case codePattern:
		return "18 位统一社会信用代码（GB 32100）"
	case regionPattern:
		return "6 位数字（GB/T 2260）"
	}
	return p
}

func statusEnum() []string {
	out := make([]string, len(model.Statuses))
	for i, s := range model.Statuses {
		out[i] = s.String()
	}
	return out
}

func tagEnum() []string {
	out := make([]string, len(model.DecisionTypes))
	for i, t := range model.DecisionTypes {
		out[i] = t.String()
	}
	return out
}

func resultEnum() []string {
	out := make([]string, len(model.CheckResults))
	for i, r := range model.CheckResults {
		out[i] = r.String()
	}
	return out
}

func policyEnum() []string {
	var out []string
	for p := model.PolicyInForce; p <= model.PolicyDraft; p++ {
		out = append(out, p.String())
	}
	return out
}

func codeField(name, title, desc string, required bool) Field {
	return Field{Name: name, Title: title, Type: String, Description: desc, Required: required, Pattern: codePattern}
}

// buildTables makes every dataset of the release.
func (w *writer) buildTables() []*Table {
	return []*Table{w.registerTable(), w.decisionsTable(), w.checksTable(), w.gradesTable(),
		w.abnormalTable(), w.regionsTable(), w.policiesTable(), w.faqTable()}
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
	return &Table{
		Name: "register", Title: "劳务派遣单位许可名录",
		Description: "每家劳务派遣单位一行：截至数据日期的许可状态、有效期、许可机关、所在地区、曾用名、最近一次许可决定、最近年度核验结果、当前信用等级和是否列入经营异常名录。由许可决定按日期推导。",
		Fields: []Field{
			codeField("code", "统一社会信用代码", "单位的统一社会信用代码（GB 32100），更名后不变，是本表的主键。", true),
			{Name: "name", Title: "单位名称", Type: String, Required: true, Description: "截至数据日期的单位名称。"},
			{Name: "former_names", Title: "曾用名", Type: Array, Description: "此前使用过的名称，按停用先后排列。CSV 中为 JSON 数组文本，Excel 副本中以“；”分隔。"},
			{Name: "licence_number", Title: "许可证编号", Type: String, Description: "现行（或最后一张）劳务派遣经营许可证的编号；备案分支机构为总公司的许可证编号。"},
			{Name: "former_licence_numbers", Title: "曾用许可证编号", Type: Array, Description: "重新取得许可之前使用过的许可证编号。"},
			{Name: "status", Title: "许可状态", Type: String, Required: true, Enum: statusEnum(), Description: "截至数据日期单位本身的许可状态：有效、已备案（分支机构，能否经营取决于总公司，见 may_dispatch）、未生效（已获许可、有效期尚未开始）、已过期（有效期届满未延续）、已注销、已撤销、已吊销。"},
			{Name: "status_since", Title: "状态起始日期", Type: Date, Description: "当前状态开始的日期：许可有效为这段连续有效期（或最近一次延续决定）开始之日；已撤销、已吊销、已注销为决定日期；已过期为有效期届满的次日。"},
			{Name: "valid_from", Title: "有效期自", Type: Date, Description: "许可证有效期起始日期。"},
			{Name: "valid_to", Title: "有效期至", Type: Date, Description: "许可证有效期截止日期。"},
			{Name: "authority", Title: "许可机关", Type: String, Description: "最近一次许可决定的许可机关。"},
			{Name: "region_code", Title: "行政区划代码", Type: String, Pattern: regionPattern, Description: "单位所在地的 GB/T 2260 行政区划代码。"},
			{Name: "region_name", Title: "行政区划名称", Type: String, Description: "行政区划代码对应的名称（见 regions 表）。"},
			{Name: "parent_code", Title: "总公司统一社会信用代码", Type: String, Pattern: codePattern, Description: "备案分支机构的总公司统一社会信用代码；总公司可能在省外，不一定在本表中。"},
			{Name: "legal_representative", Title: "法定代表人", Type: String, Description: "最近一次许可决定载明的法定代表人（负责人）。"},
			{Name: "address", Title: "住所", Type: String, Description: "最近一次许可决定载明的住所。"},
			{Name: "registered_capital_wan", Title: "注册资本（万元）", Type: Number, Description: "最近一次许可决定载明的注册资本，单位万元。"},
			{Name: "first_licensed", Title: "首次许可日期", Type: Date, Description: "第一次新许可（或备案）的决定日期。"},
			{Name: "last_decision_date", Title: "最近决定日期", Type: Date, Required: true, Description: "最近一次许可决定的日期。"},
			{Name: "last_decision_type", Title: "最近公示类型", Type: String, Required: true, Enum: tagEnum(), Description: "最近一次许可决定的公示类型。"},
			{Name: "latest_check_year", Title: "最近核验年度", Type: Integer, Description: "最近一次年度经营情况报告核验所针对的年度。"},
			{Name: "latest_check_result", Title: "最近核验结果", Type: String, Enum: resultEnum(), Description: "该年度的核验结果：合格、不合格或无业务。"},
			{Name: "grade", Title: "当前信用等级", Type: String, Enum: w.content.Site.GradeScale, Description: "截至数据日期仍在有效期内的最近一次信用等级评价结果。"},
			{Name: "grade_year", Title: "信用等级评价年度", Type: Integer, Description: "当前信用等级的评价年度。"},
			{Name: "abnormal", Title: "列入经营异常名录", Type: Boolean, Required: true, Description: "截至数据日期是否在经营异常名录中（true 为是）。"},
			{Name: "watch", Title: "重点监控", Type: Boolean, Required: true, Description: "最近一次年度经营情况报告核验结果为不合格（true 为是）；许可状态不因此改变。"},
			{Name: "may_dispatch", Title: "可否经营劳务派遣", Type: String, Required: true, Enum: dispatchEnum, Description: "截至数据日期能否经营劳务派遣业务：许可有效，或为总公司许可有效的备案分支机构，为“可以经营”；总公司不在本名录中（外地核发许可）的分支机构为“需向外地核实”；其余为“不得经营”。"},
			{Name: "verdict", Title: "结论", Type: String, Required: true, Description: "本站单位页面显示的结论，例如“许可有效（有效期至 2027-05-31）”“已备案，但总公司许可已吊销（2025-03-01）”。"},
			{Name: "verdict_until", Title: "结论维持至", Type: Date, Description: "按现有数据该结论维持到的最后一天（例如许可有效期届满日）；为空表示没有已知的终点。此后的结论见单位页面或其 JSON 记录的 status_history。"},
			{Name: "url", Title: "单位页面", Type: String, Format: "uri", Required: true, Description: "本站该单位页面的网址。"},
		},
		PrimaryKey: []string{"code"},
		Coverage:   interval(first, asOf),
		Len:        len(reg.Agencies),
		In:         len(distinct),
		Row:        func(i int, row []Cell) { w.registerRow(reg.Agencies[i], row) },
	}
}

func (w *writer) registerRow(a *register.Agency, row []Cell) {
	reg, asOf := w.reg, w.reg.AsOf
	var former []string
	if len(a.FormerNames) > 0 {
		former = make([]string, len(a.FormerNames))
		for i, f := range a.FormerNames {
			former[i] = f.Name
		}
	}
	last := a.Last() // the particulars (legal rep, address, capital) of the latest decision
	row[0], row[1], row[2], row[3], row[4] = Str(a.Code), Str(a.Name), List(former), Str(a.LicenceNo), List(a.FormerLicenceNos)
	row[5], row[6], row[7], row[8], row[9] = Str(a.Status.String()), Day(a.StatusSince), Day(a.ValidFrom), Day(a.ValidTo), Str(a.Authority)
	row[10] = Str(a.RegionCode)
	if a.RegionCode != "" {
		if g := reg.Regions[a.RegionCode]; g != nil {
			row[11] = Str(g.Name)
		}
	}
	row[12], row[13], row[14], row[15] = Str(a.ParentCode), Str(a.LegalRep), Str(a.Address), capital(last.Capital, last.CapitalWan)
	row[16], row[17], row[18] = Day(a.FirstLicensed), Day(last.DecidedOn), Str(last.Type.String())
	if c := a.LatestCheck(); c != nil {
		row[19], row[20] = Int(c.Year), Str(c.Result.String())
	}
	if g := a.CurrentGrade(asOf); g != nil {
		row[21], row[22] = Str(g.Grade), Int(g.Year)
	}
	v := reg.Verdict(a)
	row[23], row[24], row[25] = Bool(a.Abnormal(asOf)), Bool(a.Watch() != nil), Str(v.Dispatch().String())
	row[26], row[27], row[28] = Str(v.Headline), Day(v.Until), Str(w.agencyURL(a.Code))
}

// dispatchEnum are the answers to "may it dispatch workers?" in the register.
var dispatchEnum = func() (words []string) {
	for _, d := range register.Dispatches {
		words = append(words, d.String())
	}
	return words
}()

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
	return &Table{
		Name: "decisions", Title: "劳务派遣行政许可决定",
		Description: "公示的每一条劳务派遣行政许可决定（新许可、变更、延续、撤销、吊销、注销、备案），与许可系统导出的行一一对应，顺序不变。",
		Fields: []Field{
			codeField("code", "统一社会信用代码", "行政相对人的统一社会信用代码。", true),
			{Name: "name", Title: "行政相对人名称", Type: String, Required: true, Description: "决定作出时的单位名称。"},
			{Name: "legal_representative", Title: "法定代表人", Type: String, Description: "决定载明的法定代表人（负责人）。"},
			{Name: "address", Title: "住所", Type: String, Description: "决定载明的住所。"},
			{Name: "registered_capital_wan", Title: "注册资本（万元）", Type: Number, Description: "决定载明的注册资本，单位万元。"},
			{Name: "licence_number", Title: "许可证编号", Type: String, Description: "许可证编号。"},
			{Name: "type", Title: "公示类型", Type: String, Required: true, Enum: tagEnum(), Description: "决定的公示类型。"},
			{Name: "changes", Title: "变更事项", Type: String, Description: "变更决定所变更的事项，如 名称、住所、法定代表人。"},
			{Name: "decided_on", Title: "许可决定日期", Type: Date, Required: true, Description: "作出决定的日期。"},
			{Name: "valid_from", Title: "有效期自", Type: Date, Description: "许可证有效期起始日期。"},
			{Name: "valid_to", Title: "有效期至", Type: Date, Description: "许可证有效期截止日期。"},
			{Name: "authority", Title: "许可机关", Type: String, Description: "作出决定的人力资源社会保障部门。"},
			{Name: "region_code", Title: "行政区划代码", Type: String, Pattern: regionPattern, Description: "单位所在地的行政区划代码。"},
			{Name: "published_on", Title: "公示日期", Type: Date, Description: "公示日期；导出未填写的为空（不以许可决定日期代替）。"},
			{Name: "doc_no", Title: "决定文书号", Type: String, Description: "许可决定文书号。"},
			codeField("parent_code", "上级单位统一社会信用代码", "备案分支机构的总公司统一社会信用代码。", false),
			{Name: "note", Title: "备注", Type: String, Description: "备注。"},
		},
		ForeignKeys: []ForeignKey{{Fields: []string{"code"}, Resource: "register", RefField: []string{"code"}}},
		Coverage:    interval(first, last),
		Len:         len(decs),
		In:          len(decs),
		Row:         func(i int, row []Cell) { decisionRow(decs[i], row) },
	}
}

func decisionRow(d *model.Decision, row []Cell) {
	row[0], row[1], row[2], row[3], row[4] = Str(d.Code), Str(d.Name), Str(d.LegalRep), Str(d.Address), capital(d.Capital, d.CapitalWan)
	row[5], row[6], row[7], row[8], row[9] = Str(d.LicenceNo), Str(d.Type.String()), Str(d.Changes), Day(d.DecidedOn), Day(d.ValidFrom)
	row[10], row[11], row[12], row[13], row[14] = Day(d.ValidTo), Str(d.Authority), Str(d.RegionCode), Day(d.PublishedOn), Str(d.DocNo)
	row[15], row[16] = Str(d.ParentCode), Str(d.Note)
}

func (w *writer) checksTable() *Table {
	checks := w.reg.Data.Checks
	return &Table{
		Name: "annual-checks", Title: "劳务派遣单位年度经营情况报告核验结果",
		Description: "每家单位每个年度的经营情况报告核验结果（合格、不合格、无业务）及不合格情形。",
		Fields: []Field{
			{Name: "year", Title: "年度", Type: Integer, Required: true, Description: "所报告的经营年度。"},
			codeField("code", "统一社会信用代码", "单位的统一社会信用代码。", true),
			{Name: "name", Title: "行政相对人名称", Type: String, Description: "核验结果公布时的单位名称。"},
			{Name: "licence_number", Title: "许可证编号", Type: String, Description: "许可证编号（导出可不填）。"},
			{Name: "result", Title: "核验结果", Type: String, Required: true, Enum: resultEnum(), Description: "合格、不合格，或无业务（取得许可但该年度未开展劳务派遣业务）。"},
			{Name: "fail_reasons", Title: "不合格情形", Type: String, Description: "不合格的情形，如 未报送、弄虚作假。"},
			{Name: "authority", Title: "核验机关", Type: String, Description: "作出核验的人力资源社会保障部门。"},
			{Name: "published_on", Title: "公布日期", Type: Date, Description: "结果公布日期（导出可不填）。"},
		},
		PrimaryKey:  []string{"code", "year"},
		ForeignKeys: []ForeignKey{{Fields: []string{"code"}, Resource: "register", RefField: []string{"code"}}},
		Coverage:    yearInterval(checks, func(c *model.AnnualCheck) int { return c.Year }),
		Len:         len(checks),
		In:          len(checks),
		Row:         func(i int, row []Cell) { checkRow(checks[i], row) },
	}
}

func checkRow(c *model.AnnualCheck, row []Cell) {
	row[0], row[1], row[2], row[3] = Int(c.Year), Str(c.Code), Str(c.Name), Str(c.LicenceNo)
	row[4], row[5], row[6], row[7] = Str(c.Result.String()), Str(c.FailReasons), Str(c.Authority), Day(c.PublishedOn)
}

func (w *writer) gradesTable() *Table {
	grades := w.reg.Data.Grades
	return &Table{
		Name: "grades", Title: "劳务派遣单位信用等级评价结果",
		Description: "每家单位每个评价年度的信用等级（由高到低：" + joinScale(w.content.Site.GradeScale) + "）。",
		Fields: []Field{
			{Name: "year", Title: "评价年度", Type: Integer, Required: true, Description: "评价年度。"},
			codeField("code", "统一社会信用代码", "单位的统一社会信用代码。", true),
			{Name: "name", Title: "行政相对人名称", Type: String, Description: "评价时的单位名称。"},
			{Name: "grade", Title: "信用等级", Type: String, Required: true, Enum: w.content.Site.GradeScale, Description: "信用等级。"},
			{Name: "evaluator", Title: "评价机构", Type: String, Description: "作出评价的部门。"},
			{Name: "valid_until", Title: "有效期至", Type: Date, Description: "评价结果的有效期截止日期（导出可不填）。"},
		},
		PrimaryKey:  []string{"code", "year"},
		ForeignKeys: []ForeignKey{{Fields: []string{"code"}, Resource: "register", RefField: []string{"code"}}},
		Coverage:    yearInterval(grades, func(g *model.Grade) int { return g.Year }),
		Len:         len(grades),
		In:          len(grades),
		Row:         func(i int, row []Cell) { gradeRow(grades[i], row) },
	}
}

func gradeRow(g *model.Grade, row []Cell) {
	row[0], row[1], row[2], row[3], row[4], row[5] = Int(g.Year), Str(g.Code), Str(g.Name), Str(g.Grade), Str(g.Evaluator), Day(g.ValidUntil)
}

func (w *writer) abnormalTable() *Table {
	ls, asOf := w.reg.Data.Listings, w.reg.AsOf
	first := model.Date(0)
	for _, l := range ls {
		if first == 0 || (l.ListedOn != 0 && l.ListedOn < first) {
			first = l.ListedOn
		}
	}
	return &Table{
		Name: "abnormal", Title: "劳务派遣单位经营异常名录",
		Description: "列入经营异常名录的记录，含已移出的；current 表示截至数据日期是否仍在名录中。",
		Fields: []Field{
			codeField("code", "统一社会信用代码", "单位的统一社会信用代码。", true),
			{Name: "name", Title: "行政相对人名称", Type: String, Description: "列入时的单位名称。"},
			{Name: "listed_on", Title: "列入日期", Type: Date, Required: true, Description: "列入经营异常名录的日期。"},
			{Name: "reason", Title: "列入原因", Type: String, Description: "列入原因。"},
			{Name: "authority", Title: "列入机关", Type: String, Description: "作出列入决定的部门。"},
			{Name: "removed_on", Title: "移出日期", Type: Date, Description: "移出经营异常名录的日期；空表示尚未移出。"},
			{Name: "removal_reason", Title: "移出原因", Type: String, Description: "移出原因。"},
			{Name: "current", Title: "仍在名录中", Type: Boolean, Required: true, Description: "截至数据日期是否仍在名录中（true 为是）。"},
		},
		ForeignKeys: []ForeignKey{{Fields: []string{"code"}, Resource: "register", RefField: []string{"code"}}},
		Coverage:    interval(first, asOf),
		Len:         len(ls),
		In:          len(ls),
		Row:         func(i int, row []Cell) { listingRow(ls[i], asOf, row) },
	}
}

func listingRow(l *model.Listing, asOf model.Date, row []Cell) {
	row[0], row[1], row[2], row[3] = Str(l.Code), Str(l.Name), Day(l.ListedOn), Str(l.Reason)
	row[4], row[5], row[6], row[7] = Str(l.Authority), Day(l.RemovedOn), Str(l.RemovalReason), Bool(l.ListedOn <= asOf && !l.Removed(asOf))
}

func (w *writer) regionsTable() *Table {
	gs := w.reg.Data.Regions
	return &Table{
		Name: "regions", Title: "行政区划",
		Description: "名录所用的 GB/T 2260 行政区划代码及名称（省、市、县区），parent_code 指向上级。",
		Fields: []Field{
			{Name: "code", Title: "行政区划代码", Type: String, Required: true, Unique: true, Pattern: regionPattern, Description: "六位行政区划代码。"},
			{Name: "name", Title: "名称", Type: String, Required: true, Description: "行政区划名称。"},
			{Name: "parent_code", Title: "上级代码", Type: String, Pattern: regionPattern, Description: "上级行政区划代码；省级为空。"},
		},
		PrimaryKey: []string{"code"},
		Len:        len(gs),
		In:         len(gs),
		Row: func(i int, row []Cell) {
			g := gs[i]
			row[0], row[1], row[2] = Str(g.Code), Str(g.Name), Str(g.Parent)
		},
	}
}

func (w *writer) policiesTable() *Table {
	ps, asOf := w.content.Policies, w.reg.AsOf
	return &Table{
		Name: "policies", Title: "政策文件目录",
		Description: "本站发布的劳务派遣政策文件的元数据；有效性按数据日期计算。",
		Fields: []Field{
			{Name: "slug", Title: "标识", Type: String, Required: true, Unique: true, Description: "文件在本站网址中的标识。"},
			{Name: "title", Title: "标题", Type: String, Required: true, Description: "文件标题。"},
			{Name: "doc_no", Title: "文号", Type: String, Description: "发文字号。"},
			{Name: "issuer", Title: "发文机关", Type: String, Description: "发文机关。"},
			{Name: "index_no", Title: "索引号", Type: String, Description: "政府信息公开索引号。"},
			{Name: "topic", Title: "主题分类", Type: String, Description: "主题分类。"},
			{Name: "written_on", Title: "成文日期", Type: Date, Description: "成文日期。"},
			{Name: "published_on", Title: "发布日期", Type: Date, Description: "发布日期。"},
			{Name: "effective_from", Title: "施行日期", Type: Date, Description: "施行日期。"},
			{Name: "effective_to", Title: "有效期至", Type: Date, Description: "有效期截止日期。"},
			{Name: "abolished_on", Title: "废止日期", Type: Date, Description: "废止日期。"},
			{Name: "validity", Title: "有效性", Type: String, Required: true, Enum: policyEnum(), Description: "截至数据日期的有效性。"},
			{Name: "url", Title: "网址", Type: String, Format: "uri", Required: true, Description: "本站全文页面的网址。"},
		},
		PrimaryKey: []string{"slug"},
		Len:        len(ps),
		In:         len(ps),
		Row: func(i int, row []Cell) {
			p := ps[i]
			row[0], row[1], row[2], row[3], row[4], row[5] = Str(p.Slug), Str(p.Title), Str(p.DocNo), Str(p.Issuer), Str(p.IndexNo), Str(p.Topic)
			row[6], row[7], row[8], row[9], row[10] = Day(p.WrittenOn), Day(p.PublishedOn), Day(p.EffectiveFrom), Day(p.EffectiveTo), Day(p.AbolishedOn)
			row[11], row[12] = Str(p.StatusAsOf(asOf).String()), Str(w.abs+"policies/"+p.Slug+"/")
		},
	}
}

func (w *writer) faqTable() *Table {
	fs := w.content.FAQs
	return &Table{
		Name: "faq", Title: "常见问题",
		Description: "常见问题及解答；answer 为 Markdown 原文。",
		Fields: []Field{
			{Name: "slug", Title: "标识", Type: String, Required: true, Unique: true, Description: "问题的标识，也是常见问题页面中的锚点。"},
			{Name: "category", Title: "分类", Type: String, Description: "问题分类。"},
			{Name: "question", Title: "问题", Type: String, Required: true, Description: "问题。"},
			{Name: "answer", Title: "解答", Type: String, Required: true, Description: "解答（Markdown）。"},
			{Name: "url", Title: "网址", Type: String, Format: "uri", Required: true, Description: "本站该问题的网址。"},
		},
		PrimaryKey: []string{"slug"},
		Len:        len(fs),
		In:         len(fs),
		Row: func(i int, row []Cell) {
			f := fs[i]
			row[0], row[1], row[2], row[3], row[4] = Str(f.Slug), Str(f.Category), Str(f.Question), Str(f.Body), Str(w.abs+"faq/#"+f.Slug)
		},
	}
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
