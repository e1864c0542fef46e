package load

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"portal/generator/diag"
)

// A workbook has two ways to put a row aside without deleting it: cross it
// out (删除线) or hide it. Read from the file, either row is a row like
// any other, so what was put aside would be published; and a filter left
// on hides rows nobody looked at when the table was checked. Both are
// errors that ask the bureau which it meant.

// struckRows reports each row of the table (its first end rows) with
// cells struck through (删除线) once, at its first such cell: crossing a row out in the sheet
// leaves it in the file, and read as any other, a decision crossed out
// (a 吊销 entered in error) would be published; a cell struck through
// alone (an old address beside the new) leaves which value stands untold.
func struckRows(file string, raw *rawTable, header []string, end int, d *diag.List) {
	type row struct {
		line, col int
		value     string
		cells     []string
	}
	var rows []*row
	at := map[int]*row{}
	for _, c := range raw.struck {
		col, line, err := excelize.CellNameToCoordinates(c)
		if err != nil || col > len(header) {
			continue
		}
		i, ok := raw.bodyRow(line, end)
		if !ok || col > len(raw.rows[i]) || strings.TrimSpace(raw.rows[i][col-1]) == "" {
			continue // a title, the header or a footer, or a cell with nothing in it
		}
		r := at[line]
		if r == nil {
			r = &row{line: line, col: col, value: strings.TrimSpace(raw.rows[i][col-1])}
			at[line] = r
			rows = append(rows, r)
		}
		r.cells = append(r.cells, c)
	}
	for _, r := range rows {
		d.Add(diag.Diagnostic{File: file, Line: r.line, Col: r.col, Field: header[r.col-1], Value: r.value, Severity: diag.Error,
			Msg:  fmt.Sprintf("row %d has cells struck through (删除线) in the workbook (%s): a struck-through value is read as any other, so what was crossed out would be published", r.line, strings.Join(r.cells, ", ")),
			Hint: "delete the row (or the value) if it is void; if it stands, clear the strikethrough and save the workbook again"})
	}
}

// hiddenRows reports the table's rows (its first end rows) hidden in the
// sheet, by hand or by a filter left on, once, at the first of them,
// naming them all.
func hiddenRows(file string, raw *rawTable, header []string, end int, d *diag.List) {
	var lines []int
	first := -1
	for _, line := range raw.hiddenRows {
		i, ok := raw.bodyRow(line, end)
		if !ok || isBlank(raw.rows[i]) {
			continue // a title, the header, a footer or an empty row
		}
		if first < 0 {
			first = i
		}
		lines = append(lines, line)
	}
	if first < 0 {
		return
	}
	col, value := 1, ""
	for c, v := range raw.rows[first] {
		if v = strings.TrimSpace(v); v != "" && c < len(header) {
			col, value = c+1, v
			break
		}
	}
	field := ""
	if col <= len(header) {
		field = header[col-1]
	}
	d.Add(diag.Diagnostic{File: file, Line: lines[0], Col: col, Field: field, Value: value, Severity: diag.Error,
		Msg:  fmt.Sprintf("%d rows of the table are hidden in the workbook (%s): a hidden row is read and published as any other, so a row hidden to set it aside would be published, and rows a filter left hidden were not seen when the table was checked", len(lines), lineSpans(lines)),
		Hint: "unhide the rows (or clear the filter: 数据 → 筛选) and save the workbook again; delete a row that is void"})
}

// lineSpans names rows by number, runs as spans: "4", "4–6, 9".
func lineSpans(lines []int) string {
	var b strings.Builder
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] == lines[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(lines[i]))
		if j > i {
			b.WriteString("–" + strconv.Itoa(lines[j]))
		}
		i = j + 1
	}
	return b.String()
}
