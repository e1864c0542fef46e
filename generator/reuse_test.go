package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/publish"
	"portal/internal/testsite"
)

// After a data edit the preview's build keeps the pages, feeds and records
// of the agencies the edit did not touch and makes the rest again; its
// output is byte for byte what a plain build over the same previous release
// writes. A template or region edit keeps nothing.
func TestReuseMatchesFullBuild(t *testing.T) {
	dir, cfg := editableSite(t)
	out := cfg.Out
	var builder Builder
	_, rep, err := builder.Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if rep.KeptPages+rep.KeptRecords != 0 {
		t.Fatalf("a build without Reuse kept %d files", rep.KeptPages+rep.KeptRecords)
	}
	edit := func(file, old, new string) { t.Helper(); editFile(t, filepath.Join(dir, file), old, new) }
	rebuild := func() BuildReport { t.Helper(); return previewLikeFresh(t, &builder, cfg) }
	page := func(code string) os.FileInfo {
		fi, err := os.Stat(filepath.Join(out, "agencies", code, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	const (
		parent    = "91440106MA5C00010W" // 乙, with a branch
		branch    = "91440112MA5G000602"
		untouched = "91440106MA5C00020X" // 丙
	)
	before := page(untouched)

	// a new grade for 乙: its page and its branch's (which names it) are
	// made again; 丙's are kept, the very file
	edit("data/grades.csv", ",A,", ",B,")
	r := rebuild()
	if !os.SameFile(before, page(untouched)) {
		t.Error("an untouched agency's page was written again")
	}
	if !slices.ContainsFunc(r.Changed, func(p string) bool { return strings.HasPrefix(p, "agencies/"+parent+"/") }) {
		t.Errorf("the edited agency's files did not change: %v", r.Changed)
	}
	// 丙, 丁, 戊 and 己: page, feed, record (and the 许可公示牌 of the one
	// that may dispatch); 乙 and its branch made again
	if r.KeptPages != 9 || r.KeptRecords != 4 {
		t.Errorf("kept %d pages, posters and feeds, %d records; want 9, 4", r.KeptPages, r.KeptRecords)
	}
	// a grade shows in no search result: the search index is kept whole
	if r.KeptIndex == 0 {
		t.Error("a grade edit wrote the search index again")
	}

	// two rows swapped in licences.csv (GB18030; lines are bytes apart at
	// "\n"): every later row's line moves, no record changes — the kept
	// feeds must be what a plain build writes (their entry IDs must not
	// hang on line numbers)
	lic := filepath.Join(dir, "data", "licences.csv")
	b, _ := os.ReadFile(lic)
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	n := len(lines)
	lines[n-1], lines[n-2] = lines[n-2], lines[n-1]
	os.WriteFile(lic, append(bytes.Join(lines, []byte("\n")), '\n'), 0o644)
	if r := rebuild(); r.KeptPages != 15 { // 6 pages, 6 feeds, 3 posters
		t.Errorf("rows moved: kept %d pages, posters and feeds, want all 15", r.KeptPages)
	}

	// another page's template: agency pages are kept
	edit("templates/pages/faq.html", "</h1>", "</h1><!-- 改 -->")
	if r := rebuild(); r.KeptPages != 15 {
		t.Errorf("an edit to the FAQ template kept %d agency pages, posters and feeds, want all 15", r.KeptPages)
	}

	// the agency template: every agency page is made again
	edit("templates/pages/agency.html", "<h2 id=\"facts\">许可信息</h2>", "<h2 id=\"facts\">许可信息（改）</h2>")
	if r := rebuild(); r.KeptPages != 0 || r.KeptRecords != 6 {
		t.Errorf("a template edit kept %d pages and feeds, %d records; want 0, 6 (the records do not use templates)", r.KeptPages, r.KeptRecords)
	}
	if os.SameFile(before, page(untouched)) {
		t.Error("a template edit kept an agency page")
	}

	// a region renamed: every agency page and record made again
	edit("data/regions.csv", "440100,广州市,", "440100,广州市（改）,")
	if r := rebuild(); r.KeptPages+r.KeptRecords+r.KeptIndex != 0 {
		t.Errorf("a region edit kept %d pages and feeds, %d records, %d files of the search index", r.KeptPages, r.KeptRecords, r.KeptIndex)
	}

	// 丙 back on the 经营异常名录 (its removal taken out): its search
	// result says so, and the index is written again
	edit("data/abnormal.csv", ",2021-09-01,已补报年度经营情况报告", ",,")
	if r := rebuild(); r.KeptIndex != 0 {
		t.Errorf("kept %d files of the search index", r.KeptIndex)
	}
}

// A theme's static file in a folder of static/ (static/img/mark.svg),
// linked from the layout every page is made with, is published under a
// name of its bytes (render: hashedAssets); when it changes, every page
// that links it is made again, by the plain build and the preview alike,
// and none keeps linking the old name, which the release no longer has.
func TestStaticSubfolderEditRemakesPages(t *testing.T) {
	dir, cfg := editableSite(t)
	mark := filepath.Join(dir, "templates", "static", "img", "mark.svg")
	if err := os.MkdirAll(filepath.Dir(mark), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(mark, []byte(`<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>`), 0o644)
	editFile(t, filepath.Join(dir, "templates", "layouts", "base.html"),
		`<link rel="stylesheet" href="{{asset "static/style.css"}}">`,
		`<link rel="stylesheet" href="{{asset "static/style.css"}}"><link rel="mask-icon" href="{{asset "static/img/mark.svg"}}">`)
	var builder Builder
	preview := cfg
	preview.Out = filepath.Join(dir, "preview")
	if _, _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if _, _, err := builder.Build(context.Background(), preview); err != nil {
		t.Fatal(err)
	}
	for i, r := range []int{2, 3} {
		os.WriteFile(mark, []byte(fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg"><circle r="%d"/></svg>`, r)), 0o644)
		if i == 0 {
			rebuildLikeFresh(t, cfg)
		} else {
			previewLikeFresh(t, &builder, preview)
		}
	}
}

// A plain build keeps the pages, feeds and records of the agencies a data
// edit did not touch, from the state the build before it left beside the
// output, and writes what a build without that state writes. An output
// edited since keeps nothing.
func TestPlainBuildKeepsUntouchedAgencies(t *testing.T) {
	dir, cfg := editableSite(t)
	out := cfg.Out
	if _, rep, err := Build(context.Background(), cfg); err != nil || rep.KeptPages+rep.KeptRecords != 0 {
		t.Fatalf("first build: kept %d files, %v", rep.KeptPages+rep.KeptRecords, err)
	}
	rebuild := func() BuildReport { t.Helper(); return rebuildLikeFresh(t, cfg) }
	const untouched = "91440106MA5C00020X" // 丙
	untouchedPage := filepath.Join(out, "agencies", untouched, "index.html")
	before, _ := os.Stat(untouchedPage)
	checks := filepath.Join(out, "data", "annual-checks.json")
	checksBefore, _ := os.Stat(checks)

	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",A,", ",B,")
	r := rebuild()
	if r.KeptPages != 9 || r.KeptRecords != 4 || r.KeptIndex == 0 {
		t.Errorf("kept %d pages, posters and feeds, %d records, %d files of the search index; want 9, 4 and the index", r.KeptPages, r.KeptRecords, r.KeptIndex)
	}
	if after, _ := os.Stat(untouchedPage); !os.SameFile(before, after) {
		t.Error("an untouched agency's page was written again")
	}
	// the open data's tables the edit left as they were are kept, the
	// very files; the grades' are made again
	if after, _ := os.Stat(checks); r.KeptData == 0 || r.KeptData%5 != 0 || !os.SameFile(checksBefore, after) {
		t.Errorf("kept %d open-data files; the annual checks' JSON kept: %v", r.KeptData, os.SameFile(checksBefore, after))
	}
	if !slices.Contains(r.Changed, "data/grades.csv") {
		t.Errorf("the grades' table was not made again: %v", r.Changed)
	}

	// a table of the output changed in place, its size and time as they
	// were (the output then looks as the build left it): its hash is not
	// the one recorded, so it is made again, not published as it is
	b, _ := os.ReadFile(checks)
	i := bytes.Index(b, []byte("合格"))
	copy(b[i:], "不及") // the same number of bytes
	if err := os.WriteFile(checks, b, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(checks, checksBefore.ModTime(), checksBefore.ModTime())
	kept := r.KeptData
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",B,", ",C,")
	if r := rebuild(); r.KeptData != kept-2 { // the JSON and JSON Lines of the annual checks made again
		t.Errorf("with a table changed in place, kept %d open-data files; want %d", r.KeptData, kept-2)
	}
	if b, _ := os.ReadFile(checks); bytes.Contains(b, []byte("不及")) {
		t.Error("the table changed in place was published")
	}
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",C,", ",B,")
	rebuild()

	// a page of the output edited by hand: the output is not what the
	// state says, so nothing is kept, and the page is made again
	editFile(t, untouchedPage, "</html>", "<!-- 手改 --></html>")
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",B,", ",A,")
	if r := rebuild(); r.KeptPages+r.KeptRecords+r.KeptIndex+r.KeptData != 0 {
		t.Errorf("an edited output: kept %d pages, %d records, %d files of the search index and %d of the open data", r.KeptPages, r.KeptRecords, r.KeptIndex, r.KeptData)
	}
	if b, _ := os.ReadFile(untouchedPage); bytes.Contains(b, []byte("手改")) {
		t.Error("the page edited by hand was kept")
	}

	// the release that build replaced was kept beside the output as a
	// spare (publish.Spare), and the next release is made from it: the
	// same files as a build without state, the spare's files the output
	// has kept as they are, the spare then gone
	spare := func() *publish.Spare {
		path, _ := statePath(out)
		b, _ := os.ReadFile(path)
		var st buildState
		json.Unmarshal(b, &st)
		return st.Spare
	}
	sp := spare()
	if sp == nil {
		t.Fatal("the build kept no spare")
	}
	before, _ = os.Stat(untouchedPage)
	spareDir, _ := os.Stat(filepath.Join(dir, sp.Name))
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",A,", ",B,")
	rebuild()
	if now, _ := os.Stat(out); !os.SameFile(spareDir, now) {
		t.Errorf("the release was not made from the spare %s", sp.Name)
	}
	if after, _ := os.Stat(untouchedPage); !os.SameFile(before, after) {
		t.Error("an untouched agency's page was written again")
	}
	if next := spare(); next == nil || next.Name == sp.Name {
		t.Errorf("the release replaced was not kept as the next spare: %+v", next)
	}

	// that build published every path of the release it replaced, so
	// the spare it kept is Covered (publish.Spare): the next release is
	// made from it without reading its directories. A news item added
	// keeps it so; one removed leaves its page in the spare the build
	// keeps, which is then not Covered, and the build after sweeps it
	// out: every release is what a build without state makes
	if next := spare(); next == nil || !slices.Contains(next.Covered, "agencies") {
		t.Errorf("a build that published every path of the release it replaced kept a spare not Covered: %+v", next)
	}
	news := filepath.Join(dir, "content", "news", "2026-11-20-notice.md")
	os.MkdirAll(filepath.Dir(news), 0o755)
	os.WriteFile(news, []byte("---\ntitle: 年度核验提醒\ndate: 2026-11-20\nsummary: 提醒各单位按时报送。\n---\n\n请按时报送。\n"), 0o644)
	rebuild()
	if next := spare(); next == nil || !slices.Contains(next.Covered, "agencies") || !slices.Contains(next.Covered, "news") {
		t.Errorf("a build that only added a page kept a spare not Covered where it added it: %+v", next)
	}
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",B,", ",C,")
	rebuild()
	os.Remove(news)
	rebuild()
	if next := spare(); next == nil || slices.Contains(next.Covered, "news") || !slices.Contains(next.Covered, "agencies") {
		t.Errorf("a build that dropped a news page kept a spare Covered where it dropped it, or not elsewhere: %+v", next)
	}
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",C,", ",B,")
	rebuild() // made from the spare that has the news item's page
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",B,", ",A,")
	rebuild()
}

// rebuildLikeFresh builds cfg.Out and, over a copy of the same previous
// output with no state beside it, a plain build from scratch; the two must
// agree, byte for byte, and the state's key of the output must be what
// walking it gives.
func rebuildLikeFresh(t *testing.T, cfg BuildConfig) BuildReport {
	t.Helper()
	out := cfg.Out
	fresh := filepath.Join(t.TempDir(), "public")
	testsite.CopyDir(t, out, fresh)
	_, rep, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	c := cfg
	c.Out = fresh
	if _, frep, err := Build(context.Background(), c); err != nil || frep.KeptPages+frep.KeptRecords+frep.KeptLists != 0 {
		t.Fatalf("a build without state kept %d files, %v", frep.KeptPages+frep.KeptRecords+frep.KeptLists, err)
	}
	for _, o := range []string{out, fresh} {
		path, _ := statePath(o)
		b, err := os.ReadFile(path)
		var st buildState
		if err != nil || json.Unmarshal(b, &st) != nil {
			t.Fatalf("no state beside %s: %v", o, err)
		}
		if key, _, _, err := scanOutput(o, nil); err != nil || key != st.Output {
			t.Errorf("the state says the output is %s; walking it gives %s (%v)", st.Output, key, err)
		}
	}
	sameFiles(t, testsite.ReadTree(t, out), testsite.ReadTree(t, fresh), "a build without state")
	return rep
}

// previewLikeFresh has the preview's builder build cfg and checks its
// output against a plain build over a copy of the same previous output
// (less the precompressed copies, which the preview does not write).
func previewLikeFresh(t *testing.T, builder *Builder, cfg BuildConfig) BuildReport {
	t.Helper()
	plain := filepath.Join(t.TempDir(), "public")
	testsite.CopyDir(t, cfg.Out, plain)
	_, rep, err := builder.Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if rep.RemoveOld != nil {
		rep.RemoveOld()
	}
	c := cfg
	c.Out = plain
	if _, _, err := Build(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, testsite.ReadTree(t, cfg.Out), withoutCopies(testsite.ReadTree(t, plain)), "a plain build")
	return rep
}

// editableSite extracts the mixed export with a copy of the templates, for
// tests that edit both, and the config that builds it into dir/public.
func editableSite(t *testing.T) (dir string, cfg BuildConfig) {
	t.Helper()
	dir, _, _ = testsite.Extract(t, filepath.Join(root, "testdata", "check", "valid-mixed-export.txtar"))
	templates := filepath.Join(dir, "templates")
	testsite.CopyDir(t, filepath.Join(root, "templates"), templates)
	return dir, BuildConfig{
		Config:    Config{Data: load.OSDir(filepath.Join(dir, "data")), Content: load.OSDir(filepath.Join(dir, "content")), AsOf: model.MakeDate(2026, 11, 21), BaseURL: "https://rsj.example.gov.cn/"},
		Templates: os.DirFS(templates), Out: filepath.Join(dir, "public"),
	}
}

// editFile replaces the first old in the file at path with new.
func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, _ := os.ReadFile(path)
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", path, old)
	}
	os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644)
}

// sameFiles reports every file of want that got lacks or holds otherwise,
// and a different number of files; other names what made want.
func sameFiles(t *testing.T, got, want map[string]string, other string) {
	t.Helper()
	for p := range want {
		if got[p] != want[p] {
			t.Errorf("%s differs from %s's", p, other)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files, %s has %d", len(got), other, len(want))
	}
}

// The preview's fast path rewrites a page in place; the full build after
// it is made from the spare its last build kept, and publishes the page as
// it renders it — never the spare's copy from before the edit.
func TestPreviewBuildAfterFastPath(t *testing.T) {
	dir, cfg, builder, build := previewSite(t)
	content := filepath.Join(dir, "site-content")
	build()
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",A,", ",B,")
	build() // the first release is kept as the spare
	md := filepath.Join(content, "policies", "shanghai-2023-32-dispatch-implementation.md")
	b, _ := os.ReadFile(md)
	os.WriteFile(md, append(b, "\n新增一段：用于即时预览的测试。\n"...), 0o644)
	if _, pages, err := builder.RenderContent(context.Background(), cfg); err != nil || len(pages) != 1 {
		t.Fatalf("fast path: %v, %v", pages, err)
	}
	plain := filepath.Join(t.TempDir(), "public")
	testsite.CopyDir(t, cfg.Out, plain)
	build()
	c := cfg
	c.Out = plain
	if _, _, err := Build(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, testsite.ReadTree(t, cfg.Out), withoutCopies(testsite.ReadTree(t, plain)), "a plain build")
}

// The preview knows the output's files from its last build's manifest and
// the pages its fast path rewrote since: a page rewritten, then dropped
// with its Markdown, is swept out of the release made from the spare
// that still has it, as a plain build leaves it out.
func TestPreviewSpareAfterDroppedPage(t *testing.T) {
	dir, cfg, builder, build := previewSite(t)
	content := filepath.Join(dir, "site-content")
	// samePlain builds a copy of the output with no state, which must
	// come out as the preview's
	samePlain := func() {
		t.Helper()
		plain := filepath.Join(t.TempDir(), "public")
		testsite.CopyDir(t, cfg.Out, plain)
		c := cfg
		c.Out = plain
		if _, _, err := Build(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		sameFiles(t, testsite.ReadTree(t, cfg.Out), withoutCopies(testsite.ReadTree(t, plain)), "a plain build")
	}
	build()
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",A,", ",B,")
	build()
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",B,", ",C,")
	if rep := build(); rep.spare == nil || !slices.Contains(rep.spare.Covered, "agencies") || !slices.Contains(rep.spare.Covered, "policies") {
		t.Fatalf("a preview build that published every path of the release it replaced kept a spare not Covered: %+v", rep.spare)
	}
	md := filepath.Join(content, "policies", "shanghai-2023-32-dispatch-implementation.md")
	b, _ := os.ReadFile(md)
	os.WriteFile(md, append(b, "\n新增一段：用于即时预览的测试。\n"...), 0o644)
	if _, pages, err := builder.RenderContent(context.Background(), cfg); err != nil || len(pages) != 1 {
		t.Fatalf("fast path: %v, %v", pages, err)
	}
	os.Remove(md)
	if rep := build(); rep.spare == nil || slices.Contains(rep.spare.Covered, "policies") {
		t.Errorf("a preview build that dropped a policy's page kept a spare Covered where it dropped it: %+v", rep.spare)
	}
	samePlain()
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",C,", ",B,")
	build() // made from the spare that has the policy's page
	samePlain()
}

// previewSite is editableSite with the demo content (policies to edit), a
// Builder, and its build of the site as the preview makes one (the output
// it replaced, unless kept as the spare, deleted at once).
func previewSite(t *testing.T) (dir string, cfg BuildConfig, b *Builder, build func() BuildReport) {
	t.Helper()
	dir, cfg = editableSite(t)
	content := filepath.Join(dir, "site-content")
	testsite.CopyDir(t, filepath.Join(root, "content"), content)
	cfg.Content = load.OSDir(content)
	b = &Builder{}
	build = func() BuildReport {
		t.Helper()
		_, rep, err := b.Build(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if rep.RemoveOld != nil {
			rep.RemoveOld()
		}
		return rep
	}
	return dir, cfg, b, build
}
