package load

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"portal/generator/diag"
	"portal/internal/testsite"
)

// A provincial export: title rows above the header, a 序号 column, other
// headings for the documented columns, 公示类型 words of its own, totals and
// a signature below the table.
func TestProvincialExport(t *testing.T) {
	text := "广州市劳务派遣经营许可信息表,,,,,,,,,\n" +
		",,,,,,,,,\n" +
		"填报单位：天河区人社局,,,,,,,,,\n" +
		"序号,单位名称,统一社会信用代码,许可证号,类型,发证日期,有效期起,有效期止,发证机关,行政区划代码,上级单位统一社会信用代码\n" +
		"1,甲公司,91440106MA5C00010W,L1,新办,2024-05-01,2024-05-01,2027-04-30,天河局,440106,\n" +
		"2,乙公司,91440106MA5C00020X,L1,分支机构备案,2024-06-01,,,天河局,440106,91440106MA5C00010W\n" +
		"合计,2家,,,,,,,,,\n" +
		"制表人：张小明 电话：13812345678,,,,,,审核人：陈大文,,,\n"
	var d diag.List
	tb := parseTable("licences.csv", LicencesSchema, []byte(text), false, &d)
	decs, _ := decodeLicences(tb, &d)
	if d.Len() != 0 {
		t.Fatal(d.Format(0))
	}
	if len(decs) != 2 || decs[0].Type.String() != "新许可" || decs[1].Type.String() != "备案" || decs[0].Src.Line != 5 || decs[1].Src.Line != 6 {
		t.Fatalf("decoded %+v\n%+v", decs[0], decs[1])
	}
	for _, want := range []string{"header on row 4 (rows 1, 3 above it not read)", "单位名称→行政相对人名称", "许可证号→许可证编号", "发证机关→许可机关", "rows 7, 8 after the table"} {
		if !strings.Contains(tb.how, want) {
			t.Errorf("read as %q, want %q in it", tb.how, want)
		}
	}
}

// With no row like a header among the first rows, the first row is the
// header: its columns are reported, nothing is skipped silently.
func TestNoHeaderFound(t *testing.T) {
	var d diag.List
	tb := parseTable("licences.csv", LicencesSchema, []byte("名单\n甲公司,91440106MA5C00010W\n"), false, &d)
	if tb == nil || tb.headerLine != 1 || !strings.Contains(d.Format(0), `licences.csv:1: missing required column "行政相对人名称"`) {
		t.Fatalf("%+v\n%s", tb, d.Format(0))
	}
}

func TestFooterLike(t *testing.T) {
	for _, tc := range []struct {
		row  []string
		want bool
	}{
		{[]string{"合计", "2家"}, true},
		{[]string{"", "合 计：", "", "2"}, true},
		{[]string{"总计12家"}, true},
		{[]string{"制表人：张三", "审核人：李四"}, true},
		{[]string{"填表日期：2026-11-20"}, true},
		{[]string{"备注：本表按许可决定日期排列"}, true},
		{[]string{"合计人力资源有限公司"}, false}, // a name, not a total
		{[]string{"合计人力资源有限公司", "91440106MA5C00010W", "L1", "新许可", "2024-05-01", "天河局", "440106"}, false}, // a data row
		{[]string{"注：", "a", "b", "c", "d", "e", "f", "g"}, false},                                        // as many values as a data row
		{[]string{"说明书印刷有限公司"}, false},
		{[]string{"（以下空白）"}, true},
		{[]string{"", "以下空白"}, true},
		{[]string{"以下无数据"}, true},
		{[]string{"以下空白人力资源有限公司"}, false},
	} {
		if got := footerLike(tc.row, 7); got != tc.want {
			t.Errorf("footerLike(%q) = %v, want %v", tc.row, got, tc.want)
		}
	}
}

// A directory of files is one table, read in name order, each file by its
// own header; diagnostics name the file. Excel's lock files and hidden
// files are passed over, other files are named once.
func TestTableDirectory(t *testing.T) {
	dir := t.TempDir()
	city := filepath.Join(dir, "licences")
	os.MkdirAll(city, 0o755)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(city, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("2-佛山.csv", "统一社会信用代码,行政相对人名称,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码\n"+
		"91440604MA5C00030U,丙公司,L3,新许可,2024-05-01,2024-05-01,2027-04-30,禅城局,440604\n")
	write("1-广州.csv", licHeader+"\n甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,44010X,\n")
	write("~$1-广州.xlsx", "lock")
	write(".1-广州.csv.swp", "swap")
	write("readme.md", "# 说明")
	var d diag.List
	ts, broken := readTable(Dir{FS: os.DirFS(dir), Name: "data"}, LicencesSchema, &d)
	if broken || len(ts) != 2 || ts[0].file != filepath.Join("data", "licences", "1-广州.csv") || ts[1].file != filepath.Join("data", "licences", "2-佛山.csv") {
		t.Fatalf("broken %v, %d tables %v\n%s", broken, len(ts), ts, d.Format(0))
	}
	for _, tb := range ts {
		decodeLicences(tb, &d)
	}
	got := d.Format(0)
	for _, want := range []string{
		filepath.Join("data", "licences", "1-广州.csv") + ":2:13: 行政区划代码 \"44010X\"",
		filepath.Join("data", "licences", "readme.md") + ": warning: not a .csv or .xlsx file",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "~$") || strings.Contains(got, ".swp") || strings.Count(got, "\n") != 2 {
		t.Errorf("diagnostics:\n%s", got)
	}

	// a file beside the directory: which one is published?
	os.WriteFile(filepath.Join(dir, "licences.csv"), []byte(licHeader+"\n"), 0o644)
	var d2 diag.List
	if ts, broken := readTable(Dir{FS: os.DirFS(dir), Name: "data"}, LicencesSchema, &d2); ts != nil || !broken || !strings.Contains(d2.Format(0), "licences.csv, licences/ exist together: keep one") {
		t.Fatalf("%v %v\n%s", ts, broken, d2.Format(0))
	}
	// a directory named as the file: neither it nor the folder of parts
	os.Remove(filepath.Join(dir, "licences.csv"))
	os.RemoveAll(filepath.Join(dir, "licences"))
	os.MkdirAll(filepath.Join(dir, "licences.csv"), 0o755)
	var d4 diag.List
	if ts, broken := readTable(Dir{FS: os.DirFS(dir), Name: "data"}, LicencesSchema, &d4); ts != nil || !broken || !strings.Contains(d4.Format(0), filepath.Join("data", "licences.csv")+": licences.csv is a directory, not a file") {
		t.Fatalf("%v %v\n%s", ts, broken, d4.Format(0))
	}
	os.Remove(filepath.Join(dir, "licences.csv"))
	// an empty directory
	os.RemoveAll(city)
	os.MkdirAll(city, 0o755)
	var d3 diag.List
	if _, broken := readTable(Dir{FS: os.DirFS(dir), Name: "data"}, LicencesSchema, &d3); !broken || !strings.Contains(d3.Format(0), "the directory has no .csv or .xlsx file") {
		t.Fatalf("%v\n%s", broken, d3.Format(0))
	}
}

// The 公示类型 of a 双公示 row is the most specific action word in its texts;
// a refusal is never read as a grant.
func TestTypeFromText(t *testing.T) {
	for _, tc := range []struct {
		texts       []string
		typ, change string // "" typ: not inferred
	}{
		{[]string{"劳务派遣经营", "劳务派遣经营许可证", "准予劳务派遣行政许可决定书"}, "新许可", ""},
		{[]string{"准予劳务派遣经营许可延续", "", ""}, "延续", ""},
		{[]string{"变更法定代表人：张三→李四", "劳务派遣经营许可证", "准予变更劳务派遣行政许可决定书"}, "变更", "法定代表人：张三→李四"},
		{[]string{"", "", "准予变更决定书"}, "变更", ""}, // a title says nothing of what changed
		{[]string{"法定代表人", "", "准予变更决定书"}, "变更", "法定代表人"},
		{[]string{"注销劳务派遣经营许可", "", "准予注销劳务派遣行政许可决定书"}, "注销", ""},
		{[]string{"吊销劳务派遣经营许可证", "", ""}, "吊销", ""},
		{[]string{"分支机构备案", "", ""}, "备案", ""},
		{[]string{"首次申请劳务派遣经营许可", "", ""}, "新许可", ""},
		{[]string{"劳务派遣经营", "劳务派遣经营许可证", "劳务派遣行政许可决定书"}, "", ""}, // no action word
		{[]string{"不予劳务派遣经营许可", "", "不准予行政许可决定书"}, "", ""},       // a refusal
		{[]string{"撤回劳务派遣经营许可申请", "", ""}, "", ""},
		// a decision not made, or undone: never read by its action word
		{[]string{"拟吊销劳务派遣经营许可证", "", ""}, "", ""},
		{[]string{"", "", "吊销劳务派遣经营许可证听证告知书"}, "", ""},
		{[]string{"撤销吊销劳务派遣经营许可证的决定", "", "撤销行政处罚决定书"}, "", ""},
		{[]string{"注销劳务派遣经营许可申请未通过", "", ""}, "", ""},
		{[]string{"撤销劳务派遣经营许可", "", "撤销劳务派遣行政许可决定书"}, "撤销", ""},
		// a decision named as what follows a condition, or in the law's
		// words quoted, is not the row's: a grant that names its end
		{[]string{"准予劳务派遣经营许可（有效期三年，期满未申请延续的依法注销）", "", ""}, "新许可", ""},
		{[]string{"准予劳务派遣经营许可；以欺骗手段取得许可的，应当予以撤销", "", ""}, "新许可", ""},
		{[]string{"准予延续劳务派遣经营许可，逾期未办理的由许可机关注销", "", ""}, "延续", ""},
		{[]string{`依据“……期满未延续的，注销其许可证”的规定，准予劳务派遣经营许可`, "", ""}, "新许可", ""},
		// and a name's 的, or a finding before it, is no condition
		{[]string{"准予广州市未来人力资源有限公司的注销申请", "", ""}, "注销", ""},
		{[]string{"因其逾期未延续，注销劳务派遣经营许可", "", ""}, "注销", ""},
	} {
		typ, change, ok := typeFromText(tc.texts...)
		got := ""
		if ok {
			got = typ.String()
		}
		if got != tc.typ || change != tc.change {
			t.Errorf("typeFromText(%q) = %q %q, want %q %q", tc.texts, got, change, tc.typ, tc.change)
		}
	}
}

// A 行政处罚 export among the licence files is known by its header: its 吊销
// of a dispatch licence are decisions, its other penalties are counted.
func TestPenaltiesAmongLicenceFiles(t *testing.T) {
	dir := t.TempDir()
	city := filepath.Join(dir, "licences")
	os.MkdirAll(city, 0o755)
	os.WriteFile(filepath.Join(city, "1-许可.csv"), []byte(licHeader+"\n甲公司,91440106MA5C00010W,张三,住所,300,440106202400001,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,\n"), 0o644)
	os.WriteFile(filepath.Join(city, "2-处罚.csv"), []byte("行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚类别,处罚内容,处罚决定日期,处罚机关,违法事实\n"+
		"甲公司,91440106MA5C00010W,罚〔2025〕1号,罚款,罚款1万元,2025-01-02,天河局,未报送年度报告\n"+
		"甲公司,91440106MA5C00010W,罚〔2025〕2号,吊销许可证件,吊销劳务派遣经营许可证（440106202400001）,2025-03-04,天河局,违法转派\n"), 0o644)
	var d diag.List
	ts, broken := readTable(Dir{FS: os.DirFS(dir), Name: "data"}, LicencesSchema, &d)
	if broken || len(ts) != 2 || ts[1].schema != PenaltiesSchema {
		t.Fatalf("broken %v, %d tables\n%s", broken, len(ts), d.Format(0))
	}
	decs, _ := decodePenalties(ts[1], &d)
	if d.Len() != 0 || len(decs) != 1 || decs[0].Type.String() != "吊销" || decs[0].LicenceNo != "440106202400001" || decs[0].DecidedOn.String() != "2025-03-04" || decs[0].RegionCode != "440106" || decs[0].Src.Line != 3 {
		t.Fatalf("%+v\n%s", decs, d.Format(0))
	}
	if !strings.Contains(ts[1].how, "1 penalty that does not revoke") || !strings.Contains(ts[1].how, "columns not used: 违法事实") {
		t.Errorf("read as %q", ts[1].how)
	}
}

// A suspension (暂扣) of a dispatch licence is no decision the register
// can show — its end is not in the row — so it is read as none, and said:
// while it lasts, the agency's page shows its licence as in force. A
// suspension of another licence, or the national category that names both
// (暂扣或者吊销许可证) on a fine, says nothing.
func TestPenaltySuspensionIsSaid(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "penalties.csv"), []byte("行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚类别,处罚内容,暂扣或吊销证照名称及编号,处罚决定日期,处罚机关\n"+
		"甲公司,91440106MA5C00010W,罚〔2026〕1号,暂扣许可证件,暂扣劳务派遣经营许可证三个月,劳务派遣经营许可证 440106202400001,2026-10-02,天河局\n"+
		"甲公司,91440106MA5C00010W,罚〔2026〕2号,暂扣或者吊销许可证,罚款1万元,,2026-10-03,天河局\n"+
		"乙公司,91440106MA5C00020X,罚〔2026〕3号,暂扣许可证件,暂扣道路运输经营许可证,,2026-10-04,天河局\n"+
		"丙公司,91440106MA5C00030Y,罚〔2026〕4号,暂扣或者吊销许可证,吊销劳务派遣经营许可证,劳务派遣经营许可证 440106202400003,2026-10-05,天河局\n"), 0o644)
	var d diag.List
	ts, broken := readTable(Dir{FS: os.DirFS(dir), Name: "data"}, PenaltiesSchema, &d)
	if broken || len(ts) != 1 {
		t.Fatalf("broken %v, %d tables\n%s", broken, len(ts), d.Format(0))
	}
	decs, _ := decodePenalties(ts[0], &d)
	if len(decs) != 1 || decs[0].Code != "91440106MA5C00030Y" {
		t.Fatalf("decisions %+v", decs)
	}
	all := d.Sorted()
	if len(all) != 1 || all[0].Line != 2 || all[0].Severity != diag.Warning || !strings.Contains(all[0].Msg, "suspension (暂扣) of a 劳务派遣经营许可证") {
		t.Fatalf("want one warning at line 2:\n%s", d.Format(0))
	}
}

// data/import.toml names what the loader cannot tell by itself: headings,
// 公示类型 words, columns to drop, and for some files the header row or
// the sheet.
func TestImportSettings(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "licences"), 0o755)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("import.toml", `[licences]
aliases = { "证号" = "许可证编号", "申请事项" = "tag" }
types = { "新发证" = "新许可" }
non_public = ["经办人"]

[[licences.files]]
glob = "b*.csv"
header_row = 2
`)
	head := "行政相对人名称,统一社会信用代码,证号,申请事项,许可决定日期,有效期自,有效期至,许可机关,行政区划代码,经办人\n"
	row := "甲公司,91440106MA5C00010W,L1,新发证,2024-05-01,2024-05-01,2027-04-30,天河局,440106,王经办\n"
	write("regions.csv", "行政区划代码,名称,上级代码\n440106,天河区,440100\n")
	write("licences/a.csv", head+row)
	// the header on row 2 under a line of one known heading and one not:
	// only the settings tell it from a header
	write("licences/b.csv", "行政相对人名称,说明\n"+head+strings.Replace(row, "91440106MA5C00010W", "91440106MA5C00020X", 1))
	var d diag.List
	ds := Data(Dir{FS: os.DirFS(dir), Name: "data"}, nil, &d)
	if d.HasErrors(false) || len(ds.Decisions) != 2 {
		t.Fatalf("%d decisions\n%s", len(ds.Decisions), d.Format(0))
	}
	for _, dec := range ds.Decisions {
		if dec.Type.String() != "新许可" || dec.LicenceNo != "L1" {
			t.Errorf("%+v", dec)
		}
	}
	b := ds.Explain[filepath.Join("data", "licences", "b.csv")]
	got := strings.Join(b, "\n")
	for _, want := range []string{"settings: import.toml [licences] and its files \"b*.csv\"", "header: row 2 (header_row in import.toml)",
		`column 3 "证号": 许可证编号 (an alias set in import.toml)`, `column 10 "经办人": personal data: dropped unread`, "公示类型 words from import.toml: 新发证→新许可"} {
		if !strings.Contains(got, want) {
			t.Errorf("b.csv explained as\n%s\nwant %q in it", got, want)
		}
	}
	if strings.Contains(strings.Join(ds.Explain[filepath.Join("data", "licences", "a.csv")], "\n"), "header_row") {
		t.Errorf("a.csv read with b.csv's header_row")
	}

	// what the settings get wrong is said, with the setting
	write("import.toml", `[licence]
aliases = { "x" = "y" }
[licences]
aliases = { "证号" = "许可编码" }
types = { "新发证" = "新发" }
header_row = 9
`)
	var d2 diag.List
	Data(Dir{FS: os.DirFS(dir), Name: "data"}, nil, &d2)
	got = d2.Format(0)
	for _, want := range []string{
		"import.toml: [licence]: no such table",
		`import.toml: [licences] aliases: "证号" → "许可编码": the 许可决定 table has no column "许可编码"`,
		`import.toml: [licences] types: "新发证" → "新发": not a 公示类型`,
		"a.csv:9: import.toml sets header_row = 9, but the file ends before it",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}

// import.toml's sheet picks the sheet of a workbook to read.
func TestImportSettingsSheet(t *testing.T) {
	dir := workbook(t, "说明", [][]any{{"本工作簿第二张表为许可信息"}}, func(f *excelize.File) {
		f.NewSheet("许可信息")
		head := licenceHead()
		f.SetSheetRow("许可信息", "A1", &head)
		row := []any{"甲公司", "91440106MA5C00010W", "张三", "住所", 300, "L1", "新许可", "", "2024-05-01", "2024-05-01", "2027-04-30", "天河局", "440106"}
		f.SetSheetRow("许可信息", "A2", &row)
	})
	os.WriteFile(filepath.Join(dir, "import.toml"), []byte("[licences]\nsheet = \"许可信息\"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "regions.csv"), []byte("行政区划代码,名称,上级代码\n440106,天河区,440100\n"), 0o644)
	var d diag.List
	ds := Data(Dir{FS: os.DirFS(dir), Name: "data"}, nil, &d)
	if d.HasErrors(false) || len(ds.Decisions) != 1 || ds.Decisions[0].Name != "甲公司" {
		t.Fatalf("%d decisions\n%s", len(ds.Decisions), d.Format(0))
	}
	if how := ds.ReadAs[filepath.Join("data", "licences.xlsx")]; !strings.Contains(how, `sheet "许可信息", as import.toml names it`) {
		t.Errorf("read as %q", how)
	}
	os.WriteFile(filepath.Join(dir, "import.toml"), []byte("[licences]\nsheet = \"许可\"\n"), 0o644)
	var d2 diag.List
	Data(Dir{FS: os.DirFS(dir), Name: "data"}, nil, &d2)
	if got := d2.Format(0); !strings.Contains(got, `import.toml names the sheet "许可", and the workbook has none of that name (its sheets: 说明, 许可信息)`) {
		t.Errorf("%s", got)
	}
}

// A file or folder in data/ that no table reads is said, once: an export
// saved under another name would otherwise leave its agencies out without
// a word; so is a file named after a table that no table reads for its
// ending (Excel saves tab-separated text as .txt). Notes, import.toml, the
// tables and Excel's lock files are not.
func TestUnreadFilesWarned(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	write("licences.csv", "行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码\n甲公司,91440106MA5C00010W,L1,新许可,2024-05-01,2024-05-01,2027-04-30,天河局,440106\n")
	write("regions.csv", "行政区划代码,名称,上级代码\n440106,天河区,440100\n")
	write("许可公示2026.xlsx", "x")
	write("licences-2025/广州.csv", "x")
	write("annual-checks.txt", "x") // Excel's 文本文件(制表符分隔): a table's export, not a note
	write("Grades.csv.bak", "x")
	write("abnormal.et", "x") // WPS
	write("README.md", "notes")
	write("说明.txt", "notes")
	write("import.toml", "")
	write("~$licences.xlsx", "lock")
	var d diag.List
	Data(Dir{FS: os.DirFS(dir), Name: "data"}, nil, &d)
	out := d.Format(0)
	wants := []string{"data/许可公示2026.xlsx: warning: no table reads this file", "data/licences-2025: warning: no table reads this folder",
		"data/annual-checks.txt: warning: no table reads a file that ends in .txt", "data/Grades.csv.bak: warning: no table reads a file that ends in .csv.bak, so none of its rows is published: save it as grades.csv", "data/abnormal.et: warning: no table reads a file that ends in .et"}
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "no table reads"); n != len(wants) {
		t.Errorf("%d files warned, want the %d above:\n%s", n, len(wants), out)
	}
}

// A file or folder in data/ that no table reads, and that holds a table
// of this register (a header with every column the table requires, rows
// below it), is an error, whatever it is saved as: a workbook under
// another name, GB18030 text, tab-separated text named after its table,
// a file in a folder of another name, what an export button saves as .xls
// (an Excel 97–2003 workbook, an XML Spreadsheet, a web page), and a zip
// or RAR archive one came in. Its rows — a 吊销, a 不合格 — would otherwise
// be left out of what is published. A header alone, a header short of a
// required column, a workbook this program cannot open and an archive of
// no table's files stay warnings: nothing of a table is known to be lost;
// a document that is no export (公告.pdf) is not reported.
func TestUnreadTablesRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	head := "行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码"
	write("licences.csv", []byte(head+"\n甲公司,91440106MA5C00010W,L1,新许可,2024-05-01,2024-05-01,2027-04-30,天河局,440106\n"))
	write("regions.csv", []byte("行政区划代码,名称,上级代码\n440106,天河区,440100\n"))
	revoked := "甲公司,91440106MA5C00010W,L1,吊销,2026-05-01,,,天河局,440106\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("广州市劳务派遣许可公示\n" + head + "\n" + revoked))
	if err != nil {
		t.Fatal(err)
	}
	write("许可公示（吊销）.csv", gb) // a title row above the header, as a provincial export has
	f := excelize.NewFile()
	for i, r := range [][]any{licenceHead(), {"甲公司", "91440106MA5C00010W", "", "", "", "L1", "吊销", "", "2026-05-01", "", "", "天河局", "440106", ""}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	write("许可公示2026.xlsx", buf.Bytes())
	write("annual-checks.txt", []byte("年度\t行政相对人名称\t统一社会信用代码\t核验结果\t不合格情形\t核验机关\n2025\t甲公司\t91440106MA5C00010W\t不合格\t违规经营\t天河局\n"))
	write("licences-2025/广州.csv", []byte(head+"\n"+revoked))
	// what an "导出 Excel" button saves: an Excel 97–2003 workbook (a title
	// row above the header), one whose first sheet is a hidden list of
	// choices, an XML Spreadsheet, and a web page of a table in GBK
	write("吊销.xls", readTestdata(t, "unread/吊销.xls"))
	write("导出（隐藏页）.et", readTestdata(t, "unread/hidden-first.xls"))
	write("licences-2026.xls", readTestdata(t, "unread/xml-spreadsheet.xls"))
	page, err := simplifiedchinese.GBK.NewEncoder().String(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><style>td{mso-number-format:"\@"}</style></head><body>
<table border="1"><tr><td colspan="9">许可公示</td></tr>
<tr>` + "<th>" + strings.ReplaceAll(head, ",", "</th><th>") + "</th>" + `</tr>
<tr>` + "<td>" + strings.ReplaceAll(strings.TrimSpace(revoked), ",", "</td><td>") + "</td>" + `</tr></table></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	write("许可导出.xls", []byte(page))
	write("草稿.xls", readTestdata(t, "unread/draft.xls")) // names and remarks: no table's columns
	// an export sent zipped, put in data/ as it came, and a RAR holding one
	// in a folder; a zip of no table's files
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for _, f := range [][2]string{{"说明.txt", "x"}, {"2026年11月/吊销.csv", head + "\n" + revoked}} {
		w, _ := zw.Create(f[0])
		w.Write([]byte(f[1]))
	}
	zw.Close()
	write("吊销信息.zip", zb.Bytes())
	write("核验.rar", testsite.RAR5([][2]string{{"导出/annual-checks.txt", "年度\t行政相对人名称\t统一社会信用代码\t核验结果\t不合格情形\t核验机关\n2025\t甲公司\t91440106MA5C00010W\t不合格\t违规经营\t天河局\n"}}, false))
	zb.Reset()
	zw = zip.NewWriter(&zb)
	w, _ := zw.Create("照片.jpg")
	w.Write([]byte("\xff\xd8"))
	zw.Close()
	write("照片.zip", zb.Bytes())
	write("grades.csv.bak", []byte("评价年度,行政相对人名称,统一社会信用代码,信用等级,评价机构\n"))          // a header alone
	write("名单.csv", []byte("行政相对人名称,统一社会信用代码\n甲公司,91440106MA5C00010W\n"))         // no table's required columns
	write("abnormal.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) // cannot be opened
	write("导出.zip", []byte("PK\x03\x04"))                                         // not unpacked
	write("公告.pdf", []byte("%PDF-1.7"))                                           // no table's export
	var d diag.List
	Data(Dir{FS: os.DirFS(dir), Name: "data"}, nil, &d)
	out := d.Format(0)
	errs := []string{
		"data/许可公示（吊销）.csv:2: this file holds the 许可决定 table (licences), a header and rows below it (1), but no table reads a file of this name",
		"data/许可公示2026.xlsx:1: this file holds the 许可决定 table (licences)",
		"data/annual-checks.txt:1: this file holds the 年度经营情况报告核验结果 table (annual-checks), a header and rows below it (1), but no table reads a file of this name, so none of its rows would be published (hint: save it as annual-checks.csv",
		"data/licences-2025/广州.csv:1: this file holds the 许可决定 table (licences), a header and rows below it (1), but no table reads the folder licences-2025/",
		"data/吊销.xls:3: this file holds the 许可决定 table (licences), a header and rows below it (1), but no table reads a file of this name, so none of its rows would be published (hint: it is an Excel 97–2003 workbook (.xls), which is not read as a table: open it in Excel or WPS and save it (另存为) as .xlsx, then put its rows in licences.csv (or licences.xlsx), or make licences/ a folder",
		"data/导出（隐藏页）.et:1: this file holds the 许可决定 table (licences)",
		"data/licences-2026.xls:1: this file holds the 许可决定 table (licences), a header and rows below it (1), but no table reads a file of this name, so none of its rows would be published (hint: it is an XML Spreadsheet (Excel 2003 XML)",
		"data/许可导出.xls:2: this file holds the 许可决定 table (licences), a header and rows below it (1), but no table reads a file of this name, so none of its rows would be published (hint: it is a web page (HTML) of a table",
		"data/吊销信息.zip: this archive holds the 许可决定 table (licences) in its file 2026年11月/吊销.csv, a header on row 1 and rows below it (1), but an archive is not unpacked",
		"data/核验.rar: this archive holds the 年度经营情况报告核验结果 table (annual-checks) in its file 导出/annual-checks.txt",
	}
	warns := []string{"data/grades.csv.bak: warning: no table reads a file that ends in .csv.bak", "data/名单.csv: warning: no table reads this file", "data/草稿.xls: warning: no table reads this file", "data/abnormal.xls: warning: no table reads a file that ends in .xls",
		"data/导出.zip: warning: an archive in data is not unpacked", "data/照片.zip: warning: an archive in data is not unpacked"}
	for _, want := range append(errs, warns...) {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if e, w := d.Count(); e != len(errs) || w != len(warns) {
		t.Errorf("%d errors and %d warnings, want %d and %d:\n%s", e, w, len(errs), len(warns), out)
	}
}

// A zip in a table's folder holding that table's rows — the month's 吊销,
// put there as it came by mail — is an error naming the file in it: the
// folder's other files are read, and the archive's rows would be missing.
func TestArchiveInTableFolder(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "licences"), 0o755)
	os.WriteFile(filepath.Join(dir, "licences", "广州.csv"), []byte(licHeader+"\n甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,\n"), 0o644)
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("吊销.csv")
	w.Write([]byte(licHeader + "\n甲公司,91440106MA5C00010W,张三,住所,300,L1,吊销,,2026-05-01,,,天河局,440106,\n"))
	zw.Close()
	os.WriteFile(filepath.Join(dir, "licences", "吊销.zip"), zb.Bytes(), 0o644)
	var d diag.List
	ts, broken := readTable(Dir{FS: os.DirFS(dir), Name: "data"}, LicencesSchema, &d)
	want := filepath.Join("data", "licences", "吊销.zip") + ": this archive holds the 许可决定 table (licences) in its file 吊销.csv"
	if !broken || len(ts) != 1 || !strings.Contains(d.Format(0), want) || !strings.Contains(d.Format(0), "move the archive out of "+filepath.Join("data", "licences")) {
		t.Errorf("broken %v, %d tables:\n%s", broken, len(ts), d.Format(0))
	}
}

// date_formats names the date forms of an export that are not year first:
// a city's export writes DD/MM/YYYY, another file the usual 2024-05-01; a
// file's list replaces its table's; a date in neither is an error whose
// hint names the forms tried, and a form that is not one is an error at
// the setting.
func TestImportDateFormats(t *testing.T) {
	dir := t.TempDir()
	write := writer(dir)
	write("import.toml", `[licences]
date_formats = ["DD/MM/YYYY"]

[[licences.files]]
glob = "us*.csv"
date_formats = ["M/D/YYYY"]
`)
	head := "行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码\n"
	write("regions.csv", "行政区划代码,名称,上级代码\n440106,天河区,440100\n")
	write("licences/a.csv", head+"甲公司,91440106MA5C00010W,L1,新许可,05/03/2024,5/3/2024,2027-03-04,天河局,440106\n")
	write("licences/us.csv", head+"乙公司,91440106MA5C00020X,L2,新许可,3/5/2024,03/05/2024,2027年3月4日,天河局,440106\n")
	var d diag.List
	ds := Data(Dir{FS: os.DirFS(dir), Name: "data"}, nil, &d)
	if d.HasErrors(false) || len(ds.Decisions) != 2 {
		t.Fatalf("%d decisions\n%s", len(ds.Decisions), d.Format(0))
	}
	for _, dec := range ds.Decisions {
		if dec.DecidedOn.String() != "2024-03-05" || dec.ValidFrom.String() != "2024-03-05" || dec.ValidTo.String() != "2027-03-04" {
			t.Errorf("%v: decided %s, valid %s to %s, want 2024-03-05, 2024-03-05 to 2027-03-04", dec.Src, dec.DecidedOn, dec.ValidFrom, dec.ValidTo)
		}
	}
	if got := strings.Join(ds.Explain[filepath.Join("data", "licences", "us.csv")], "\n"); !strings.Contains(got, "dates: M/D/YYYY (date_formats)") {
		t.Errorf("us.csv explained as\n%s", got)
	}

	write("licences/a.csv", head+"甲公司,91440106MA5C00010W,L1,新许可,13/13/2024,2024-03-05,2027-03-04,天河局,440106\n")
	write("import.toml", "[licences]\ndate_formats = [\"DD/MM/YYYY\", \"DMYYYY\"]\n")
	var d2 diag.List
	Data(Dir{FS: os.DirFS(dir), Name: "data"}, nil, &d2)
	got := d2.Format(0)
	for _, want := range []string{
		`a.csv:2:5: 许可决定日期 "13/13/2024": not a date`, "nor in the date_formats of import.toml: DD/MM/YYYY",
		`import.toml: [licences] date_formats: date format "DMYYYY": write MM or DD`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}

// A diagnostic names the column as the file heads it, with the register's
// name after it when they differ, so a bureau finds the column it knows.
func TestDiagnosticsNameTheFilesHeading(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "licences.csv"), []byte("单位名称,统一社会信用代码,许可证号,类型,发证日期,有效期起,有效期止,发证机关,行政区划代码\n"+
		"甲公司,91440106MA5C00010W,L1,新许可,2024-02-30,2024-03-01,2027-02-28,天河局,440106\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "regions.csv"), []byte("行政区划代码,名称,上级代码\n440106,天河区,440100\n"), 0o644)
	var d diag.List
	ds := Data(Dir{FS: os.DirFS(dir), Name: "data"}, nil, &d)
	NameFields(ds, &d)
	got := d.Format(0)
	if !strings.Contains(got, `data/licences.csv:2:5: 发证日期（许可决定日期） "2024-02-30": 2024-02 has no day 30`) {
		t.Errorf("diagnostics:\n%s", got)
	}
	NameFields(ds, &d) // once is enough: a second pass changes nothing
	if again := d.Format(0); again != got {
		t.Errorf("named twice:\n%s", again)
	}
}

// What a penalty does to a 劳务派遣经营许可证, from its texts: a 吊销 it
// imposes is read; one it declines (不予吊销, 免予处罚) or withdraws (撤销
// an earlier 吊销) is not a 吊销, and a withdrawal, like a 吊销 proposed and
// not yet decided, is the bureau's to sort. A 吊销 the text names as what
// follows if the agency does not comply, or in the law's words it quotes,
// is not imposed — unless the 处罚类别 names 吊销 alone.
func TestPenaltyEffect(t *testing.T) {
	for _, tc := range []struct {
		kind, content, licence string
		want                   dispatchPenalty
	}{
		{"吊销许可证件", "吊销劳务派遣经营许可证", "", revokesLicence},
		{"吊销许可证件", "责令改正，吊销劳务派遣经营许可证并收回证书", "", revokesLicence},
		{"暂扣或者吊销许可证", "暂扣劳务派遣经营许可证三个月", "", suspendsLicence},
		{"罚款", "罚款人民币2万元，不予吊销劳务派遣经营许可证", "", leavesLicence},
		{"吊销许可证件", "违法行为轻微，免予处罚", "劳务派遣经营许可证 440106202400031", leavesLicence},
		{"吊销许可证件", "不吊销劳务派遣经营许可证", "", leavesLicence},
		{"吊销许可证件", "撤销本机关作出的吊销劳务派遣经营许可证的行政处罚决定", "", withdrawsPenalty},
		{"其他", "撤回穗人社罚〔2025〕11号处罚决定", "劳务派遣经营许可证", withdrawsPenalty},
		{"吊销许可证件", "吊销食品经营许可证", "", leavesLicence},
		{"吊销许可证件", "拟吊销劳务派遣经营许可证", "", notDecided},
		{"吊销许可证件", "吊销劳务派遣经营许可证（行政处罚听证告知书）", "", notDecided},
		// a 吊销 to come if the agency does not comply, or the law's words
		// quoted, under a warning or a fine: not imposed
		{"警告", "责令改正，逾期不改正的吊销其劳务派遣经营许可证", "", leavesLicence},
		{"罚款", "罚款人民币2万元；逾期不改正的，由许可机关吊销其劳务派遣经营许可证", "", leavesLicence},
		{"罚款", `依据《劳动合同法》第九十二条“……对劳务派遣单位，吊销其劳务派遣业务经营许可证”的规定，处以罚款5万元`, "", leavesLicence},
		{"警告", "责令限期改正，否则吊销劳务派遣经营许可证", "", leavesLicence},
		// a finding before it, or a 吊销 of its own beside a quoted one: imposed
		{"罚款", "经责令改正，该单位逾期不改正，决定罚款5万元，并吊销其劳务派遣经营许可证", "", revokesLicence},
		{"其他", "鉴于其情节严重，吊销劳务派遣经营许可证", "", revokesLicence},
		{"罚款", `依据“逾期不改正的，吊销其许可证”的规定，决定吊销其劳务派遣经营许可证`, "", revokesLicence},
		// a category naming 吊销 alone decides
		{"吊销许可证件", "逾期不改正的，吊销其劳务派遣经营许可证", "", revokesLicence},
	} {
		x := &penaltyRow{Kind: tc.kind, Content: tc.content, Licence: tc.licence}
		if got := onDispatchLicence(x); got != tc.want {
			t.Errorf("%s / %s / %s: got %d, want %d", tc.kind, tc.content, tc.licence, got, tc.want)
		}
	}
}

// A table's file that is not what its ending says is an error saying what
// it is and how to save it: an "导出 Excel" button's .xls (a binary
// workbook, a web page, an XML Spreadsheet) named .xlsx or .csv, a
// workbook named .csv, a CSV named .xlsx. Before, the error for some was
// the reader's (zip: not a valid zip file; bare " in non-quoted-field),
// which says neither.
func TestMisnamedTableFile(t *testing.T) {
	page := []byte("<html><body><table><tr><td>" + strings.ReplaceAll(licHeader, ",", "</td><td>") + "</td></tr></table></body></html>")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]string{"行政相对人名称"})
	book, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		b    []byte
		want string
	}{
		{"licences.xlsx", readTestdata(t, "unread/吊销.xls"), "this file is an Excel 97–2003 workbook (.xls) or another Office file, not what its name ends in says, so it cannot be read as the 许可决定 table (hint: open it in Excel or WPS and save it (另存为) as .xlsx"},
		{"licences.csv", readTestdata(t, "unread/吊销.xls"), "the file is an Excel 97–2003 workbook (.xls), not text"},
		{"licences.xlsx", page, "this file is a web page (HTML) of a table, not what its name ends in says"},
		{"licences.csv", page, "this file is a web page (HTML) of a table"},
		{"licences.csv", utf16le(string(page)), "this file is a web page (HTML) of a table"}, // saved as Unicode
		{"licences.csv", readTestdata(t, "unread/xml-spreadsheet.xls"), "this file is an XML Spreadsheet (Excel 2003 XML)"},
		{"licences.csv", book.Bytes(), "the file is a ZIP archive (an .xlsx workbook or a zipped export), not text"},
		{"licences.xlsx", []byte(licHeader + "\n"), "this file is text, not a workbook, not what its name ends in says, so it cannot be read as the 许可决定 table (hint: if it is a CSV or tab-separated text, rename it to end in .csv"},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, c.name), c.b, 0o644)
		var d diag.List
		readTable(Dir{FS: os.DirFS(dir), Name: "data"}, LicencesSchema, &d)
		if got := d.Format(0); !strings.Contains(got, filepath.Join("data", c.name)+": "+c.want) {
			t.Errorf("%s: got\n%s\nwant %q", c.name, got, c.want)
		}
	}
}
