package load

import (
	"strings"
	"sync"

	"portal/generator/model"
)

// fieldKind tells the loader how to clean and guard a column's cells.
type fieldKind uint8

const (
	kindText       fieldKind = iota
	kindCreditCode           // a valid 统一社会信用代码 is not personal data
	kindLicenceNo            // licence numbers may be 11 digits: no mobile-number check
	kindDropped              // not published (unknown, duplicate or non-public): not kept, not guarded
	kindProse                // free text (变更事项, 备注, reasons): its line breaks part its items, and are kept
	kindOrgName              // an agency's or an authority's name: no space between its Chinese characters (spacedname.go)
)

// Field is one column of an input table: its heading and English name
// (model.Column, matched after normalisation), what the loader asks of it
// and the cell of the table's row type it fills.
type Field struct {
	model.Column
	Required bool // the column must exist and every row must have a value
	kind     fieldKind
	// cell is the row type's field the column fills, a func(*R) *string for
	// the table's row type R (see cellsOf).
	cell any
	// InferredFrom are columns the value can be worked out from when the
	// file has no column of its own (the national 双公示 layout has no
	// 公示类型 and no 行政区划代码): a required field is then not missing.
	InferredFrom []string
	// fromTitle says what a file without the column may give for it in
	// its title (titled.go): the year, or the authority, of every row
	fromTitle titleKind
}

// Schema is the header contract of one input table (DESIGN §4).
type Schema struct {
	Base     string // file name without extension: licences → licences.csv / licences.xlsx, or the directory licences/
	Title    string // what the table is, in Chinese
	Optional bool   // the file may be absent
	Fields   []Field

	once  sync.Once
	byKey map[string]*Field // normalised title, English name and aliases → field
}

// field finds the field a header cell names (after normHeader): by its
// title, its English name (in any case) or a heading common exports give
// it (headerAliases).
func (sc *Schema) field(key string) (*Field, bool) {
	sc.once.Do(func() {
		sc.byKey = make(map[string]*Field, 4*len(sc.Fields))
		for i := range sc.Fields {
			f := &sc.Fields[i]
			for _, a := range headerAliases[f.Title] {
				sc.byKey[normHeader(a)] = f
			}
		}
		for i := range sc.Fields { // a title or name wins over another field's alias
			f := &sc.Fields[i]
			sc.byKey[normHeader(f.Title)] = f
			sc.byKey[f.Name] = f
		}
	})
	f, ok := sc.byKey[key]
	if !ok {
		f, ok = sc.byKey[strings.ToLower(key)]
	}
	return f, ok
}

// headerAliases are the other headings provincial workbooks and city
// systems give a column, known without settings. An alias applies in every
// table that has the column. credit_code, licence_no and tag are the
// English names the loader knew these columns by before they took the
// names the open data publishes them under (code, licence_number, type).
var headerAliases = map[string][]string{
	model.ColName.Title:      {"单位名称", "企业名称", "机构名称"},
	model.ColCode.Title:      {"社会信用代码", "信用代码", "统一代码", "行政相对人代码_1(统一社会信用代码)", "credit_code"},
	model.ColLegalRep.Title:  {"法人代表", "法人", "负责人", "法定代表人姓名"},
	model.ColAddress.Title:   {"地址", "单位地址", "经营场所", "注册地址"},
	model.ColLicenceNo.Title: {"许可证号", "许可编号", "证书编号", "许可证书编号", "licence_no"},
	model.ColType.Title:      {"类型", "许可类型", "事项", "许可事项", "tag"},
	model.ColChanges.Title:   {"变更内容"},
	model.ColDecidedOn.Title: {"发证日期", "决定日期"},
	model.ColValidFrom.Title: {"有效期起", "有效期开始日期", "有效期起始日期"},
	model.ColValidTo.Title:   {"有效期止", "有效期截止日期", "有效期结束日期", "许可截止期"},
	fValidity:                {"有效期", "许可有效期", "有效期起止", "有效期起止日期", "有效期间"},
	model.ColAuthority.Title: {"发证机关", "决定机关"},
	model.ColDocNo.Title:     {"文书号", "行政许可决定文书号", "行政许可决定书文号"},
	model.ColState.Title:     {"许可状态", "证照状态", "状态", "证书状态", "许可证状态", "许可证书状态", "有效状态", "是否有效", "有效标志", "许可是否有效"},
	fBusinessState:           {"登记状态", "企业状态", "企业经营状态"},
	// the 2016 双公示 行政处罚 layout's headings
	fPenaltyKind:    {"处罚类别1"},
	fPenaltyContent: {"处罚结果"},
	"违法行为类型":        {"处罚事由"},
	// the 经营异常名录 as the national enterprise credit system exports it
	model.ColListedOn.Title:      {"列入时间", "列入日期(列入)", "列入经营异常名录日期", "列入名录日期", "列入决定日期"},
	model.ColListReason.Title:    {"列入经营异常名录原因", "列入事由"},
	model.ColListAuthority.Title: {"作出决定机关(列入)", "列入决定机关", "列入作出决定机关", "决定机关(列入)"},
	model.ColRemovedOn.Title:     {"移出时间", "移出经营异常名录日期", "移出名录日期", "移出决定日期"},
	model.ColRemovalReason.Title: {"移出经营异常名录原因", "移出事由"},
	model.ColEndedOn.Title: {"注销日期", "吊销日期", "撤销日期", "失效日期", "注销时间", "吊销时间", "撤销时间", "终止时间",
		"注销决定日期", "吊销决定日期", "撤销决定日期", "许可注销日期", "许可终止日期"},
}

// ignoredColumns are headings of columns no table reads: a row number, and
// the columns of the national 双公示 layouts the register does not publish
// (the other codes of the 行政相对人, the licence's category, the source of
// the data). The summary lists them once per file.
var ignoredColumns = map[string]bool{"序号": true, "行号": true,
	"行政相对人类别": true, "行政相对人代码_2(工商注册号)": true, "行政相对人代码_3(组织机构代码)": true,
	"行政相对人代码_4(税务登记号)": true, "行政相对人代码_5(事业单位证书号)": true, "行政相对人代码_6(社会组织登记证号)": true,
	"许可类别": true, "许可机关统一社会信用代码": true, "数据来源单位": true, "数据来源单位统一社会信用代码": true,
	// the 2016 双公示 layout's (许可截止期, 行政许可决定书文号, 法定代表人姓名 are read)
	"审批类别": true, "数据更新时间戳": true, "地方编码": true, "案件名称": true,
	// the 行政处罚 layout's, besides what a 吊销 is read from
	"违法事实": true, "罚款金额(万元)": true, "没收违法所得、没收非法财物的金额(万元)": true,
	"处罚有效期": true, "公示截止期": true, "处罚机关统一社会信用代码": true,
	// the 经营异常名录's: who lifted a listing (its date and reason are read)
	"作出决定机关(移出)": true, "移出机关": true, "移出决定机关": true, "决定机关(移出)": true,
}

// The columns of the national 双公示 行政许可 layout the 公示类型 is inferred
// from when a file has none (typeFromText).
const (
	// fValidity is the licence's period in one cell (2023-03-01至2026-02-28),
	// as many 公示 tables give it: read as 有效期自 and 有效期至 when the
	// file has neither (validity.go).
	fValidity       = "有效期限"
	fLicenceContent = "许可内容"
	fCertName       = "许可证书名称"
	fDocTitle       = "行政许可决定文书名称"
	// fBusinessState is the agency's own state in the business register
	// (经营状态: 存续, 吊销，未注销, 注销), as an export may give it beside or
	// instead of its licence's: an agency whose business ended cannot
	// dispatch workers either, so the register checks it as a 当前状态.
	fBusinessState = "经营状态" // model.ColBusinessState
)

// requires reports whether the schema always requires the field.
func (sc *Schema) requires(field string) bool {
	for _, f := range sc.Fields {
		if f.Title == field {
			return f.Required
		}
	}
	return false
}

// missing reports whether a required field is missing from a file whose
// columns are cols: it has no column, nor one it can be inferred from.
func (f *Field) missing(cols map[string]int) bool {
	if !f.Required || cols[f.Title] != 0 {
		return false
	}
	for _, from := range f.InferredFrom {
		if cols[from] != 0 {
			return false
		}
	}
	return true
}

// The schemas below are declarative tables, one per input table and one
// line a column, and look alike on purpose (duplicates pairs them by
// shape): what a field is comes from its model.Column, what the lines add
// is whether the cell is required, how it is checked (kind) and where the
// decoder finds it (cell). What the tables share is Schema's and Field's.

// LicencesSchema is data/licences: one row per 许可决定.
var LicencesSchema = &Schema{Base: "licences", Title: "许可决定", Fields: []Field{
	{Column: model.ColName, Required: true, kind: kindOrgName, cell: func(r *licenceRow) *string { return &r.Name }},
	{Column: model.ColCode, Required: true, kind: kindCreditCode, cell: func(r *licenceRow) *string { return &r.Code }},
	{Column: model.ColLegalRep, cell: func(r *licenceRow) *string { return &r.LegalRep }},
	{Column: model.ColAddress, cell: func(r *licenceRow) *string { return &r.Address }},
	{Column: model.ColCapital, cell: func(r *licenceRow) *string { return &r.Capital }},
	{Column: model.ColLicenceNo, Required: true, kind: kindLicenceNo, cell: func(r *licenceRow) *string { return &r.LicenceNo }},
	{Column: model.ColType, Required: true, InferredFrom: []string{fLicenceContent, fCertName, fDocTitle}, cell: func(r *licenceRow) *string { return &r.Type }},
	{Column: model.ColChanges, kind: kindProse, cell: func(r *licenceRow) *string { return &r.Changes }},
	{Column: model.ColDecidedOn, Required: true, cell: func(r *licenceRow) *string { return &r.DecidedOn }},
	{Column: model.ColValidFrom, cell: func(r *licenceRow) *string { return &r.ValidFrom }},
	{Column: model.ColValidTo, cell: func(r *licenceRow) *string { return &r.ValidTo }},
	{Column: model.Column{Title: fValidity, Name: "validity"}, cell: func(r *licenceRow) *string { return &r.Validity }},
	{Column: model.ColAuthority, Required: true, kind: kindOrgName, cell: func(r *licenceRow) *string { return &r.Authority }},
	{Column: model.ColRegion, Required: true, kind: kindCreditCode, InferredFrom: []string{model.ColCode.Title}, cell: func(r *licenceRow) *string { return &r.Region }},
	{Column: model.ColPublishedOn, cell: func(r *licenceRow) *string { return &r.PublishedOn }},
	{Column: model.ColDocNo, kind: kindLicenceNo, cell: func(r *licenceRow) *string { return &r.DocNo }},
	{Column: model.ColParentCode, kind: kindCreditCode, cell: func(r *licenceRow) *string { return &r.ParentCode }},
	{Column: model.ColNote, kind: kindProse, cell: func(r *licenceRow) *string { return &r.Note }},
	// the national 双公示 layout's texts, when it has no 公示类型: read, not published
	{Column: model.Column{Title: fLicenceContent, Name: "licence_content"}, cell: func(r *licenceRow) *string { return &r.Content }},
	{Column: model.Column{Title: fCertName, Name: "certificate_name"}, cell: func(r *licenceRow) *string { return &r.CertName }},
	{Column: model.Column{Title: fDocTitle, Name: "decision_document_title"}, cell: func(r *licenceRow) *string { return &r.DocTitle }},
	// the row's licence as the export saw it (1/2 in the 双公示 layout):
	// read, not published; the register checks it (model.Decision.Stated)
	{Column: model.ColState, cell: func(r *licenceRow) *string { return &r.State }},
	{Column: model.ColBusinessState, cell: func(r *licenceRow) *string { return &r.Business }},
	{Column: model.ColEndedOn, cell: func(r *licenceRow) *string { return &r.Ended }},
}}

// CurrentSchema is data/licences-current: a current-licences snapshot, one
// row per agency with its present licence and no history (what many
// licensing systems export). Each row is the agency's licence as the
// export dates it (model.Decision.Snapshot); an agency that licences has
// decisions for is taken from them.
var CurrentSchema = &Schema{Base: "licences-current", Title: "许可现状", Optional: true, Fields: snapshotFields()}

// snapshotFields are the licences' fields as a snapshot has them: no
// 公示类型 or 许可决定日期 needed (a row is the licence in force, dated by its
// validity when it has no date of its own), no 变更事项; its 当前状态 says
// whether the licence is in force. The 双公示 texts infer no type here, but
// say which licence a row is (otherLicence), as a snapshot of every licence
// the bureau issued lists its 人力资源服务许可证 too.
func snapshotFields() []Field {
	var out []Field
	for _, f := range LicencesSchema.Fields {
		switch f.Title {
		case model.ColChanges.Title:
			continue
		case model.ColType.Title, model.ColDecidedOn.Title:
			f.Required, f.InferredFrom = false, nil
		}
		out = append(out, f)
	}
	return out
}

// ChecksSchema is data/annual-checks: 年度经营情况报告核验结果.
var ChecksSchema = &Schema{Base: "annual-checks", Title: "年度经营情况报告核验结果", Optional: true, Fields: []Field{
	{Column: model.ColYear, Required: true, fromTitle: titleYear, cell: func(r *checkRow) *string { return &r.Year }},
	{Column: model.ColName, Required: true, kind: kindOrgName, cell: func(r *checkRow) *string { return &r.Name }},
	{Column: model.ColCode, Required: true, kind: kindCreditCode, cell: func(r *checkRow) *string { return &r.Code }},
	{Column: model.ColLicenceNo, kind: kindLicenceNo, cell: func(r *checkRow) *string { return &r.LicenceNo }},
	{Column: model.ColResult, Required: true, cell: func(r *checkRow) *string { return &r.Result }},
	{Column: model.ColFailReasons, kind: kindProse, cell: func(r *checkRow) *string { return &r.FailReasons }},
	{Column: model.ColCheckAuth, Required: true, kind: kindOrgName, fromTitle: titleAuthority, cell: func(r *checkRow) *string { return &r.Authority }},
	{Column: model.ColAnnounced, cell: func(r *checkRow) *string { return &r.PublishedOn }},
}}

// GradesSchema is data/grades: 信用等级评价结果.
var GradesSchema = &Schema{Base: "grades", Title: "信用等级评价结果", Optional: true, Fields: []Field{
	{Column: model.ColGradeYear, Required: true, fromTitle: titleYear, cell: func(r *gradeRow) *string { return &r.Year }},
	{Column: model.ColName, Required: true, kind: kindOrgName, cell: func(r *gradeRow) *string { return &r.Name }},
	{Column: model.ColCode, Required: true, kind: kindCreditCode, cell: func(r *gradeRow) *string { return &r.Code }},
	{Column: model.ColGrade, Required: true, cell: func(r *gradeRow) *string { return &r.Grade }},
	{Column: model.ColEvaluator, Required: true, kind: kindOrgName, fromTitle: titleAuthority, cell: func(r *gradeRow) *string { return &r.Evaluator }},
	{Column: model.ColValidUntil, cell: func(r *gradeRow) *string { return &r.ValidUntil }},
}}

// AbnormalSchema is data/abnormal: 经营异常名录.
var AbnormalSchema = &Schema{Base: "abnormal", Title: "经营异常名录", Optional: true, Fields: []Field{
	{Column: model.ColCode, Required: true, kind: kindCreditCode, cell: func(r *listingRow) *string { return &r.Code }},
	{Column: model.ColName, Required: true, kind: kindOrgName, cell: func(r *listingRow) *string { return &r.Name }},
	{Column: model.ColListedOn, Required: true, cell: func(r *listingRow) *string { return &r.ListedOn }},
	{Column: model.ColListReason, Required: true, kind: kindProse, cell: func(r *listingRow) *string { return &r.Reason }},
	{Column: model.ColListAuthority, Required: true, kind: kindOrgName, cell: func(r *listingRow) *string { return &r.Authority }},
	{Column: model.ColRemovedOn, cell: func(r *listingRow) *string { return &r.RemovedOn }},
	{Column: model.ColRemovalReason, kind: kindProse, cell: func(r *listingRow) *string { return &r.RemovalReason }},
}}

// RegionsSchema is data/regions: names for the GB/T 2260 codes used.
var RegionsSchema = &Schema{Base: "regions", Title: "行政区划", Fields: []Field{
	{Column: model.ColRegionCode, Required: true, kind: kindCreditCode, cell: func(r *regionRow) *string { return &r.Code }},
	{Column: model.ColRegionName, Required: true, cell: func(r *regionRow) *string { return &r.Name }},
	{Column: model.ColRegionParent, kind: kindCreditCode, cell: func(r *regionRow) *string { return &r.Parent }},
}}

// HolidaysSchema is data/holidays: the bureau's additions and corrections
// to the official holiday calendar (a year not yet in it, a local holiday).
var HolidaysSchema = &Schema{Base: "holidays", Title: "节假日安排", Optional: true, Fields: []Field{
	{Column: model.ColDay, Required: true, cell: func(r *holidayRow) *string { return &r.Date }},
	{Column: model.ColDayKind, Required: true, cell: func(r *holidayRow) *string { return &r.Kind }},
	{Column: model.ColDayBasis, cell: func(r *holidayRow) *string { return &r.Basis }},
}}

// PenaltiesSchema is data/penalties: the national 双公示 行政处罚 layout.
// Only a penalty that revokes the 劳务派遣经营许可证 is read, as a 吊销
// decision; the summary counts the others. A file of this layout among
// the licence files (data/licences/) is recognised by its header.
var PenaltiesSchema = &Schema{Base: "penalties", Title: "行政处罚", Optional: true, Fields: []Field{
	{Column: model.ColName, Required: true, kind: kindOrgName, cell: func(r *penaltyRow) *string { return &r.Name }},
	{Column: model.ColCode, Required: true, kind: kindCreditCode, cell: func(r *penaltyRow) *string { return &r.Code }},
	{Column: model.Column{Title: fPenaltyNo, Name: "penalty_no"}, Required: true, kind: kindLicenceNo, cell: func(r *penaltyRow) *string { return &r.No }},
	{Column: model.Column{Title: fPenaltyKind, Name: "penalty_kind"}, Required: true, cell: func(r *penaltyRow) *string { return &r.Kind }},
	{Column: model.Column{Title: fPenaltyContent, Name: "penalty_content"}, cell: func(r *penaltyRow) *string { return &r.Content }},
	{Column: model.Column{Title: fPenaltyLicence, Name: "licence_revoked"}, cell: func(r *penaltyRow) *string { return &r.Licence }},
	{Column: model.Column{Title: fPenaltyOn, Name: "penalty_date"}, Required: true, cell: func(r *penaltyRow) *string { return &r.On }},
	{Column: model.Column{Title: fPenaltyAuthority, Name: "penalty_authority"}, Required: true, kind: kindOrgName, cell: func(r *penaltyRow) *string { return &r.Authority }},
	{Column: model.ColNote, kind: kindProse, cell: func(r *penaltyRow) *string { return &r.Note }},
	{Column: model.ColLegalRep, cell: func(r *penaltyRow) *string { return &r.LegalRep }},
	// what the penalty punishes, read to tell a 吊销 naming no licence: not published
	{Column: model.Column{Title: "违法行为类型", Name: "offence_type"}, cell: func(r *penaltyRow) *string { return &r.Offence }},
	{Column: model.Column{Title: "处罚依据", Name: "penalty_basis"}, kind: kindProse, cell: func(r *penaltyRow) *string { return &r.Basis }},
	// the 2016 双公示 layout's second kind (处罚类别1 is 处罚类别), and the
	// penalty's own state (0 正常; 1 撤销, 2 异议, 3 其他: not in force as decided)
	{Column: model.Column{Title: fPenaltyKind2, Name: "penalty_kind_2"}, cell: func(r *penaltyRow) *string { return &r.Kind2 }},
	{Column: model.ColState, cell: func(r *penaltyRow) *string { return &r.State }},
}}

// The columns of the national 双公示 行政处罚 layout the register reads.
const (
	fPenaltyNo        = "行政处罚决定书文号"
	fPenaltyKind      = "处罚类别"
	fPenaltyContent   = "处罚内容"
	fPenaltyLicence   = "暂扣或吊销证照名称及编号"
	fPenaltyOn        = "处罚决定日期"
	fPenaltyAuthority = "处罚机关"
	fPenaltyKind2     = "处罚类别2" // the 2016 layout's second kind
)

// penaltyHeader reports whether a header is the 行政处罚 layout's.
func penaltyHeader(header []string) bool {
	n := 0
	for _, h := range header {
		switch normHeader(h) {
		case fPenaltyNo, fPenaltyKind, fPenaltyOn, fPenaltyAuthority:
			n++
		}
	}
	return n >= 2
}

// Schemas lists every input table in load order.
var Schemas = []*Schema{LicencesSchema, PenaltiesSchema, CurrentSchema, ChecksSchema, GradesSchema, AbnormalSchema, RegionsSchema, HolidaysSchema}
