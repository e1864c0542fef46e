package load

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"portal/generator/diag"
	"portal/generator/model"
)

// An export made by a bureau's system often states below its table (or in
// its title) how many rows or agencies it holds: 合计：25条, 共 25 条记录,
// 总计 12 家, 许可信息表（共25条）. The system counted them when it made
// the file; a file that holds fewer rows
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

// statedCount is a total a row states (statedTotal): n rows, or agencies.
type statedCount struct {
	at          diag.Pos
	word, value string // 合计, 25条
	n           int
	agencies    bool // 家, 户
}

// statedCounts are the totals stated by the rows below the table or above
// its header (cells, at lines).
func statedCounts(file string, rows [][]string, lines []int) []statedCount {
	var out []statedCount
	for i, row := range rows {
		text, col := rowText(row)
		for _, m := range statedTotal.FindAllStringSubmatch(text, -1) {
			if n, err := strconv.Atoi(m[2]); err == nil {
				out = append(out, statedCount{diag.Pos{File: file, Line: lines[i], Col: col}, m[1], m[2] + m[3], n, m[3] == "家" || m[3] == "户"})
			}
		}
	}
	return out
}

// rowText is the text of a row's cells, unspaced and joined (合计, 25条 →
// 合计25条), and the column of its first (1-based).
func rowText(row []string) (text string, col int) {
	for j, v := range row {
		if v = unspaced(v); v != "" {
			if col == 0 {
				col = j + 1
			}
			text += v
		}
	}
	return text, col
}

// checkTotals checks the totals the parts of one file state (a workbook's
// sheets each may state its own, or one the whole workbook's) against the
// rows read below their header, and the agencies among them.
func checkTotals(parts []*table, d *diag.List) {
	for _, t := range parts {
		for _, s := range t.totals {
			read, all := len(t.rows), 0
			if s.agencies {
				read, all = distinctCodes(t), distinctCodes(parts...)
				if read < 0 {
					continue // no column of codes to count them by
				}
			} else {
				for _, p := range parts {
					all += len(p.rows)
				}
			}
			what := "rows"
			if s.agencies {
				what = "agencies"
			}
			switch {
			case s.n == read || s.n == all:
			case s.n > all:
				d.Add(diag.Diagnostic{File: s.at.File, Line: s.at.Line, Col: s.at.Col, Field: s.word, Value: s.value, Severity: diag.Error,
					Msg:  fmt.Sprintf("the export states it holds %d %s, and %d were read below its header, %d fewer: rows deleted, cut off, or hidden by a filter when the table was copied, whose decisions the register would lack without a word", s.n, what, all, s.n-all),
					Hint: "export the table again, whole, from the system that made it; if the total counts something else, correct it or delete its row"})
			case s.n < read:
				d.Warnf(s.at, s.word, s.value, "the export states it holds %d %s, and %d were read below its header: rows were added after it was made, or the total counts something else", s.n, what, read)
			}
		}
	}
}

// distinctCodes is how many agencies the rows of ts name by their
// 统一社会信用代码; -1 when one has no such column.
func distinctCodes(ts ...*table) int {
	seen := map[string]bool{}
	for _, t := range ts {
		col := slices.Index(t.header, model.ColCode.Title)
		if col < 0 {
			return -1
		}
		for _, r := range t.rows {
			if col < len(r) {
				if c := strings.ToUpper(unspaced(r[col])); c != "" {
					seen[c] = true
				}
			}
		}
	}
	return len(seen)
}

// A 序号 column numbers an export's rows as the system made it: 1, 2, 3 …
// A number missing from a run of them (1, 2, 4) is a row deleted after the
// export was made — by hand, or by a filter when the table was copied —
// and a decision in it would be missing from the register. It is warned
// of (the bureau may have left the row out on purpose; --strict refuses
// it), once a file, naming the numbers missing. A column that is no plain
// run (rows sorted by another column after they were numbered, numbers
// restarting for each district, 序号 of another kind) says nothing of
// missing rows and is passed over.

// serialGaps warns of the numbers missing from the 序号 column of t's rows
// (header: the file's own headings).
func serialGaps(file string, header []string, t *table, d *diag.List) {
	col := -1
	for i, h := range header {
		if h = unspaced(h); h == "序号" || h == "行号" {
			col = i
		}
	}
	if col < 0 || len(t.rows) < 3 {
		return
	}
	nums := make([]int, len(t.rows))
	for i, r := range t.rows {
		v := ""
		if col < len(r) {
			v = strings.TrimSuffix(unspaced(r[col]), ".")
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return // not a plain numbering
		}
		nums[i] = n
	}
	type gap struct{ at, from, to int } // the row after the gap, the numbers missing
	var gaps []gap
	steps := 0 // steps of one
	for i := 1; i < len(nums); i++ {
		switch prev, n := nums[i-1], nums[i]; {
		case n == prev+1:
			steps++
		case n == 1: // numbered again from 1 (a district's rows, a sheet's)
		case n > prev+1:
			gaps = append(gaps, gap{i, prev + 1, n - 1})
		default:
			return // out of order: sorted after it was numbered
		}
	}
	if len(gaps) == 0 || steps < 9*(len(nums)-1)/10 {
		return // too few steps of one for a run that lost rows
	}
	var missing []string
	n := 0
	for _, g := range gaps {
		n += g.to - g.from + 1
		if len(missing) < 5 {
			if g.from == g.to {
				missing = append(missing, strconv.Itoa(g.from))
			} else {
				missing = append(missing, fmt.Sprintf("%d–%d", g.from, g.to))
			}
		}
	}
	if len(gaps) > 5 {
		missing = append(missing, "…")
	}
	first := gaps[0]
	d.Warnf(diag.Pos{File: file, Line: t.lines[first.at], Col: col + 1}, unspaced(header[col]), strconv.Itoa(nums[first.at]),
		"the 序号 goes from %d to %d here: the rows numbered %s are not in the file (%d in all) — deleted after the export was made, or hidden by a filter when the table was copied; a decision among them would be missing from the register",
		nums[first.at-1], nums[first.at], strings.Join(missing, ", "), n)
}

// A web system's list is paged, and its 导出 may save the page on screen
// only, saying so above or below the table: 第1页/共3页, 共3页 第1页, Page 1
// of 3. The rows of the other pages are not in the file, and their
// decisions would be missing from the register without a word. So a file
// of decisions that says it is one page of several is an error, unless
// the other pages are files of the table's folder too (each page saved on
// its own). The annual checks, grades and listings, whose files a build
// may take unread from its last (Kept), are not checked.

// pageMark is where a file says it is page n of m.
var pageMark = regexp.MustCompile(`第(\d{1,4})页[/／,，、;；]?共(\d{1,4})页|共(\d{1,4})页[,，、;；]?第(\d{1,4})页|(?i)page(\d{1,4})of(\d{1,4})`)

// pageOf is what a page mark says.
type pageOf struct {
	at   diag.Pos
	text string
	n, m int
}

// pagesOf are the page marks of the rows below the table or above its
// header (cells, at lines) that say the file is one page of several.
func pagesOf(file string, rows [][]string, lines []int) []pageOf {
	var out []pageOf
	for i, row := range rows {
		text, col := rowText(row)
		for _, m := range pageMark.FindAllStringSubmatch(text, -1) {
			var n, of int
			switch {
			case m[1] != "":
				n, _ = strconv.Atoi(m[1])
				of, _ = strconv.Atoi(m[2])
			case m[3] != "":
				of, _ = strconv.Atoi(m[3])
				n, _ = strconv.Atoi(m[4])
			default:
				n, _ = strconv.Atoi(m[5])
				of, _ = strconv.Atoi(m[6])
			}
			if of > 1 {
				out = append(out, pageOf{diag.Pos{File: file, Line: lines[i], Col: col}, m[0], n, of})
			}
		}
	}
	return out
}

// checkPages reports each file of a table of decisions (ts, its parts)
// that says it is one page of several whose other pages no file of the
// table says it is.
func checkPages(ts []*table, d *diag.List) {
	have := map[[2]int]bool{} // page, of pages
	for _, t := range ts {
		for _, p := range t.pages {
			have[[2]int{p.n, p.m}] = true
		}
	}
	for _, t := range ts {
		for _, p := range t.pages {
			var missing []string
			for k := 1; k <= p.m && len(missing) < 10; k++ {
				if !have[[2]int{k, p.m}] {
					missing = append(missing, strconv.Itoa(k))
				}
			}
			if len(missing) == 0 {
				continue
			}
			d.Add(diag.Diagnostic{File: p.at.File, Line: p.at.Line, Col: p.at.Col, Field: "页", Value: p.text, Severity: diag.Error, Table: true,
				Msg:  fmt.Sprintf("the export says it is page %d of %d of a list, and no file of the table is page %s: their rows are not read, and the register would lack their decisions without a word", p.n, p.m, strings.Join(missing, ", ")),
				Hint: "export the whole list (导出全部, or a page size that holds every row); or save each page's export as a file of the table's folder"})
		}
	}
}
