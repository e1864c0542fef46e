package load

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"portal/generator/diag"
)

// workbook saves rows (the first the header) into sheet of a new workbook
// and lets edit change it before it is saved; it returns the directory.
func workbook(t *testing.T, sheet string, rows [][]any, edit func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	if sheet != "Sheet1" {
		f.SetSheetName("Sheet1", sheet)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if edit != nil {
		edit(f)
	}
	dir := t.TempDir()
	if err := f.SaveAs(filepath.Join(dir, "licences.xlsx")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readLicencesAll reads every part of the licences in dir and decodes
// them, returning the diagnostics.
func readLicencesAll(t *testing.T, dir string) ([]string, []*table) {
	t.Helper()
	var d diag.List
	ts, _ := readTable(OSDir(dir), LicencesSchema, &d)
	for _, tb := range ts {
		decodeLicences(tb, &d)
	}
	var out []string
	for _, x := range d.Sorted() {
		out = append(out, x.String())
	}
	return out, ts
}

func licenceHead() []any {
	var head []any
	for _, h := range strings.Split(licHeader, ",") {
		head = append(head, h)
	}
	return head
}

func readLicences(t *testing.T, dir string) ([]string, *table) {
	t.Helper()
	var d diag.List
	tb, _ := readOne(OSDir(dir), LicencesSchema, &d)
	if tb != nil {
		decodeLicences(tb, &d)
	}
	var out []string
	for _, x := range d.Sorted() {
		out = append(out, x.String())
	}
	return out, tb
}

// Workbooks as offices save them: a hidden first sheet is not read (the
// first visible one is, and the summary says so), nor a first sheet with
// no header of the table (填表说明: the first sheet with one is); another
// sheet with the table's header and rows is a part of the table, named by
// its sheet; one of the table's rows without its header, or hidden, is
// refused; a workbook of hidden
// sheets is refused, the 1904 date system is honoured, and a formula with
// no stored value in a published column is an error naming the cell.
func TestWorkbooksAsSaved(t *testing.T) {
	row := []any{"甲公司", "91440106MA5C00010W", "张三", "住所", 300, "L1", "新许可", "", 45413, 45413, 46507, "天河局", "440106", 45415}

	t.Run("hidden sheet", func(t *testing.T) {
		dir := workbook(t, "许可决定", [][]any{licenceHead(), row}, func(f *excelize.File) {
			f.NewSheet("草稿")
			f.SetSheetRow("草稿", "A1", &[]any{"无关", "内容"})
			f.MoveSheet("草稿", "许可决定")      // now first…
			f.SetSheetVisible("草稿", false) // …and hidden
		})
		got, tb := readLicences(t, dir)
		if len(got) != 0 || tb == nil || len(tb.rows) != 1 {
			t.Fatalf("diagnostics %q, table %v", got, tb)
		}
		if !strings.Contains(tb.how, `sheet "许可决定"`) || !strings.Contains(tb.how, "hidden, not read: 草稿") {
			t.Errorf("the summary does not say which sheet was read: %q", tb.how)
		}
	})
	t.Run("a record above the header", func(t *testing.T) {
		// a 吊销 pasted above the header, its code in full width: not a title
		revoked := []any{"甲公司", "９１４４０１０６ＭＡ５Ｃ００Ｏ１０Ｗ", "", "", "", "L1", "吊销", "", 45800, "", "", "天河局", "440106", ""}
		dir := workbook(t, "许可决定", [][]any{{"广州市劳务派遣经营许可信息表"}, revoked, licenceHead(), row}, nil)
		got, _ := readLicences(t, dir)
		if len(got) != 1 || !strings.Contains(got[0], "licences.xlsx:2:2: 统一社会信用代码 \"９１４４０１０６ＭＡ５Ｃ００Ｏ１０Ｗ\": this row stands above the table's header (row 3) and holds a record") {
			t.Fatalf("diagnostics %q", got)
		}
	})
	t.Run("a cover sheet first", func(t *testing.T) {
		dir := workbook(t, "许可决定", [][]any{licenceHead(), row}, func(f *excelize.File) {
			f.NewSheet("填表说明")
			f.SetSheetRow("填表说明", "A1", &[]any{"填表说明：请按第二个工作表的格式填报"})
			f.MoveSheet("填表说明", "许可决定") // first, visible, no table
		})
		got, tb := readLicences(t, dir)
		if len(got) != 0 || tb == nil || len(tb.rows) != 1 {
			t.Fatalf("diagnostics %q, table %v", got, tb)
		}
		if !strings.Contains(tb.how, `sheet "许可决定", the first with the table's header ("填表说明" before it has none)`) {
			t.Errorf("the summary does not say which sheet was read: %q", tb.how)
		}
	})
	t.Run("a second sheet with the table's header and rows", func(t *testing.T) {
		other := slices.Clone(row)
		other[0], other[1] = "乙公司", "91440106MA5C00020X"
		dir := workbook(t, "2023", [][]any{licenceHead(), row}, func(f *excelize.File) {
			f.NewSheet("2024")
			f.SetSheetRow("2024", "A1", &[]any{"2024年许可决定"}) // a title above the header
			head := licenceHead()
			f.SetSheetRow("2024", "A2", &head)
			f.SetSheetRow("2024", "A3", &other)
		})
		// each is a part of the table, named by its sheet: read, every
		// row at its sheet's line, and the summary says so
		var d diag.List
		ts, broken := readTable(OSDir(dir), LicencesSchema, &d)
		if d.Len() != 0 || broken || len(ts) != 2 {
			t.Fatalf("%d parts, broken %v: %s", len(ts), broken, d.Format(0))
		}
		for i, want := range []struct{ file, sheet, name string }{{"[2023]", "2023", "甲公司"}, {"[2024]", "2024", "乙公司"}} {
			tb := ts[i]
			decs, _ := decodeLicences(tb, &d)
			if !strings.HasSuffix(tb.file, "licences.xlsx"+want.file) || len(decs) != 1 || decs[0].Name != want.name || decs[0].Src.File != tb.file {
				t.Errorf("part %d: %s, %d decisions %+v", i, tb.file, len(decs), decs)
			}
			if !strings.Contains(tb.how, fmt.Sprintf(`sheet %q, one of the 2 sheets with the table's header, each read as a part of it`, want.sheet)) {
				t.Errorf("the summary does not say which sheets were read: %q", tb.how)
			}
		}
		if ts[1].lines[0] != 3 {
			t.Errorf("the 2024 sheet's row is at line %d, want 3 (below its title and header)", ts[1].lines[0])
		}
		// a first sheet of the header alone (the form to fill in) is
		// passed over, as other sheets without rows are
		dir = workbook(t, "模板", [][]any{licenceHead()}, func(f *excelize.File) {
			f.NewSheet("2024")
			head := licenceHead()
			f.SetSheetRow("2024", "A1", &head)
			f.SetSheetRow("2024", "A2", &other)
			f.NewSheet("2025")
			f.SetSheetRow("2025", "A1", &head)
		})
		if got, tb := readLicences(t, dir); len(got) != 0 || tb == nil || len(tb.rows) != 1 || tb.sheet != "" || !strings.Contains(tb.how, `sheet "2024"`) {
			t.Fatalf("a form and a sheet of rows: diagnostics %q, table %+v", got, tb)
		}
		// a copy of the sheet (a backup the bureau kept beside it): a row
		// corrected or deleted in one would still be published from the
		// other, so it is refused
		dir = workbook(t, "许可决定", [][]any{licenceHead(), row, other}, func(f *excelize.File) {
			f.NewSheet("许可决定 (2)")
			head := licenceHead()
			f.SetSheetRow("许可决定 (2)", "A1", &head)
			f.SetSheetRow("许可决定 (2)", "A2", &row)
		})
		if got, _ := readLicencesAll(t, dir); len(got) != 1 || !strings.Contains(got[0], `licences.xlsx: sheets "许可决定" and "许可决定 (2)" of the workbook both hold the row "甲公司 91440106MA5C00010W`) ||
			!strings.Contains(got[0], `(row 2 of "许可决定", row 2 of "许可决定 (2)")`) {
			t.Fatalf("a copy of the sheet: %q", got)
		}
		// a mistake in the second sheet is reported at that sheet's cell
		bad := slices.Clone(other)
		bad[8] = "2024-02-30"
		dir = workbook(t, "2023", [][]any{licenceHead(), row}, func(f *excelize.File) {
			f.NewSheet("2024")
			head := licenceHead()
			f.SetSheetRow("2024", "A1", &head)
			f.SetSheetRow("2024", "A2", &bad)
		})
		got, _ := readLicencesAll(t, dir)
		if len(got) != 1 || !strings.Contains(got[0], `licences.xlsx[2024]:2:9: 许可决定日期 "2024-02-30"`) {
			t.Fatalf("got %q", got)
		}
	})
	// the rows of a second sheet without the header (a sheet a year, the
	// rows that did not fit) were left out with a word in the summary
	// only: a 吊销 there left its agency published as licensed. A summary
	// sheet of counts, and a hidden list a form's cells pick codes from,
	// are no rows of the table.
	t.Run("a second sheet with rows and no header", func(t *testing.T) {
		revoked := slices.Clone(row)
		revoked[1] = "91440106 MA5C 0001 0W" // in groups, as typed
		revoked[6], revoked[8], revoked[9], revoked[10] = "吊销", 45600, "", ""
		dir := workbook(t, "2024", [][]any{licenceHead(), row}, func(f *excelize.File) {
			f.NewSheet("2025")
			f.SetSheetRow("2025", "A1", &revoked)
		})
		got, _ := readLicences(t, dir)
		if len(got) != 1 || !strings.Contains(got[0], `the workbook has another sheet, "2025", whose rows look like the table's (row 1 holds "91440106 MA5C 0001 0W", shaped like a 统一社会信用代码) but which has no header: its rows would not be published`) {
			t.Fatalf("got %q", got)
		}
		dir = workbook(t, "2024", [][]any{licenceHead(), row}, func(f *excelize.File) {
			f.NewSheet("统计")
			f.SetSheetRow("统计", "A1", &[]any{"地区", "新许可", "吊销"})
			f.SetSheetRow("统计", "A2", &[]any{"天河区", 12, 1})
			f.NewSheet("单位代码")
			f.SetSheetRow("单位代码", "A1", &[]any{"91440106MA5C00010W", "甲公司"})
			f.SetSheetVisible("单位代码", false)
		})
		if got, tb := readLicences(t, dir); len(got) != 0 || tb == nil || len(tb.rows) != 1 {
			t.Fatalf("a summary sheet and a hidden list: diagnostics %q, table %v", got, tb)
		}
	})
	// hidden, the sheet of 吊销 was left out with a word in the summary
	// only, and the agency it ended published as licensed
	t.Run("a hidden sheet with the table's header and rows", func(t *testing.T) {
		revoked := slices.Clone(row)
		revoked[6], revoked[8], revoked[9], revoked[10] = "吊销", 45600, "", ""
		dir := workbook(t, "许可决定", [][]any{licenceHead(), row}, func(f *excelize.File) {
			f.NewSheet("吊销")
			head := licenceHead()
			f.SetSheetRow("吊销", "A1", &head)
			f.SetSheetRow("吊销", "A2", &revoked)
			f.SetSheetVisible("吊销", false)
		})
		got, _ := readLicences(t, dir)
		if len(got) != 1 || !strings.Contains(got[0], `the workbook has a hidden sheet with the table's header, "吊销" (1 rows), besides "许可决定": a hidden sheet is not read`) {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("a code or number typed into a numeric column", func(t *testing.T) {
		r := slices.Clone(row)
		r[1] = float64(914401135250406035) // kept as 914401135250406000
		r[5] = 440100201470009             // 15 digits: kept whole
		whole := slices.Clone(row)
		whole[1] = 914401135250406035 // an integer written whole: every digit is in the file
		whole[0] = "乙公司"
		dir := workbook(t, "Sheet1", [][]any{licenceHead(), r, whole}, nil)
		got, _ := readLicences(t, dir)
		var errs []string
		for _, g := range got {
			if !strings.Contains(g, "warning") {
				errs = append(errs, g)
			}
		}
		if len(errs) != 1 || !strings.Contains(errs[0], `licences.xlsx:2:2: 统一社会信用代码 "914401135250406000": the last three digits are 0 and the check character fails: the code went through a numeric cell`) {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("cells merged down the rows of one agency", func(t *testing.T) {
		second := slices.Clone(row)
		second[0], second[1], second[6], second[8] = "", "", "变更", 45500
		second = append(second[:14], "", "", "")
		second[7] = "住所：旧→新"
		third := slices.Clone(row)
		third[0], third[1] = "乙公司", "91440106MA5C00020X"
		header := append(licenceHead(), "备注")
		dir := workbook(t, "Sheet1", [][]any{header, row, second, third}, func(f *excelize.File) {
			f.MergeCell("Sheet1", "A2", "A3") // the name and the code, over the agency's two decisions
			f.MergeCell("Sheet1", "B2", "B3")
			f.MergeCell("Sheet1", "L2", "M4") // over two columns: not filled
			f.MergeCell("Sheet1", "O1", "O2") // from the header down: not filled
		})
		got, tb := readLicences(t, dir)
		if tb == nil || len(tb.rows) != 3 {
			t.Fatalf("diagnostics %q, table %v", got, tb)
		}
		if tb.rows[1][0] != "甲公司" || tb.rows[1][1] != "91440106MA5C00010W" || tb.rows[2][0] != "乙公司" {
			t.Errorf("rows %q", tb.rows)
		}
		if !strings.Contains(tb.how, "2 merged cells read as their value in each row they span") {
			t.Errorf("the summary does not say merged cells were read: %q", tb.how)
		}
	})
	t.Run("every sheet hidden", func(t *testing.T) {
		dir := workbook(t, "许可决定", [][]any{licenceHead(), row}, nil)
		patchPart(t, filepath.Join(dir, "licences.xlsx"), "xl/workbook.xml", func(x string) string {
			return strings.Replace(x, `<sheet name="许可决定"`, `<sheet name="许可决定" state="hidden"`, 1)
		})
		if got, _ := readLicences(t, dir); len(got) != 1 || !strings.Contains(got[0], "every sheet of the workbook is hidden") {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("1904 date system", func(t *testing.T) {
		r := []any{"甲公司", "91440106MA5C00010W", "张三", "住所", 300, "L1", "新许可", "", 43951, 43951, 45045, "天河局", "440106", 43953}
		dir := workbook(t, "Sheet1", [][]any{licenceHead(), r}, func(f *excelize.File) {
			yes := true
			f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes})
		})
		var d diag.List
		tb, _ := readOne(OSDir(dir), LicencesSchema, &d)
		decs, _ := decodeLicences(tb, &d)
		if d.Len() != 0 || decs[0].DecidedOn.String() != "2024-05-01" || decs[0].ValidTo.String() != "2027-04-30" {
			t.Fatalf("%s decided %s valid to %s", d.Format(0), decs[0].DecidedOn, decs[0].ValidTo)
		}
		if !strings.Contains(tb.how, "1904 date system") {
			t.Errorf("summary %q", tb.how)
		}
	})
	t.Run("formula with no stored value", func(t *testing.T) {
		noName := append([]any{nil}, row[1:]...)
		dir := workbook(t, "Sheet1", [][]any{licenceHead(), noName}, func(f *excelize.File) {
			f.SetCellFormula("Sheet1", "A2", `CONCATENATE("甲","公司")`) // no value stored: nobody calculated it
			f.SetCellFormula("Sheet1", "P2", `1+1`)                   // outside the table
		})
		got, _ := readLicences(t, dir)
		if len(got) == 0 || !strings.Contains(got[0], "licences.xlsx:2:1: 行政相对人名称 \"\": cell A2 holds a formula with no stored value") {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("formula with a stored value is read by its value", func(t *testing.T) {
		dir := workbook(t, "Sheet1", [][]any{licenceHead(), row}, func(f *excelize.File) {
			f.SetCellFormula("Sheet1", "E2", `100*3`)
			f.SetCellValue("Sheet1", "E2", 300) // what Excel stores after calculating
		})
		if got, _ := readLicences(t, dir); len(got) != 0 {
			t.Fatalf("got %q", got)
		}
	})
	// a row crossed out with 删除线 (a 吊销 entered in error) was read as
	// any other and published; a struck title above the header, or a
	// struck cell with no value, is not part of the table's data
	t.Run("cells struck through", func(t *testing.T) {
		revoked := slices.Clone(row)
		revoked[6], revoked[8], revoked[9], revoked[10], revoked[13] = "吊销", 45500, nil, nil, 45502
		dir := workbook(t, "Sheet1", [][]any{{"许可信息表"}, licenceHead(), row, revoked}, func(f *excelize.File) {
			strike, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Strike: true}})
			if err != nil {
				t.Fatal(err)
			}
			f.SetCellStyle("Sheet1", "A1", "A1", strike) // the title
			f.SetCellStyle("Sheet1", "A4", "N4", strike) // the 吊销 crossed out
			f.SetCellStyle("Sheet1", "H3", "H3", strike) // an empty cell
		})
		got, _ := readLicences(t, dir)
		if len(got) != 1 || !strings.Contains(got[0], `licences.xlsx:4:1: 行政相对人名称 "甲公司": row 4 has cells struck through (删除线) in the workbook (A4, B4, C4, D4, E4, F4, G4, I4, L4, M4, N4)`) {
			t.Fatalf("got %q", got)
		}
	})
	// a header of two rows: 有效期 merged over two columns, 自 and 至 below
	// it, every other heading merged down over both rows; the second row
	// was read as a record of empty values, and 有效期至 was missing
	t.Run("a header of two rows", func(t *testing.T) {
		top := licenceHead()
		top[9], top[10] = "有效期", nil
		sub := make([]any, len(top))
		sub[9], sub[10] = "自", "至"
		dir := workbook(t, "Sheet1", [][]any{top, sub, row}, func(f *excelize.File) {
			f.MergeCell("Sheet1", "J1", "K1")
			for c := 1; c <= len(top); c++ {
				if c != 10 && c != 11 {
					a, _ := excelize.CoordinatesToCellName(c, 1)
					b, _ := excelize.CoordinatesToCellName(c, 2)
					f.MergeCell("Sheet1", a, b)
				}
			}
		})
		got, tb := readLicences(t, dir)
		if len(got) != 0 || tb == nil || len(tb.rows) != 1 || tb.rows[0][10] != "46507" {
			t.Fatalf("diagnostics %q, table %v", got, tb)
		}
		if !strings.Contains(tb.how, "a header of two rows (rows 1–2) read as one: 有效期自, 有效期至") {
			t.Errorf("the summary does not say how the header was read: %q", tb.how)
		}
	})
	// a comment (批注) on a row that says the decision was voided was not
	// read: the 吊销 was published as made; a comment that says nothing of
	// the kind, or one on the header, is no error
	t.Run("a comment undoing the row", func(t *testing.T) {
		revoked := slices.Clone(row)
		revoked[6], revoked[8], revoked[9], revoked[10], revoked[13] = "吊销", 45500, nil, nil, 45502
		dir := workbook(t, "Sheet1", [][]any{licenceHead(), row, revoked}, func(f *excelize.File) {
			for _, c := range []excelize.Comment{
				{Cell: "A1", Author: "王五", Text: "此条公示作废的行请删除"},
				{Cell: "D2", Author: "王五", Text: "住所已核实"},
				{Cell: "G3", Author: "王五", Text: "此条公示作废，待复议结果"},
			} {
				if err := f.AddComment("Sheet1", c); err != nil {
					t.Fatal(err)
				}
			}
		})
		got, _ := readLicences(t, dir)
		if len(got) != 1 || !strings.Contains(got[0], `licences.xlsx:3:7: 公示类型 "此条公示作废，待复议结果": a comment (批注) on cell G3 says this 吊销 was not made or no longer stands ("此条公示作废")`) {
			t.Fatalf("got %q", got)
		}
	})
	// so of a 吊销 in a penalties workbook: its comments were not read
	t.Run("a comment undoing a penalty", func(t *testing.T) {
		f := excelize.NewFile()
		for i, r := range [][]any{
			{"行政相对人名称", "行政相对人代码_1（统一社会信用代码）", "行政处罚决定书文号", "违法行为类型", "处罚类别", "处罚内容", "处罚决定日期", "处罚机关", "备注"},
			{"乙公司", "91440106MA5C00020X", "穗人社罚〔2025〕8号", "违反劳务派遣规定", "吊销许可证件", "吊销劳务派遣经营许可证", "2025-08-20", "天河局", ""},
		} {
			if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.AddComment("Sheet1", excelize.Comment{Cell: "C2", Author: "王五", Text: "该处罚决定已被行政复议撤销"}); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := f.SaveAs(filepath.Join(dir, "penalties.xlsx")); err != nil {
			t.Fatal(err)
		}
		var d diag.List
		if tb, _ := readOne(OSDir(dir), PenaltiesSchema, &d); tb != nil {
			decodePenalties(tb, &d)
		}
		got := d.Sorted()
		if len(got) != 1 || !strings.Contains(got[0].String(), `penalties.xlsx:2:3: 行政处罚决定书文号 "该处罚决定已被行政复议撤销": a comment (批注) on cell C2 says this 吊销 was not made or no longer stands`) {
			t.Fatalf("got %v", got)
		}
	})
	// the old address struck through beside the new one, in one cell's
	// rich text, was published as one address of both
	t.Run("a run of a cell struck through", func(t *testing.T) {
		dir := workbook(t, "Sheet1", [][]any{licenceHead(), row}, func(f *excelize.File) {
			err := f.SetCellRichText("Sheet1", "D2", []excelize.RichTextRun{
				{Text: "天河路1号", Font: &excelize.Font{Strike: true}},
				{Text: " 天河路2号"},
			})
			if err != nil {
				t.Fatal(err)
			}
		})
		got, _ := readLicences(t, dir)
		if len(got) != 1 || !strings.Contains(got[0], `licences.xlsx:2:4: 住所 "天河路1号 天河路2号": row 2 has cells struck through (删除线) in the workbook (D2)`) {
			t.Fatalf("got %q", got)
		}
	})
	// rows hidden by hand, or by a filter left on, were read and
	// published with nothing said; a hidden footer (制表人) is not the
	// table's, and a hidden blank row holds nothing
	t.Run("rows hidden", func(t *testing.T) {
		second, third, fourth := slices.Clone(row), slices.Clone(row), slices.Clone(row)
		second[0], second[1] = "乙公司", "91440106MA5C00020X"
		third[0], third[1] = "丙公司", "91440106MA5C00030Y"
		fourth[0], fourth[1] = "丁公司", "91440106MA5C000400"
		dir := workbook(t, "Sheet1", [][]any{licenceHead(), row, second, third, {}, fourth, {"制表人：李四"}}, func(f *excelize.File) {
			for _, r := range []int{3, 4, 5, 6, 7} {
				if err := f.SetRowVisible("Sheet1", r, false); err != nil {
					t.Fatal(err)
				}
			}
		})
		got, _ := readLicences(t, dir)
		if len(got) != 1 || !strings.Contains(got[0], `licences.xlsx:3:1: 行政相对人名称 "乙公司": 3 rows of the table are hidden in the workbook (3–4, 6)`) {
			t.Fatalf("got %q", got)
		}
	})
	// a row dragged to no height is as hidden, though not marked so
	t.Run("row of no height", func(t *testing.T) {
		second := slices.Clone(row)
		second[0], second[1] = "乙公司", "91440106MA5C00020X"
		dir := workbook(t, "Sheet1", [][]any{licenceHead(), row, second}, func(f *excelize.File) {
			if err := f.SetRowHeight("Sheet1", 3, 0); err != nil {
				t.Fatal(err)
			}
		})
		got, _ := readLicences(t, dir)
		if len(got) != 1 || !strings.Contains(got[0], `licences.xlsx:3:1: 行政相对人名称 "乙公司": 1 rows of the table are hidden in the workbook (3)`) {
			t.Fatalf("got %q", got)
		}
	})
}

// A small workbook with one value far to the right and far below is read in
// bounded memory, and the stray value is reported, not published.
func TestSparseWorkbookMemory(t *testing.T) {
	row := []any{"甲公司", "91440106MA5C00010W", "张三", "住所", 300, "L1", "新许可", "", 45413, 45413, 46507, "天河局", "440106", 45415}
	dir := workbook(t, "Sheet1", [][]any{licenceHead(), row}, nil)
	// excelize would lay out every row up to 1048576 to write this cell:
	// put it into the saved file's XML, as another program would
	patchPart(t, filepath.Join(dir, "licences.xlsx"), "xl/worksheets/sheet1.xml", func(x string) string {
		x = strings.Replace(x, "</row></sheetData>", `<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>`+
			`<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row></sheetData>`, 1)
		return strings.Replace(x, `<dimension ref="A1:N2"/>`, `<dimension ref="A1:XFD1048576"/>`, 1)
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got, tb := readLicences(t, dir)
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 512<<20 {
		t.Errorf("reading a %s workbook allocated %d MB", "sparse", grew>>20)
	}
	if tb == nil || len(tb.rows) != 1 || len(tb.header) != 14 {
		t.Fatalf("rows %v", tb)
	}
	all := strings.Join(got, "\n")
	if !strings.Contains(all, "licences.xlsx:2:16384: cell XFD2 holds a value right of the header's last column") || !strings.Contains(all, "licences.xlsx:1048576:16384: cell XFD1048576") {
		t.Errorf("stray values not reported:\n%s", all)
	}
}

// Excel for Mac's "CSV (Macintosh)" ends lines with CR alone: read as
// lines, never as one header thousands of fields wide; mixed line ends are
// refused with a message saying so. CR CR LF (a CRLF file written again in
// text mode, as Python's csv module on Windows writes it) ends a line.
func TestLineEndings(t *testing.T) {
	body := licHeader + "\n甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06\n"
	for name, text := range map[string]string{
		"CR":             strings.ReplaceAll(body, "\n", "\r"),
		"CRLF":           strings.ReplaceAll(body, "\n", "\r\n"),
		"CRCRLF":         strings.ReplaceAll(body, "\n", "\r\r\n"),
		"CRCRLF and LF":  strings.Replace(body, "\n", "\r\r\n", 1),
		"CRCRLF, quoted": strings.ReplaceAll(strings.Replace(body, "张三,住所", "张三,\"住所\r\r\n二楼\"", 1), "06\n", "06\r\r\n"),
	} {
		var d diag.List
		tb := parseTable("licences.csv", LicencesSchema, []byte(text), false, &d)
		if d.Len() != 0 || tb == nil || len(tb.rows) != 1 || len(tb.header) != 14 {
			t.Errorf("%s: %s %v", name, d.Format(0), tb)
			continue
		}
		if last := tb.rows[0][13]; last != "2024-05-06" {
			t.Errorf("%s: the last cell is %q", name, last)
		}
	}
	mixed := strings.Replace(strings.ReplaceAll(body, "\n", "\r"), "\r甲", "\n甲", 1) + "乙公司\r丙公司\r"
	var d diag.List
	parseTable("licences.csv", LicencesSchema, []byte(mixed), false, &d)
	if !strings.Contains(d.Format(0), "mixes line endings") {
		t.Errorf("mixed: %s", d.Format(0))
	}
}

// A DOS-era export's end-of-file mark (Ctrl-Z after the last line) is no
// row; the same character inside a row is reported as damage, not dropped.
func TestDOSEndOfFile(t *testing.T) {
	body := licHeader + "\r\n甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06\r\n"
	for name, b := range map[string][]byte{
		"UTF-8":   []byte(body + "\x1a"),
		"UTF-16":  utf16le(body + "\x1a"),
		"no CRLF": []byte(strings.ReplaceAll(body, "\r\n", "\n") + "\x1a"),
	} {
		var d diag.List
		tb := parseTable("licences.csv", LicencesSchema, b, false, &d)
		if d.Len() != 0 || tb == nil || len(tb.rows) != 1 {
			t.Errorf("%s: %s %v", name, d.Format(0), tb)
		}
	}
	var d diag.List
	tb := parseTable("licences.csv", LicencesSchema, []byte(strings.Replace(body, "张三,住所", "张三,住\x1a所", 1)), false, &d)
	if tb != nil {
		decodeLicences(tb, &d)
	}
	if !strings.Contains(d.Format(0), "U+001A") {
		t.Errorf("a Ctrl-Z inside a value: %s", d.Format(0))
	}
}

// A required table with a header and no rows is an error: it would empty
// the register. An optional one may be empty.
func TestEmptyTables(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "licences.csv"), []byte(licHeader+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "grades.csv"), []byte("评价年度,行政相对人名称,统一社会信用代码,信用等级,评价机构\n"), 0o644)
	var d diag.List
	if _, broken := readTable(Dir{FS: os.DirFS(dir), Name: "data"}, LicencesSchema, &d); !broken {
		t.Error("an empty licences table is not marked broken")
	}
	if got := d.Format(0); !strings.Contains(got, filepath.Join("data", "licences.csv")+":1: the 许可决定 table has a header but no rows") {
		t.Errorf("licences: %s", got)
	}
	var d2 diag.List
	readTable(Dir{FS: os.DirFS(dir), Name: "data"}, GradesSchema, &d2)
	if d2.Len() != 0 {
		t.Errorf("grades: %s", d2.Format(0))
	}
}

// patchPart rewrites one XML part of the workbook at path.
func patchPart(t *testing.T, path, part string, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, _ := f.Open()
		data, _ := io.ReadAll(r)
		r.Close()
		if f.Name == part {
			before := string(data)
			if data = []byte(edit(before)); string(data) == before {
				t.Fatalf("the sheet XML was not changed:\n%s", before)
			}
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
