package load

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"portal/generator/diag"
	"portal/generator/model"
)

// An export made by a bureau's system often states below its table (or in
// its title) how many rows or agencies it holds: 合计：25条, 共 25 条记录,
// 总计 12 家, 许可信息表（共25条）. The
// system counted them when it made the file; a file that holds fewer rows
// lost some on the way — deleted by hand, cut off by a spreadsheet, hidden
// by a filter when it was copied — and their decisions would be missing
// from the register without a word. So a total is checked against what was
// read below the header: fewer rows (or agencies) than it states is an
// error, more a warning (rows added by hand after it was made, or a total
// of something else). A total of no unit (合计 25) may sum any column (the
// 注册资本) and is not read; nor is a 小计 (the subtotal of a group).

// statedTotal is a count a footer states and what it counts: 条, 项, 笔,
// 行, 件, 条记录 count rows, 家 and 户 agencies.
var statedTotal = regexp.MustCompile(`(合计|总计|共计|共有|共)[:：]?[(（]?(\d{1,7})(条记录|条数据|条|项|笔|行|件|家|户)`)

// checkTotals checks the totals stated by the rows below the table or
// above its header (cells, at lines) against the rows t read, and the
// agencies among them.
func checkTotals(file string, t *table, footers [][]string, lines []int, d *diag.List) {
	for i, row := range footers {
		text, col := "", 0
		for j, v := range row {
			if v = unspaced(v); v != "" {
				if col == 0 {
					col = j + 1
				}
				text += v
			}
		}
		for _, m := range statedTotal.FindAllStringSubmatch(text, -1) {
			stated, err := strconv.Atoi(m[2])
			if err != nil {
				continue
			}
			what, read := "rows", len(t.rows)
			if m[3] == "家" || m[3] == "户" {
				what, read = "agencies", t.distinctCodes()
				if read < 0 {
					continue // no column of codes to count them by
				}
			}
			pos, word, value := diag.Pos{File: file, Line: lines[i], Col: col}, m[1], m[2]+m[3]
			switch {
			case read < stated:
				d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col, Field: word, Value: value, Severity: diag.Error,
					Msg:  fmt.Sprintf("the export states it holds %d %s, and %d were read below its header, %d fewer: rows deleted, cut off, or hidden by a filter when the table was copied, whose decisions the register would lack without a word", stated, what, read, stated-read),
					Hint: "export the table again, whole, from the system that made it; if the total counts something else, correct it or delete its row"})
			case read > stated:
				d.Warnf(pos, word, value, "the export states it holds %d %s, and %d were read below its header: rows were added after it was made, or the total counts something else", stated, what, read)
			}
		}
	}
}

// distinctCodes is how many agencies t's rows name by their
// 统一社会信用代码; -1 when t has no such column.
func (t *table) distinctCodes() int {
	col := -1
	for i, h := range t.header {
		if h == model.ColCode.Title {
			col = i
		}
	}
	if col < 0 {
		return -1
	}
	seen := make(map[string]bool, len(t.rows))
	for _, r := range t.rows {
		if col < len(r) {
			if c := strings.ToUpper(unspaced(r[col])); c != "" {
				seen[c] = true
			}
		}
	}
	return len(seen)
}
