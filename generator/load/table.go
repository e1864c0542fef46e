package load

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"portal/generator/diag"
	"portal/generator/model"
	"portal/generator/pii"
)

// table is an input table after header matching: headers replaced by the
// schema's titles, values trimmed and rows padded to the header's width.
type table struct {
	file string // as shown in diagnostics, e.g. data/licences.csv, data/licences.xlsx[2024年]
	// coded2016 says the file is in the 2016 双公示 layout (layout2016),
	// whose 当前状态 codes 0 正常, 1 撤销, 2 异议, 3 其他
	coded2016 bool
	// given are the values a title gives every row for a column the file
	// lacks (givenByTitle), by the column's title
	given map[string]titled
	// sheet is the workbook's sheet the table is of when the file gives
	// it in several, "" otherwise
	sheet      string
	schema     *Schema
	header     []string       // canonical titles (unknown columns keep their text)
	headings   []string       // the headings as the file writes them
	cols       map[string]int // title → 1-based column
	rows       [][]string
	lines      []int
	headerLine int
	dates      model.DateSystem // a workbook's: numbers are serial dates
	comma      rune             // a text's field separator (0 for a workbook)
	// width is how many fields most of a text's rows have (fieldWidth),
	// 0 for a workbook
	width   int
	how     string        // how the file was read, for the summary ("" when plainly)
	broken  bool          // read in part only, or without a required column
	set     *readSettings // the file's import settings, nil when none
	footers []int         // rows below the table not read (合计, 制表人…)
	totals  []statedCount // the totals they or a title state (totals.go)
	pages   []pageOf      // where they or a title say the file is one page of several
	// kinds are the columns' kinds while the rows are as the file has
	// them, nil once they are cleaned (cleanRows)
	kinds []fieldKind
	// keep is where the decoded rows of the table's parts are kept, nil
	// when they are not (keptParts)
	keep *keptParts
	// explain is the layout recognised and what each column was read as
	explain []string
	// stated is the day a row above the header says the export was made
	stated model.StatedDate
	// notes are the comments (批注) on the table's data rows in a
	// workbook, by line: not published, and read for words that undo the
	// row (checkUndone)
	notes map[int][]rowNote
	// other counts the rows left out as decisions on another licence
	// (otherLicence); the table's parts, decoded on every core, share it
	other *otherRows
}

// normHeader folds width (（）→ ()), drops spaces, invisible characters
// (a BOM, a zero-width space) and a leading
// required-marker asterisk, so that 注册资本（万元）, 注册资本(万元) and
// "*注册资本 (万元)" all match.
func normHeader(s string) string {
	s = width.Fold.String(s)
	s = strings.TrimLeft(strings.TrimSpace(s), "*\ufeff")
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || model.IsFormat(r) { // a BOM, a zero-width space
			return -1
		}
		return r
	}, s)
}

// nonPublic are columns of the national 双公示 and provincial export
// layouts that hold personal data the register never publishes: they are
// dropped as the file is read (said in the summary), never refused.
var nonPublic = map[string]bool{
	"法定代表人证件类型": true, "法定代表人证件号码": true, "证件类型": true, "证件号码": true,
	"法定代表人身份证号码": true, "法定代表人身份证号": true, "身份证号码": true, "身份证号": true,
	"联系电话": true, "联系人": true, "联系人电话": true, "联系方式": true, "手机号码": true, "手机": true, "电话": true,
	"法定代表人联系电话": true, "法定代表人手机": true,
}

// dropped marks a column of the header that is not published: its cells
// are neither read nor guarded.
const dropped = "\x00"

// headerMatch is what matching a header found besides the columns.
type headerMatch struct {
	nonPublic []string // personal-data columns dropped
	aliases   []string // headings read as another: "单位名称→行政相对人名称"
	unused    []string // known columns no table reads (序号, the 双公示 layout's other codes…)
	explain   []string // each column and what it was read as (--explain-import)
	misread   bool     // the header was damaged by a wrong reading (said once, as such)
}

// matchHeader maps the raw header to the schema (and the file's import
// settings, set), reporting unknown and duplicate columns (missing ones
// are newTable's to report: a title may give them).
func matchHeader(file string, line int, raw []string, sc *Schema, set *readSettings, d *diag.List) (header []string, cols map[string]int, m headerMatch) {
	header = make([]string, len(raw))
	cols = make(map[string]int, len(raw))
	// a header damaged by a wrong reading: said once, not as a column
	// unknown and another missing for each heading
	misread := misreadHeader(file, line, raw, d)
	m.misread = misread
	for i, h := range raw {
		pos := diag.Pos{File: file, Line: line, Col: i + 1}
		key := normHeader(h)
		f, ok := set.field(sc, key)
		what := ""
		switch {
		case key == "":
			header[i] = fmt.Sprintf(dropped+"column%d", i+1)
			what = "no heading: not read"
		case set != nil && set.nonPublic[key] || !ok && nonPublic[key]:
			header[i] = dropped + h
			m.nonPublic = append(m.nonPublic, h)
			what = "personal data: dropped unread"
		case !ok && ignoredColumns[key]:
			header[i] = fmt.Sprintf(dropped+"column%d", i+1)
			m.unused = append(m.unused, strings.TrimSpace(h))
			what = "known, not published: not read"
		case !ok:
			header[i] = dropped + h
			if !misread {
				d.Warnf(pos, "", "", "unknown column %q is ignored (known columns: %s)", h, knownColumns(sc))
			}
			what = "unknown: ignored"
		case cols[f.Title] != 0:
			header[i] = dropped + h
			d.Errorf(pos, "", "", "column %q appears twice (also column %d): keep one", h, cols[f.Title])
			what = fmt.Sprintf("%s again: an error", f.Title)
		default:
			header[i] = f.Title
			cols[f.Title] = i + 1
			what = f.Title
			if key != normHeader(f.Title) && key != f.Name && strings.ToLower(key) != f.Name {
				m.aliases = append(m.aliases, strings.TrimSpace(h)+"→"+f.Title)
				if set != nil && set.aliases[key] != nil {
					what += " (an alias set in " + ImportFile + ")"
				} else {
					what += " (a heading known for it)"
				}
			}
		}
		m.explain = append(m.explain, fmt.Sprintf("column %d %q: %s", i+1, strings.TrimSpace(h), what))
	}
	return header, cols, m
}

// has reports whether the file has any of the columns.
// tell adds part to what the file's summary line says of how it was read.
func (t *table) tell(part string) {
	t.how = strings.TrimPrefix(t.how+"; "+part, "; ")
}

func (t *table) has(fields ...string) bool {
	for _, f := range fields {
		if t.cols[f] != 0 {
			return true
		}
	}
	return false
}

// explain says how t was read, for portal check --explain-import.
func explain(t *table, raw *rawTable, set *readSettings, m headerMatch) []string {
	layout := "the documented layout of the " + t.schema.Title + " table"
	switch {
	case t.schema == PenaltiesSchema:
		layout = "the national 双公示 行政处罚 layout: only a 吊销 of a 劳务派遣经营许可证 is read"
	case t.schema == LicencesSchema && t.cols[model.ColType.Title] == 0 && t.has(fLicenceContent, fCertName, fDocTitle):
		layout = "the national 双公示 行政许可 layout"
	case len(m.aliases) > 0 || len(raw.above) > 0:
		layout = "an export of the " + t.schema.Title + " table with headings of its own"
	}
	out := []string{"layout: " + layout}
	if set != nil {
		out = append(out, "settings: "+set.from)
		if len(set.dates) > 0 {
			out = append(out, "dates: "+layoutList(set.dates)+" (date_formats), then the year-first forms")
		}
	}
	row := fmt.Sprintf("header: row %d", raw.headerLine)
	switch {
	case set != nil && set.headerRow > 0:
		row += " (header_row in " + ImportFile + ")"
	case len(raw.above) > 0:
		row += fmt.Sprintf(" (the first row with two known headings; %s above it not read)", rowList(raw.above))
	}
	out = append(out, row)
	out = append(out, m.explain...)
	for _, f := range t.schema.Fields {
		if f.Required && t.cols[f.Title] == 0 && !f.missing(t.cols) {
			out = append(out, "no "+f.Title+" column: "+inferredHow[f.Title])
		}
	}
	if set != nil && len(set.types) > 0 {
		words := sortedKeys(set.types)
		for i, w := range words {
			words[i] = w + "→" + set.types[w].String()
		}
		out = append(out, "公示类型 words from "+ImportFile+": "+strings.Join(words, ", "))
	}
	rows := fmt.Sprintf("rows: %d read", len(t.rows))
	if len(t.footers) > 0 {
		rows += fmt.Sprintf("; %s below the table (合计, 制表…) not read", rowList(t.footers))
	}
	out = append(out, rows)
	return out
}

// headerLike reports whether rec reads as sc's header rather than a title
// or 填报单位 row above it: at least two of its cells name columns this
// table knows (or personal-data and row-number columns it drops).
func (sc *Schema) headerLike(rec []string, set *readSettings) bool {
	n := 0
	for _, c := range rec {
		key := normHeader(c)
		if key == "" || len(key) > 120 {
			continue
		}
		if _, ok := set.field(sc, key); ok || set.dropped(key) || ignoredColumns[key] {
			if n++; n >= 2 {
				return true
			}
		}
	}
	return false
}

func knownColumns(sc *Schema) string {
	names := make([]string, len(sc.Fields))
	for i, f := range sc.Fields {
		names[i] = f.Title
	}
	return strings.Join(names, " ")
}

// layout2016 reports whether a header is the 2016 双公示 layout's: it has
// a heading only that layout has (许可截止期, 审批类别, 项目名称, 地方编码,
// 数据更新时间戳).
func layout2016(header []string) bool {
	for _, h := range header {
		switch normHeader(h) {
		case "许可截止期", "审批类别", "项目名称", "地方编码", "数据更新时间戳":
			return true
		}
	}
	return false
}

// newTable matches the header, then trims, pads and guards every row.
// set are the file's import settings (nil: none).
func newTable(file string, sc *Schema, raw *rawTable, set *readSettings, d *diag.List) *table {
	t := &table{file: file, schema: sc, dates: raw.dates, comma: raw.comma, how: raw.how, headerLine: raw.headerLine, set: set, stated: raw.stated, other: &otherRows{}}
	t.stated.File = file
	if two := subHeader(raw); two != "" {
		t.how = strings.TrimPrefix(t.how+", "+two, ", ")
	}
	var m headerMatch
	t.header, t.cols, m = matchHeader(file, raw.headerLine, raw.header, sc, set, d)
	t.given = givenByTitle(file, raw, sc, t.cols)
	for _, f := range sc.Fields {
		if f.missing(t.cols) && t.given[f.Title].value == "" && !m.misread {
			d.Add(diag.Diagnostic{File: file, Line: raw.headerLine, Severity: diag.Error, Table: true,
				Msg:  fmt.Sprintf("missing required column %q", f.Title),
				Hint: fmt.Sprintf("add a column headed %s (or %s) to the %s table, or name the heading your export uses in data/%s", f.Title, f.Name, sc.Title, ImportFile)})
		}
	}
	yearAgainstTitle(t, raw, file, d)
	t.coded2016 = layout2016(raw.header)
	if t.coded2016 && t.cols[model.ColState.Title] != 0 {
		t.tell("当前状态 read by the 2016 双公示 layout's codes (0 正常, 1 撤销, 2 异议, 3 其他)")
	}
	if again := secondHeader(raw, t.header, sc, set); again != "" {
		t.how = strings.TrimPrefix(t.how+", "+again, ", ")
	}
	t.headings = raw.header
	defer func() { t.explain = explain(t, raw, set, m) }()
	var how []string
	if t.how != "" {
		how = append(how, t.how)
	}
	if len(raw.above) > 0 {
		how = append(how, fmt.Sprintf("header on row %d (%s above it not read)", raw.headerLine, rowList(raw.above)))
	}
	for _, c := range raw.recordsAbove {
		// a row pasted above the header would be taken for a title and
		// left out: a 吊销 there published the agency as licensed
		d.Add(diag.Diagnostic{File: file, Line: c.line, Col: c.col, Field: model.ColCode.Title, Value: c.value, Severity: diag.Error,
			Msg:  fmt.Sprintf("this row stands above the table's header (row %d) and holds a record: rows above the header are not read, so it would not be published", raw.headerLine),
			Hint: "move the row below the header, or delete it if it is not to be published"})
	}
	if len(m.aliases) > 0 {
		how = append(how, "columns read as: "+strings.Join(m.aliases, ", "))
	}
	if len(m.nonPublic) > 0 {
		how = append(how, "non-public columns dropped: "+strings.Join(m.nonPublic, ", "))
	}
	if len(m.unused) > 0 {
		how = append(how, "columns not used: "+strings.Join(m.unused, ", "))
	}
	for _, f := range sc.Fields {
		if v := t.given[f.Title]; v.value != "" {
			how = append(how, fmt.Sprintf("%s %s read from %s (the file has no such column)", f.Title, v.value, v.where()))
			continue
		}
		t.broken = t.broken || f.missing(t.cols)
		if f.Required && t.cols[f.Title] == 0 && !f.missing(t.cols) {
			how = append(how, fmt.Sprintf("no %s column: %s", f.Title, inferredHow[f.Title]))
		}
	}
	if t.cols[fValidity] != 0 && t.cols[model.ColValidFrom.Title] != 0 && t.cols[model.ColValidTo.Title] == 0 {
		how = append(how, "有效期至 worked out from 有效期自 and the term 有效期限 gives (三年: to the day before the third anniversary)")
	}
	formulaCells(file, t.header, raw.formulas, d)
	for _, c := range raw.beyond {
		col, row, _ := excelize.CellNameToCoordinates(c)
		d.Errorf(diag.Pos{File: file, Line: row, Col: col}, "", "",
			"cell %s holds a value right of the header's last column: give the column a header or delete the value", c)
	}
	kinds := make([]fieldKind, len(t.header))
	for i, h := range t.header {
		if strings.HasPrefix(h, dropped) {
			kinds[i] = kindDropped
			continue
		}
		for _, f := range sc.Fields {
			if f.Title == h {
				kinds[i] = f.kind
			}
		}
	}
	lossyCells(file, t.header, kinds, raw, d)
	// rows below the table (合计, 制表人…) are not read, nor guarded: they
	// are not published
	end, required := len(raw.rows), 0
	for _, f := range sc.Fields {
		if f.Required {
			required++
		}
	}
	var footers []int
	var footerRows [][]string
	for ; end > 0 && (isBlank(raw.rows[end-1]) || footerLike(raw.rows[end-1], required)); end-- {
		if !isBlank(raw.rows[end-1]) {
			footers = append(footers, raw.lines[end-1])
			footerRows = append(footerRows, raw.rows[end-1])
		}
	}
	sheetFull(file, raw.lines, d)
	struckRows(file, raw, t.header, end, d)
	hiddenRows(file, raw, t.header, end, d)
	t.notes = rowNotes(raw, t.header, end)
	if len(footers) > 0 {
		slices.Reverse(footers)
		slices.Reverse(footerRows)
		t.footers = footers
		how = append(how, fmt.Sprintf("%s after the table (合计, 制表…) not read", rowList(footers)))
	}
	// a row that repeats the header (two exports joined into one file,
	// each with its header) is not data: not read, and said so
	rows := raw.rows[:end]
	var repeats []int
	reordered := -1 // the line of a header in another column order, while its rows last
	heads := headingsOf(raw.header)
	for i, row := range rows {
		switch {
		case sameCells(row, raw.header):
			repeats = append(repeats, raw.lines[i])
			rows[i], reordered = nil, -1
		case reordered >= 0:
			rows[i] = nil // read by the first header's columns, every value would be in the wrong field
		case heads.reordered(row):
			// an export whose columns are in another order, joined below:
			// one error for it, not one for every cell of its rows
			reordered = raw.lines[i]
			d.TableErrorf(diag.Pos{File: file, Line: reordered},
				"save each export as a file of its own in a folder named after the table, or put its columns in the order of the first header",
				"this row is the table's header again, with its columns in another order than the header on row %d (two exports joined into one file): the rows below it, up to the next header in the first order, are not read", raw.headerLine)
			rows[i] = nil
		}
	}
	if len(repeats) > 0 {
		how = append(how, fmt.Sprintf("%s repeating the header (exports joined into one file) not read", rowList(repeats)))
	}
	// the blank rows left out; each other row is trimmed, padded and
	// guarded on its own when it is decoded (cleanRows), in the part of
	// the rows a core decodes
	t.rows, t.lines = rows[:0], make([]int, 0, len(rows))
	for i, row := range rows {
		if row != nil && !isBlank(row) {
			t.rows = append(t.rows, row)
			t.lines = append(t.lines, raw.lines[i])
		}
	}
	// what the rows below the table and a title (…（共 25 条）, 第1页/共3页)
	// say of the file's rows, checked with its other parts (checkTotals)
	// and the table's other files (checkPages)
	marks, at := slices.Clone(footerRows), slices.Clone(footers)
	for _, r := range raw.titles {
		marks, at = append(marks, []string{r.text}), append(at, r.line)
	}
	t.totals, t.pages = statedCounts(file, marks, at), pagesOf(file, marks, at)
	serialGaps(file, raw.header, t, d)
	t.kinds = kinds
	t.how = strings.Join(how, "; ")
	if t.comma != 0 {
		t.width = fieldWidth(t.rows)
	}
	return t
}

// fieldWidth is the number of fields most rows have, the separators at
// their ends counted: a row with more is one whose unquoted separator in
// a value moved the cells after it a column right — even when the last
// column, pushed past the header, is empty. A file whose every row ends
// in a separator the header has not is that file's width, not an error;
// and when more than a few rows are wider (two exports of different
// widths joined into one file), the width says nothing of a row: 0.
func fieldWidth(rows [][]string) int {
	counts := map[int]int{}
	width, most := 0, 0
	for _, r := range rows {
		n := counts[len(r)] + 1
		counts[len(r)] = n
		if n > most || n == most && len(r) < width {
			width, most = len(r), n
		}
	}
	wider := 0
	for n, c := range counts {
		if n > width {
			wider += c
		}
	}
	if wider > max(2, len(rows)/20) {
		return 0
	}
	return width
}

// cleanRows trims, pads and guards t's rows (clean), unless they are
// clean already. t may be a part of a table's rows: each part is cleaned
// on its own.
func (t *table) cleanRows(d *diag.List) {
	if t.kinds == nil {
		return
	}
	for i, row := range t.rows {
		t.rows[i] = t.clean(row, t.lines[i], t.kinds, d)
	}
	t.kinds = nil
}

// sameCells reports whether the row rec holds the cells of header, spaces
// around them aside (and the byte-order mark a joined file's second part
// begins with).
func sameCells(rec, header []string) bool {
	n := 0
	for j, v := range rec {
		v = strings.TrimSpace(strings.TrimPrefix(v, "\ufeff"))
		switch {
		case j >= len(header):
			if v != "" {
				return false
			}
		case v != strings.TrimSpace(header[j]):
			return false
		case v != "":
			n++
		}
	}
	return n >= 2
}

// headings counts a header's non-empty cells, to tell a row that is the
// header in another order (reordered).
type headings struct {
	header []string
	count  map[string]int
	n      int
}

func headingsOf(header []string) headings {
	h := headings{header: header, count: map[string]int{}}
	for _, c := range header {
		if c = strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")); c != "" {
			h.count[c]++
			h.n++
		}
	}
	return h
}

// reordered reports whether rec holds the header's non-empty cells, each
// as often, in another order: the header of an export whose columns are
// ordered otherwise, joined below the first. A row whose first cell is no
// heading — every row of data — is told by one lookup.
func (h headings) reordered(rec []string) bool {
	if h.n < 2 || len(rec) == 0 || h.count[strings.TrimSpace(strings.TrimPrefix(rec[0], "\ufeff"))] == 0 {
		return false
	}
	left, n := maps.Clone(h.count), h.n
	for _, v := range rec {
		v = strings.TrimSpace(strings.TrimPrefix(v, "\ufeff"))
		if v == "" {
			continue
		}
		if left[v] == 0 {
			return false
		}
		left[v]--
		n--
	}
	return n == 0 && !sameCells(rec, h.header)
}

// clean trims, pads and guards the row on line (not a blank one: newTable
// left those out).
func (t *table) clean(rec []string, line int, kinds []fieldKind, d *diag.List) []string {
	if len(rec) > len(t.header) {
		extra := rec[len(t.header):]
		if !isBlank(extra) || t.width > 0 && len(rec) > t.width {
			d.Errorf(diag.Pos{File: t.file, Line: line, Col: len(t.header) + 1}, "", "",
				"row has %d fields but the header has %d: a value with a %s must be quoted, or the values after it move a column right (the errors at this row's other cells may come from that)", len(rec), len(t.header), separatorWord(t.comma))
		}
		rec = rec[:len(t.header)]
	}
	row := rec // csv.Reader and excelize give each record its own slice: trim in place
	if len(row) < len(t.header) {
		row = append(row, make([]string, len(t.header)-len(row))...)
	}
	for j, v := range row {
		if v == "" {
			continue
		}
		if kinds[j] == kindDropped {
			row[j] = "" // not published: not kept, not guarded
			continue
		}
		v = strings.TrimSpace(v)
		if at := invisibleAt(v); at >= 0 {
			v = strings.TrimSpace(invisibleDropped(t.file, line, j+1, t.header[j], v, at, d))
		}
		if kinds[j] != kindProse && hasLineBreak(v) {
			v = joinLines(v)
		}
		if len(v) <= len("暂无") && placeholders[strings.ToUpper(v)] {
			v = "" // "no value", as exports write it
		}
		if kinds[j] == kindCreditCode || kinds[j] == kindLicenceNo {
			v = excelText(v)
		}
		if kinds[j] == kindLicenceNo {
			if whole, ok := decimalPointed(v); ok {
				d.Add(diag.Diagnostic{File: t.file, Line: line, Col: j + 1, Field: t.header[j], Value: v, Severity: diag.Warning,
					Msg:  fmt.Sprintf("read as %s: the number went through a numeric cell and was saved with a decimal point and zeros, which are no part of a number on a licence or decision", whole),
					Hint: "format the column as text (文本) in Excel and re-enter the numbers, or export the table again from the system that keeps them"})
				v = whole
			}
		}
		row[j] = v
		if v != "" && v[0] == '#' && spreadsheetErrors[strings.ToUpper(v)] {
			d.Add(diag.Diagnostic{File: t.file, Line: line, Col: j + 1, Field: t.header[j], Value: v, Severity: diag.Error,
				Msg:  "the cell holds a spreadsheet's error value, the result of a formula that failed (a lookup that found nothing, a reference to a deleted cell), not data",
				Hint: "fix the formula in the workbook, or enter the value itself, and export the table again"})
		}
		if v != "" {
			leak := guard(t.file, line, j+1, t.header[j], v, kinds[j], d)
			if kinds[j] == kindOrgName && !leak {
				v = orgName(t.file, line, j+1, t.header[j], v, d)
				row[j] = v
			}
			controls(t.file, line, j+1, t.header[j], v, d)
			misread(t.file, line, j+1, t.header[j], v, d)
			if kinds[j] == kindLicenceNo && scientific(v) {
				d.Add(diag.Diagnostic{File: t.file, Line: line, Col: j + 1, Field: t.header[j], Value: v, Severity: diag.Error,
					Msg:  "the number was stored as a number in Excel, which shows it in scientific notation and keeps only 15 digits: what it was cannot be read",
					Hint: "format the column as text (文本) in Excel and re-enter the numbers, or export the table again from the system that keeps them"})
			} else if kinds[j] == kindLicenceNo && model.RoundedTo15Digits(v) {
				d.Add(diag.Diagnostic{File: t.file, Line: line, Col: j + 1, Field: t.header[j], Value: v, Severity: diag.Warning,
					Msg:  fmt.Sprintf("the number has %d digits and every one after the 15th is 0: a spreadsheet keeps a number to 15 digits, so this may be a longer number whose last digits were lost, which no one could then find by the number on the licence", len(v)),
					Hint: "check it against the licence; if it was rounded, format the column as text (文本) in Excel and re-enter the numbers, or export the table again from the system that keeps them"})
			}
		}
	}
	return row
}

// sheetRows are the most rows a spreadsheet holds: a .xls sheet's, and a
// .xlsx sheet's (Excel, WPS).
var sheetRows = []int{65_536, 1_048_576}

// sheetFull warns of a table whose last row is the last row a spreadsheet
// holds: an export saved as .xls (or opened in a spreadsheet and saved
// again) is cut there without a word, and the register would be published
// without the decisions below it — the newest ones, in an export sorted by
// date — each agency they concern as its older rows leave it. lines are the
// line (a workbook's row) each of the table's rows starts on.
func sheetFull(file string, lines []int, d *diag.List) {
	if len(lines) == 0 {
		return
	}
	last := lines[len(lines)-1]
	if !slices.Contains(sheetRows, last) {
		return
	}
	d.Add(diag.Diagnostic{File: file, Line: last, Severity: diag.Warning,
		Msg:  fmt.Sprintf("the table ends on row %d, the last row a spreadsheet sheet holds: if the export was cut there, the rows after it are missing, and the agencies they concern would be published without their latest decisions", last),
		Hint: "export the table again as CSV or .xlsx, not .xls (65,536 rows), or as a folder of files (one per year or city); if the table does end on this row, this may be ignored"})
}

// excelText is a code or number cell without the marks a spreadsheet
// export puts on a number kept as text, which are no part of it: a leading
// apostrophe ('440100201470009) or a text formula (="440100201470009").
// Read as they stand, they made a code one character too long, and a
// licence number that no search and no branch's 备案 could match.
func excelText(v string) string {
	if len(v) > 3 && strings.HasPrefix(v, `="`) && strings.HasSuffix(v, `"`) && !strings.Contains(v[2:len(v)-1], `"`) {
		return strings.TrimSpace(v[2 : len(v)-1])
	}
	if t, ok := strings.CutPrefix(v, "'"); ok {
		return strings.TrimSpace(t)
	}
	return v
}

// footerWords begin the rows a workbook has below its table — a total,
// who made or checked the table, notes — each with what may follow it:
// 合计 alone or with a count, 共 and a count, 制表人 or 制表日期, 备注：…,
// （以下空白）
var footerWords = []struct {
	word  string
	after []string // "" for the end of the cell; a digit always may
}{
	{"合计", []string{"", ":", "：", "(", "（"}}, {"总计", []string{"", ":", "：", "(", "（"}},
	{"小计", []string{"", ":", "：", "(", "（"}}, {"共计", []string{"", ":", "：", "(", "（"}},
	{"共", nil}, // 共 25 条记录: a count only
	{"第", nil}, // 第1页/共3页: a page's number only
	{"制表", []string{"", ":", "：", "人", "单位", "日期", "时间"}}, {"填表", []string{"", ":", "：", "人", "单位", "日期", "时间", "说明"}},
	{"填报", []string{":", "：", "人", "单位", "日期", "时间", "说明"}}, {"审核", []string{"", ":", "：", "人", "日期"}},
	{"负责人", []string{":", "："}}, {"备注", []string{":", "："}}, {"注", []string{":", "："}}, {"说明", []string{":", "："}},
	// the mark a form's blank rows carry: （以下空白）, 以下无数据
	{"以下空白", []string{"", ")", "）", "】", "]", "。"}}, {"以下无", []string{"数据", "内容", "记录", "正文"}},
}

// footerLike reports whether a row below a table is a total or a note
// rather than data: its first value begins with a footer word, and it has
// fewer values than a data row's required columns (so an agency is never
// dropped for its name; only rows after the last data row are looked at).
func footerLike(row []string, required int) bool {
	first, n := "", 0
	for _, v := range row {
		if v = strings.TrimSpace(v); v != "" {
			if n == 0 {
				first = unspaced(v)
			}
			n++
		}
	}
	if n == 0 || n >= max(required, 2) {
		return false
	}
	first = strings.TrimLeft(first, "(（【[")
	for _, f := range footerWords {
		rest, ok := strings.CutPrefix(first, f.word)
		if !ok {
			continue
		}
		if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return true
		}
		for _, a := range f.after {
			if a == "" && rest == "" || a != "" && strings.HasPrefix(rest, a) {
				return true
			}
		}
	}
	return false
}

// rowList names rows by number: "row 1", "rows 1, 2".
func rowList(lines []int) string {
	s := make([]string, len(lines))
	for i, l := range lines {
		s[i] = strconv.Itoa(l)
	}
	if len(lines) == 1 {
		return "row " + s[0]
	}
	return "rows " + strings.Join(s, ", ")
}

// lossyCells reports each cell of a code or number column (统一社会信用代码,
// 许可证编号, 决定文书号 …) that holds an integer of 16 digits or more as a
// number, written as a float64 keeps it (raw.lossy, cells in A1 form,
// from readXLSX): a spreadsheet kept 15–17 of its digits, and the rest are
// lost.
func lossyCells(file string, header []string, kinds []fieldKind, raw *rawTable, d *diag.List) {
	for _, c := range raw.lossy {
		col, row, err := excelize.CellNameToCoordinates(c)
		if err != nil || col > len(header) || kinds[col-1] != kindCreditCode && kinds[col-1] != kindLicenceNo {
			continue
		}
		value := ""
		if i, ok := slices.BinarySearch(raw.lines, row); ok && col <= len(raw.rows[i]) {
			value = strings.TrimSpace(raw.rows[i][col-1])
		}
		// the file may hold every digit (a program that writes integers
		// whole): the digits are lost when they are what a float64 keeps
		// of them (its shortest decimal), and a valid code never is
		digits := strings.TrimPrefix(value, "-")
		f, err := strconv.ParseFloat(digits, 64)
		if err != nil || f < 1<<53 || strconv.FormatFloat(f, 'f', -1, 64) != digits || kinds[col-1] == kindCreditCode && model.ValidCreditCode(digits) {
			continue
		}
		if kinds[col-1] == kindCreditCode && roundedCode(digits) {
			continue // the code's own check says it was rounded (…000), at the same cell
		}
		d.Add(diag.Diagnostic{File: file, Line: row, Col: col, Field: header[col-1], Value: value, Severity: diag.Error,
			Msg:  fmt.Sprintf("cell %s holds the code or number as a number, which a spreadsheet keeps to 15 digits: its last digits are lost", c),
			Hint: "format the column as text (文本) in Excel and re-enter the numbers, or export the table again from the system that keeps them"})
	}
}

// roundedCode reports whether the code's own check already makes it an
// error at the cell (a number kept to 15 digits, …000 failing its check
// character; or a length no code has), which lossyCells does not repeat.
func roundedCode(code string) bool {
	p := model.CheckCreditCode(code)
	return p != nil && !p.Checksum
}

// formulaCells reports each cell of a published column that holds a
// formula with no stored value (cells in A1 form, from readXLSX).
func formulaCells(file string, header []string, cells []string, d *diag.List) {
	for _, c := range cells {
		col, row, err := excelize.CellNameToCoordinates(c)
		if err != nil || col > len(header) || strings.HasPrefix(header[col-1], dropped) {
			continue // outside the table, or a column that is not published
		}
		d.Add(diag.Diagnostic{File: file, Line: row, Col: col, Field: header[col-1], Severity: diag.Error,
			Msg:  fmt.Sprintf("cell %s holds a formula with no stored value: what it shows cannot be read from the file", c),
			Hint: "open the workbook in Excel or WPS and save it again (that stores the values), or paste the column as values"})
	}
}

// control is the byte offset of the first control character in v that is
// not white space (Unicode Cc: C0, DEL, C1; a tab, line break, vertical
// tab, form feed or U+0085 is white space), -1 when there is none. It
// reads bytes — it runs on every cell — since each such character is one
// byte below 0x20 or 0x7F, or 0xC2 and a byte of 0x80–0x9F in UTF-8.
func control(v string) int {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c < 0x20 && (c < '\t' || c > '\r'), c == 0x7F:
			return i
		case c == 0xC2 && i+1 < len(v) && v[i+1] >= 0x80 && v[i+1] <= 0x9F && v[i+1] != 0x85:
			return i
		}
	}
	return -1
}

// scientific reports whether v is a number as Excel shows one in
// scientific notation (4.40100201470009E+14, 4.4E+14): a licence or
// document number that went through a numeric cell, never one as issued.
func scientific(v string) bool {
	if !strings.ContainsAny(v, "Ee") {
		return false
	}
	mant, exp, ok := strings.Cut(strings.ToUpper(v), "E+")
	if !ok || exp == "" || mant == "" || strings.Trim(exp, "0123456789") != "" {
		return false
	}
	whole, frac, _ := strings.Cut(mant, ".")
	return len(whole) == 1 && strings.Trim(whole+frac, "0123456789") == ""
}

// decimalPointed reports whether v is a whole number written with a
// decimal point and zeros (440100201470009.0), as a spreadsheet or a
// database export saves a number kept in a numeric column, and gives it
// without them (a spreadsheet's cell keeps 15 digits: model.RoundedTo15Digits
// then warns of a longer one whose last digits were lost).
func decimalPointed(v string) (string, bool) {
	whole, frac, ok := strings.Cut(v, ".")
	if !ok || whole == "" || frac == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0") != "" {
		return "", false
	}
	return whole, true
}

// controls refuses a cell that holds a control character that is not
// white space — NUL, an escape, a backspace … (a tab, a line break, the
// vertical tab Word writes for a manual line break are white space, and a
// multi-line 备注 may hold them): no one typed it, it is the mark of a
// damaged export or of bytes read in the wrong encoding, and published it
// would break the open data for the tools that read it (a NUL ends a
// string in many) and hide in a name that no one can then type.
func controls(file string, line, col int, field, v string, d *diag.List) {
	at := control(v)
	if at < 0 {
		return
	}
	r, _ := utf8.DecodeRuneInString(v[at:])
	d.Add(diag.Diagnostic{File: file, Line: line, Col: col, Field: field, Value: v, Severity: diag.Error,
		Msg:  fmt.Sprintf("holds the control character %s at its character %d: the export is damaged, or was read in the wrong encoding", fmt.Sprintf("%U", r), utf8.RuneCountInString(v[:at])+1),
		Hint: "remove the character from the cell, or export the table again (CSV UTF-8 or .xlsx)"})
}

// invisibleAt is the byte offset of the first character in v that no
// reader sees — a format character (model.IsFormat) — or -1; it skips the
// ideographs by their UTF-8 lead byte, without decoding them. Pasted from a
// web page or a document, such a character made a code one character too
// long, and was published inside a name, where no one who copies the name
// from a business licence could match it.
func invisibleAt(v string) int {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < utf8.RuneSelf {
			continue
		} else if c >= 0xE3 && c <= 0xEE && i+2 < len(v) { // U+3000–U+EFFF, the ideographs among them: no format character
			i += 2
			continue
		}
		r, w := utf8.DecodeRuneInString(v[i:])
		if model.IsFormat(r) {
			return i
		}
		i += w - 1
	}
	return -1
}

// invisibleDropped is v without its invisible characters (invisibleAt, the
// first at byte at), and says so with a warning: the value is published as
// a reader sees it.
func invisibleDropped(file string, line, col int, field, v string, at int, d *diag.List) string {
	r, _ := utf8.DecodeRuneInString(v[at:])
	d.Add(diag.Diagnostic{File: file, Line: line, Col: col, Field: field, Value: v, Severity: diag.Warning,
		Msg:  fmt.Sprintf("holds the invisible character %s at its character %d, which is left out of what is published", fmt.Sprintf("%U", r), utf8.RuneCountInString(v[:at])+1),
		Hint: "remove the character from the cell in the system the table is exported from (it usually comes with text pasted from a web page)"})
	return model.WithoutFormat(v)
}

// placeholders are what exports and people write in a cell that has no
// value: read as empty, so that an optional date of "-" is no error and a
// required licence number of "无" is missing, not published as "无".
var placeholders = map[string]bool{"-": true, "--": true, "---": true, "—": true, "——": true, "－": true,
	"/": true, "／": true, "\\": true, "无": true, "暂无": true, "空": true, "N/A": true, "NA": true, "NULL": true, "NONE": true}

// spreadsheetErrors are the values Excel and WPS show, and export, in a
// cell whose formula failed: published, #N/A became an agency's name.
var spreadsheetErrors = map[string]bool{"#N/A": true, "#REF!": true, "#VALUE!": true, "#DIV/0!": true, "#NAME?": true,
	"#NUM!": true, "#NULL!": true, "#SPILL!": true, "#CALC!": true, "#FIELD!": true, "#BLOCKED!": true, "#CONNECT!": true,
	"#BUSY!": true, "#UNKNOWN!": true, "#GETTING_DATA": true}

// lineBreaks are the characters that break a line of text.
const lineBreaks = "\n\r\v\f\u0085\u2028\u2029"

// hasLineBreak reports whether v holds one of lineBreaks. It is
// strings.ContainsAny(v, lineBreaks) without its rune-by-rune search of
// lineBreaks, which took a fifth of reading a 50k register: a cell is
// looked at byte by byte, and only a byte that may begin a line break
// (\n \r \v \f, or the first byte of U+0085, U+2028 and U+2029) more closely.
func hasLineBreak(v string) bool {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\n', '\r', '\v', '\f':
			return true
		case 0xC2: // U+0085 is C2 85
			if i+1 < len(v) && v[i+1] == 0x85 {
				return true
			}
		case 0xE2: // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
			if i+2 < len(v) && v[i+1] == 0x80 && (v[i+2] == 0xA8 || v[i+2] == 0xA9) {
				return true
			}
		}
	}
	return false
}

// joinLines is v on one line, as a reader reads a cell wrapped in a
// spreadsheet (Alt+Enter in Excel: 广州市乙劳务派遣⏎有限公司; every cell but
// free text, kindProse, whose lines are its items): a line break,
// with the spaces around it, is nothing between Chinese characters and a
// space between two Latin letters or digits. Published as it stood, the
// name held a line break that no search, no check of the name in another
// table and no consumer of the CSV expected.
func joinLines(v string) string {
	b := make([]byte, 0, len(v))
	for i := 0; i < len(v); {
		r, w := utf8.DecodeRuneInString(v[i:])
		if !strings.ContainsRune(lineBreaks, r) {
			b = append(b, v[i:i+w]...)
			i += w
			continue
		}
		// the run of white space the break stands in, spaces before it included
		b = bytes.TrimRightFunc(b, unicode.IsSpace)
		for i < len(v) {
			r, w := utf8.DecodeRuneInString(v[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += w
		}
		prev, _ := utf8.DecodeLastRune(b)
		next, _ := utf8.DecodeRuneInString(v[i:])
		if latin(prev) && latin(next) {
			b = append(b, ' ')
		}
	}
	return string(b)
}

// latin reports whether r is an ASCII letter or digit: words of these are
// parted by a space.
func latin(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'
}

// guard refuses personal data in a cell: a public register must not leak
// it. The message masks every number found, and the row is redacted: no
// other diagnostic of it prints its values. It reports whether it found
// any.
func guard(file string, line, col int, field, v string, kind fieldKind, d *diag.List) (leak bool) {
	// an 18-digit credit code can look like an ID number; a valid one is not
	// personal data (a code as exported is checked before the scan, one to
	// normalise only after the scan found something) — unless it begins
	// as no organisation's code does (KnownCreditKind): an ID number that
	// happens to pass the code's check too (one in 31)
	if kind == kindCreditCode && model.OrganisationCode(v) {
		return false
	}
	ms := pii.FindAll(v, pii.Options{SkipMobile: kind == kindLicenceNo})
	if len(ms) == 0 || (kind == kindCreditCode && model.OrganisationCode(model.NormalizeCreditCode(v))) {
		return false
	}
	d.Redact(file, line)
	d.Add(diag.Diagnostic{File: file, Line: line, Col: col, Field: field, Value: pii.Mask(v, ms),
		Severity: diag.Error, Masked: true,
		Msg:  fmt.Sprintf("contains %s: personal data must never be published", ms[0].Kind),
		Hint: "remove it from the export; the value is masked here"})
	return true
}
