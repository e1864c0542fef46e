package model

// Column is a column an input table (DESIGN §4) and the open-data dataset
// that publishes it share: defined once here, it is what the loader
// matches headers to, what later stages point diagnostics at, and the
// heading and field name of the published files.
type Column struct {
	Title string // the Chinese heading: the input's (matched after width folding) and the Excel copy's
	Name  string // the English field name of the CSV and JSON files, also accepted as an input heading
	// Type is what a value is: the loader reads the column's cells as it
	// says (TestTypedColumnsAreReadAsTheirType in package load holds it to
	// that), and the dataset publishes the column as this Table Schema
	// type. Zero for a column that is read, not published.
	Type Type
}

// Type is a Table Schema field type (Frictionless v2), as the input tables
// and the datasets use them.
type Type uint8

const (
	TypeString  Type = iota + 1 // text, published exactly as in the input
	TypeDate                    // ISO 8601 date; an input cell in a form the loader reads (ParseDate)
	TypeInteger                 // 0 is published as empty (null); an input year is 2024 or 2024年
	TypeNumber                  // decimal text
	TypeBoolean                 // true or false
	TypeArray                   // a JSON array in the canonical CSV, ListSep-joined in the Excel copy
	TypeCount                   // an integer whose 0 is published as 0 (a Table Schema integer)
)

var typeNames = [...]string{"", "string", "date", "integer", "number", "boolean", "array", "integer"}

func (t Type) String() string { return typeNames[t] }

// The blocks below are declarative tables, one per input table and one
// line a column, and look alike on purpose (duplicates pairs them by
// shape): this is the one place a column's heading, field name and type
// are written, which load, register and opendata all read.

// The columns of the licensing decisions: data/licences (and
// licences-current), the decisions dataset and the register's copies.
var (
	ColName        = Column{"行政相对人名称", "name", TypeString}
	ColCode        = Column{"统一社会信用代码", "code", TypeString}
	ColLegalRep    = Column{"法定代表人", "legal_representative", TypeString}
	ColAddress     = Column{"住所", "address", TypeString}
	ColCapital     = Column{"注册资本（万元）", "registered_capital_wan", TypeNumber}
	ColLicenceNo   = Column{"许可证编号", "licence_number", TypeString}
	ColType        = Column{"公示类型", "type", TypeString}
	ColChanges     = Column{"变更事项", "changes", TypeString}
	ColDecidedOn   = Column{"许可决定日期", "decided_on", TypeDate}
	ColValidFrom   = Column{"有效期自", "valid_from", TypeDate}
	ColValidTo     = Column{"有效期至", "valid_to", TypeDate}
	ColAuthority   = Column{"许可机关", "authority", TypeString}
	ColRegion      = Column{"行政区划代码", "region_code", TypeString}
	ColPublishedOn = Column{"公示日期", "published_on", TypeDate}
	ColDocNo       = Column{"决定文书号", "doc_no", TypeString}
	ColParentCode  = Column{"上级单位统一社会信用代码", "parent_code", TypeString}
	ColNote        = Column{"备注", "note", TypeString}
	// ColState is a row's 当前状态 (Stated): read, not published.
	ColState = Column{"当前状态", "state", TypeString}
	// ColBusinessState is a row's 经营状态: the agency's own state in the
	// business register (存续, 吊销，未注销, 注销), read as its Stated when
	// it says the business ended and 当前状态 does not say as much.
	ColBusinessState = Column{"经营状态", "business_state", TypeString}
	// ColEndedOn is a row's 终止日期 (注销日期, 吊销日期…), as an export that
	// marks the row of a licence that ended gives it: read as its Stated.
	ColEndedOn = Column{"终止日期", "ended_on", TypeString}
)

// The columns of the annual checks (data/annual-checks, annual-checks).
var (
	ColYear        = Column{"年度", "year", TypeInteger}
	ColResult      = Column{"核验结果", "result", TypeString}
	ColFailReasons = Column{"不合格情形", "fail_reasons", TypeString}
	ColCheckAuth   = Column{"核验机关", "authority", TypeString}
	ColAnnounced   = Column{"公布日期", "published_on", TypeDate}
)

// The columns of the credit grades (data/grades, grades).
var (
	ColGradeYear  = Column{"评价年度", "year", TypeInteger}
	ColGrade      = Column{"信用等级", "grade", TypeString}
	ColEvaluator  = Column{"评价机构", "evaluator", TypeString}
	ColValidUntil = Column{"有效期至", "valid_until", TypeDate}
)

// The columns of the 经营异常名录 (data/abnormal, abnormal).
var (
	ColListedOn      = Column{"列入日期", "listed_on", TypeDate}
	ColListReason    = Column{"列入原因", "reason", TypeString}
	ColListAuthority = Column{"列入机关", "authority", TypeString}
	ColRemovedOn     = Column{"移出日期", "removed_on", TypeDate}
	ColRemovalReason = Column{"移出原因", "removal_reason", TypeString}
)

// The columns of the region names (data/regions, regions).
var (
	ColRegionCode   = Column{"行政区划代码", "code", TypeString}
	ColRegionName   = Column{"名称", "name", TypeString}
	ColRegionParent = Column{"上级代码", "parent_code", TypeString}
)

// The columns of the bureau's holiday calendar (data/holidays), which is
// read, not published.
var (
	ColDay      = Column{"日期", "date", TypeDate}
	ColDayKind  = Column{"休/班", "kind", TypeString}
	ColDayBasis = Column{"依据", "basis", TypeString}
)
