package model

// Column is a column an input table (DESIGN §4) and the open-data dataset
// that publishes it share: defined once here, it is what the loader
// matches headers to, what later stages point diagnostics at, and the
// heading and field name of the published files.
type Column struct {
	Title string // the Chinese heading: the input's (matched after width folding) and the Excel copy's
	Name  string // the English field name of the CSV and JSON files, also accepted as an input heading
}

// The columns of the licensing decisions: data/licences (and
// licences-current), the decisions dataset and the register's copies.
var (
	ColName        = Column{"行政相对人名称", "name"}
	ColCode        = Column{"统一社会信用代码", "code"}
	ColLegalRep    = Column{"法定代表人", "legal_representative"}
	ColAddress     = Column{"住所", "address"}
	ColCapital     = Column{"注册资本（万元）", "registered_capital_wan"}
	ColLicenceNo   = Column{"许可证编号", "licence_number"}
	ColType        = Column{"公示类型", "type"}
	ColChanges     = Column{"变更事项", "changes"}
	ColDecidedOn   = Column{"许可决定日期", "decided_on"}
	ColValidFrom   = Column{"有效期自", "valid_from"}
	ColValidTo     = Column{"有效期至", "valid_to"}
	ColAuthority   = Column{"许可机关", "authority"}
	ColRegion      = Column{"行政区划代码", "region_code"}
	ColPublishedOn = Column{"公示日期", "published_on"}
	ColDocNo       = Column{"决定文书号", "doc_no"}
	ColParentCode  = Column{"上级单位统一社会信用代码", "parent_code"}
	ColNote        = Column{"备注", "note"}
)

// The columns of the annual checks (data/annual-checks, annual-checks).
var (
	ColYear        = Column{"年度", "year"}
	ColResult      = Column{"核验结果", "result"}
	ColFailReasons = Column{"不合格情形", "fail_reasons"}
	ColCheckAuth   = Column{"核验机关", "authority"}
	ColAnnounced   = Column{"公布日期", "published_on"}
)

// The columns of the credit grades (data/grades, grades).
var (
	ColGradeYear  = Column{"评价年度", "year"}
	ColGrade      = Column{"信用等级", "grade"}
	ColEvaluator  = Column{"评价机构", "evaluator"}
	ColValidUntil = Column{"有效期至", "valid_until"}
)

// The columns of the 经营异常名录 (data/abnormal, abnormal).
var (
	ColListedOn      = Column{"列入日期", "listed_on"}
	ColListReason    = Column{"列入原因", "reason"}
	ColListAuthority = Column{"列入机关", "authority"}
	ColRemovedOn     = Column{"移出日期", "removed_on"}
	ColRemovalReason = Column{"移出原因", "removal_reason"}
)

// The columns of the region names (data/regions, regions).
var (
	ColRegionCode   = Column{"行政区划代码", "code"}
	ColRegionName   = Column{"名称", "name"}
	ColRegionParent = Column{"上级代码", "parent_code"}
)

// The columns of the bureau's holiday calendar (data/holidays), which is
// read, not published.
var (
	ColDay      = Column{"日期", "date"}
	ColDayKind  = Column{"休/班", "kind"}
	ColDayBasis = Column{"依据", "basis"}
)
