package load

import (
	"strings"
	"sync"

	"portal/generator/model"
)

// fieldKind tells the personal-data guard how to treat a column.
type fieldKind uint8

const (
	kindText       fieldKind = iota
	kindCreditCode           // a valid 统一社会信用代码 is not personal data
	kindLicenceNo            // licence numbers may be 11 digits: no mobile-number check
	kindDropped              // not published (unknown, duplicate or non-public): not kept, not guarded
)

// Field is one column of an input table.
type Field struct {
	Title    string // the Chinese header, as matched after normalisation
	Name     string // the English open-data name, accepted as an alias
	Required bool   // the column must exist and every row must have a value
	kind     fieldKind
	// InferredFrom are columns the value can be worked out from when the
	// file has no column of its own (the national 双公示 layout has no
	// 公示类型 and no 行政区划代码): a required field is then not missing.
	InferredFrom []string
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
// table that has the column.
var headerAliases = map[string][]string{
	model.ColName:      {"单位名称", "企业名称", "机构名称"},
	model.ColCode:      {"社会信用代码", "信用代码", "统一代码", "行政相对人代码_1(统一社会信用代码)"},
	model.ColLegalRep:  {"法人代表", "法人", "负责人"},
	model.ColAddress:   {"地址", "单位地址", "经营场所", "注册地址"},
	model.ColLicenceNo: {"许可证号", "许可编号", "证书编号", "许可证书编号"},
	model.ColType:      {"类型", "许可类型", "事项", "许可事项"},
	model.ColChanges:   {"变更内容"},
	model.ColDecidedOn: {"发证日期", "决定日期"},
	model.ColValidFrom: {"有效期起", "有效期开始日期", "有效期起始日期"},
	model.ColValidTo:   {"有效期止", "有效期截止日期", "有效期结束日期"},
	model.ColAuthority: {"发证机关", "决定机关"},
	model.ColDocNo:     {"文书号", "行政许可决定文书号"},
	fState:             {"许可状态", "证照状态", "状态"},
}

// ignoredColumns are headings of columns no table reads: a row number, and
// the columns of the national 双公示 layouts the register does not publish
// (the other codes of the 行政相对人, the licence's category, the source of
// the data). The summary lists them once per file.
var ignoredColumns = map[string]bool{"序号": true, "行号": true,
	"行政相对人类别": true, "行政相对人代码_2(工商注册号)": true, "行政相对人代码_3(组织机构代码)": true,
	"行政相对人代码_4(税务登记号)": true, "行政相对人代码_5(事业单位证书号)": true, "行政相对人代码_6(社会组织登记证号)": true,
	"许可类别": true, "许可机关统一社会信用代码": true, "当前状态": true, "数据来源单位": true, "数据来源单位统一社会信用代码": true,
	// the 行政处罚 layout's, besides what a 吊销 is read from
	"违法行为类型": true, "违法事实": true, "处罚依据": true, "罚款金额(万元)": true, "没收违法所得、没收非法财物的金额(万元)": true,
	"处罚有效期": true, "公示截止期": true, "处罚机关统一社会信用代码": true,
}

// The columns of the national 双公示 行政许可 layout the 公示类型 is inferred
// from when a file has none (typeFromText).
const (
	// fState is a current-licences snapshot's 当前状态 (CurrentSchema).
	fState          = "当前状态"
	fLicenceContent = "许可内容"
	fCertName       = "许可证书名称"
	fDocTitle       = "行政许可决定文书名称"
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

// The field titles, short names for the model's.
const (
	fName          = model.ColName
	fCode          = model.ColCode
	fLegalRep      = model.ColLegalRep
	fAddress       = model.ColAddress
	fCapital       = model.ColCapital
	fLicenceNo     = model.ColLicenceNo
	fType          = model.ColType
	fChanges       = model.ColChanges
	fDecidedOn     = model.ColDecidedOn
	fValidFrom     = model.ColValidFrom
	fValidTo       = model.ColValidTo
	fAuthority     = model.ColAuthority
	fRegion        = model.ColRegion
	fPublishedOn   = model.ColPublishedOn
	fDocNo         = model.ColDocNo
	fParentCode    = model.ColParentCode
	fNote          = model.ColNote
	fYear          = model.ColYear
	fResult        = model.ColResult
	fFailReasons   = model.ColFailReasons
	fCheckAuth     = model.ColCheckAuth
	fAnnounced     = model.ColAnnounced
	fGradeYear     = model.ColGradeYear
	fGrade         = model.ColGrade
	fEvaluator     = model.ColEvaluator
	fListedOn      = model.ColListedOn
	fListReason    = model.ColListReason
	fListAuthority = model.ColListAuthority
	fRemovedOn     = model.ColRemovedOn
	fRemovalReason = model.ColRemovalReason
	fRegionName    = model.ColRegionName
	fRegionParent  = model.ColRegionParent
	fDay           = model.ColDay
	fDayKind       = model.ColDayKind
	fDayBasis      = model.ColDayBasis
)

// LicencesSchema is data/licences: one row per 许可决定.
var LicencesSchema = &Schema{Base: "licences", Title: "许可决定", Fields: []Field{
	{Title: fName, Name: "name", Required: true},
	{Title: fCode, Name: "credit_code", Required: true, kind: kindCreditCode},
	{Title: fLegalRep, Name: "legal_representative"},
	{Title: fAddress, Name: "address"},
	{Title: fCapital, Name: "registered_capital_wan"},
	{Title: fLicenceNo, Name: "licence_no", Required: true, kind: kindLicenceNo},
	{Title: fType, Name: "tag", Required: true, InferredFrom: []string{fLicenceContent, fCertName, fDocTitle}},
	{Title: fChanges, Name: "changes"},
	{Title: fDecidedOn, Name: "decided_on", Required: true},
	{Title: fValidFrom, Name: "valid_from"},
	{Title: fValidTo, Name: "valid_to"},
	{Title: fAuthority, Name: "authority", Required: true},
	{Title: fRegion, Name: "region_code", Required: true, kind: kindCreditCode, InferredFrom: []string{fCode}},
	{Title: fPublishedOn, Name: "published_on"},
	{Title: fDocNo, Name: "doc_no", kind: kindLicenceNo},
	{Title: fParentCode, Name: "parent_code", kind: kindCreditCode},
	{Title: fNote, Name: "note"},
	{Title: fLicenceContent, Name: "licence_content"},
	{Title: fCertName, Name: "certificate_name"},
	{Title: fDocTitle, Name: "decision_document_title"},
}}

// CurrentSchema is data/licences-current: a current-licences snapshot, one
// row per agency with its present licence and no history (what many
// licensing systems export). Each row is the agency's licence as the
// export dates it (model.Decision.Snapshot); an agency that licences has
// decisions for is taken from them.
var CurrentSchema = &Schema{Base: "licences-current", Title: "许可现状", Optional: true, Fields: snapshotFields()}

// snapshotFields are the licences' fields as a snapshot has them: no
// 公示类型 or 许可决定日期 needed (a row is the licence in force, dated by its
// validity when it has no date of its own), no 变更事项 or texts to infer a
// type from, and its 当前状态.
func snapshotFields() []Field {
	var out []Field
	for _, f := range LicencesSchema.Fields {
		switch f.Title {
		case fChanges, fLicenceContent, fCertName, fDocTitle:
			continue
		case fType, fDecidedOn:
			f.Required, f.InferredFrom = false, nil
		}
		out = append(out, f)
	}
	return append(out, Field{Title: fState, Name: "state"})
}

// ChecksSchema is data/annual-checks: 年度经营情况报告核验结果.
var ChecksSchema = &Schema{Base: "annual-checks", Title: "年度经营情况报告核验结果", Optional: true, Fields: []Field{
	{Title: fYear, Name: "year", Required: true},
	{Title: fName, Name: "name", Required: true},
	{Title: fCode, Name: "credit_code", Required: true, kind: kindCreditCode},
	{Title: fLicenceNo, Name: "licence_no", kind: kindLicenceNo},
	{Title: fResult, Name: "result", Required: true},
	{Title: fFailReasons, Name: "fail_reasons"},
	{Title: fCheckAuth, Name: "authority", Required: true},
	{Title: fAnnounced, Name: "published_on"},
}}

// GradesSchema is data/grades: 信用等级评价结果.
var GradesSchema = &Schema{Base: "grades", Title: "信用等级评价结果", Optional: true, Fields: []Field{
	{Title: fGradeYear, Name: "year", Required: true},
	{Title: fName, Name: "name", Required: true},
	{Title: fCode, Name: "credit_code", Required: true, kind: kindCreditCode},
	{Title: fGrade, Name: "grade", Required: true},
	{Title: fEvaluator, Name: "evaluator", Required: true},
	{Title: fValidTo, Name: "valid_until"},
}}

// AbnormalSchema is data/abnormal: 经营异常名录.
var AbnormalSchema = &Schema{Base: "abnormal", Title: "经营异常名录", Optional: true, Fields: []Field{
	{Title: fCode, Name: "credit_code", Required: true, kind: kindCreditCode},
	{Title: fName, Name: "name", Required: true},
	{Title: fListedOn, Name: "listed_on", Required: true},
	{Title: fListReason, Name: "reason", Required: true},
	{Title: fListAuthority, Name: "authority", Required: true},
	{Title: fRemovedOn, Name: "removed_on"},
	{Title: fRemovalReason, Name: "removal_reason"},
}}

// RegionsSchema is data/regions: names for the GB/T 2260 codes used.
var RegionsSchema = &Schema{Base: "regions", Title: "行政区划", Fields: []Field{
	{Title: fRegion, Name: "code", Required: true, kind: kindCreditCode},
	{Title: fRegionName, Name: "name", Required: true},
	{Title: fRegionParent, Name: "parent_code", kind: kindCreditCode},
}}

// HolidaysSchema is data/holidays: the bureau's additions and corrections
// to the official holiday calendar (a year not yet in it, a local holiday).
var HolidaysSchema = &Schema{Base: "holidays", Title: "节假日安排", Optional: true, Fields: []Field{
	{Title: fDay, Name: "date", Required: true},
	{Title: fDayKind, Name: "kind", Required: true},
	{Title: fDayBasis, Name: "basis"},
}}

// PenaltiesSchema is data/penalties: the national 双公示 行政处罚 layout.
// Only a penalty that revokes the 劳务派遣经营许可证 is read, as a 吊销
// decision; the summary counts the others. A file of this layout among
// the licence files (data/licences/) is recognised by its header.
var PenaltiesSchema = &Schema{Base: "penalties", Title: "行政处罚", Optional: true, Fields: []Field{
	{Title: fName, Name: "name", Required: true},
	{Title: fCode, Name: "credit_code", Required: true, kind: kindCreditCode},
	{Title: fPenaltyNo, Name: "penalty_no", Required: true, kind: kindLicenceNo},
	{Title: fPenaltyKind, Name: "penalty_kind", Required: true},
	{Title: fPenaltyContent, Name: "penalty_content"},
	{Title: fPenaltyLicence, Name: "licence_revoked"},
	{Title: fPenaltyOn, Name: "penalty_date", Required: true},
	{Title: fPenaltyAuthority, Name: "penalty_authority", Required: true},
	{Title: fNote, Name: "note"},
	{Title: fLegalRep, Name: "legal_representative"},
}}

// The columns of the national 双公示 行政处罚 layout the register reads.
const (
	fPenaltyNo        = "行政处罚决定书文号"
	fPenaltyKind      = "处罚类别"
	fPenaltyContent   = "处罚内容"
	fPenaltyLicence   = "暂扣或吊销证照名称及编号"
	fPenaltyOn        = "处罚决定日期"
	fPenaltyAuthority = "处罚机关"
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
