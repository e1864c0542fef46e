package model

// Source is where a record came from: its file (as given on the command
// line, e.g. data/licences.csv) and the 1-based physical line its row starts on.
type Source struct {
	File string
	Line int
}

// Decision is one row of licences.csv: one published 许可决定. The row holds
// the agency's particulars as of that decision.
type Decision struct {
	Src         Source
	Name        string       // 行政相对人名称
	Code        string       // 统一社会信用代码, normalised
	LegalRep    string       // 法定代表人
	Address     string       // 住所
	Capital     string       // 注册资本（万元）, as written
	CapitalWan  float64      // parsed capital, 0 when not given
	LicenceNo   string       // 许可证编号
	Changes     string       // 变更事项
	Authority   string       // 许可机关
	RegionCode  string       // 行政区划代码
	DocNo       string       // 决定文书号
	ParentCode  string       // 上级单位统一社会信用代码 (备案)
	Note        string       // 备注
	DecidedOn   Date         // 许可决定日期
	ValidFrom   Date         // 有效期自
	ValidTo     Date         // 有效期至
	PublishedOn Date         // 公示日期; 0 when the export leaves it blank
	Type        DecisionType // 公示类型
	// Snapshot says the row came from a current-licences snapshot
	// (data/licences-current): the agency's present licence, dated as the
	// export dates it, not a decision announced on DecidedOn. It is never
	// listed as an announcement, counted as a decision of its year, or
	// checked for its 公示日期.
	Snapshot bool
	// Penalty says the row came from a 行政处罚 export (data/penalties): a
	// 吊销 that the licences export may list too, as its own row.
	Penalty bool
	// Stated is what the row's own 当前状态 says of its licence, when the
	// export has the column: checked against what the register derives,
	// never read as the licence's state.
	Stated Stated
	// StatedCol is the column Stated was read from when it is not the
	// 当前状态 (1-based; 0 for 当前状态, and past column 255): the agency's
	// 经营状态, or a column that dates an ending (注销日期).
	StatedCol uint8
	// The dates and the small fields come last, together: in the order of
	// the columns the padding made a Decision 264 bytes, allocated as 288;
	// now it is 248, allocated as 256 (28 MB less at 200,000 agencies).
}

// ListedOn is the date a decision is listed and dated by in announcements
// and feeds: its 公示日期, or its decision date when that is blank.
func (d *Decision) ListedOn() Date {
	if d.PublishedOn != 0 {
		return d.PublishedOn
	}
	return d.DecidedOn
}

// AnnualCheck is one 年度经营情况报告核验 result.
type AnnualCheck struct {
	Src         Source
	Year        int         // 年度: the year reported on
	Name        string      // 行政相对人名称
	Code        string      // 统一社会信用代码
	LicenceNo   string      // 许可证编号 (optional)
	Result      CheckResult // 核验结果
	FailReasons string      // 不合格情形
	Authority   string      // 核验机关
	PublishedOn Date        // 公布日期 (optional)
}

// Grade is one 信用等级评价 result.
type Grade struct {
	Src        Source
	Year       int    // 评价年度
	Name       string // 行政相对人名称
	Code       string // 统一社会信用代码
	Grade      string // 信用等级, one of the site's scale
	Evaluator  string // 评价机构
	ValidUntil Date   // 有效期至 (optional)
}

// Listing is one entry of the 经营异常名录.
type Listing struct {
	Src           Source
	Code          string // 统一社会信用代码
	Name          string // 行政相对人名称
	ListedOn      Date   // 列入日期
	Reason        string // 列入原因
	Authority     string // 列入机关
	RemovedOn     Date   // 移出日期
	RemovalReason string // 移出原因
}

// Removed reports whether the listing was lifted on or before d.
func (l *Listing) Removed(d Date) bool { return !l.RemovedOn.IsZero() && l.RemovedOn <= d }

// Region is a GB/T 2260 administrative division.
type Region struct {
	Src    Source
	Code   string // 行政区划代码, 6 digits
	Name   string // 名称
	Parent string // 上级代码
}

// Holiday is one day of data/holidays.csv (节假日安排): a bureau's
// addition or correction to the official holiday calendar.
type Holiday struct {
	Src   Source
	Date  Date   // 日期
	Work  bool   // 休/班: true for 班 (a working day, e.g. a 调休 weekend)
	Basis string // 依据: the notice that says so
}

// Dataset is every table of the data/ directory after loading.
type Dataset struct {
	Decisions []*Decision
	Checks    []*AnnualCheck
	Grades    []*Grade
	Listings  []*Listing
	Regions   []*Region
	Holidays  []*Holiday
	// Columns maps each loaded file to its field → 1-based column, so later
	// stages can point diagnostics at the right cell.
	Columns map[string]map[string]int
	// Headings are each loaded file's column headings as it writes them
	// (发证日期 where the register says 许可决定日期), for diagnostics.
	Headings map[string][]string
	// ReadAs says, per file, how it was read when there is something to
	// say: the encoding assumed when it was not UTF-8, the sheet of a
	// workbook with several, its 1904 date system.
	ReadAs map[string]string
	// Explain says, per file, the layout recognised and what each column
	// was read as (portal check --explain-import).
	Explain map[string][]string
	// Unreadable names the tables (licences, regions…) that could not be
	// read whole: a missing or undecodable file, a parse error, a missing
	// required column. What other tables say of their rows is not checked,
	// so the cause is not buried under its consequences.
	Unreadable map[string]bool
	// Stated are the days exports say they were made (导出时间, 截至日期
	// in a title row above the header), by the file and row that say so.
	Stated []StatedDate
}

// StatedDate is the day an export says, in a row above its header, that it
// was made or that its data run to: 导出时间：2026-06-01, 数据截至2026年6月1日.
type StatedDate struct {
	File string
	Line int
	Text string // the row's text
	Date Date
}

// Col returns the 1-based column of field in file, or 0.
func (d *Dataset) Col(file, field string) int { return d.Columns[file][field] }
