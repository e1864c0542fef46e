package load

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gocarina/gocsv"

	"portal/generator/diag"
	"portal/generator/model"
)

// rowsDecoder hands already-read rows to gocsv (gocsv.Decoder).
type rowsDecoder [][]string

func (r rowsDecoder) GetCSVRows() ([][]string, error) { return r, nil }

// unmarshal maps the table's rows onto out (a *[]T of a row type) by header.
// Each row type hands its cells to setCell (gocsv's UnmarshalCSVWithFields,
// which gocsv calls only on a slice of values, not of pointers),
// which sets the cell its schema's field names (Field.cell) without
// gocsv's reflection per cell: at 50,000 agencies that reflection was a
// sixth of the load.
func unmarshal(t *table, out any) error {
	rows := make([][]string, 0, len(t.rows)+1)
	rows = append(rows, t.header)
	rows = append(rows, t.rows...)
	if len(t.rows) == 0 {
		return nil
	}
	return gocsv.UnmarshalDecoder(rowsDecoder(rows), out)
}

// eachRow is the loop of every register table's decoder: it reads t's
// rows into R (unmarshal) and has fill set one M from each, given the
// row's position for its diagnostics and the table's texts to share
// repeated values through (intern.go). The Ms are made in one allocation
// and returned in the file's order; a row fill leaves out (row.left) is
// not among them.
func eachRow[R, M any](t *table, d *diag.List, fill func(r *row, x *R, m *M, keep *texts)) ([]*M, error) {
	buf := rowBuf[R](len(t.rows))
	defer buf.done()
	in := buf.rows
	if err := unmarshal(t, &in); err != nil {
		return nil, err
	}
	for title, v := range t.given { // a column the file lacks, its title gives
		if at := cellsOf[R](t.schema)[title]; at != nil {
			for i := range in {
				*at(&in[i]) = v.value
			}
		}
	}
	out, slab := make([]*M, 0, len(in)), make([]M, len(in))
	keep := newTexts(len(in))
	r := &row{t: t, d: d} // one for all the rows: fill keeps no pointer to it
	for i := range in {
		r.line, r.left = t.lines[i], false
		fill(r, &in[i], &slab[i], keep)
		if !r.left {
			out = append(out, &slab[i])
		}
	}
	return out, nil
}

// rowBufs holds, for each row type, slices that table parts were read
// into (eachRow): each M keeps only what fill copies from its R, so the
// next part of any table of the type reads into the same memory. gocsv
// makes the slice it reads into when it is shorter than the rows; given
// one as long, it sets every element. At 50,000 agencies the slices were
// 99 MB of a check's 946 MB of allocations; at 200,000, 388 MB.
var rowBufs sync.Map // reflect.Type → *sync.Pool of *[]R

// rowsBuf is a slice of n rows of a type, until done.
type rowsBuf[R any] struct {
	rows []R
	pool *sync.Pool
	b    *[]R
}

// rowBuf is a slice of n rows of type R, reused (rowBufs).
func rowBuf[R any](n int) rowsBuf[R] {
	p, ok := rowBufs.Load(reflect.TypeFor[R]())
	if !ok {
		p, _ = rowBufs.LoadOrStore(reflect.TypeFor[R](), new(sync.Pool))
	}
	pool := p.(*sync.Pool)
	b, got := pool.Get().(*[]R)
	if !got || cap(*b) < n {
		s := make([]R, n)
		b = &s
	}
	*b = (*b)[:n]
	return rowsBuf[R]{rows: *b, pool: pool, b: b}
}

// done gives the slice back, its cells cleared so that it holds on to
// none of the file's text.
func (b rowsBuf[R]) done() {
	clear(*b.b)
	b.pool.Put(b.b)
}

// cellsOf maps the column titles of the schemas that read the row type R
// to the cells of R they fill, once per type at start-up. Every field of
// those schemas must name a cell of R: a schema that points at another row
// type stops the program as it starts, which every test run sees.
func cellsOf[R any](schemas ...*Schema) map[string]func(*R) *string {
	idx := map[string]func(*R) *string{}
	for _, sc := range schemas {
		for _, f := range sc.Fields {
			at, ok := f.cell.(func(*R) *string)
			if !ok {
				panic(fmt.Sprintf("load: the %s column %q fills no cell of %T", sc.Base, f.Title, *new(R)))
			}
			idx[f.Title] = at
		}
	}
	return idx
}

// setCell sets the cell of the row x that cells (its type's) gives for
// title; other titles are not the row's.
func setCell[R any](x *R, cells map[string]func(*R) *string, title, value string) error {
	if at, ok := cells[title]; ok {
		*at(x) = value
	}
	return nil
}

// Each row type gets its own UnmarshalCSVWithFields, alike in shape:
// gocsv calls the method on the row's type, and a generic one cannot be a
// method.
var (
	licenceCells = cellsOf[licenceRow](LicencesSchema, CurrentSchema)
	checkCells   = cellsOf[checkRow](ChecksSchema)
	gradeCells   = cellsOf[gradeRow](GradesSchema)
	listingCells = cellsOf[listingRow](AbnormalSchema)
	regionCells  = cellsOf[regionRow](RegionsSchema)
	holidayCells = cellsOf[holidayRow](HolidaysSchema)
	penaltyCells = cellsOf[penaltyRow](PenaltiesSchema)
)

func (x *licenceRow) UnmarshalCSVWithFields(title, value string) error {
	return setCell(x, licenceCells, title, value)
}
func (x *checkRow) UnmarshalCSVWithFields(title, value string) error {
	return setCell(x, checkCells, title, value)
}
func (x *gradeRow) UnmarshalCSVWithFields(title, value string) error {
	return setCell(x, gradeCells, title, value)
}
func (x *listingRow) UnmarshalCSVWithFields(title, value string) error {
	return setCell(x, listingCells, title, value)
}
func (x *regionRow) UnmarshalCSVWithFields(title, value string) error {
	return setCell(x, regionCells, title, value)
}
func (x *holidayRow) UnmarshalCSVWithFields(title, value string) error {
	return setCell(x, holidayCells, title, value)
}
func (x *penaltyRow) UnmarshalCSVWithFields(title, value string) error {
	return setCell(x, penaltyCells, title, value)
}

// licenceRow is a licences.csv row as text, bound by header.
type licenceRow struct {
	Name        string
	Code        string
	LegalRep    string
	Address     string
	Capital     string
	LicenceNo   string
	Type        string
	Changes     string
	DecidedOn   string
	ValidFrom   string
	ValidTo     string
	Validity    string // the period in one cell (fValidity)
	Authority   string
	Region      string
	PublishedOn string
	DocNo       string
	ParentCode  string
	Note        string
	// the national 双公示 layout's texts, when it has no 公示类型
	Content  string
	CertName string
	DocTitle string
	// a current-licences snapshot's; read beside a history as checks
	State    string
	Business string // fBusinessState
	Ended    string // model.ColEndedOn
}

// snapshotType is what a current-licences row is: the licence in force
// (新许可, or 延续 when the export says so) or a branch's 备案. A 当前状态
// that says the licence ended cannot be dated, so it is an error.
func (r *row) snapshotType(x *licenceRow) model.DecisionType {
	if field, v, _ := r.endedBeside(x); field != "" && !r.stated(x.State).NotInForce() {
		// the business ended, or a column dates an ending: as undated
		r.errorf(field, v, "put the agency's 注销, 撤销 or 吊销 decision, with its date, in licences (the history then replaces this row), or leave the agency out of the snapshot",
			"the row says the agency's licence or business ended, while a 许可现状 row is published as the licence in force")
	}
	switch state := r.stated(x.State); {
	case strings.TrimSpace(x.State) == "" || state.Class() == model.StatedInForce:
	case state.Class() == model.StatedEnded:
		r.errorf(model.ColState.Title, x.State, "put the agency's 注销, 撤销 or 吊销 decision, with its date, in licences (the history then replaces this row), or leave the agency out of the snapshot",
			"a 许可现状 row whose licence ended cannot say since when, so it cannot be published as either licensed or not")
	case state.Class() == model.StatedExpired:
		r.warnf(model.ColState.Title, x.State, "", "the licence is published as its 有效期至 %s says, not as this 当前状态 does", x.ValidTo)
	default:
		r.errorf(model.ColState.Title, x.State, "write the licence's state as 有效 (or 过期), or put the decision that changed it in licences",
			"a 当前状态 the portal cannot judge: the agency could be published neither as licensed nor as not")
	}
	typ := model.NewLicence
	if x.ParentCode != "" {
		typ = model.Filing
	}
	if x.Type != "" {
		t, _, ok := r.t.set.decisionType(x.Type)
		switch {
		case ok && (t == model.NewLicence || t == model.Renewal || t == model.Filing):
			typ = t
		default:
			r.errorf(model.ColType.Title, x.Type, "a snapshot lists licences in force: leave 公示类型 empty, or write 新许可, 延续 or 备案; decisions that end a licence belong in licences",
				"公示类型 %q in a 许可现状 (current licences) file", x.Type)
		}
	}
	return typ
}

// typeWords are the other words exports use for a 公示类型 (provincial
// workbooks: 新办, 首次, 延期; branch filings: 分支机构备案), known without
// settings; any other is read by its action word (typeFromText).
var typeWords = map[string]model.DecisionType{
	"新办": model.NewLicence, "新设": model.NewLicence, "新设立": model.NewLicence, "首次": model.NewLicence,
	"首次申请": model.NewLicence, "新申请": model.NewLicence, "设立": model.NewLicence, "新办许可": model.NewLicence,
	"变更许可": model.Change, "许可变更": model.Change, "延续许可": model.Renewal, "许可延续": model.Renewal,
	"注销许可": model.Cancellation, "许可注销": model.Cancellation, "延期": model.Renewal, "许可延期": model.Renewal,
	"分支机构备案": model.Filing, "分公司备案": model.Filing, "设立分支机构备案": model.Filing,
}

// resultWords are the other words exports use for a 核验结果, whole: a
// word is never read by a part of it (核验不合格 holds 合格).
var resultWords = map[string]model.CheckResult{
	"核验合格": model.CheckPass, "通过": model.CheckPass, "核验通过": model.CheckPass,
	"核验不合格": model.CheckFail, "未通过": model.CheckFail, "不通过": model.CheckFail, "核验未通过": model.CheckFail,
	"未开展业务": model.CheckNoBusiness, "未开展劳务派遣业务": model.CheckNoBusiness, "无经营业务": model.CheckNoBusiness,
}

// checkResult reads a 核验结果: 合格, 不合格, 无业务 or one of resultWords.
// A word spaced out for alignment (合 格, 不　合　格) is read as the word.
func checkResult(s string) (model.CheckResult, bool) {
	w := unspaced(s)
	if res, ok := model.ParseCheckResult(w); ok {
		return res, true
	}
	res, ok := resultWords[w]
	return res, ok
}

// resultRemarkMarkers, in a bracketed remark after a 核验结果,
// say it is not settled or not in force: the 公示类型 remarks' words
// (proposed, voided, withdrawn, corrected, suspended…), a review or an
// appeal under way, and a result undone. 待 alone is not among them: a
// 不合格（待整改） is a result, its rectification to come.
var resultRemarkMarkers = append(slices.DeleteFunc(slices.Clone(remarkMarkers), func(w string) bool { return w == "待" }),
	"待定", "待审", "待核", "待复核", "待确认", "复核", "复查", "申诉", "异议", "撤销", "未定", "未确定", "暂定")

// unsettledRemark is the marker word of resultRemarkMarkers the remark
// holds, "" when none.
func unsettledRemark(remark string) string {
	for _, w := range resultRemarkMarkers {
		if strings.Contains(remark, w) {
			return w
		}
	}
	return ""
}

// withRemark splits a cell ending in a remark in brackets — 不合格（逾期未报）,
// 合格(已整改) — into its word and the remark.
func withRemark(s string) (word, remark string, ok bool) {
	s = strings.TrimSpace(s)
	for _, p := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if rest, found := strings.CutSuffix(s, p[1]); found {
			if i := strings.LastIndex(rest, p[0]); i > 0 {
				word, remark = strings.TrimSpace(rest[:i]), strings.TrimSpace(rest[i+len(p[0]):])
				return word, remark, word != "" && remark != ""
			}
		}
	}
	return "", "", false
}

// inferType works out a 双公示 row's 公示类型 from its texts (typeFromText);
// changes is the row's 变更事项, filled from the text for a 变更 when empty.
func (r *row) inferType(x *licenceRow, changes string) (model.DecisionType, string) {
	typ, said, ok := typeFromText(x.Content, x.CertName, x.DocTitle)
	if !ok {
		field, v := fLicenceContent, x.Content
		if v == "" {
			field, v = fDocTitle, x.DocTitle
		}
		if v == "" {
			field, v = fCertName, x.CertName
		}
		r.errorf(field, v, "add a 公示类型 column (新许可 变更 延续 撤销 吊销 注销 备案), or name the decision in the text",
			"cannot tell the 公示类型 from %s %q, %s %q and %s %q: none of 吊销 撤销 注销 延续 变更 备案 新设 新办 设立 首次 准予 (or it refuses one, or says it was not made or was undone: 不予, 驳回, 撤回, 未通过, 拟, 告知书, 撤销 of a 吊销)",
			fLicenceContent, x.Content, fCertName, x.CertName, fDocTitle, x.DocTitle)
		return 0, changes
	}
	if typ == model.Change && changes == "" {
		changes = said
	}
	return typ, changes
}

// decisionType reads a 公示类型: its name, or a word exports use for it
// (typeWords), or one the import settings give; spaced out for alignment
// (新 许 可), it is read as the word. Any other is read by its grammar
// (typeFromCell: 准予延续, 吊销许可证, 变更登记); when it cannot be, why
// names the words it was refused for.
func (rs *readSettings) decisionType(s string) (t model.DecisionType, why string, ok bool) {
	w := unspaced(s)
	if t, ok := model.ParseDecisionType(w); ok {
		return t, "", true
	}
	if rs != nil {
		if t, ok := rs.types[w]; ok {
			return t, "", true
		}
	}
	if t, ok := typeWords[w]; ok {
		return t, "", true
	}
	return typeFromCell(w)
}

// unknownType reports a 公示类型 decisionType could not read, saying what
// it was refused for.
func (r *row) unknownType(v, why string) {
	const known = "use one of 新许可 变更 延续 撤销 吊销 注销 备案; words made of one of them and words such as 准予, 许可证, 劳务派遣, 登记 or 依申请 (准予延续, 吊销许可证) are read too; if your system means one decision by this word, map it in data/import.toml ([licences] types = { \"word\" = \"吊销\" })"
	if why == "" {
		r.errorf(model.ColType.Title, v, known, "unknown 公示类型: it names no decision")
		return
	}
	r.errorf(model.ColType.Title, v, known,
		"unknown 公示类型: it holds %q, which may say the decision was refused, not yet made, undone or not in effect (拟, 告知, 未通过, 撤销 of a 吊销 …); read by its decision word alone it could publish a licensed agency as ended", why)
}

// licensingBegan is the day the 劳务派遣经营许可 began: the 劳动合同法 as
// amended on 2012-12-28 took effect on 2013-07-01, and 人社部令第19号 with
// it. A snapshot's 发证日期 is not held to it (a licence's first issue is
// what some exports give there, and nothing is announced by it).
const licensingBegan = model.Date(20130701)

// MinCapitalWan is the statutory minimum registered capital, 200万元.
const MinCapitalWan = 200

// implausibleCapitalWan is a registered capital no dispatch agency has
// (100亿元), and every one written in 元 reaches: 200万元 is 2,000,000元.
const implausibleCapitalWan = 1_000_000

func decodeLicences(t *table, d *diag.List) ([]*model.Decision, error) {
	return eachRow(t, d, func(r *row, x *licenceRow, dec *model.Decision, keep *texts) {
		if said := otherLicence(x.CertName, x.DocTitle, x.Content); said != "" {
			// a 双公示 export lists every licence the bureau decides: a
			// 人力资源服务许可证 published as a dispatch licence would tell a
			// reader the agency may dispatch workers
			r.left = true
			t.other.add(r.line, said)
			return
		}
		*dec = model.Decision{
			Src:       r.src(),
			Name:      x.Name,
			LegalRep:  x.LegalRep,
			Address:   x.Address,
			Capital:   x.Capital,
			Changes:   x.Changes,
			Authority: x.Authority,
			DocNo:     x.DocNo,
			Note:      x.Note,
		}
		r.present(model.ColName.Title, x.Name, true)
		dec.Code = r.creditCode(model.ColCode.Title, x.Code, true)
		if r.present(model.ColLicenceNo.Title, x.LicenceNo, true) {
			dec.LicenceNo = model.NormalizeCode(x.LicenceNo)
		}
		snapshot := t.schema == CurrentSchema
		if snapshot {
			dec.Snapshot = true
			dec.Type = r.snapshotType(x)
		} else if t.cols[model.ColType.Title] == 0 && t.has(fLicenceContent, fCertName, fDocTitle) {
			dec.Type, dec.Changes = r.inferType(x, dec.Changes)
		} else if r.present(model.ColType.Title, x.Type, true) {
			typ, why, ok := t.set.decisionType(x.Type)
			if !ok {
				r.unknownType(x.Type, why)
			}
			dec.Type = typ
		}
		if !snapshot {
			r.readStated(x, dec)
			r.checkUndone(x, dec.Type, t.cols[model.ColType.Title] != 0)
		}
		if dec.Type == model.Change && dec.Changes == "" {
			dec.Changes = changedInType(x.Type) // 变更（名称）: the 公示类型 says what changed
		}
		if dec.Type == model.Change && dec.Changes == "" {
			r.errorf(model.ColChanges.Title, x.Changes, "state what changed, e.g. 名称：旧名称→新名称；住所：…", "a 变更 must state its 变更事项")
		}
		dec.DecidedOn = r.date(model.ColDecidedOn.Title, x.DecidedOn, !snapshot || dec.Type == model.Filing)
		if dec.DecidedOn != 0 && dec.DecidedOn < licensingBegan && !snapshot {
			// read, a mistyped year (2004 for 2024) publishes a licence
			// granted this year as expired long ago
			r.errorf(model.ColDecidedOn.Title, x.DecidedOn, "check the year",
				"dated before %s, when the 劳务派遣经营许可 began (劳动合同法 as amended in 2012): no such decision can be that old", licensingBegan)
		}
		needsPeriod := dec.Type == model.NewLicence || dec.Type == model.Renewal
		dec.ValidFrom, dec.ValidTo = r.period(x, needsPeriod)
		if snapshot && dec.DecidedOn == 0 {
			dec.DecidedOn = dec.ValidFrom // the licence in force, as of the start of its validity
		}
		if dec.ValidFrom != 0 && dec.ValidTo != 0 {
			if dec.ValidTo < dec.ValidFrom {
				r.errorf(model.ColValidTo.Title, x.ValidTo, "", "有效期至 is before 有效期自 %s", dec.ValidFrom)
			} else if longest := dec.ValidFrom.AddYears(3).AddDays(TermTolerance); needsPeriod && dec.ValidTo > longest {
				r.errorf(model.ColValidTo.Title, x.ValidTo, "check the year: 有效期自 "+dec.ValidFrom.String()+" gives 有效期至 "+dec.ValidFrom.AddYears(3).AddDays(-1).String(),
					"validity %s to %s is longer than the statutory 3 years (人社部令第19号: a licence is valid for 3 years; up to %d days more are accepted)", dec.ValidFrom, dec.ValidTo, TermTolerance)
			} else if needsPeriod && !threeYears(dec.ValidFrom, dec.ValidTo) {
				r.warnf(model.ColValidTo.Title, x.ValidTo, "", "validity %s to %s is not 3 years (人社部令第19号: a licence is valid for 3 years)", dec.ValidFrom, dec.ValidTo)
			}
			// a grant's period against its day: a year mistyped in both
			// dates keeps the three years, and the licence would be
			// published as expired, or as not yet valid, from the day it
			// was granted (a snapshot's 发证日期 may be the first licence's,
			// renewed since)
			switch {
			case !needsPeriod || snapshot || dec.DecidedOn == 0 || dec.ValidTo < dec.ValidFrom:
			case dec.ValidTo < dec.DecidedOn:
				r.errorf(model.ColValidTo.Title, x.ValidTo, "check the years of 有效期自 and 有效期至",
					"the period ends before the 许可决定日期 %s: the licence would be published as expired from the day it was granted", dec.DecidedOn)
			case dec.ValidFrom > dec.DecidedOn.AddYears(1):
				r.errorf(model.ColValidFrom.Title, x.ValidFrom, "check the year (a 延续's period begins when the licence it renews ends)",
					"the period begins more than a year after the 许可决定日期 %s: the licence would be published as 未生效, not to dispatch workers, until %s", dec.DecidedOn, dec.ValidFrom)
			}
		}
		r.present(model.ColAuthority.Title, x.Authority, true)
		if t.cols[model.ColRegion.Title] == 0 && t.cols[model.ColCode.Title] != 0 {
			if rc, ok := regionFromCode(dec.Code); ok {
				dec.RegionCode = rc
			} else if dec.Code != "" {
				r.errorf(model.ColCode.Title, x.Code, "add a 行政区划代码 column", "the file has no 行政区划代码 and characters 3–8 of this code are not a region code")
			}
		} else {
			dec.RegionCode = r.regionCode(model.ColRegion.Title, x.Region, true)
		}
		// a blank 公示日期 stays blank (register warns): filling it in with
		// the decision date would hide a publication nobody dated
		if p := r.date(model.ColPublishedOn.Title, x.PublishedOn, false); p != 0 {
			dec.PublishedOn = p
			if dec.DecidedOn != 0 && p < dec.DecidedOn {
				r.errorf(model.ColPublishedOn.Title, x.PublishedOn, "", "公示日期 is before the 许可决定日期 %s", dec.DecidedOn)
			}
		}
		if x.Capital != "" {
			c, err := parseCapital(x.Capital)
			if err != nil {
				r.errorf(model.ColCapital.Title, x.Capital, "", "not an amount in 万元: write it as 200 or 500.5")
			} else {
				dec.CapitalWan = c
				if needsPeriod && c < MinCapitalWan {
					r.warnf(model.ColCapital.Title, x.Capital, "", "registered capital is below the statutory 200万元")
				}
				if c >= implausibleCapitalWan {
					// the statutory 200万元 written in 元 is 2,000,000: published
					// as 万元, 200亿元
					r.warnf(model.ColCapital.Title, x.Capital, "write the amount in 万元 (200 for 2,000,000元)",
						"%s 万元 is %s亿元: was it written in 元?", x.Capital, strconv.FormatFloat(c/10000, 'f', -1, 64))
				}
			}
		}
		if dec.Type == model.Filing {
			dec.ParentCode = r.creditCode(model.ColParentCode.Title, x.ParentCode, true)
			if dec.ParentCode != "" && dec.ParentCode == dec.Code {
				// read as it stands, the branch would be shown as filed
				// under a head office licensed elsewhere
				r.errorf(model.ColParentCode.Title, x.ParentCode, "write the 统一社会信用代码 of the head office the branch belongs to",
					"the branch's own code: a 备案 names its head office")
			}
		} else if x.ParentCode != "" {
			dec.ParentCode = r.creditCode(model.ColParentCode.Title, x.ParentCode, false)
		}
		keep.decision(dec)
	})
}

// TermTolerance is model.TermTolerance, where the register reads it too.
const TermTolerance = model.TermTolerance

// threeYears accepts 2024-05-01 → 2027-04-30 and → 2027-05-01.
func threeYears(from, to model.Date) bool {
	end := from.AddYears(3)
	return to == end || to == end.AddDays(-1)
}

func parseCapital(s string) (float64, error) {
	s = model.NormalizeCode(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "万元"), "万")
	s = strings.ReplaceAll(s, ",", "")
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("bad amount")
	}
	return f, nil
}

type checkRow struct {
	Year        string
	Name        string
	Code        string
	LicenceNo   string
	Result      string
	FailReasons string
	Authority   string
	PublishedOn string
}

func decodeChecks(t *table, d *diag.List) ([]*model.AnnualCheck, error) {
	return eachRow(t, d, func(r *row, x *checkRow, c *model.AnnualCheck, keep *texts) {
		*c = model.AnnualCheck{Src: r.src(), Name: x.Name, FailReasons: x.FailReasons, Authority: x.Authority}
		c.Year = r.year(model.ColYear.Title, x.Year)
		r.present(model.ColName.Title, x.Name, true)
		c.Code = r.creditCode(model.ColCode.Title, x.Code, true)
		c.LicenceNo = model.NormalizeCode(x.LicenceNo)
		if r.present(model.ColResult.Title, x.Result, true) {
			res, ok := checkResult(x.Result)
			if word, remark, bracketed := withRemark(x.Result); !ok && bracketed {
				// 不合格（逾期未报）: the result, and what it says of itself
				if res, ok = checkResult(word); ok && unsettledRemark(remark) != "" {
					// 不合格（复核中）, 合格（暂缓）: not the result in force
					r.errorf(model.ColResult.Title, x.Result, "publish the result once it is decided, or write the result in force alone (合格, 不合格 or 无业务)",
						"the remark （%s） says this %s is not settled or not in force (%s): published, it would be shown as the agency's result", remark, word, unsettledRemark(remark))
					res = 0
				} else if ok && res == model.CheckFail && x.FailReasons == "" {
					x.FailReasons, c.FailReasons = remark, remark
				} else if ok {
					r.warnf(model.ColResult.Title, x.Result, "put what it says in 不合格情形, or leave it out",
						"read as %s; the remark （%s） after it is not published", word, remark)
				}
			}
			if !ok {
				r.errorf(model.ColResult.Title, x.Result, "", "unknown 核验结果: use 合格, 不合格 or 无业务 (核验合格, 通过, 未通过 and 未开展业务 are read too)")
			}
			c.Result = res
		}
		if c.Result == model.CheckFail {
			if x.FailReasons == "" {
				r.errorf(model.ColFailReasons.Title, x.FailReasons, "e.g. 未报送 or 违规经营", "a 不合格 result must state its 不合格情形")
			} else if bad := unknownReasons(x.FailReasons); bad != "" {
				r.warnf(model.ColFailReasons.Title, x.FailReasons, "", "%q is not one of the listed 不合格情形 (%s)", bad, strings.Join(model.FailReasons, " "))
			}
		}
		r.present(model.ColCheckAuth.Title, x.Authority, true)
		c.PublishedOn = r.date(model.ColAnnounced.Title, x.PublishedOn, false)
		if c.Year != 0 && c.PublishedOn != 0 && c.PublishedOn < model.MakeDate(c.Year+1, time.January, 1) {
			// a year's reports are made and checked after it ends (the
			// results are due by 30 June of the next year): a result
			// published before that is of another year, or misdated, and
			// as the agency's latest check it would decide its banner
			r.errorf(model.ColAnnounced.Title, x.PublishedOn, "check the 年度 (the year the report is of) and the 公布日期",
				"published before the %d year it reports on had ended", c.Year)
		}
		keep.check(c)
	})
}

// SplitReasons splits a 不合格情形 cell on the separators exports use.
func SplitReasons(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("；;、，,/ ", r) })
}

func unknownReasons(s string) string {
	for _, p := range SplitReasons(s) {
		known := false
		for _, k := range model.FailReasons {
			if p == k {
				known = true
			}
		}
		if !known {
			return p
		}
	}
	return ""
}

type gradeRow struct {
	Year       string
	Name       string
	Code       string
	Grade      string
	Evaluator  string
	ValidUntil string
}

// counted is a grade written as a count of its letter (3A, 2A级, as
// credit ratings are often written) spelt out (AAA, AA级); other grades as
// they are.
func counted(g string) string {
	if len(g) >= 2 && g[0] >= '2' && g[0] <= '9' && g[1] >= 'A' && g[1] <= 'Z' && (len(g) == 2 || g[2:] == "级") {
		return strings.Repeat(g[1:2], int(g[0]-'0')) + g[2:]
	}
	return g
}

func decodeGrades(t *table, scale []string, d *diag.List) ([]*model.Grade, error) {
	return eachRow(t, d, func(r *row, x *gradeRow, g *model.Grade, keep *texts) {
		*g = model.Grade{Src: r.src(), Name: x.Name, Evaluator: x.Evaluator}
		g.Year = r.year(model.ColGradeYear.Title, x.Year)
		r.present(model.ColName.Title, x.Name, true)
		g.Code = r.creditCode(model.ColCode.Title, x.Code, true)
		if r.present(model.ColGrade.Title, x.Grade, true) {
			// spaced out for alignment (A +, A A A): the grade
			g.Grade = strings.ToUpper(unspaced(model.NormalizeCode(x.Grade)))
			// A级 on a scale of A, or A on a scale of A级, and 3A for AAA:
			// the same grade
			for _, form := range []string{g.Grade, counted(g.Grade)} {
				for _, alt := range []string{form, strings.TrimSpace(strings.TrimSuffix(form, "级")), form + "级"} {
					if !contains(scale, g.Grade) && contains(scale, alt) {
						g.Grade = alt
					}
				}
			}
			if !contains(scale, g.Grade) {
				r.errorf(model.ColGrade.Title, x.Grade, "the scale is set by grade_scale in content/site.toml", "not a grade of this site's scale (%s)", strings.Join(scale, " "))
			}
		}
		r.present(model.ColEvaluator.Title, x.Evaluator, true)
		g.ValidUntil = r.date(model.ColValidUntil.Title, x.ValidUntil, false)
		if g.Year != 0 && g.ValidUntil != 0 && g.ValidUntil < model.MakeDate(g.Year, time.January, 1) {
			// whether 评价年度 is the year evaluated or the year of the
			// evaluation, a grade cannot end before that year begins
			r.errorf(model.ColValidUntil.Title, x.ValidUntil, "check the 评价年度 and the 有效期至",
				"the grade ends before its %d 评价年度 began", g.Year)
		}
		keep.grade(g)
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type listingRow struct {
	Code          string
	Name          string
	ListedOn      string
	Reason        string
	Authority     string
	RemovedOn     string
	RemovalReason string
}

// listingNotDecided matches the words of a 列入原因 or 移出原因 that say the
// listing or the removal is proposed or under way, not decided. Words a
// decided removal is given for (经申请, 已更正, 已恢复, a listing 撤销) are
// not among them, nor a 公示中 outside brackets (年报公示中隐瞒真实情况 is a
// reason to list).
var listingNotDecided = regexp.MustCompile(`(拟|待|暂缓|不予|未予?)(列入|移出)|[（(](公示|审核|审查|核查|复核)中[）)]`)

func decodeListings(t *table, d *diag.List) ([]*model.Listing, error) {
	return eachRow(t, d, func(r *row, x *listingRow, l *model.Listing, keep *texts) {
		*l = model.Listing{Src: r.src(), Name: x.Name, Reason: x.Reason, Authority: x.Authority, RemovalReason: x.RemovalReason}
		l.Code = r.creditCode(model.ColCode.Title, x.Code, true)
		r.present(model.ColName.Title, x.Name, true)
		l.ListedOn = r.date(model.ColListedOn.Title, x.ListedOn, true)
		r.present(model.ColListReason.Title, x.Reason, true)
		r.present(model.ColListAuthority.Title, x.Authority, true)
		l.RemovedOn = r.date(model.ColRemovedOn.Title, x.RemovedOn, false)
		if l.RemovedOn != 0 && l.ListedOn != 0 && l.RemovedOn < l.ListedOn {
			r.errorf(model.ColRemovedOn.Title, x.RemovedOn, "", "移出日期 is before the 列入日期 %s", l.ListedOn)
		}
		if l.RemovedOn != 0 && x.RemovalReason == "" {
			r.warnf(model.ColRemovalReason.Title, x.RemovalReason, "", "a removal should state its 移出原因")
		}
		if l.RemovedOn == 0 && x.RemovalReason != "" {
			r.errorf(model.ColRemovedOn.Title, x.RemovedOn, "", "移出原因 is given but 移出日期 is empty")
		}
		// 拟移出（公示中）: a step not taken, which the dates would publish as taken
		if w := strings.Trim(listingNotDecided.FindString(x.Reason), "（）()"); w != "" {
			r.errorf(model.ColListReason.Title, x.Reason, "publish the row once the listing is decided",
				"says the listing is not decided (%s): published, the agency would be shown as listed", w)
		}
		if w := strings.Trim(listingNotDecided.FindString(x.RemovalReason), "（）()"); w != "" {
			r.errorf(model.ColRemovalReason.Title, x.RemovalReason, "leave 移出日期 and 移出原因 empty until the removal is decided",
				"says the removal is not decided (%s): published, the agency would be shown as removed from the list", w)
		}
		keep.listing(l)
	})
}

type regionRow struct {
	Code   string
	Name   string
	Parent string
}

func decodeRegions(t *table, d *diag.List) ([]*model.Region, error) {
	var in []regionRow
	if err := unmarshal(t, &in); err != nil {
		return nil, err
	}
	out := make([]*model.Region, 0, len(in))
	seen := map[string]int{}
	for i := range in {
		x := &in[i]
		r := &row{t: t, line: t.lines[i], d: d}
		g := &model.Region{Src: r.src(), Name: x.Name}
		g.Code = r.regionCode(model.ColRegionCode.Title, x.Code, true)
		r.present(model.ColRegionName.Title, x.Name, true)
		if x.Parent != "" {
			g.Parent = r.regionCode(model.ColRegionParent.Title, x.Parent, false)
		}
		if prev, dup := seen[g.Code]; dup && g.Code != "" {
			r.errorf(model.ColRegionCode.Title, x.Code, "", "region code listed twice (also line %d)", prev)
		}
		seen[g.Code] = r.line
		out = append(out, g)
	}
	return out, nil
}

type holidayRow struct {
	Date  string
	Kind  string
	Basis string
}

// dayKinds are the words a 休/班 cell may hold: true for a working day.
var dayKinds = map[string]bool{"休": false, "假": false, "休息": false, "放假": false, "班": true, "上班": true, "补班": true, "工作日": true}

func decodeHolidays(t *table, d *diag.List) ([]*model.Holiday, error) {
	var in []holidayRow
	if err := unmarshal(t, &in); err != nil {
		return nil, err
	}
	out := make([]*model.Holiday, 0, len(in))
	seen := map[model.Date]int{}
	for i := range in {
		x := &in[i]
		r := &row{t: t, line: t.lines[i], d: d}
		h := &model.Holiday{Src: r.src(), Basis: x.Basis}
		h.Date = r.date(model.ColDay.Title, x.Date, true)
		if r.present(model.ColDayKind.Title, x.Kind, true) {
			work, ok := dayKinds[x.Kind]
			if !ok {
				r.errorf(model.ColDayKind.Title, x.Kind, "", "write 休 for a day off or 班 for a working day (e.g. a 调休 weekend)")
			}
			h.Work = work
		}
		if prev, dup := seen[h.Date]; dup && h.Date != 0 {
			r.errorf(model.ColDay.Title, x.Date, "", "the day is listed twice (also line %d): keep one", prev)
		}
		seen[h.Date] = r.line
		out = append(out, h)
	}
	return out, nil
}

// stated reads a 当前状态 cell as the file's layout codes it: in the 2016
// 双公示 layout (table.coded2016) 0 is 正常 and 1 撤销 — read as the later
// layout's 1 (有效), a licence that layout calls 撤销 would be published as
// in force without a word.
func (r *row) stated(v string) model.Stated {
	if r.t.coded2016 {
		switch strings.TrimSpace(v) {
		case "0":
			return model.ParseStated("正常")
		case "1":
			return model.ParseStated("撤销")
		}
	}
	return model.ParseStated(v)
}

// readStated reads what the row says of its licence's state, for the
// register to check (model.Decision.Stated): its 当前状态; else, when that
// does not say the licence is not in force, the agency's 经营状态 when it
// says the business ended (an agency whose business ended cannot dispatch
// workers either), or a date or a yes in a column that dates an ending
// (注销日期, 吊销日期), read as the ending its heading names.
func (r *row) readStated(x *licenceRow, dec *model.Decision) {
	dec.Stated = r.stated(x.State)
	if dec.Stated.NotInForce() {
		return
	}
	if field, _, stated := r.endedBeside(x); field != "" {
		dec.Stated = stated
		if c := r.t.cols[field]; c <= 255 {
			dec.StatedCol = uint8(c)
		}
	}
}

// endedBeside is the column other than 当前状态 that says the row's
// licence or its agency's business ended, its text, and what it says: the
// 经营状态 when it says the business ended, else a column that dates an
// ending (注销日期) when it holds a date or a yes, read as the ending its
// heading names; "" when neither does.
func (r *row) endedBeside(x *licenceRow) (field, text string, stated model.Stated) {
	if b := model.ParseStated(x.Business); b.NotInForce() {
		return fBusinessState, x.Business, b
	}
	if !endedCell(x.Ended) {
		return "", "", 0
	}
	heading := model.ColEndedOn.Title
	if c := r.t.cols[heading]; c > 0 && c <= len(r.t.headings) {
		heading = r.t.headings[c-1]
	}
	word := "终止"
	for _, w := range []string{"吊销", "撤销", "注销", "失效"} {
		if strings.Contains(heading, w) {
			word = w
			break
		}
	}
	return model.ColEndedOn.Title, x.Ended, model.ParseStated(word)
}

// endedCell reports whether a cell of a column that dates an ending says
// the licence ended: a date, or a yes; not a no (否, 无, 未注销, 0).
func endedCell(v string) bool {
	v = strings.TrimSpace(v)
	switch {
	case v == "", v == "否", v == "无", v == "0", v == "N", v == "n", v == "No", v == "NO", v == "—", v == "-", v == "/", v == "／":
		return false
	case strings.HasPrefix(v, "未"), strings.HasPrefix(v, "无"), strings.HasPrefix(v, "非"), strings.HasPrefix(v, "不"):
		return false
	}
	return true
}
