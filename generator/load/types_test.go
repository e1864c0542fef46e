package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/diag"
	"portal/generator/model"
)

// A column's type is stated once, in its model.Column, and the dataset
// publishes the column as that type: the loader must read the column's
// cells as that type too. For every date, integer and number column of
// every input table, a value that is none of these in the first row of
// the demo data (a small file for the tables the demo has none of) is an
// error at that cell.
func TestTypedColumnsAreReadAsTheirType(t *testing.T) {
	demo := filepath.Join("..", "..", "data")
	files := map[string]string{}
	entries, err := os.ReadDir(demo)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(demo, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(b)
	}
	// the tables the demo has no file of
	files["holidays.csv"] = "日期,休/班,依据\n2026-10-01,休,国务院办公厅通知\n"

	tested := 0
	for _, sc := range Schemas {
		name := sc.Base + ".csv"
		text, ok := files[name]
		if !ok {
			continue
		}
		lines := strings.SplitN(text, "\n", 3)
		header := strings.Split(lines[0], ",")
		for _, f := range sc.Fields {
			if f.Type != model.TypeDate && f.Type != model.TypeInteger && f.Type != model.TypeNumber {
				continue
			}
			col := -1
			for i, h := range header {
				if h == f.Title {
					col = i
				}
			}
			if col < 0 {
				t.Errorf("%s has no column %s to test", name, f.Title)
				continue
			}
			cells := strings.Split(lines[1], ",")
			cells[col] = "未填写x"
			dir := t.TempDir()
			for n, body := range files {
				if n == name {
					body = lines[0] + "\n" + strings.Join(cells, ",") + "\n" + lines[2]
				}
				if err := os.WriteFile(filepath.Join(dir, n), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var d diag.List
			Data(Dir{FS: os.DirFS(dir), Name: "data"}, nil, &d)
			at := fmt.Sprintf("%s:2:%d:", filepath.Join("data", name), col+1)
			found := false
			for _, x := range d.Sorted() {
				found = found || x.Severity == diag.Error && strings.HasPrefix(x.String(), at) && x.Field == f.Title
			}
			if !found {
				t.Errorf("%s %s (%s): %q read without an error at %s\n%s", name, f.Title, f.Type, cells[col], at, d.Format(0))
			}
			tested++
		}
	}
	if tested < 10 {
		t.Errorf("only %d typed columns tested", tested)
	}
	t.Logf("%d typed columns", tested)
}
