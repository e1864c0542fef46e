package load

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// An "导出 Excel" button of a bureau's system often writes no workbook but
// a web page of one table, or Excel 2003's XML Spreadsheet, and names it
// .xls: Excel and WPS open either as a sheet. Like a binary workbook
// (biffcells.go) this is not a table this program reads, so its rows are
// read only to tell which table of this register it holds (heldTable).

// markupRows are the rows of the HTML tables, or of the first worksheet
// of an XML Spreadsheet, in text, each with its row number as Excel
// shows it on opening the file, and which of the two text is; nil when
// text holds no such rows. A
// cell spanning columns (colspan, ss:MergeAcross) fills them, and a
// cell or row placed by ss:Index stands at its place.
func markupRows(text []byte) (rows [][]string, lines []int, form string) {
	head := bytes.ToLower(text[:min(len(text), 64<<10)])
	switch {
	case bytes.Contains(head, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		form = "an XML Spreadsheet (Excel 2003 XML)"
	case bytes.Contains(head, []byte("<table")) || bytes.Contains(head, []byte("<tr")) || bytes.Contains(head, []byte("<html")):
		form = "a web page (HTML) of a table"
	default:
		return nil, nil, ""
	}
	z := html.NewTokenizer(bytes.NewReader(text))
	var (
		row    []string
		inRow  bool
		cell   *strings.Builder
		span   int
		number int // the current row's number
	)
	endCell := func() {
		if cell != nil {
			row = append(row, strings.TrimSpace(cell.String()))
			for ; span > 1; span-- {
				row = append(row, "")
			}
			cell = nil
		}
	}
	endRow := func() {
		endCell()
		if inRow {
			rows, lines = append(rows, row), append(lines, number)
		}
		row, inRow = nil, false
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			endRow()
			return rows, lines, form
		case html.TextToken:
			if cell != nil {
				cell.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			end := tt == html.EndTagToken
			switch tag := string(name); {
			case tag == "tr" || tag == "row":
				endRow()
				if !end {
					number++
					if i, err := strconv.Atoi(attrs["ss:index"]); err == nil && i > number {
						number = i
					}
					inRow = true
				}
			case (tag == "td" || tag == "th" || tag == "cell") && inRow:
				endCell()
				if !end {
					if i, err := strconv.Atoi(attrs["ss:index"]); err == nil && i-1 > len(row) && i <= biffMaxColumns {
						row = append(row, make([]string, i-1-len(row))...)
					}
					span = 1
					if n, err := strconv.Atoi(attrs["colspan"]); err == nil && n > 1 && n <= biffMaxColumns {
						span = n
					} else if n, err := strconv.Atoi(attrs["ss:mergeacross"]); err == nil && n > 0 && n < biffMaxColumns {
						span = n + 1
					}
					if tt == html.StartTagToken {
						cell = &strings.Builder{}
					} else {
						row = append(row, "")
					}
				}
			case tag == "br" && cell != nil:
				cell.WriteByte('\n')
			case (tag == "table" || tag == "worksheet") && end:
				endRow()
				if tag == "worksheet" {
					return rows, lines, form
				}
			}
		}
	}
}
