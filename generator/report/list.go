package report

import (
	"cmp"
	"slices"
	"strconv"
)

// List is one list of the report as every format shows it: a table whose
// first column, when it is an agency's code, links to its public page.
type List struct {
	Slug  string // file name: no-business → no-business.csv, .json, .html
	Title string // 中文标题
	Rule  string // the rule, in one sentence
	// Note says why the list is empty when it cannot be made (no annual
	// checks in the data), "" otherwise.
	Note    string
	Columns []Column
	Rows    [][]string
	// SortBy are the columns a reader may sort the HTML by (the first is
	// the order the rows are in).
	SortBy []int

	agencyURL string
}

// Column is one column of a list: its key in the CSV and JSON, its
// heading in the HTML, and whether it holds a code that links to an agency.
type Column struct {
	Key, Title string
	Agency     bool // a 统一社会信用代码 of an agency in the register
	Number     bool // sorts as a number
}

// sorted returns the rows ordered by column c (ascending; numbers as
// numbers), ties kept in the list's order.
func (l *List) sorted(c int) [][]string {
	rows := make([][]string, len(l.Rows))
	for i, o := range l.order(c) {
		rows[i] = l.Rows[o]
	}
	return rows
}

// order is the indexes of the rows ordered by column c, as sorted orders
// them.
func (l *List) order(c int) []int {
	idx := make([]int, len(l.Rows))
	for i := range idx {
		idx[i] = i
	}
	if l.Columns[c].Number {
		num := make([]float64, len(l.Rows))
		for i, row := range l.Rows {
			num[i], _ = strconv.ParseFloat(row[c], 64)
		}
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(num[a], num[b]) })
		return idx
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(l.Rows[a][c], l.Rows[b][c]) })
	return idx
}

// link is the public page of the agency with the code, "" when the report
// has no site to link to.
func (l *List) link(code string) string {
	if l.agencyURL == "" || code == "" {
		return ""
	}
	return l.agencyURL + code + "/"
}
