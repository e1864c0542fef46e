package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/generator/demodata"
	"portal/generator/load"
	"portal/generator/model"
	"portal/internal/testsite"
)

// The announcement lists' pages a data edit leaves as they were are kept
// (render's list keys) — the announcements', the register's, the annual
// checks' and the grades' — the others made again: every release is byte for byte what a
// build without state makes, whether the edit touches what a row shows,
// moves a decision to the head of the lists (every later row moves a
// place), changes a list's template (none of its pages kept) or drops a
// column whose blank values a page shows as 未注明.
func TestListPagesKept(t *testing.T) {
	data, cfg := demoSite(t, demodata.Options{Agencies: 60, Seed: 3})
	if _, rep, err := Build(t.Context(), cfg); err != nil || rep.KeptLists != 0 {
		t.Fatalf("first build: kept %d list pages, %v", rep.KeptLists, err)
	}
	// the list pages: the announcements', the register's by region and
	// status, each year's annual checks and grades (not their index pages)
	count := func(dir string) int {
		n := 0
		filepathWalk(t, filepath.Join(cfg.Out, dir), func(p string) {
			if strings.HasSuffix(p, "index.html") && p != filepath.Join(cfg.Out, dir, "index.html") {
				n++
			}
		})
		return n
	}
	announcements := count("announcements") + 1 // its index is a list
	lists := announcements + count("register") + count("annual-checks") + count("grades")
	if announcements < 8 {
		t.Fatalf("%d announcement pages: too few to page through", announcements)
	}
	licences := filepath.Join(data, "licences.csv")
	// line n of the licences, its cell of column col set to v
	setCell := func(n, col int, v string) {
		t.Helper()
		b, _ := os.ReadFile(licences)
		lines := strings.Split(string(b), "\n")
		cells := strings.Split(lines[n-1], ",")
		cells[col-1] = v
		lines[n-1] = strings.Join(cells, ",")
		os.WriteFile(licences, []byte(strings.Join(lines, "\n")), 0o644)
	}
	// an address, which no list shows: only the pages holding that
	// agency's rows are made again
	setCell(12, 4, "某市某区某路1号")
	if r := rebuildLikeFresh(t, cfg); r.KeptLists == 0 || r.KeptLists >= lists {
		t.Errorf("an address edited: kept %d of %d list pages", r.KeptLists, lists)
	}
	// an authority, which a row shows
	setCell(30, 12, "某市人力资源和社会保障局（改）")
	if r := rebuildLikeFresh(t, cfg); r.KeptLists == 0 {
		t.Errorf("an authority edited: kept no list page")
	}
	// an agency renamed in every row: its register rows show the name,
	// and so does the search index, which every page links (no list page
	// is kept then)
	b, _ := os.ReadFile(licences)
	name := strings.Split(strings.Split(string(b), "\n")[20], ",")[0]
	os.WriteFile(licences, bytes.ReplaceAll(b, []byte(name+","), []byte(strings.Replace(name, "有限公司", "集团有限公司", 1)+",")), 0o644)
	rebuildLikeFresh(t, cfg)
	// an annual check's authority and a grade's evaluator, which their
	// year's lists show
	for _, e := range []struct {
		file string
		col  int
	}{{"annual-checks.csv", 7}, {"grades.csv", 5}} {
		path := filepath.Join(data, e.file)
		b, _ := os.ReadFile(path)
		rows := strings.Split(string(b), "\n")
		cells := strings.Split(rows[5], ",")
		cells[e.col-1] += "（复核）"
		rows[5] = strings.Join(cells, ",")
		os.WriteFile(path, []byte(strings.Join(rows, "\n")), 0o644)
		if r := rebuildLikeFresh(t, cfg); r.KeptLists == 0 {
			t.Errorf("%s edited: kept no list page", e.file)
		}
	}
	// a decision published last: it heads the lists, every row after it
	// moves a place
	setCell(40, 14, "2026-11-20")
	rebuildLikeFresh(t, cfg)
	// the lists' template: nothing kept
	editFile(t, filepath.Join(filepath.Dir(data), "templates", "pages", "announcements.html"), "<h1>", "<h1 class=\"list\">")
	if r := rebuildLikeFresh(t, cfg); r.KeptLists != lists-announcements {
		t.Errorf("the announcements' template edited: kept %d list pages; want the %d others", r.KeptLists, lists-announcements)
	}
	if b, _ := os.ReadFile(filepath.Join(cfg.Out, "announcements", "index.html")); !bytes.Contains(b, []byte(`<h1 class="list">`)) {
		t.Error("the lists' template edit is not in the lists")
	}
	setCell(12, 4, "某市某区某路2号")
	if r := rebuildLikeFresh(t, cfg); r.KeptLists == 0 {
		t.Errorf("an address edited after the template: kept no list page")
	}
	// every 公示日期 blank, then the column dropped: no record changes, yet
	// a page shows a blank date as 未注明 only where the file has the
	// column (the template function "exported")
	b, _ = os.ReadFile(licences)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	for i := range lines[1:] {
		cells := strings.Split(lines[i+1], ",")
		cells[13] = ""
		lines[i+1] = strings.Join(cells, ",")
	}
	os.WriteFile(licences, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	rebuildLikeFresh(t, cfg)
	for i := range lines {
		cells := strings.Split(lines[i], ",")
		lines[i] = strings.Join(append(cells[:13], cells[14:]...), ",")
	}
	os.WriteFile(licences, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	// every record of the licences changed its file's layout, so every
	// agency's fingerprint: no agency page is kept, nor a list page with a
	// row (an empty list, 暂无, may be)
	if r := rebuildLikeFresh(t, cfg); r.KeptPages != 0 || r.KeptLists >= lists/2 {
		t.Errorf("a column dropped: kept %d agency pages and %d of %d list pages", r.KeptPages, r.KeptLists, lists)
	}
}

// filepathWalk calls fn with every file below root.
func filepathWalk(t *testing.T, root string, fn func(string)) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			fn(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// demoSite writes the demo set of opt into a temporary directory with the
// templates and the demo site.toml (no precompressed copies), and returns
// its data directory (the templates beside it) and the config that builds
// it into DIR/public.
func demoSite(t *testing.T, opt demodata.Options) (data string, cfg BuildConfig) {
	t.Helper()
	dir := t.TempDir()
	data, content, templates := filepath.Join(dir, "data"), filepath.Join(dir, "content"), filepath.Join(dir, "templates")
	if _, err := demodata.Write(data, opt); err != nil {
		t.Fatal(err)
	}
	testsite.CopyDir(t, filepath.Join(root, "templates"), templates)
	os.MkdirAll(content, 0o755)
	site, _ := os.ReadFile(filepath.Join(root, "content", "site.toml"))
	site = regexp.MustCompile(`(?m)^precompress = .*$`).ReplaceAll(site, []byte("precompress = []"))
	os.WriteFile(filepath.Join(content, "site.toml"), site, 0o644)
	return data, BuildConfig{
		Config:    Config{Data: load.OSDir(data), Content: load.OSDir(content), AsOf: model.MakeDate(2026, 11, 21), BaseURL: "https://rsj.example.gov.cn/"},
		Templates: os.DirFS(templates), Out: filepath.Join(dir, "public"),
	}
}
