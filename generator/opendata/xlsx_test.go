package opendata_test

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Every table has an Excel workbook that keeps what Excel's own CSV
// import loses: all-digit 18-character codes and 15-digit licence numbers
// come back exactly, as text; dates are dates; the header is frozen and
// filtered; the second sheet is the data dictionary (read back with
// excelize, on the demo register, whose codes include all-digit ones).
func TestXLSXKeepsCodes(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	build(t, root, out, asOf)
	csv := readCSV(t, filepath.Join(out, "data/register.csv"))
	f, err := excelize.OpenFile(filepath.Join(out, "data/register.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "数据" || got[1] != "字段说明" {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("数据", excelize.Options{RawCellValue: false})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(csv) {
		t.Fatalf("%d rows in the workbook, %d in the CSV", len(rows), len(csv))
	}
	col := map[string]int{}
	for j, name := range csv[0] {
		col[name] = j
	}
	if rows[0][col["code"]] != "统一社会信用代码" {
		t.Errorf("header %v", rows[0])
	}
	digits := regexp.MustCompile(`^[0-9]{18}$`)
	allDigit := 0
	for i := 1; i < len(csv); i++ {
		for _, name := range []string{"code", "licence_number", "valid_to", "name"} {
			j := col[name]
			got := ""
			if j < len(rows[i]) {
				got = rows[i][j]
			}
			if got != csv[i][j] {
				t.Fatalf("row %d %s: %q in the workbook, %q in the CSV", i, name, got, csv[i][j])
			}
		}
		code := csv[i][col["code"]]
		cell, _ := excelize.CoordinatesToCellName(col["code"]+1, i+1)
		if typ, _ := f.GetCellType("数据", cell); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Fatalf("%s (%s) is stored as %v, not as text", cell, code, typ)
		}
		if digits.MatchString(code) {
			allDigit++
		}
		if d := csv[i][col["valid_to"]]; d != "" {
			cell, _ := excelize.CoordinatesToCellName(col["valid_to"]+1, i+1)
			if typ, _ := f.GetCellType("数据", cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Fatalf("%s (a date) is stored as %v", cell, typ)
			}
			raw, _ := f.GetCellValue("数据", cell, excelize.Options{RawCellValue: true})
			if !regexp.MustCompile(`^[0-9]+$`).MatchString(raw) {
				t.Fatalf("%s holds %q, not an Excel date serial", cell, raw)
			}
		}
	}
	if allDigit == 0 {
		t.Fatal("the demo register has no all-digit code to test with")
	}
	panes, err := f.GetPanes("数据")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	// the filter: Excel's autoFilter over the rows, and its defined name
	zr, err := zip.OpenReader(filepath.Join(out, "data/register.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	part := func(name string) string {
		r, err := zr.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		return string(b)
	}
	ref := "A1:" + lastCell(len(csv[0]), len(csv))
	if !strings.Contains(part("xl/worksheets/sheet1.xml"), `<autoFilter ref="`+ref+`"/>`) || !strings.Contains(part("xl/workbook.xml"), "_xlnm._FilterDatabase") {
		t.Errorf("the header is not filtered over %s", ref)
	}
	if v, _ := f.GetCellValue("数据", "A1"); v != "统一社会信用代码" {
		t.Errorf("A1 = %q", v)
	}
	dict, _ := f.GetRows("字段说明")
	if len(dict) != len(csv[0])+1 || dict[1][1] != "code" {
		t.Errorf("the data dictionary has %d rows: %v", len(dict), dict[:min(3, len(dict))])
	}
}

func lastCell(cols, rows int) string {
	c, _ := excelize.CoordinatesToCellName(cols, rows)
	return c
}

// Every cell of every table's workbook reads back as the canonical CSV has
// it — commas, quotes, line breaks, leading = + - @, dates — except that a
// boolean is 是/否 and a list is joined with ；.
func TestXLSXRoundTrip(t *testing.T) {
	out, _ := tricky(t)
	var pkg struct {
		Resources []struct {
			Name   string
			Schema struct{ Fields []struct{ Name, Type string } }
		}
	}
	raw, _ := os.ReadFile(filepath.Join(out, "data/datapackage.json"))
	if err := json.Unmarshal(raw, &pkg); err != nil {
		t.Fatal(err)
	}
	for _, r := range pkg.Resources {
		csv := readCSV(t, filepath.Join(out, "data", r.Name+".csv"))
		f, err := excelize.OpenFile(filepath.Join(out, "data", r.Name+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("数据")
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(csv) {
			t.Fatalf("%s: %d rows in the workbook, %d in the CSV", r.Name, len(rows), len(csv))
		}
		for i := 1; i < len(csv); i++ {
			for j, fd := range r.Schema.Fields {
				want := csv[i][j]
				switch fd.Type {
				case "boolean":
					want = map[string]string{"true": "是", "false": "否"}[want]
				case "array":
					var l []string
					if want != "" {
						if err := json.Unmarshal([]byte(want), &l); err != nil {
							t.Fatal(err)
						}
					}
					want = strings.Join(l, "；")
				}
				got := ""
				if j < len(rows[i]) {
					got = rows[i][j]
				}
				if got != want {
					t.Errorf("%s row %d %s: %q in the workbook, %q in the CSV", r.Name, i, fd.Name, got, want)
				}
			}
		}
	}
}
