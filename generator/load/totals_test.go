package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"portal/generator/diag"
)

// A total the export states below its table or in its title is checked
// against the rows read: fewer rows (or agencies, for 家) than it states
// is an error — rows lost on the way would be missing from the register
// without a word — more a warning; a total of no unit, or a 小计, is not
// read.
func TestStatedTotals(t *testing.T) {
	const head = "行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码\n"
	const rows = "甲公司,91440106MA5C00010W,L1,新许可,2024-05-01,2024-05-01,2027-04-30,天河局,440106\n" +
		"甲公司,91440106MA5C00010W,L1,变更,2024-06-01,,,天河局,440106\n" +
		"乙公司,91440106MA5C000501,L2,新许可,2024-07-01,2024-07-01,2027-06-30,天河局,440106\n"
	for _, c := range []struct {
		name, above, below string
		want               string // "" none
	}{
		{"rows agree", "", "合计：3条,,,,,,,,\n", ""},
		{"agencies agree", "", "合计,2家,,,,,,,\n", ""},
		{"rows and agencies agree", "", "共3条记录（2家）,,,,,,,,\n", ""},
		{"rows missing", "", "合计：5条,,,,,,,,\n", "licences.csv:5:1: 合计 \"5条\": the export states it holds 5 rows, and 3 were read below its header, 2 fewer"},
		{"in the title", "劳务派遣经营许可信息表（共4条）,,,,,,,,\n", "", "licences.csv:1:1: 共 \"4条\": the export states it holds 4 rows, and 3 were read"},
		{"共 and spaces", "", "共 4 条记录,,,,,,,,\n", "licences.csv:5:1: 共 \"4条记录\""},
		{"agencies missing", "", "总计 3 家,,,,,,,,\n", "licences.csv:5:1: 总计 \"3家\": the export states it holds 3 agencies, and 2 were read"},
		{"rows added", "", "合计：2条,,,,,,,,\n", "licences.csv:5:1: warning: 合计 \"2条\": the export states it holds 2 rows, and 3 were read below its header: rows were added"},
		{"no unit", "", "合计,5,,,,,,,\n", ""},
		{"a subtotal", "", "小计：9条,,,,,,,,\n", ""},
		{"pages", "", "共5页,,,,,,,,\n", ""},
	} {
		var d diag.List
		parseTable("licences.csv", LicencesSchema, []byte(c.above+head+rows+c.below), false, &d)
		saysOrNot(t, c.name, d.Format(0), c.want, "")
	}
}

// A number missing from a 序号 column's run (1, 2, 4) is a row deleted
// after the export was made: warned of once a file, naming the numbers.
// A column that is no plain run — sorted by another column after it was
// numbered, numbered again for each district — is passed over.
func TestSerialGaps(t *testing.T) {
	row := func(n string) string {
		return n + ",甲公司,91440106MA5C00010W,L1,新许可,2024-05-01,2024-05-01,2027-04-30,天河局,440106\n"
	}
	const head = "序号,行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码\n"
	run := func(ns ...string) string {
		s := head
		for _, n := range ns {
			s += row(n)
		}
		return s
	}
	for _, c := range []struct {
		name, text, want string // want "": no warning of the 序号
	}{
		{"a plain run", run("1", "2", "3", "4", "5"), ""},
		{"a row deleted", run("1", "2", "3", "5", "6", "7", "8", "9", "10", "11", "12"), `licences.csv:5:1: warning: 序号 "5": the 序号 goes from 3 to 5 here: the rows numbered 4 are not in the file (1 in all)`},
		{"rows deleted", run("1", "2", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24"), "the rows numbered 3–4, 13 are not in the file (3 in all)"},
		{"numbered per district", run("1", "2", "3", "1", "2", "3", "4"), ""},
		{"sorted after numbering", run("3", "1", "2", "5", "4"), ""},
		{"not numbers", run("1", "2", "a", "4"), ""},
		{"few steps of one", run("1", "3", "5", "7", "9"), ""},
	} {
		var d diag.List
		parseTable("licences.csv", LicencesSchema, []byte(c.text), false, &d)
		saysOrNot(t, c.name, d.Format(0), c.want, "the 序号")
	}
}

// A workbook of a sheet a year may state each sheet's total below it, or
// the whole workbook's below its last sheet: either agrees; a total above
// both is still rows missing.
func TestStatedTotalOfAWorkbook(t *testing.T) {
	row := func(code, on string) []any {
		return []any{"甲公司", code, "L1", "新许可", on, on, "2027-04-30", "天河局", "440106"}
	}
	head := []any{"行政相对人名称", "统一社会信用代码", "许可证编号", "公示类型", "许可决定日期", "有效期自", "有效期至", "许可机关", "行政区划代码"}
	for _, c := range []struct {
		total, want string
	}{
		{"合计：1条", ""}, // the last sheet's own
		{"合计：3条", ""}, // the workbook's
		{"合计：2家", ""}, // the workbook's agencies
		{"合计：4条", "licences.xlsx[2025年]:3:1: 合计 \"4条\": the export states it holds 4 rows, and 3 were read below its header, 1 fewer"},
	} {
		dir := workbook(t, "2024年", [][]any{head, row("91440106MA5C00010W", "2024-05-01"), row("91440106MA5C00010W", "2024-06-01")}, func(f *excelize.File) {
			f.NewSheet("2025年")
			f.SetSheetRow("2025年", "A1", &head)
			r := row("91440106MA5C000501", "2025-05-01")
			f.SetSheetRow("2025年", "A2", &r)
			f.SetCellValue("2025年", "A3", c.total)
		})
		got, _ := readLicencesAll(t, dir)
		saysOrNot(t, c.total, strings.Join(got, "\n"), c.want, "the export states")
	}
}

// A file of decisions that says it is one page of a paged list (第1页/共3页,
// above the table or below it) is an error naming the pages no file of the
// table is; a folder holding every page's file is read.
func TestOnePageOfAList(t *testing.T) {
	const head = "行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码\n"
	row := func(code string) string {
		return "甲公司," + code + ",L1,新许可,2024-05-01,2024-05-01,2027-04-30,天河局,440106\n"
	}
	read := func(files map[string]string) string {
		dir := t.TempDir()
		for name, text := range files {
			os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
			os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
		}
		var d diag.List
		readTable(OSDir(dir), LicencesSchema, &d)
		return d.Format(0)
	}
	if got := read(map[string]string{"licences.csv": "劳务派遣许可公示（第1页/共3页）,,,,,,,,\n" + head + row("91440106MA5C00010W")}); !strings.Contains(got,
		`licences.csv:1:1: 页 "第1页/共3页": the export says it is page 1 of 3 of a list, and no file of the table is page 2, 3`) {
		t.Errorf("a page in its title:\n%s", got)
	}
	if got := read(map[string]string{"licences.csv": head + row("91440106MA5C00010W") + "共2页，第2页,,,,,,,,\n"}); !strings.Contains(got,
		`licences.csv:3:1: 页 "共2页，第2页": the export says it is page 2 of 2 of a list, and no file of the table is page 1`) {
		t.Errorf("a page below the table:\n%s", got)
	}
	pages := map[string]string{
		"licences/1.csv": head + row("91440106MA5C00010W") + "第1页/共2页,,,,,,,,\n",
		"licences/2.csv": head + row("91440106MA5C000501") + "第2页/共2页,,,,,,,,\n",
	}
	if got := read(pages); strings.Contains(got, "page") {
		t.Errorf("every page in the folder:\n%s", got)
	}
	if got := read(map[string]string{"licences.csv": head + row("91440106MA5C00010W") + "第1页/共1页,,,,,,,,\n"}); strings.Contains(got, "page") {
		t.Errorf("the only page:\n%s", got)
	}
}

// saysOrNot checks the diagnostics got of the case name: they hold want,
// or, when want is "", nothing with mark in it ("": nothing at all).
func saysOrNot(t *testing.T, name, got, want, mark string) {
	t.Helper()
	switch {
	case want == "" && got != "" && strings.Contains(got, mark):
		t.Errorf("%s: want no word of it, got\n%s", name, got)
	case want != "" && !strings.Contains(got, want):
		t.Errorf("%s: want %q, got\n%s", name, want, got)
	}
}
