package load

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"portal/generator/diag"
)

// A list published under a title that names its year and who decided
// (广州市…局关于公布2025年度…核验结果的公告, then 序号, 单位名称, 统一社会信用
// 代码, 核验结果) has no column of either: every row takes them from the
// title, or the year from the file's name, when they name one. A title of
// two years names none, and the column is missing as before; a file with
// the column reads its own.
func TestYearAndAuthorityFromTitle(t *testing.T) {
	const rows = "序号,单位名称,统一社会信用代码,核验结果,不合格情形\n1,广州市甲人力资源有限公司,91440106MA5C00010W,合格,\n2,广州市乙劳务派遣有限公司,91440106MA5C00020X,不合格,未报送\n"
	for _, tc := range []struct {
		name, file, title string
		body              string
		year              int
		authority         string
		errs              []string
	}{
		{name: "a notice's title", file: "annual-checks.csv", title: "广州市人力资源和社会保障局关于公布2025年度劳务派遣单位年度经营情况报告核验结果的公告\n",
			year: 2025, authority: "广州市人力资源和社会保障局"},
		{name: "the year in Chinese numerals, the authority on a row of its own", file: "annual-checks.csv",
			title: "二〇二四年度劳务派遣单位年度经营情况报告核验结果\n核验机关：广州市天河区人力资源和社会保障局\n",
			year:  2024, authority: "广州市天河区人力资源和社会保障局"},
		{name: "the year in the file's name", file: "annual-checks/2025年度核验结果.csv", title: "广州市人力资源和社会保障局关于公布劳务派遣单位年度经营情况报告核验结果的公告\n",
			year: 2025, authority: "广州市人力资源和社会保障局"},
		{name: "a title of two years", file: "annual-checks.csv", title: "广州市人力资源和社会保障局关于公布2024年度、2025年度核验结果的公告\n",
			errs: []string{`annual-checks.csv:2: missing required column "年度"`}},
		{name: "no title", file: "annual-checks.csv",
			errs: []string{`annual-checks.csv:1: missing required column "年度"`, `annual-checks.csv:1: missing required column "核验机关"`}},
		{name: "the file's own column", file: "annual-checks.csv", title: "广州市人力资源和社会保障局关于公布2025年度核验结果的公告\n",
			body: "年度,单位名称,统一社会信用代码,核验结果,不合格情形,核验机关\n2024,广州市甲人力资源有限公司,91440106MA5C00010W,合格,,天河局\n",
			year: 2024, authority: "天河局"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d diag.List
			body := tc.body
			if body == "" {
				body = rows
			}
			tb := parseTable(tc.file, ChecksSchema, []byte(tc.title+body), false, &d)
			if tb == nil {
				t.Fatalf("no table: %s", d.Format(0))
			}
			checks, err := decodeChecks(tb, &d)
			var got []string
			for _, x := range d.Sorted() {
				if x.Severity == diag.Error {
					got = append(got, x.String())
				}
			}
			if len(got) != len(tc.errs) {
				t.Fatalf("errors %q, want %q", got, tc.errs)
			}
			for i, want := range tc.errs {
				if !strings.Contains(got[i], want) {
					t.Errorf("error %q, want %q", got[i], want)
				}
			}
			if tc.errs != nil {
				return
			}
			if err != nil || len(checks) == 0 {
				t.Fatalf("%d checks, %v", len(checks), err)
			}
			for _, c := range checks {
				if c.Year != tc.year || c.Authority != tc.authority {
					t.Errorf("%s: %d %q, want %d %q", c.Name, c.Year, c.Authority, tc.year, tc.authority)
				}
			}
			if tc.body == "" && !strings.Contains(tb.how, fmt.Sprintf("年度 %d read from the", tc.year)) {
				t.Errorf("the summary does not say where the year came from: %q", tb.how)
			}
		})
	}
}

// A list whose title names one year and whose 年度 column another (last
// year's file copied, its column left as it was) is warned of once, at
// the first such row; it is published as its column says.
func TestYearAgainstTitle(t *testing.T) {
	var d diag.List
	body := "广州市人力资源和社会保障局关于公布2025年度核验结果的公告\n年度,单位名称,统一社会信用代码,核验结果,不合格情形,核验机关\n" +
		"2024,广州市甲人力资源有限公司,91440106MA5C00010W,合格,,天河局\n2024年度,广州市乙劳务派遣有限公司,91440106MA5C00020X,合格,,天河局\n合计,2,,,,\n"
	tb := parseTable("annual-checks.csv", ChecksSchema, []byte(body), false, &d)
	got := d.Sorted()
	if tb == nil || len(got) != 1 || got[0].String() != `annual-checks.csv:3:1: warning: 年度 "2024": the title (row 1) names 2025年度, and 2 of the file's 2 rows give another 年度 (the first here): they are published as their column says` {
		t.Fatalf("%s", d.Format(0))
	}
	d = diag.List{}
	parseTable("annual-checks.csv", ChecksSchema, []byte(strings.ReplaceAll(body, "2024", "2025")), false, &d)
	if d.Len() != 0 {
		t.Fatalf("the title's year: %s", d.Format(0))
	}
}

// A year's credit grades, published by an association under its title.
func TestGradeYearFromTitle(t *testing.T) {
	var d diag.List
	tb := parseTable("grades.csv", GradesSchema, []byte("广东省人力资源服务行业协会关于公布2024年度劳务派遣单位信用等级评价结果的通知\n单位名称,统一社会信用代码,信用等级\n广州市甲人力资源有限公司,91440106MA5C00010W,AA\n"), false, &d)
	if tb == nil {
		t.Fatalf("no table: %s", d.Format(0))
	}
	gs, err := decodeGrades(tb, []string{"AAA", "AA", "A", "B"}, &d)
	if err != nil || len(gs) != 1 || d.Len() != 0 || gs[0].Year != 2024 || gs[0].Evaluator != "广东省人力资源服务行业协会" {
		t.Fatalf("%v %+v\n%s", err, gs, d.Format(0))
	}
}

// A workbook of a sheet a year (2023年度, 2024年度) whose lists have no
// 年度 column: each sheet's rows are of the year its name gives.
func TestYearFromSheetName(t *testing.T) {
	f := excelize.NewFile()
	head := []any{"单位名称", "统一社会信用代码", "核验结果", "不合格情形", "核验机关"}
	f.SetSheetName("Sheet1", "2023年度")
	f.SetSheetRow("2023年度", "A1", &head)
	f.SetSheetRow("2023年度", "A2", &[]any{"甲公司", "91440106MA5C00010W", "合格", "", "天河局"})
	f.NewSheet("2024年度")
	f.SetSheetRow("2024年度", "A1", &head)
	f.SetSheetRow("2024年度", "A2", &[]any{"甲公司", "91440106MA5C00010W", "不合格", "未报送", "天河局"})
	// 乙 passed both years: its rows are alike, and no sheet is a copy
	f.SetSheetRow("2023年度", "A3", &[]any{"乙公司", "91440106MA5C00020X", "合格", "", "天河局"})
	f.SetSheetRow("2024年度", "A3", &[]any{"乙公司", "91440106MA5C00020X", "合格", "", "天河局"})
	dir := t.TempDir()
	if err := f.SaveAs(filepath.Join(dir, "annual-checks.xlsx")); err != nil {
		t.Fatal(err)
	}
	var d diag.List
	ts, _ := readTable(OSDir(dir), ChecksSchema, &d)
	if len(ts) != 2 || d.Len() != 0 {
		t.Fatalf("%d parts: %s", len(ts), d.Format(0))
	}
	for i, want := range []int{2023, 2024} {
		cs, err := decodeChecks(ts[i], &d)
		if err != nil || len(cs) != 2 || cs[0].Year != want || cs[1].Year != want || d.Len() != 0 {
			t.Errorf("sheet %d: %v %+v %s", i, err, cs, d.Format(0))
		}
		if !strings.Contains(ts[i].how, fmt.Sprintf("年度 %d read from the sheet's name", want)) {
			t.Errorf("the summary does not say where the year came from: %q", ts[i].how)
		}
	}
}

// A sheet whose name says it is a copy of another sheet with the table's
// header (2024年度 - 副本) is refused, whatever its rows.
func TestSheetNamedACopy(t *testing.T) {
	f := excelize.NewFile()
	head := []any{"年度", "单位名称", "统一社会信用代码", "核验结果", "不合格情形", "核验机关"}
	f.SetSheetName("Sheet1", "2024年度")
	f.SetSheetRow("2024年度", "A1", &head)
	f.SetSheetRow("2024年度", "A2", &[]any{2024, "甲公司", "91440106MA5C00010W", "合格", "", "天河局"})
	f.NewSheet("2024年度 - 副本")
	f.SetSheetRow("2024年度 - 副本", "A1", &head)
	f.SetSheetRow("2024年度 - 副本", "A2", &[]any{2024, "乙公司", "91440106MA5C00020X", "合格", "", "天河局"})
	dir := t.TempDir()
	if err := f.SaveAs(filepath.Join(dir, "annual-checks.xlsx")); err != nil {
		t.Fatal(err)
	}
	var d diag.List
	readTable(OSDir(dir), ChecksSchema, &d)
	if !strings.Contains(d.Format(0), `the sheet "2024年度 - 副本"'s name says it is a copy of the sheet "2024年度"`) {
		t.Fatalf("%s", d.Format(0))
	}
}
