package load

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A header of two rows — a heading over several columns (有效期, merged
// across them in a workbook, followed by empty cells in a text export) and
// under it a row naming each of them (自, 至), the other headings merged
// down over both rows or left empty below — is how many offices lay a
// register out. Read as one row, the second was taken for the first
// record, and the columns under the heading had no name: a row of empty
// required values, and 有效期至 missing. subHeader reads such a header as
// one: each column under the heading is named by the heading and its own
// name (有效期自, 有效期至), and the second row is no record.

// subHeaderMax is the most characters a name under a heading has.
const subHeaderMax = 12

// subHeader joins the row below raw's header into it when that row names
// the columns under a heading of several columns and holds nothing else,
// and says so ("" when it does not).
func subHeader(raw *rawTable) string {
	if len(raw.rows) == 0 || raw.lines[0] != raw.headerLine+1 {
		return ""
	}
	head, sub := raw.header, raw.rows[0]
	joined := make([]string, len(head))
	copy(joined, head)
	var said []string
	groups := 0
	for j := 0; j < len(sub); j++ {
		v := strings.TrimSpace(sub[j])
		if v == "" {
			continue
		}
		if j >= len(head) || !subName(v) {
			return ""
		}
		// the heading this name stands under: the nearest non-empty
		// heading at or left of it, the cells between it and j empty
		k := j
		for k > 0 && strings.TrimSpace(head[k]) == "" {
			k--
		}
		top := strings.TrimSpace(head[k])
		if top == "" {
			return ""
		}
		// the heading spans k…e: itself and the empty headings after it,
		// each of which has a name below
		e := k
		for e+1 < len(head) && strings.TrimSpace(head[e+1]) == "" {
			e++
		}
		if e == k {
			return "" // a heading over one column has nothing below it
		}
		for c := k; c <= e; c++ {
			if c >= len(sub) || !subName(strings.TrimSpace(sub[c])) {
				return ""
			}
			joined[c] = top + strings.TrimSpace(sub[c])
		}
		said = append(said, joined[k:e+1]...)
		groups++
		j = e
	}
	if groups == 0 {
		return ""
	}
	raw.header = joined
	raw.rows, raw.lines = raw.rows[1:], raw.lines[1:]
	return fmt.Sprintf("a header of two rows (rows %d–%d) read as one: %s", raw.headerLine, raw.headerLine+1, strings.Join(said, ", "))
}

// subName reports whether v can name a column under a heading: short, and
// no digit in it (a date, a code or a number is a record's).
func subName(v string) bool {
	if v == "" || utf8.RuneCountInString(v) > subHeaderMax {
		return false
	}
	return !strings.ContainsFunc(v, unicode.IsDigit)
}

// secondHeader leaves out the row below raw's header when it names the
// header's columns again in other words — the English names under the
// Chinese of a bilingual export (行政相对人名称 over name), or the
// Chinese under English — and says so ("" when it does not). Read as a
// record, it was a row of errors: "code" is no 统一社会信用代码. header
// is raw's matched (matchHeader): a cell under a published column must
// name that column, one under a column not read may hold anything, and two
// at least must name theirs.
func secondHeader(raw *rawTable, header []string, sc *Schema, set *readSettings) string {
	if len(raw.rows) == 0 || raw.lines[0] != raw.headerLine+1 {
		return ""
	}
	named := 0
	for j, c := range raw.rows[0] {
		key := normHeader(c)
		if key == "" || j >= len(header) || strings.HasPrefix(header[j], dropped) {
			continue
		}
		f, ok := set.field(sc, key)
		if !ok || f.Title != header[j] {
			return ""
		}
		named++
	}
	if named < 2 {
		return ""
	}
	line := raw.lines[0]
	raw.rows, raw.lines = raw.rows[1:], raw.lines[1:]
	return fmt.Sprintf("row %d names the columns again (a second header row): not read", line)
}
