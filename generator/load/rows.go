package load

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"portal/generator/internal/par"
	"portal/generator/model"
)

// rawTable is a table as read, before header matching: the header row and
// the body rows, each with the physical line (CSV) or row number (XLSX) it starts on.
type rawTable struct {
	header     []string
	headerLine int
	rows       [][]string
	lines      []int
	// above are the non-blank rows above the header (a title, 填报单位…),
	// by line: not read
	above []int
	// titles are those rows' texts (a title names the year and the
	// authority of a list that has no column of them: titled.go)
	titles []titleRow
	// recordsAbove are those of them that hold a record (recordCell): a
	// row pasted above the header, which is an error, not a title
	recordsAbove []cellAt
	// stated is the day a row above the header says the export was made
	// (exportDate), 0 when none does
	stated model.StatedDate
	// rule tells the header row from the rows above it
	rule    headerRule
	pending []pendingRow     // rows read while the header is not yet known
	xlsx    bool             // a workbook: blank cells right of the header are trimmed
	dates   model.DateSystem // a workbook's: numbers in date cells are serials
	comma   rune             // a text's field separator (separator)
	// how is what the summary says of how the file was read (an assumed
	// encoding, the sheet of a workbook), "" when there is nothing to say
	how string
	// formulas are cells (A1 names) holding a formula with no stored value
	formulas []string
	// lossy are cells (A1 names) holding an integer of 16 digits or more
	// as a number, its last digits lost (readSheetMarks)
	lossy []string
	// struck are cells (A1 names) with a value struck through (删除线)
	struck []string
	// hiddenRows are rows hidden in the sheet, by hand or by a filter
	hiddenRows []int
	// comments are the sheet's cell comments (批注), not published
	comments []cellNote
	// beyond are cells (A1 names) holding a value right of the header's
	// last column: not part of the table, so not published, and reported
	beyond []string
	// liked says the header was found by the rule's like, not taken as
	// the first row for want of one
	liked bool
	// sheet names the workbook's sheet the rows are of when the table is
	// given in several (a sheet a year): "" for a workbook of one
	sheet string
	// sheetName is the workbook's sheet the rows are of, however many
	// there are ("" for a text): its name may give the list's year
	sheetName string
}

// bodyRow is the index in t.rows of the row on line, when it is one of
// the table's first end rows (not a title, the header, or a footer).
func (t *rawTable) bodyRow(line, end int) (int, bool) {
	i, ok := slices.BinarySearch(t.lines, line)
	return i, ok && i < end
}

// cellNote is a comment (批注) on a cell of a workbook: the cell in A1
// form and the comment's text.
type cellNote struct {
	cell, text string
}

// headerRule finds a file's header: the row the import settings name, or
// the first row like a header among the first headerSearch rows, or else
// the first row.
type headerRule struct {
	like func(rec []string) bool // nil: the first row
	row  int                     // the header's row (import.toml header_row), 0 when not set
}

type pendingRow struct {
	rec  []string
	line int
}

// headerSearch is how many non-blank rows are looked through for the
// header: a provincial workbook has a title, a 填报单位 line or a blank
// row or two above it, never a page of them.
const headerSearch = 30

// add takes the next non-blank row of the file: a row above the header, the
// header, or a body row.
func (t *rawTable) add(rec []string, line int) error {
	if t.header != nil {
		t.body(rec, line)
		return nil
	}
	t.pending = append(t.pending, pendingRow{rec, line})
	switch r := t.rule; {
	case r.row > 0 && line == r.row:
		return t.settle(len(t.pending) - 1)
	case r.row > 0 && line > r.row:
		t.pending = nil
		return &positionedError{Line: r.row, Err: fmt.Errorf("%s sets header_row = %d, but row %d is blank", ImportFile, r.row, r.row),
			Hint: "set header_row to the row of the column headings"}
	case r.row > 0:
	case r.like != nil && r.like(rec):
		t.liked = true
		return t.settle(len(t.pending) - 1)
	case len(t.pending) >= headerSearch || r.like == nil:
		return t.settle(0)
	}
	return nil
}

// end is called after the last row: with no row like a header, the first
// row is the header (and its columns are reported as unknown).
func (t *rawTable) end() error {
	if t.header != nil || len(t.pending) == 0 {
		return nil
	}
	if t.rule.row > 0 {
		t.pending = nil
		return &positionedError{Line: t.rule.row, Err: fmt.Errorf("%s sets header_row = %d, but the file ends before it", ImportFile, t.rule.row),
			Hint: "set header_row to the row of the column headings"}
	}
	return t.settle(0)
}

// settle makes the k-th pending row the header, the rows above it titles
// and the rows below it the body.
func (t *rawTable) settle(k int) error {
	rows := t.pending
	t.pending = nil
	h := rows[k]
	for _, r := range rows[:k] {
		t.above = append(t.above, r.line)
		t.titles = append(t.titles, titleRow{r.line, strings.Join(strings.Fields(strings.Join(r.rec, " ")), " ")})
		if col, ok := recordCell(r.rec); ok {
			t.recordsAbove = append(t.recordsAbove, cellAt{r.line, col + 1, strings.TrimSpace(r.rec[col])})
		}
		if day, text, ok := exportDate(r.rec); ok && t.stated.Date == 0 {
			t.stated = model.StatedDate{Line: r.line, Text: text, Date: day}
		}
	}
	if t.xlsx {
		h.rec = trimBlankTail(h.rec)
		if len(h.rec) > maxColumns {
			return &positionedError{Line: h.line, Err: fmt.Errorf("the header row has %d columns: a table of this register has about 20 (is a stray value far to the right?)", len(h.rec))}
		}
	}
	t.header, t.headerLine = h.rec, h.line
	for _, r := range rows[k+1:] {
		t.body(r.rec, r.line)
	}
	return nil
}

// cellAt is a cell's line (a workbook's row), 1-based column and value.
type cellAt struct {
	line, col int
	value     string
}

// recordCell finds, in a row that is not the table's, the cell that makes
// it a record of the register: one whose whole value is a 统一社会信用代码
// in shape (creditShaped, however typed: in groups, in full width, in
// lower case), with at least one other cell
// filled. A title or a 填报单位 row has no such cell; every row of every
// table of this register has one.
func recordCell(rec []string) (int, bool) {
	filled, at := 0, -1
	for i, c := range rec {
		if strings.TrimSpace(c) == "" {
			continue
		}
		filled++
		if at < 0 && creditShaped(model.NormalizeCreditCode(c)) {
			at = i
		}
	}
	return at, at >= 0 && filled >= 2
}

// creditShaped reports whether s is shaped as a 统一社会信用代码: 18
// digits and capital letters, at least 8 of them digits — a letter GB
// 32100 leaves out (O for 0, I for 1) is how such a code is mistyped.
func creditShaped(s string) bool {
	if len(s) != 18 {
		return false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c < 'A' || c > 'Z':
			return false
		}
	}
	return digits >= 8
}

// firstRecord is the first row of a table read without its header (a
// sheet that has none) that holds a record (recordCell): its line and the
// cell shaped as a 统一社会信用代码.
func (t *rawTable) firstRecord() (line int, cell string, ok bool) {
	if len(t.recordsAbove) > 0 {
		r := t.recordsAbove[0]
		return r.line, r.value, true
	}
	if col, ok := recordCell(t.header); ok {
		return t.headerLine, strings.TrimSpace(t.header[col]), true
	}
	for i, rec := range t.rows {
		if col, ok := recordCell(rec); ok {
			return t.lines[i], strings.TrimSpace(rec[col]), true
		}
	}
	return 0, "", false
}

// body takes a row below the header.
func (t *rawTable) body(rec []string, line int) {
	if t.xlsx {
		if rec = trimBlankTail(rec); len(rec) > len(t.header) {
			cell, _ := excelize.CoordinatesToCellName(len(rec), line)
			t.beyond = append(t.beyond, cell)
			rec = rec[:len(t.header)]
		}
	}
	t.rows = append(t.rows, rec)
	t.lines = append(t.lines, line)
}

// readCSV parses UTF-8 CSV text. Line numbers come from csv.Reader.FieldPos,
// so a quoted newline in an earlier record does not shift them. rule
// tells the header from title rows above it. A large text is read in
// parts, one on each core (csvParts), and its records taken in order.
func readCSV(text []byte, rule headerRule) (*rawTable, error) {
	return readCSVIn(text, rule, par.Workers(len(text)/csvPartMin))
}

// separator is what a text's fields are separated by: a comma, or a tab
// or a semicolon where the first lines hold more of them than commas —
// what Excel writes as 文本文件(制表符分隔) or Unicode 文本, and as CSV where
// the list separator is a semicolon. The rows are the same table.
func separator(text []byte) rune {
	head := text
	for i, n := 0, 0; i < len(text); i++ {
		if text[i] == '\n' {
			if n++; n == 10 {
				head = text[:i]
				break
			}
		}
	}
	commas, tabs, semis := bytes.Count(head, []byte{','}), bytes.Count(head, []byte{'\t'}), bytes.Count(head, []byte{';'})
	switch {
	case tabs > commas && tabs >= semis:
		return '\t'
	case semis > commas:
		return ';'
	}
	return ','
}

// separatorNames say how a text read with another separator than a comma
// was read.
var separatorNames = map[rune]string{'\t': "tab-separated", ';': "semicolon-separated"}

// separatorWord names a text's separator in a diagnostic's advice on
// quoting: a tab-separated file's values must be quoted for a tab, not a
// comma.
func separatorWord(comma rune) string {
	switch comma {
	case '\t':
		return "tab"
	case ';':
		return "semicolon"
	}
	return "comma"
}

// readCSVIn is readCSV in at most n parts.
func readCSVIn(text []byte, rule headerRule, n int) (*rawTable, error) {
	t := &rawTable{rule: rule, comma: separator(text)}
	cuts := csvParts(text, n)
	parts := make([]csvPart, len(cuts)-1)
	par.Each(context.Background(), len(parts), func(_, i int) error {
		parts[i] = readCSVPart(text[cuts[i]:cuts[i+1]], 1+bytes.Count(text[:cuts[i]], []byte{'\n'}), t.comma)
		return nil
	})
	recs := 0
	for _, p := range parts {
		recs += len(p.recs)
	}
	t.rows, t.lines = make([][]string, 0, recs), make([]int, 0, recs)
	for _, p := range parts {
		for i, rec := range p.recs {
			if t.header == nil && isBlank(rec) {
				continue // a row of empty fields above the header
			}
			if err := t.add(rec, p.lines[i]); err != nil {
				return t, err
			}
		}
		if p.err == nil {
			continue
		}
		var pe *csv.ParseError
		if errors.As(p.err, &pe) {
			t.end()
			e := parseErrorAt(p.text, pe, t.header, t.comma)
			e.Line += p.first - 1
			return t, e
		}
		return t, p.err
	}
	return t, t.end()
}

// csvPartMin is the least text one part of a CSV file is read from.
const csvPartMin = 4 << 20

// csvPart is what readCSVPart read of a part of a CSV text starting on
// line first: its records and the lines they start on, up to the first
// error.
type csvPart struct {
	recs  [][]string
	lines []int
	err   error
	text  []byte
	first int
}

func readCSVPart(text []byte, first int, comma rune) csvPart {
	// a record a line at most: the slices are made once, not grown
	lines := bytes.Count(text, []byte{'\n'}) + 1
	p := csvPart{text: text, first: first, recs: make([][]string, 0, lines), lines: make([]int, 0, lines)}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return p
		}
		if err != nil {
			p.err = err
			return p
		}
		line, _ := r.FieldPos(0)
		p.recs = append(p.recs, rec)
		p.lines = append(p.lines, first+line-1)
	}
}

// csvParts cuts text into at most n parts at line ends outside quoted
// fields (an even number of quotes before them), returning the offsets of
// the cuts, 0 and len(text) included. Up to the first malformed quote, a
// part begins where the reader of the whole text begins a record, so the
// parts' records and their first error are the whole text's.
func csvParts(text []byte, n int) []int {
	cuts := []int{0}
	quotes, counted := 0, 0 // quotes in text[:counted]
	for i := 1; i < n; i++ {
		at := max(cuts[len(cuts)-1], i*len(text)/n)
		for at < len(text) {
			nl := bytes.IndexByte(text[at:], '\n')
			if nl < 0 {
				at = len(text)
				break
			}
			at += nl + 1
			quotes += bytes.Count(text[counted:at], []byte{'"'})
			counted = at
			if quotes%2 == 0 {
				break
			}
		}
		if at >= len(text) {
			break
		}
		cuts = append(cuts, at)
	}
	return append(cuts, len(text))
}

// maxColumns bounds a table's width: a stray cell far to the right (XFD1)
// must not make every row sixteen thousand cells wide.
const maxColumns = 256

// parseErrorAt turns a CSV parse error, which encoding/csv places at a byte
// of a line, into a diagnostic at the record's line and its field's column
// — the field's header and the start of its text as the value.
func parseErrorAt(text []byte, pe *csv.ParseError, header []string, comma rune) *positionedError {
	e := &positionedError{Line: pe.StartLine, Col: 1, Err: pe.Err,
		Hint: fmt.Sprintf("check the quotes on this row: a field with a %s, quote or line break must be in double quotes, and a quote inside it doubled as \"\"", separatorWord(comma))}
	start, at := lineOffset(text, pe.StartLine), lineOffset(text, pe.Line)+max(pe.Column-1, 0)
	if start < 0 || at < start || at > len(text) {
		return e
	}
	field, fieldStart, quoted := 1, start, false
	for i := start; i < at; i++ {
		switch c := text[i]; {
		case c == '"' && (i == fieldStart || quoted):
			quoted = !quoted
		case rune(c) == comma && !quoted:
			field, fieldStart = field+1, i+1
		}
	}
	e.Col = field
	if field <= len(header) {
		e.Field = strings.TrimSpace(header[field-1])
	}
	v := []rune(string(text[fieldStart:min(len(text), fieldStart+200)]))
	unquoted := len(v) == 0 || v[0] != '"'
	if i := slices.IndexFunc(v, func(r rune) bool { return r == '\n' || r == '\r' || r == comma && unquoted }); i >= 0 {
		v = v[:i]
	}
	if len(v) > 40 {
		v = append(v[:40], '…')
	}
	e.Value = string(v)
	return e
}

// lineOffset is the byte offset of the 1-based line n in text, or -1.
func lineOffset(text []byte, n int) int {
	off := 0
	for line := 1; line < n; line++ {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	return off
}

// readXLSX reads the sheets of a workbook that hold the table, each as it
// is streamed (excelize's row iterator: bounded memory however wide or
// sparse the sheet), cells as stored — dates as serials in the workbook's
// date system, formulas by their stored values. The table is the first
// visible sheet, or, when that one has no header of the table (a cover,
// 填表说明), the first visible sheet that has one; every other visible
// sheet with the table's header and rows (a sheet a year, a city) is a
// part of the table too, in the workbook's order, its sheet named in
// each part's sheet. A hidden sheet is never read: one with the table's
// header and rows is refused, and so is a visible sheet of rows shaped
// like the table's without its header. how says which sheets were read;
// sheet, when set, names the one sheet to read instead (and no other is
// looked at). rule tells the header from title rows above it; decisions
// says the rows are decisions, which no two sheets share (copiedSheet).
func readXLSX(b []byte, rule headerRule, sheet string, decisions bool) ([]*rawTable, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	named := sheet != ""
	if named && !slices.Contains(sheets, sheet) {
		return nil, fmt.Errorf("%s names the sheet %q, and the workbook has none of that name (its sheets: %s)", ImportFile, sheet, strings.Join(sheets, ", "))
	}
	var hidden []string
	for _, name := range sheets {
		if named {
			break
		}
		if visible, err := f.GetSheetVisible(name); err == nil && !visible {
			hidden = append(hidden, name)
		} else if sheet == "" {
			sheet = name
		}
	}
	if sheet == "" {
		return nil, fmt.Errorf("every sheet of the workbook is hidden (%s): unhide the sheet to publish, or save it as a workbook of its own", strings.Join(hidden, ", "))
	}
	dates := model.Excel1900
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil && *props.Date1904 {
		dates = model.Excel1904
	}
	t, err := readSheet(f, sheet, rule, dates)
	if err != nil {
		return []*rawTable{t}, err
	}
	first := sheet
	if !named && rule.like != nil && !t.liked {
		// the first visible sheet has no header of the table (a cover, 填表说明):
		// the first visible sheet that has one is the table
		for _, name := range sheets {
			if name == first || slices.Contains(hidden, name) {
				continue
			}
			if u, err := readSheet(f, name, rule, dates); err == nil && u.liked {
				t, sheet = u, name
				break
			}
		}
	}
	t.sheet = sheet
	parts := []*rawTable{t}
	if !named && rule.like != nil {
		// another sheet with the table's header and rows (a sheet a year,
		// a city) is a part of the table. A hidden one is refused, not
		// left out: hidden, a sheet of 吊销 would leave the agencies it
		// ended published as licensed, with nothing said but the summary
		for _, name := range sheets {
			if name == sheet {
				continue
			}
			u, err := readSheet(f, name, rule, dates)
			if err == nil && !u.liked && !slices.Contains(hidden, name) {
				// a visible sheet of rows without the header (the rows
				// that did not fit, a sheet a year pasted without its
				// heading): its 吊销 would be left out as silently. A
				// hidden one without a header is a list a form's cells
				// pick from, not rows of the table.
				if line, cell, ok := u.firstRecord(); ok {
					return nil, fmt.Errorf("the workbook has another sheet, %q, whose rows look like the table's (row %d holds %q, shaped like a 统一社会信用代码) but which has no header: its rows would not be published — give the sheet the table's header (each sheet with it is read as a part of the table), or move its rows into %q under its header; if the sheet is not the table's, delete it or name the one sheet to read in %s", name, line, cell, sheet, ImportFile)
				}
			}
			if u == nil || !u.liked || len(u.rows) == 0 && err == nil {
				continue
			}
			if slices.Contains(hidden, name) {
				return nil, fmt.Errorf("the workbook has a hidden sheet with the table's header, %q (%d rows), besides %q: a hidden sheet is not read, so its rows would not be published — delete the sheet if its rows are not to be published; if they are, unhide it (each visible sheet with the table's header is read as a part of the table), or name the one sheet to read in %s", name, len(u.rows), sheet, ImportFile)
			}
			if err != nil {
				return nil, fmt.Errorf("sheet %q: %w", name, err)
			}
			u.sheet = name
			parts = append(parts, u)
		}
	}
	if err := copiedSheet(parts, decisions); err != nil {
		return nil, err
	}
	headed := len(parts) // the sheets with the table's header
	if len(parts) > 1 && len(parts[0].rows) == 0 {
		// the first sheet with the header holds none of its rows (a sheet
		// kept as the form to fill in): the table is the others
		parts = parts[1:]
	}
	for _, t := range parts {
		t.sheetName = t.sheet
		switch {
		case named:
			t.how = fmt.Sprintf("sheet %q, as %s names it", sheet, ImportFile)
		case len(parts) == 1 && headed > 1:
			t.how = fmt.Sprintf("sheet %q, the one of the %d sheets with the table's header that holds rows", t.sheet, headed)
		case len(parts) > 1:
			t.how = fmt.Sprintf("sheet %q, one of the %d sheets with the table's header, each read as a part of it", t.sheet, len(parts))
		case sheet != first:
			t.how = fmt.Sprintf("sheet %q, the first with the table's header (%q before it has none)", sheet, first)
		case len(sheets) > 1:
			t.how = fmt.Sprintf("sheet %q, the first visible of %d", sheet, len(sheets))
		}
		if len(hidden) > 0 && !named {
			t.how += fmt.Sprintf(" (hidden, not read: %s)", strings.Join(hidden, ", "))
		}
		if t.dates == model.Excel1904 {
			t.how = strings.TrimPrefix(t.how+", 1904 date system", ", ")
		}
		if err := t.readMarks(f, b, t.sheet); err != nil {
			return parts, err
		}
	}
	if len(parts) == 1 {
		parts[0].sheet = "" // the workbook's table: its rows are the file's
	}
	return parts, nil
}

// copiedSheet refuses a sheet of a table that is a copy of another: one
// whose name says so (许可决定 - 副本, 许可决定备份), and, when the rows are
// decisions (byRows), sheets that share a row — a sheet a year or a city
// holds decisions of its own, so a row in two of them says one is a copy
// of the other (Sheet1 (2), 原表). Read as parts, a row the bureau
// corrected or deleted in one would still be published from the other.
// The rows of a list with no column of its year (annual checks a sheet a
// year) may be alike from sheet to sheet, and are not compared.
func copiedSheet(parts []*rawTable, byRows bool) error {
	if len(parts) < 2 {
		return nil
	}
	for _, t := range parts {
		orig := copyOf(t.sheet)
		for _, o := range parts {
			if orig != "" && o != t && strings.EqualFold(o.sheet, orig) {
				return fmt.Errorf("the sheet %q's name says it is a copy of the sheet %q, and both have the table's header: a row corrected or deleted in one would still be published from the copy — delete the copy, or name the one sheet to read in %s", t.sheet, o.sheet, ImportFile)
			}
		}
	}
	if !byRows {
		return nil
	}
	type at struct {
		sheet string
		line  int
	}
	seen := map[string]at{}
	for _, t := range parts {
		for i, r := range t.rows {
			if isBlank(r) {
				continue
			}
			k := strings.Join(trimBlankTail(r), "\x1f")
			if o, ok := seen[k]; ok && o.sheet != t.sheet {
				return fmt.Errorf("sheets %q and %q of the workbook both hold the row %q (row %d of %q, row %d of %q): a sheet a year or a city holds rows of its own, so one of them looks like a copy of the other, and a row corrected or deleted in one would still be published from the copy — delete the copy, or name the one sheet to read in %s",
					o.sheet, t.sheet, strings.Join(trimBlankTail(r), " "), o.line, o.sheet, t.lines[i], t.sheet, ImportFile)
			}
			if _, ok := seen[k]; !ok {
				seen[k] = at{t.sheet, t.lines[i]}
			}
		}
	}
	return nil
}

// readMarks reads what sheet of f (saved as b) says of its cells beyond
// their values: its comments, formulas without a stored value, numbers
// that lost digits, struck-through values, hidden rows and merged cells.
func (t *rawTable) readMarks(f *excelize.File, b []byte, sheet string) error {
	if cs, err := f.GetComments(sheet); err == nil {
		for _, c := range cs {
			t.comments = append(t.comments, cellNote{cell: c.Cell, text: strings.TrimSpace(c.Text)})
		}
	}
	marks, err := readSheetMarks(b, sheet)
	t.formulas, t.lossy, t.struck, t.hiddenRows = marks.formulas, marks.lossy, marks.struck, marks.hiddenRows
	if n := t.fillMerged(marks.merged); n > 0 && t.how == "" {
		t.how = fmt.Sprintf("%d merged cells read as their value in each row they span", n)
	} else if n > 0 {
		t.how = fmt.Sprintf("%s, %d merged cells read as their value in each row they span", t.how, n)
	}
	return err
}

// fillMerged gives each data row that a cell merged down a column spans
// the merged cell's value, as the sheet shows it: an agency's name and
// code merged over the rows of its decisions belong to each of them (the
// row iterator gives the value in the first row only, and blanks below).
// A range over several columns, or one that begins above the first data
// row (a header merged over two rows), is left as it is. It returns how
// many cells it filled.
func (t *rawTable) fillMerged(refs []string) int {
	filled := 0
	for _, ref := range refs {
		from, to, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		c0, r0, err0 := excelize.CellNameToCoordinates(from)
		c1, r1, err1 := excelize.CellNameToCoordinates(to)
		if err0 != nil || err1 != nil || c0 != c1 || r1 <= r0 || r0 <= t.headerLine {
			continue
		}
		i, found := slices.BinarySearch(t.lines, r0)
		if !found || c0 > len(t.rows[i]) || t.rows[i][c0-1] == "" {
			continue
		}
		v := t.rows[i][c0-1]
		for i++; i < len(t.lines) && t.lines[i] <= r1; i++ {
			row := t.rows[i]
			if c0 > len(row) {
				if c0 > len(t.header) {
					break
				}
				row = append(row, make([]string, c0-len(row))...)
				t.rows[i] = row
			}
			if row[c0-1] == "" {
				row[c0-1] = v
				filled++
			}
		}
	}
	return filled
}

// readSheet reads the rows of one sheet of a workbook.
func readSheet(f *excelize.File, sheet string, rule headerRule, dates model.DateSystem) (*rawTable, error) {
	t := &rawTable{dates: dates, rule: rule, xlsx: true}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("cannot read sheet %q: %v", sheet, err)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.end()
			return t, &positionedError{Line: n, Err: fmt.Errorf("cannot read row %d of sheet %q: %v", n, sheet, err)}
		}
		if isBlank(rec) {
			continue
		}
		if err := t.add(rec, n); err != nil {
			return t, err
		}
	}
	if err := t.end(); err != nil {
		return t, err
	}
	if err := rows.Error(); err != nil {
		return t, fmt.Errorf("cannot read sheet %q: %v", sheet, err)
	}
	return t, nil
}

func trimBlankTail(rec []string) []string {
	for len(rec) > 0 && strings.TrimSpace(rec[len(rec)-1]) == "" {
		rec = rec[:len(rec)-1]
	}
	return rec
}

func isBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// positionedError is a read error at a place in the file, with the field
// (its header) and value when they are known.
type positionedError struct {
	Line, Col    int
	Field, Value string
	Hint         string
	Err          error
}

func (e *positionedError) Error() string { return e.Err.Error() }
