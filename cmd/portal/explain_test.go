package main

import (
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testsite"
)

// portal check --explain-import prints, for each file of a per-city
// export, the layout, the header row and what each column was read as.
func TestExplainImport(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join("..", "..", "testdata", "build", "exports.txtar"))
	code, out, errs := runCLI("check", "--data", filepath.Join(dir, "split"), "--content", filepath.Join(dir, "content"), "--as-of", "2026-11-21", "--explain-import")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{
		filepath.Join(dir, "split", "licences", "01-广州.csv") + "\n  layout: an export of the 许可决定 table with headings of its own\n  header: row 4 (the first row with two known headings; rows 1, 3 above it not read)",
		`  column 2 "单位名称": 行政相对人名称 (a heading known for it)`,
		`  column 18 "法定代表人身份证号码": personal data: dropped unread`,
		"  rows: 4 read; rows 9, 10 below the table (合计, 制表…) not read",
		filepath.Join(dir, "split", "licences", "02-佛山.csv") + "\n  layout: the documented layout of the 许可决定 table",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--explain-import lacks\n%s\nin\n%s", want, out)
		}
	}
}
