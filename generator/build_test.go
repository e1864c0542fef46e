package generator

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"portal/generator/load"
	"portal/generator/model"
	"portal/internal/testsite"
)

var update = flag.Bool("update", false, "rewrite golden files")

const root = ".."

// buildArchive builds the site in a txtar archive with the repository's templates.
func buildArchive(t *testing.T, archive string, base string, out string) (*Result, BuildReport, error) {
	t.Helper()
	dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", archive))
	if out == "" {
		out = filepath.Join(dir, "public")
	}
	return Build(context.Background(), BuildConfig{
		Config:    Config{Data: load.OSDir(filepath.Join(dir, "data")), Content: load.OSDir(filepath.Join(dir, "content")), AsOf: model.MakeDate(2026, 11, 21), BaseURL: base},
		Templates: os.DirFS(filepath.Join(root, "templates")), Out: out,
	})
}

// siteConfig builds a test site extracted into dir: its data directory
// data (below dir), its content/, the repository's templates, as of
// 2026-11-21, served at base, into out.
func siteConfig(dir, data, base, out string) BuildConfig {
	return BuildConfig{
		Config:    Config{Data: load.OSDir(filepath.Join(dir, data)), Content: load.OSDir(filepath.Join(dir, "content")), AsOf: model.MakeDate(2026, 11, 21), BaseURL: base},
		Templates: os.DirFS(filepath.Join(root, "templates")), Out: out,
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every agency page states the right verdict in words; renamed agencies keep
// their former names; branches show their parent.
func TestBuildVerdicts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, _, err := buildArchive(t, "check/valid-mixed-export.txtar", "https://rsj.example.gov.cn/", out); err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string][]string{
		"91440106MA5C00010W": {"许可有效（有效期至 2028-02-29）", "曾用名", "广州市甲𠀾人力资源有限公司（使用至 2023-06-10）", "已备案的分支机构"},
		"91440106MA5C00020X": {"许可已过期（2022-04-30 到期，未延续）", "不得继续经营劳务派遣业务"},
		"91440304MA5D00030Y": {"许可已吊销（2023-07-20）"},
		"91440604MA5E000402": {"许可已撤销（2022-05-05）"},
		"91441900MA5F00050P": {"许可有效（有效期至 2027-02-28）", "原编号：441900201800001"},
		"91440112MA5G000602": {"已备案（总公司许可有效至 2028-02-29）", "凭总公司广州市乙人力资源有限公司的劳务派遣经营许可证经营"},
	} {
		page := read(t, filepath.Join(out, "agencies", code, "index.html"))
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: page lacks %q", code, w)
			}
		}
		if !strings.Contains(read(t, filepath.Join(out, "agencies", code, "index.xml")), "<feed xmlns=\"http://www.w3.org/2005/Atom\">") {
			t.Errorf("%s: no Atom feed", code)
		}
	}
	golden(t, filepath.Join(out, "agencies", "91440106MA5C00010W", "index.html"), filepath.Join(root, "testdata", "build", "agency-91440106MA5C00010W.golden.html"))
	for _, p := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt",
		"register/index.html", "register/440100/index.html", "register/440106/index.html", "register/status/valid/index.html",
		"announcements/index.html", "announcements/index.xml", "announcements/type/withdrawal/index.html", "announcements/2023/07/index.html",
		"annual-checks/index.html", "annual-checks/2022/index.html", "grades/2025/index.html", "abnormal/index.html", "abnormal/removed/index.html",
		"stats/index.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	// the stylesheet, scripts and icon are published under content-hashed
	// names, and those are the names the pages link
	home := read(t, filepath.Join(out, "index.html"))
	for _, name := range []string{"style.css", "favicon.svg", "elder.js", "search.js", "verdict.js"} {
		ext := filepath.Ext(name)
		got, _ := filepath.Glob(filepath.Join(out, "static", strings.TrimSuffix(name, ext)+".*"+ext))
		if len(got) != 1 || !regexp.MustCompile(`\.[0-9a-f]{10}\`+ext+`$`).MatchString(got[0]) {
			t.Errorf("static/%s: published as %q, want one name with a content hash", name, got)
			continue
		}
		if name != "verdict.js" && !strings.Contains(home, `"/static/`+filepath.Base(got[0])+`"`) {
			t.Errorf("the home page does not link static/%s", filepath.Base(got[0]))
		}
	}
	// the hand-written XML is well-formed and says what it should
	for _, p := range []string{"sitemap.xml", "announcements/index.xml", "agencies/91440106MA5C00010W/index.xml"} {
		var doc struct {
			XMLName xml.Name
			Entries []struct {
				Title string `xml:"title"`
			} `xml:"entry"`
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal([]byte(read(t, filepath.Join(out, p))), &doc); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		if len(doc.Entries)+len(doc.URLs) == 0 {
			t.Errorf("%s is empty", p)
		}
	}
	if feed := read(t, filepath.Join(out, "agencies", "91440106MA5C00010W", "index.xml")); !strings.Contains(feed, "【变更】广州市乙人力资源有限公司") || !strings.Contains(feed, "【年度核验】2023年度 合格") {
		t.Errorf("agency feed lacks the rename or the annual check:\n%s", feed)
	}
	checks := read(t, filepath.Join(out, "annual-checks", "2022", "index.html"))
	if !strings.Contains(checks, "违规经营") || !strings.Contains(checks, "深圳市") {
		t.Errorf("annual checks page lacks the failure reason or the region summary")
	}
}

// Markup in names and content is text; pages carry no inline script or
// style, so a strict CSP holds; a sub-path base URL prefixes every link.
func TestBuildEscapesAndSubPath(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, _, err := buildArchive(t, "build/escape-and-subpath.txtar", "https://rsj.example.gov.cn/ldpq/", out); err != nil {
		t.Fatal(err)
	}
	page := read(t, filepath.Join(out, "agencies", "91440106MA5C00010W", "index.html"))
	if !strings.Contains(page, "广州市&lt;img src=x onerror=alert(1)&gt;人力资源有限公司") || strings.Contains(page, "<img src=x") {
		t.Errorf("the name was not escaped:\n%s", page)
	}
	about := read(t, filepath.Join(out, "about", "index.html"))
	if strings.Contains(about, "<script>alert") {
		t.Errorf("raw HTML passed through Markdown")
	}
	href := regexp.MustCompile(`(?:href|src|data-engine)="(/[^"]*)"`)
	inlineScript := regexp.MustCompile(`<script(?: [^>]*)?>`)
	externalScript := regexp.MustCompile(`^<script src="/ldpq/static/[a-z-]+\.[0-9a-f]{10}\.js"( data-engine="/ldpq/static/search-index\.[0-9a-f]{10}\.js")?( defer)?>$`)
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		html := read(t, p)
		for _, m := range href.FindAllStringSubmatch(html, -1) {
			if !strings.HasPrefix(m[1], "/ldpq/") {
				t.Errorf("%s: link %s is outside the sub-path", p, m[1])
			}
		}
		for _, s := range inlineScript.FindAllString(html, -1) {
			if s != `<script type="application/ld+json">` && !externalScript.MatchString(s) {
				t.Errorf("%s: inline script %s", p, s)
			}
		}
		if strings.Contains(html, " style=") || strings.Contains(html, "<style") {
			t.Errorf("%s: inline style", p)
		}
		if !strings.Contains(html, `<html lang="zh-CN">`) {
			t.Errorf("%s: no lang", p)
		}
		return nil
	})
}

// A build that fails after rendering leaves the previous output intact, byte
// for byte, and leaves no staging directory behind; a clean rebuild rewrites
// nothing that did not change.
func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, _, err := buildArchive(t, "check/valid-mixed-export.txtar", "https://rsj.example.gov.cn/", out); err != nil {
		t.Fatal(err)
	}
	before := testsite.ReadTree(t, out)
	dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", "check", "valid-mixed-export.txtar"))
	cfg := BuildConfig{
		Config:    Config{Data: load.OSDir(filepath.Join(dir, "data")), Content: load.OSDir(filepath.Join(dir, "content")), AsOf: model.MakeDate(2026, 11, 22), BaseURL: "https://rsj.example.gov.cn/"},
		Templates: os.DirFS(filepath.Join(root, "templates")), Out: out,
	}
	inject := buildOptions{beforeSwap: func() error { return errors.New("injected failure") }}
	if _, _, err := build(context.Background(), cfg, inject); err == nil || !strings.Contains(err.Error(), "publish: injected failure") {
		t.Fatalf("err = %v", err)
	}
	if after := testsite.ReadTree(t, out); !maps.Equal(before, after) {
		t.Fatal("the failed build changed the previous output")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.staging-*")); len(left) != 0 {
		t.Fatalf("staging left behind: %v", left)
	}
	// a template that fails part-way through the agency pages (only the
	// re-licensed agency has a former licence number to index)
	broken := fstest.MapFS{}
	fs.WalkDir(os.DirFS(filepath.Join(root, "templates")), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(os.DirFS(filepath.Join(root, "templates")), p)
			broken[p] = &fstest.MapFile{Data: b}
		}
		return err
	})
	broken["pages/agency.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}{{index .D.A.FormerLicenceNos 0}}{{end}}`)}
	cfg.Templates = broken
	if _, _, err := Build(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "render: agencies/") {
		t.Fatalf("err = %v", err)
	}
	if after := testsite.ReadTree(t, out); !maps.Equal(before, after) {
		t.Fatal("a build that failed mid-render changed the previous output")
	}
	// a theme with a mobile number in its footer: refused, masked, before
	// anything is rendered
	leaky := maps.Clone(broken)
	base := string(leaky["layouts/base.html"].Data)
	leaky["pages/agency.html"] = &fstest.MapFile{Data: fileOf(t, os.DirFS(filepath.Join(root, "templates")), "pages/agency.html")}
	leaky["layouts/base.html"] = &fstest.MapFile{Data: []byte(strings.Replace(base, "</footer>", "<p>值班手机 138-1234-5678</p></footer>", 1))}
	cfg.Templates, cfg.TemplatesName = leaky, "theme"
	res, _, err := Build(context.Background(), cfg)
	if !errors.As(err, new(*InputError)) || !strings.Contains(res.Diags.Format(0), "theme/layouts/base.html:") || strings.Contains(res.Diags.Format(0), "1234-5678") {
		t.Fatalf("err = %v\n%s", err, res.Diags.Format(0))
	}
	if after := testsite.ReadTree(t, out); !maps.Equal(before, after) {
		t.Fatal("a build refused for its templates changed the previous output")
	}
	cfg.Templates, cfg.TemplatesName = os.DirFS(filepath.Join(root, "templates")), ""

	// bad input: nothing is even rendered
	os.WriteFile(filepath.Join(dir, "data", "grades.csv"), []byte("评价年度,行政相对人名称,统一社会信用代码,信用等级,评价机构\n2025,甲,91440106MA5C00010W,Z,局\n"), 0o644)
	var ie *InputError
	if _, _, err := Build(context.Background(), cfg); !errors.As(err, &ie) {
		t.Fatalf("err = %v", err)
	}
	if after := testsite.ReadTree(t, out); !maps.Equal(before, after) {
		t.Fatal("a build with input errors changed the previous output")
	}
}

// The same inputs and as-of date give byte-identical output.
func TestBuildDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, out := range []string{a, b} {
		if _, _, err := buildArchive(t, "check/valid-mixed-export.txtar", "https://rsj.example.gov.cn/", out); err != nil {
			t.Fatal(err)
		}
	}
	if !maps.Equal(testsite.ReadTree(t, a), testsite.ReadTree(t, b)) {
		t.Fatal("two builds differ")
	}
	_, rep, err := buildArchive(t, "check/valid-mixed-export.txtar", "https://rsj.example.gov.cn/", a)
	if err != nil || rep.Written != 0 || rep.Unchanged != rep.Files {
		t.Fatalf("rebuild rewrote files: %+v %v", rep, err)
	}
}

// withoutCopies drops the precompressed copies (x.gz, x.br beside x) from
// a snapshot: for comparing with a preview's output, which has none.
var assetHash = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js|svg)\b`)

func withoutCopies(m map[string]string) map[string]string {
	for p := range m {
		if ext := filepath.Ext(p); ext == ".gz" || ext == ".br" {
			if _, ok := m[strings.TrimSuffix(p, ext)]; ok {
				delete(m, p)
			}
		}
	}
	return m
}

// golden compares the page at got with the golden file want; the content
// hashes in the names of the stylesheet and scripts are written as HASH
// (TestBuildVerdicts checks that the names the pages link exist), so that
// an edit of style.css is not an edit of every golden page.
func golden(t *testing.T, got, want string) {
	t.Helper()
	g := assetHash.ReplaceAllString(read(t, got), ".HASH.$1")
	if *update {
		os.WriteFile(want, []byte(g), 0o644)
		return
	}
	w, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("%v (run go test ./generator -run Verdicts -update)", err)
	}
	if g != string(w) {
		t.Errorf("%s differs from %s (run with -update after checking the diff)", got, want)
	}
}

// A build reports its stages in order and a growing file count.
func TestBuildProgress(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", "check/valid-mixed-export.txtar"))
	var stages []string
	last := 0
	_, rep, err := Build(context.Background(), BuildConfig{
		Config:    Config{Data: load.OSDir(filepath.Join(dir, "data")), Content: load.OSDir(filepath.Join(dir, "content")), AsOf: model.MakeDate(2026, 11, 21), BaseURL: "https://rsj.example.gov.cn/"},
		Templates: os.DirFS(filepath.Join(root, "templates")), Out: filepath.Join(dir, "public"),
		Progress: func(p Progress) {
			if len(stages) == 0 || stages[len(stages)-1] != p.Stage {
				stages = append(stages, p.Stage)
			}
			if p.Files < last {
				t.Errorf("file count went back from %d to %d", last, p.Files)
			}
			last = p.Files
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(stages, ",") != "check,open data,search,render,publish" {
		t.Errorf("stages %v", stages)
	}
	if last != rep.Files {
		t.Errorf("last progress %d files, report %d", last, rep.Files)
	}
}

// After a Markdown edit the preview's fast path rewrites only that page,
// with the bytes a full build gives it: the full build that follows finds
// it unchanged. A content error writes nothing; a site.toml edit asks for a
// full build.
func TestRenderContentMatchesFullBuild(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", "check", "valid-mixed-export.txtar"))
	content := filepath.Join(dir, "site-content")
	testsite.CopyDir(t, filepath.Join(root, "content"), content)
	out := filepath.Join(dir, "public")
	cfg := BuildConfig{
		Config:    Config{Data: load.OSDir(filepath.Join(dir, "data")), Content: load.OSDir(content), AsOf: model.MakeDate(2026, 11, 21), BaseURL: "https://rsj.example.gov.cn/"},
		Templates: os.DirFS(filepath.Join(root, "templates")), Out: out,
	}
	prev, _, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	md := filepath.Join(content, "policies", "shanghai-2023-32-dispatch-implementation.md")
	orig, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	before := withoutCopies(testsite.ReadTree(t, out)) // the fast path removes the edited page's, which the full build makes again
	os.WriteFile(md, append(slices.Clone(orig), "\n新增一段：用于即时预览的测试。\n"...), 0o644)
	_, changed, err := RenderContent(context.Background(), prev, cfg)
	page := "policies/shanghai-2023-32-dispatch-implementation/index.html"
	if err != nil || !slices.Equal(changed, []string{page}) {
		t.Fatalf("RenderContent: changed %v, %v", changed, err)
	}
	after := withoutCopies(testsite.ReadTree(t, out))
	if !strings.Contains(after[page], "新增一段：用于即时预览的测试。") {
		t.Fatal("the edited page does not show the new paragraph")
	}
	for p := range before {
		if p != page && before[p] != after[p] {
			t.Errorf("%s changed too", p)
		}
	}
	full, rep, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(rep.Changed, page) {
		t.Errorf("the full build rewrote %s: the fast path's bytes differ from the build's", page)
	}
	if !slices.Contains(rep.Changed, "sitemap.xml") && !slices.ContainsFunc(rep.Changed, func(p string) bool { return strings.HasPrefix(p, "search/") }) {
		t.Errorf("the full build changed neither the sitemap nor the search index: %v", rep.Changed)
	}

	// a broken front matter: an input error, nothing written
	os.WriteFile(md, []byte("---\ntitle: [\n---\n正文\n"), 0o644)
	before = testsite.ReadTree(t, out)
	res, changed, err := RenderContent(context.Background(), full, cfg)
	var ie *InputError
	if !errors.As(err, &ie) || len(changed) != 0 || !res.Diags.HasErrors(false) {
		t.Fatalf("broken edit: %v, changed %v", err, changed)
	}
	if !maps.Equal(before, testsite.ReadTree(t, out)) {
		t.Error("a broken edit wrote files")
	}
	os.WriteFile(md, orig, 0o644)

	// site.toml is on every page
	site := filepath.Join(content, "site.toml")
	b, _ := os.ReadFile(site)
	os.WriteFile(site, bytes.Replace(b, []byte("020-00000000"), []byte("020-11111111"), 1), 0o644)
	if _, _, err := RenderContent(context.Background(), full, cfg); !errors.Is(err, ErrFullBuild) {
		t.Errorf("site.toml edit: %v, want ErrFullBuild", err)
	}
}

// fileOf is the file p of fsys.
func fileOf(t *testing.T, fsys fs.FS, p string) []byte {
	t.Helper()
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
