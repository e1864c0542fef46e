package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"portal/internal/testsite"
)

// The rows of the licences workbooks below: the header, 甲's grant and
// its 吊销 (each test saves them as its case needs).
var (
	wbHead    = []any{"行政相对人名称", "统一社会信用代码", "许可证编号", "公示类型", "许可决定日期", "有效期自", "有效期至", "许可机关", "行政区划代码", "公示日期"}
	wbGrant   = []any{"广州市甲人力资源有限公司", "914401010026048449", "440106202200001", "新许可", "2025-03-03", "2025-03-03", "2028-03-02", "广州市天河区人力资源和社会保障局", "440106", "2025-03-04"}
	wbRevoked = []any{"广州市甲人力资源有限公司", "914401010026048449", "440106202200001", "吊销", "2026-05-06", "", "", "广州市天河区人力资源和社会保障局", "440106", "2026-05-07"}
)

// workbookSite makes a site's content and regions in a new temporary
// directory: the data, content and output directories of a build there.
func workbookSite(t *testing.T) (data, content, out string) {
	dir := t.TempDir()
	data, content, out = filepath.Join(dir, "data"), filepath.Join(dir, "content"), filepath.Join(dir, "public")
	testsite.Write(t, content, "site.toml", []byte("name = \"门户\"\nbureau = \"局\"\nbase_url = \"https://rsj.example.gov.cn/\"\nprecompress = []\n"))
	testsite.Write(t, data, "regions.csv", []byte("行政区划代码,名称,上级代码\n440106,天河区,440100\n"))
	return data, content, out
}

// A licences workbook whose 吊销 is on a hidden sheet, through the real
// build: the sheet was passed over with a word in the summary only, and the
// agency published as 许可有效 with exit 0. Now the build is refused and
// nothing is published; with the sheet deleted, the workbook builds.
func TestBuildHiddenSheetOfRevocations(t *testing.T) {
	data, content, out := workbookSite(t)
	head, grant := wbHead, wbGrant
	revoked := wbRevoked
	save := func(hidden bool) {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetName("Sheet1", "许可决定")
		f.SetSheetRow("许可决定", "A1", &head)
		f.SetSheetRow("许可决定", "A2", &grant)
		if hidden {
			f.NewSheet("吊销")
			f.SetSheetRow("吊销", "A1", &head)
			f.SetSheetRow("吊销", "A2", &revoked)
			f.SetSheetVisible("吊销", false)
		}
		if err := f.SaveAs(filepath.Join(data, "licences.xlsx")); err != nil {
			t.Fatal(err)
		}
	}
	build := func() (int, string) {
		code, _, errs := runCLI("build", "--data", data, "--content", content, "--out", out, "--as-of", "2026-11-21", "--lang", "en")
		return code, errs
	}

	save(true)
	code, errs := build()
	if code != exitInput || !strings.Contains(errs, `licences.xlsx: the workbook has a hidden sheet with the table's header, "吊销" (1 rows), besides "许可决定": a hidden sheet is not read`) {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("something was published: %v", err)
	}

	save(false)
	if code, errs = build(); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	page, err := os.ReadFile(filepath.Join(out, "agencies", "914401010026048449", "index.html"))
	if err != nil || !strings.Contains(string(page), "许可有效") {
		t.Fatalf("the agency's page: %v", err)
	}
}

// A licences workbook of a sheet a year, as provincial registers are kept,
// through the real build: it was refused (save each sheet as a file).
// Every visible sheet with the table's header is read as a part of the
// table: the 2026 sheet's 吊销 ends the licence the 2025 sheet granted,
// the check's summary names each sheet, and a mistake in one sheet is
// reported at that sheet's cell.
func TestBuildSheetAYear(t *testing.T) {
	data, content, out := workbookSite(t)
	head, grant := wbHead, wbGrant
	other := []any{"广州市乙人力资源有限公司", "91440106MA5C00020X", "440106202600002", "新许可", "2026-02-02", "2026-02-02", "2029-02-01", "广州市天河区人力资源和社会保障局", "440106", "2026-02-03"}
	revoked := wbRevoked
	save := func(revokedOn string) {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetName("Sheet1", "2025年")
		f.SetSheetRow("2025年", "A1", &[]any{"2025年劳务派遣行政许可信息"})
		f.SetSheetRow("2025年", "A2", &head)
		f.SetSheetRow("2025年", "A3", &grant)
		f.NewSheet("2026年")
		f.SetSheetRow("2026年", "A1", &head)
		f.SetSheetRow("2026年", "A2", &other)
		r := append([]any(nil), revoked...)
		r[4] = revokedOn
		f.SetSheetRow("2026年", "A3", &r)
		if err := f.SaveAs(filepath.Join(data, "licences.xlsx")); err != nil {
			t.Fatal(err)
		}
	}
	save("2026-02-30")
	code, _, errs := runCLI("build", "--data", data, "--content", content, "--out", out, "--as-of", "2026-11-21", "--lang", "en")
	if code != exitInput || !strings.Contains(errs, `licences.xlsx[2026年]:3:5: 许可决定日期 "2026-02-30"`) {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	save("2026-05-06")
	code, summary, errs := runCLI("check", "--data", data, "--content", content, "--as-of", "2026-11-21", "--lang", "en")
	if code != exitOK || !strings.Contains(summary, `licences.xlsx[2025年]: sheet "2025年", one of the 2 sheets with the table's header, each read as a part of it`) ||
		!strings.Contains(summary, `licences.xlsx[2026年]: sheet "2026年", one of the 2`) {
		t.Fatalf("exit %d\n%s%s", code, summary, errs)
	}
	if code, _, errs = runCLI("build", "--data", data, "--content", content, "--out", out, "--as-of", "2026-11-21", "--lang", "en"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for code, want := range map[string]string{"914401010026048449": "许可已吊销", "91440106MA5C00020X": "许可有效"} {
		page, err := os.ReadFile(filepath.Join(out, "agencies", code, "index.html"))
		if err != nil || !strings.Contains(string(page), want) {
			t.Errorf("%s: not %s (%v)", code, want, err)
		}
	}
}

// A licences workbook whose 吊销 row the bureau set aside in the sheet —
// crossed out (删除线), hidden, or voided in a comment (批注) — through the
// real build: each was read as any other row, and a licensed agency was
// published as 已吊销 with exit 0. Each is now refused, naming the row, and
// nothing is published.
func TestBuildRowSetAsideInWorkbook(t *testing.T) {
	head, grant := wbHead, wbGrant
	revoked := wbRevoked
	for _, c := range []struct {
		how  string
		mark func(f *excelize.File) error
		want string
	}{
		{"struck through", func(f *excelize.File) error {
			st, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Strike: true}})
			if err != nil {
				return err
			}
			return f.SetCellStyle("Sheet1", "A3", "J3", st)
		}, `licences.xlsx:3:1: 行政相对人名称 "广州市甲人力资源有限公司": row 3 has cells struck through (删除线)`},
		{"hidden", func(f *excelize.File) error { return f.SetRowVisible("Sheet1", 3, false) },
			`licences.xlsx:3:1: 行政相对人名称 "广州市甲人力资源有限公司": 1 rows of the table are hidden in the workbook (3)`},
		{"voided in a comment", func(f *excelize.File) error {
			return f.AddComment("Sheet1", excelize.Comment{Cell: "D3", Author: "王五", Text: "此条公示作废"})
		}, `licences.xlsx:3:4: 公示类型 "此条公示作废": a comment (批注) on cell D3 says this 吊销 was not made or no longer stands`},
	} {
		t.Run(c.how, func(t *testing.T) {
			data, content, out := workbookSite(t)
			f := excelize.NewFile()
			f.SetSheetRow("Sheet1", "A1", &head)
			f.SetSheetRow("Sheet1", "A2", &grant)
			f.SetSheetRow("Sheet1", "A3", &revoked)
			if err := c.mark(f); err != nil {
				t.Fatal(err)
			}
			if err := f.SaveAs(filepath.Join(data, "licences.xlsx")); err != nil {
				t.Fatal(err)
			}
			f.Close()
			code, _, errs := runCLI("build", "--data", data, "--content", content, "--out", out, "--as-of", "2026-11-21", "--lang", "en")
			if code != exitInput || !strings.Contains(errs, c.want) {
				t.Fatalf("exit %d\n%s", code, errs)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Fatalf("something was published: %v", err)
			}
		})
	}
}

// One export saved twice in the licences folder, as 2024.csv and
// 2024.xlsx, through the real build: the CSV had been corrected (the 吊销
// entered in error deleted), the workbook had not, and both were read as
// exports that overlap — the agency published as 已吊销, exit 0. Rows
// alike in the two are now an error naming both files; with the stale
// workbook removed, the agency is published as licensed.
func TestBuildOneExportSavedTwice(t *testing.T) {
	data, content, out := workbookSite(t)
	head, grant := wbHead, wbGrant
	revoked := wbRevoked
	var csv strings.Builder
	for _, r := range [][]any{head, grant} {
		for i, v := range r {
			if i > 0 {
				csv.WriteByte(',')
			}
			csv.WriteString(v.(string))
		}
		csv.WriteByte('\n')
	}
	testsite.Write(t, data, "licences/2024.csv", []byte(csv.String()))
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &head)
	f.SetSheetRow("Sheet1", "A2", &grant)
	f.SetSheetRow("Sheet1", "A3", &revoked)
	if err := f.SaveAs(filepath.Join(data, "licences", "2024.xlsx")); err != nil {
		t.Fatal(err)
	}
	f.Close()
	build := func() (int, string) {
		code, _, errs := runCLI("build", "--data", data, "--content", content, "--out", out, "--as-of", "2026-11-21", "--lang", "en")
		return code, errs
	}
	code, errs := build()
	if code != exitInput || !strings.Contains(errs, "licences/2024.xlsx:2:4: 公示类型 \"新许可\": "+filepath.Join(data, "licences", "2024.xlsx")+" is named as another version of "+filepath.Join(data, "licences", "2024.csv")) {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("something was published: %v", err)
	}
	os.Remove(filepath.Join(data, "licences", "2024.xlsx"))
	if code, errs = build(); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	page, err := os.ReadFile(filepath.Join(out, "agencies", "914401010026048449", "index.html"))
	if err != nil || !strings.Contains(string(page), "许可有效") {
		t.Fatalf("the agency's page: %v", err)
	}
}
