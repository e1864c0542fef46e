package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testsite"
)

// portal report finds each supervision signal of testdata/report/signals.txtar
// once, and none of its near-misses: every agency list holds exactly the
// rows "expect" names; the timeliness tables hold the rows it names.
func TestReportSignals(t *testing.T) {
	dir, _, sections := testsite.Extract(t, filepath.Join("..", "..", "testdata", "report", "signals.txtar"))
	out := filepath.Join(dir, "report")
	code, stdout, stderr := runCLI("report", "--data", filepath.Join(dir, "data"), "--content", filepath.Join(dir, "content"), "--as-of", "2026-11-21", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	want := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(sections["expect"]), "\n") {
		slug, cells, _ := strings.Cut(line, "\t")
		want[slug] = append(want[slug], cells)
	}
	for slug, lines := range want {
		rows := readReportCSV(t, filepath.Join(out, slug+".csv"))
		exact := !strings.HasSuffix(slug, "timeliness")
		if exact && len(rows) != len(lines) {
			t.Errorf("%s: %d rows, want %d:\n%s", slug, len(rows), len(lines), strings.Join(rows, "\n"))
		}
		for _, l := range lines {
			found := false
			for _, r := range rows {
				ok := true
				for _, cell := range strings.Split(l, "\t") {
					ok = ok && strings.Contains(r, cell)
				}
				found = found || ok
			}
			if !found {
				t.Errorf("%s: no row with %q among\n%s", slug, l, strings.Join(rows, "\n"))
			}
		}
	}

	// the HTML: an index, each list sortable by its columns without a
	// script, codes linking to the public agency pages
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !strings.Contains(string(index), `<a href="no-business.html">有证无遣</a>`) {
		t.Fatalf("index.html: %v", err)
	}
	page, err := os.ReadFile(filepath.Join(out, "re-registered.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<a href="https://rsj.example.gov.cn/agencies/91440106MA5R00080M/">91440106MA5R00080M</a>`, `href="re-registered-by-code.html"`, `aria-sort="ascending"`, `lang="zh-CN"`} {
		if !strings.Contains(string(page), w) {
			t.Errorf("re-registered.html lacks %s", w)
		}
	}
	if strings.Contains(string(page), "<script") {
		t.Errorf("the report's pages need no script")
	}
	var js struct {
		Rows []map[string]string `json:"rows"`
	}
	b, _ := os.ReadFile(filepath.Join(out, "expiring.json"))
	if err := json.Unmarshal(b, &js); err != nil || len(js.Rows) != 1 || js.Rows[0]["days_left"] != "28" {
		t.Errorf("expiring.json: %v %v", err, js.Rows)
	}

	// the public site shows the same timeliness table (公示及时率), and
	// nothing else of the report
	pub := filepath.Join(dir, "site")
	if code, _, stderr := runCLI("build", "--data", filepath.Join(dir, "data"), "--content", filepath.Join(dir, "content"), "--templates", "../../templates", "--out", pub, "--as-of", "2026-11-21"); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	tl, err := os.ReadFile(filepath.Join(pub, "stats", "timeliness", "index.html"))
	if err != nil || !strings.Contains(string(tl), `<tr><th scope="row">深圳市南山区人力资源局</th><td>1</td><td>0</td><td>1</td><td>0</td><td>0.0%</td><td>11</td><td>11</td></tr>`) {
		t.Errorf("the public 公示及时率 page lacks 深圳市南山区人力资源局's 2024 row (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(pub, "report")); err == nil {
		t.Errorf("the report reached the public site")
	}

	// never into a built site
	site := filepath.Join(dir, "public")
	os.MkdirAll(filepath.Join(site, "data"), 0o755)
	os.WriteFile(filepath.Join(site, "index.html"), nil, 0o644)
	os.WriteFile(filepath.Join(site, "data", "datapackage.json"), nil, 0o644)
	if code, _, stderr := runCLI("report", "--data", filepath.Join(dir, "data"), "--content", filepath.Join(dir, "content"), "--out", filepath.Join(site, "report")); code != exitUsage || !strings.Contains(stderr, "must not be published") {
		t.Errorf("report into a built site: exit %d\n%s", code, stderr)
	}
}

// readReportCSV reads a report CSV's rows, each tab-joined.
func readReportCSV(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, r := range recs[1:] {
		rows = append(rows, strings.Join(r, "\t"))
	}
	return rows
}
