package load

import (
	"slices"
	"testing"
)

// An export button's web page and XML Spreadsheet are read as Excel
// shows them: a cell spanning columns fills them, a line break in a cell
// is kept, character references are decoded, and ss:Index places a row
// or a cell; tags outside the table's cells are not text of it.
func TestMarkupRows(t *testing.T) {
	for _, c := range []struct {
		name, text string
		rows       [][]string
		lines      []int
	}{
		{"web page", `<html><head><style>td {color: red}</style></head><body><p>导出</p><table>
<tr><td colspan="3">标题</td><td>x</td></tr>
<tr><th>名称<br>全称</th><th>代码</th><td/><td>A&amp;B</td></tr><tr></tr></table>
<table><tr><td><span>第二</span>表</td></tr></table></body></html>`,
			[][]string{{"标题", "", "", "x"}, {"名称\n全称", "代码", "", "A&B"}, {}, {"第二表"}}, []int{1, 2, 3, 4}},
		{"XML Spreadsheet", `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="a"><Table><Row><Cell ss:MergeAcross="1"><Data ss:Type="String">标题</Data></Cell><Cell ss:Index="4"><Data>d</Data></Cell></Row>
<Row ss:Index="5"><Cell><Data ss:Type="Number">42</Data></Cell></Row></Table></Worksheet>
<Worksheet ss:Name="b"><Table><Row><Cell><Data>not read</Data></Cell></Row></Table></Worksheet></Workbook>`,
			[][]string{{"标题", "", "", "d"}, {"42"}}, []int{1, 5}},
		{"no table", "行政相对人名称,统一社会信用代码\n甲,1\n", nil, nil},
	} {
		rows, lines, _ := markupRows([]byte(c.text))
		if !slices.EqualFunc(rows, c.rows, slices.Equal) || !slices.Equal(lines, c.lines) {
			t.Errorf("%s: rows %q at %v, want %q at %v", c.name, rows, lines, c.rows, c.lines)
		}
	}
}

// FuzzMarkupRows reads any text without a panic, giving rows in order of
// their numbers.
func FuzzMarkupRows(f *testing.F) {
	f.Add([]byte(`<table><tr><td colspan="2">a</td><td>b<br>c</td></tr></table>`))
	f.Add(readTestdata(f, "unread/xml-spreadsheet.xls"))
	f.Add(readTestdata(f, "phone-id.html"))
	f.Fuzz(func(t *testing.T, text []byte) {
		rows, lines, _ := markupRows(text)
		if len(rows) != len(lines) {
			t.Fatalf("%d rows, %d row numbers", len(rows), len(lines))
		}
		for i := 1; i < len(lines); i++ {
			if lines[i] <= lines[i-1] {
				t.Fatalf("row number %d after %d", lines[i], lines[i-1])
			}
		}
	})
}
