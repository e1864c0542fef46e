package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"portal/internal/testsite"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// The repository's own demo data and content must pass check.
func TestCheckRepository(t *testing.T) {
	code, out, errs := runCLI("check", "--data", "../../data", "--content", "../../content", "--as-of", "2026-11-21")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{"agencies         300", "policies 3 · FAQ 13", "0 errors"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	// the demo set carries a few late publications: warnings, which --strict refuses
	if code, _, errs := runCLI("check", "--data", "../../data", "--content", "../../content", "--as-of", "2026-11-21", "--strict"); code != exitInput || !strings.Contains(errs, "--strict") {
		t.Fatalf("--strict: exit %d\n%s", code, errs)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"check", "--no-such-flag"}, {"check", "stray"}, {"check", "--as-of", "2024-02-30"}} {
		if code, _, _ := runCLI(args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, out, _ := runCLI("help"); code != exitOK || !strings.Contains(out, "portal check") {
		t.Errorf("help: %d %s", code, out)
	}
}

// data/ in the repository is exactly what demo-data makes, so anyone can
// regenerate it and larger sets come from the same generator.
func TestDemoDataIsCommittedOutput(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCLI("demo-data", "--agencies", "300", "--seed", "1", "--out", dir); code != exitOK {
		t.Fatal(errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) != 5 {
		t.Fatalf("%d files", len(files))
	}
	for _, f := range files {
		got, _ := os.ReadFile(f)
		want, err := os.ReadFile(filepath.Join("..", "..", "data", filepath.Base(f)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from data/%s: regenerate with go run ./cmd/portal demo-data --agencies 300 --seed 1 --out data", f, filepath.Base(f))
		}
	}
}

// portal build on the repository writes the site; a build with an input
// error exits 1 and leaves the previous output exactly as it was.
func TestBuildCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, errs := runCLI("build", "--data", "../../data", "--content", "../../content", "--templates", "../../templates",
		"--out", out, "--as-of", "2026-11-21", "--base-url", "https://rsj.example.gov.cn/ldpq/")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if !strings.Contains(stdout, "built "+out+" as of 2026-11-21") || !strings.Contains(stdout, "render ") {
		t.Errorf("summary: %s", stdout)
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="/ldpq/register/"`, "发现未经许可经营劳务派遣的，可拨打 12333"} {
		if !bytes.Contains(home, []byte(want)) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if code, stdout, errs := runCLI("verify-data", filepath.Join(out, "data")); code != exitOK || !strings.Contains(stdout, "check out") {
		t.Errorf("verify-data on a fresh build: exit %d\n%s%s", code, stdout, errs)
	}
	before := map[string][]byte{}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			before[p], _ = os.ReadFile(p)
		}
		return err
	})

	bad := t.TempDir()
	for _, f := range []string{"licences.csv", "regions.csv"} {
		b, _ := os.ReadFile(filepath.Join("..", "..", "data", f))
		os.WriteFile(filepath.Join(bad, f), b, 0o644)
	}
	os.WriteFile(filepath.Join(bad, "grades.csv"), []byte("评价年度,行政相对人名称,统一社会信用代码,信用等级,评价机构\n2025,甲,91440106MA5C00010W,Z,局\n"), 0o644)
	code, _, errs = runCLI("build", "--data", bad, "--content", "../../content", "--templates", "../../templates", "--out", out, "--as-of", "2026-11-21")
	if code != exitInput || !strings.Contains(errs, "nothing was written; "+out+" is as it was") || !strings.Contains(errs, `信用等级 "Z"`) {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	n := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
			if b, _ := os.ReadFile(p); !bytes.Equal(b, before[p]) {
				t.Errorf("%s changed", p)
			}
		}
		return err
	})
	if n != len(before) {
		t.Errorf("%d files, was %d", n, len(before))
	}
}

// A customised agency template is what renders the agency pages: the
// templates are the pages' only definition, whichever theme is in use.
func TestBuildCustomTemplates(t *testing.T) {
	tpl := filepath.Join(t.TempDir(), "templates")
	testsite.CopyDir(t, filepath.Join("..", "..", "templates"), tpl)
	page := filepath.Join(tpl, "pages", "agency.html")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(page, bytes.Replace(b, []byte(`<h2 id="facts">许可信息</h2>`), []byte(`<h2 id="facts">许可信息（本局定制）</h2>`), 1), 0o644)
	out := filepath.Join(t.TempDir(), "public")
	code, _, errs := runCLI("build", "--data", "../../data", "--content", "../../content", "--templates", tpl, "--out", out, "--as-of", "2026-11-21")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	agency, err := os.ReadFile(filepath.Join(out, "agencies", "91440103MAKN5F1L0E", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(agency, []byte("许可信息（本局定制）")) {
		t.Errorf("the agency page is not the customised template's")
	}
}

// A customised template that names a field its page does not have stops
// the build — the error names the template, the field and the page — and
// the previous output stays as it was, instead of a page with an empty
// value. So does a map key the data lacks (missingkey=error).
func TestBuildTemplateMisspeltField(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := runCLI("build", "--data", "../../data", "--content", "../../content", "--out", out, "--as-of", "2026-11-21"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	before, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ page, from, to, want string }{
		{"agency.html", "{{$a.LicenceNo}}", "{{$a.LicenseNo}}", "can't evaluate field LicenseNo"},
		{"home.html", `"ID" "search-home"`, `"Id" "search-home"`, `map has no entry for key "ID"`},
	} {
		tpl := filepath.Join(t.TempDir(), "templates")
		testsite.CopyDir(t, filepath.Join("..", "..", "templates"), tpl)
		page := filepath.Join(tpl, "pages", c.page)
		b, err := os.ReadFile(page)
		if err != nil || !bytes.Contains(b, []byte(c.from)) {
			t.Fatalf("%s has no %s: %v", c.page, c.from, err)
		}
		os.WriteFile(page, bytes.Replace(b, []byte(c.from), []byte(c.to), 1), 0o644)
		code, _, errs := runCLI("build", "--data", "../../data", "--content", "../../content", "--templates", tpl, "--out", out, "--as-of", "2026-11-21")
		if code != exitInput || !strings.Contains(errs, c.want) || !strings.Contains(errs, "nothing was written") {
			t.Errorf("%s: exit %d\n%s", c.page, code, errs)
		}
		if after, _ := os.ReadFile(filepath.Join(out, "index.html")); !bytes.Equal(before, after) {
			t.Errorf("%s: the previous output changed", c.page)
		}
	}
}

// A build on the inputs of the build that made the output stops at
// "nothing changed", printing what that build printed; a changed input,
// flag or output file makes it build again, and what it then publishes is
// what a build from scratch publishes.
func TestBuildNothingChanged(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	testsite.CopyDir(t, filepath.Join("..", "..", "data"), data)
	out := filepath.Join(dir, "public")
	build := func(extra ...string) (string, string) {
		t.Helper()
		code, stdout, errs := runCLI(append([]string{"build", "--data", data, "--content", "../../content", "--templates", "../../templates", "--out", out, "--as-of", "2026-11-21"}, extra...)...)
		if code != exitOK {
			t.Fatalf("exit %d\n%s", code, errs)
		}
		return stdout, errs
	}
	const nothing = "nothing changed since the build that made"
	_, first := build()
	if strings.Contains(first, nothing) {
		t.Fatal("the first build says nothing changed")
	}
	stdout, errs := build()
	if !strings.Contains(errs, nothing) || !strings.Contains(stdout, "(0 written, ") {
		t.Fatalf("second build:\n%s%s", stdout, errs)
	}
	if strings.Replace(errs, errs[strings.Index(errs, nothing):], "", 1) != first {
		t.Errorf("the diagnostics differ from the first build's:\n%s\n---\n%s", errs, first)
	}
	page := filepath.Join(out, "index.html")
	want, _ := os.ReadFile(page)
	// beside an agency's pages, where no directory's listing is read when
	// the output is as the last build recorded it (.NAME.files)
	agencies, _ := os.ReadDir(filepath.Join(out, "agencies"))
	stray := filepath.Join(out, "agencies", agencies[0].Name(), "stray.html")
	for _, c := range []struct {
		name   string
		change func()
		flags  []string
	}{
		{"a page edited in the output", func() { os.WriteFile(page, []byte("defaced"), 0o644) }, nil},
		{"a file removed from the output", func() { os.Remove(filepath.Join(out, "data", "register.csv")) }, nil},
		{"a file added to the output", func() { os.WriteFile(stray, []byte("not the portal's"), 0o644) }, nil},
		{"another base URL", func() {}, []string{"--base-url", "https://example.gov.cn/x/"}},
		{"back to the first base URL", func() {}, nil},
		{"a data row edited", func() {
			lic := filepath.Join(data, "licences.csv")
			b, _ := os.ReadFile(lic)
			os.WriteFile(lic, bytes.Replace(b, []byte("广州市番禺区商业街970号2906室"), []byte("广州市番禺区商业街971号2906室"), 1), 0o644)
		}, nil},
	} {
		c.change()
		stdout, errs := build(c.flags...)
		if strings.Contains(errs, nothing) {
			t.Errorf("%s: the build said nothing changed", c.name)
		}
		// after a data edit, the files of the agencies it left as they
		// were are carried over (after the others, the output or the
		// pages changed)
		if kept := strings.Contains(stdout, "files of untouched agencies kept"); kept != (c.name == "a data row edited") {
			t.Errorf("%s: %s", c.name, stdout)
		}
		// and so are the list pages whose rows are the same
		if kept := strings.Contains(stdout, "list pages whose rows are unchanged kept"); kept != (c.name == "a data row edited") {
			t.Errorf("%s: list pages kept %v: %s", c.name, kept, stdout)
		}
		// the search index, which holds no URL and no address, is kept
		// whole unless the output was changed by hand
		if kept := strings.Contains(stdout, "the search index kept"); kept != !strings.Contains(c.name, "the output") {
			t.Errorf("%s: search index kept %v: %s", c.name, kept, stdout)
		}
		// so are the open data's tables whose rows are the same (the
		// regions' at least), unless the output was changed by hand
		if kept := strings.Contains(stdout, "open-data files of unchanged tables kept"); kept != !strings.Contains(c.name, "the output") {
			t.Errorf("%s: tables kept %v: %s", c.name, kept, stdout)
		}
		if _, errs := build(c.flags...); !strings.Contains(errs, nothing) {
			t.Errorf("%s, built again: not \"nothing changed\"", c.name)
		}
	}
	if got, _ := os.ReadFile(page); !bytes.Equal(got, want) {
		t.Error("the edited page was not published again")
	}
	if _, err := os.Stat(stray); err == nil {
		t.Error("a file added to the output by hand was published on")
	}
	// what the builds left is what one build from scratch makes, but for
	// the earlier releases the history keeps (their pages in the sitemap)
	history := regexp.MustCompile(`(?m)^ *<url><loc>[^<]*/data/changes/20[^<]*</loc>.*\n`)
	fresh := filepath.Join(dir, "fresh")
	if code, _, errs := runCLI("build", "--data", data, "--content", "../../content", "--templates", "../../templates", "--out", fresh, "--as-of", "2026-11-21"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, p := range []string{"index.html", "data/register.csv", "data/regions.xlsx", "data/annual-checks.json", "agencies/914401135250406035/index.html", "announcements/index.html", "register/440100/index.html", "sitemap.xml"} {
		a, _ := os.ReadFile(filepath.Join(out, p))
		b, _ := os.ReadFile(filepath.Join(fresh, p))
		if p == "sitemap.xml" {
			a, b = history.ReplaceAll(a, nil), history.ReplaceAll(b, nil)
		}
		if len(b) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs from a fresh build's, or is missing", p)
		}
	}
	// the kept tables are listed in SHA256SUMS as a fresh build lists them
	sums, _ := os.ReadFile(filepath.Join(out, "data", "SHA256SUMS"))
	freshSums, _ := os.ReadFile(filepath.Join(fresh, "data", "SHA256SUMS"))
	for _, l := range strings.SplitAfter(string(freshSums), "\n") {
		if strings.HasSuffix(l, "  regions.xlsx\n") || strings.HasSuffix(l, "  annual-checks.json\n") {
			if !strings.Contains(string(sums), l) {
				t.Errorf("SHA256SUMS lacks %q", l)
			}
		}
	}
}

// From a directory without data/, content/ and templates/, the binary uses
// the demo inputs embedded in it, and says so.
func TestEmbeddedDefaults(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, errs := runCLI("build", "--as-of", "2026-11-21")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, d := range []string{"data", "content", "templates"} {
		if !strings.Contains(errs, "no ./"+d+" here: using the "+d+" embedded in the binary") {
			t.Errorf("no notice for %s:\n%s", d, errs)
		}
	}
	if _, err := os.Stat(filepath.Join("public", "agencies")); err != nil || !strings.Contains(stdout, "built public") {
		t.Fatalf("no site built: %v\n%s", err, stdout)
	}
	// an explicit flag always means a directory on disk
	if code, _, errs := runCLI("check", "--data", "nowhere"); code != exitUsage || !strings.Contains(errs, "--data nowhere") {
		t.Fatalf("exit %d\n%s", code, errs)
	}
}

// A site's own content without its data is refused, not built with the
// demo data embedded in the binary: the demo's made-up agencies would be
// published as that bureau's register, with exit 0. Its data without its
// content is still built (the demo content names no agency).
func TestOwnContentWithoutData(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("content", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("content", "site.toml"), []byte("name = \"某市劳务派遣许可公示\"\nbureau = \"某市人社局\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{{"build", "--as-of", "2026-11-21"}, {"check", "--as-of", "2026-11-21"}, {"search", "--as-of", "2026-11-21", "--cache", filepath.Join(dir, "cache"), "人力资源"}} {
		code, _, errs := runCLI(append(cmd, "--lang", "en")...)
		if code != exitUsage || !strings.Contains(errs, "no ./data here, while the content is content") {
			t.Errorf("%s: exit %d\n%s", cmd[0], code, errs)
		}
	}
	if _, err := os.Stat("public"); !os.IsNotExist(err) {
		t.Fatalf("something was published: %v", err)
	}
}

// The output directory is never the wrong place: publishing replaces it as
// a whole, so an --out that is, holds or lies inside an input directory, or
// holds the working directory, is refused before anything is read or
// written; so is one that is a file (with or without --previous), and one
// that holds files but no release of the portal.
func TestOutputDirectoryRefusals(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join("..", "..", "testdata", "check", "valid-mixed-export.txtar"))
	templates, _ := filepath.Abs(filepath.Join("..", "..", "templates"))
	t.Chdir(dir)
	testsite.CopyDir(t, templates, "templates")
	os.WriteFile("notes.txt", []byte("keep me"), 0o644)
	before := snapshot(t, dir)
	for _, tc := range []struct {
		out  string
		more []string
		want string
	}{
		{"data", nil, "is the --data directory"},
		{".", nil, "contains the --data directory"},
		{"..", nil, "contains the --data directory"},
		{"content/public", nil, "is inside the --content directory"},
		{"templates/static", nil, "is inside the --templates directory"},
		{"notes.txt", nil, "exists and is not a directory"},
		{"notes.txt", []string{"--previous", "data"}, "exists and is not a directory"},
	} {
		args := append([]string{"build", "--as-of", "2026-11-21", "--out", tc.out}, tc.more...)
		code, _, errs := runCLI(args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("--out %s: exit %d, want %d with %q:\n%s", tc.out, code, exitUsage, tc.want, errs)
		}
	}
	// from a directory that holds no input, "." is still where the user works
	os.MkdirAll("work", 0o755)
	t.Chdir("work")
	os.WriteFile("draft.txt", []byte("mine"), 0o644)
	if code, _, errs := runCLI("build", "--data", "../data", "--content", "../content", "--templates", "../templates", "--out", "."); code != exitUsage || !strings.Contains(errs, "is the working directory or holds it") {
		t.Errorf("--out . from work/: exit %d\n%s", code, errs)
	}
	t.Chdir(dir)
	os.Remove(filepath.Join("work", "draft.txt"))
	os.Remove("work")
	// a directory of someone's files is not a release to replace
	os.MkdirAll(filepath.Join("site", "old"), 0o755)
	os.WriteFile(filepath.Join("site", "important.txt"), []byte("keep me"), 0o644)
	if code, _, errs := runCLI("build", "--as-of", "2026-11-21", "--out", "site"); code != exitUsage || !strings.Contains(errs, "--out site holds files that are not a release of the portal (important.txt, old)") {
		t.Errorf("--out site: exit %d\n%s", code, errs)
	}
	if b, err := os.ReadFile(filepath.Join("site", "important.txt")); err != nil || string(b) != "keep me" {
		t.Fatalf("a file in --out was lost: %v", err)
	}
	os.RemoveAll("site")
	// …but a checkout of the site's branch, nothing in it but .git, is
	// built into, and its .git kept
	os.MkdirAll(filepath.Join("pages", ".git"), 0o755)
	os.WriteFile(filepath.Join("pages", ".git", "HEAD"), []byte("ref: refs/heads/gh-pages\n"), 0o644)
	if code, _, errs := runCLI("build", "--as-of", "2026-11-21", "--out", "pages", "--base-url", "https://rsj.example.gov.cn/"); code != exitOK {
		t.Fatalf("--out pages (a checkout): exit %d\n%s", code, errs)
	}
	if b, err := os.ReadFile(filepath.Join("pages", ".git", "HEAD")); err != nil || !strings.Contains(string(b), "gh-pages") {
		t.Fatalf("the checkout's .git was lost: %v", err)
	}
	// a search engine's verification file put into the release is kept
	// by the next, and said
	os.WriteFile(filepath.Join("pages", "baidu_verify_codeva-abc.html"), []byte("abc"), 0o644)
	if code, _, errs := runCLI("build", "--as-of", "2026-11-22", "--out", "pages", "--base-url", "https://rsj.example.gov.cn/", "--lang", "en"); code != exitOK ||
		!strings.Contains(errs, "pages holds at its top what the build that made it did not publish (baidu_verify_codeva-abc.html): put there by hand, it is kept in every release") {
		t.Fatalf("a file put into the output: exit %d\n%s", code, errs)
	}
	if b, err := os.ReadFile(filepath.Join("pages", "baidu_verify_codeva-abc.html")); err != nil || string(b) != "abc" {
		t.Fatalf("the file put into the output was lost: %v", err)
	}
	os.RemoveAll("pages")
	spares, _ := filepath.Glob(".pages.spare-*") // the release the second build replaced
	for _, sp := range spares {
		os.RemoveAll(sp)
	}
	os.Remove(".pages.build.json")
	os.Remove(".pages.files")
	os.Remove(".pages.lock")
	os.RemoveAll(".pages.rows")
	if after := snapshot(t, dir); after != before {
		t.Fatal("a refused build changed the site's files")
	}
	// a symbolic link to the real output stays a link; the release lands at its target
	os.MkdirAll(filepath.Join("releases", "live"), 0o755)
	if err := os.Symlink(filepath.Join("releases", "live"), "public"); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI("build", "--as-of", "2026-11-21", "--out", "public", "--base-url", "https://rsj.example.gov.cn/"); code != exitOK {
		t.Fatalf("build into a link: exit %d\n%s", code, errs)
	}
	if st, err := os.Lstat("public"); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatal("--out is no longer a symbolic link")
	}
	if _, err := os.Stat(filepath.Join("releases", "live", "index.html")); err != nil {
		t.Fatal("the release is not at the link's target")
	}
}

// snapshot lists every file under dir with its size and time, to tell that
// nothing changed.
// portal build keeps the release it replaces beside --out (a spare) and
// makes the next release out of it: the tree swapped in is that spare, and
// it holds what a build over a copy of the previous output, with no state
// beside it, writes.
func TestBuildFromTheSpare(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	testsite.CopyDir(t, filepath.Join("..", "..", "data"), data)
	build := func(out string) {
		t.Helper()
		if code, _, errs := runCLI("build", "--data", data, "--content", "../../content", "--templates", "../../templates", "--out", out, "--as-of", "2026-11-21"); code != exitOK {
			t.Fatalf("exit %d\n%s", code, errs)
		}
	}
	address := "广州市番禺区商业街970号2906室"
	move := func(to string) {
		lic := filepath.Join(data, "licences.csv")
		b, _ := os.ReadFile(lic)
		os.WriteFile(lic, bytes.Replace(b, []byte(address), []byte(to), 1), 0o644)
		address = to
	}
	out := filepath.Join(dir, "public")
	build(out)
	move("广州市番禺区商业街971号2906室")
	build(out)
	spares, _ := filepath.Glob(filepath.Join(dir, ".public.spare-*"))
	if len(spares) != 1 {
		t.Fatalf("beside the output: %v, want the spare of the first release", spares)
	}
	spare, _ := os.Stat(spares[0])
	move("广州市番禺区商业街972号2906室")
	plain := filepath.Join(dir, "plain", "public")
	testsite.CopyDir(t, out, plain)
	build(out)
	build(plain)
	if now, _ := os.Stat(out); !os.SameFile(spare, now) {
		t.Error("the release was not made from the spare")
	}
	if a, b := contents(t, out), contents(t, plain); a != b {
		t.Error("the release made from the spare differs from a build over a copy of the previous output")
	}
}

// contents lists every file below dir with its bytes' SHA-256.
func contents(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			fmt.Fprintf(&b, "%s %x\n", rel, sha256.Sum256(data))
		}
		return nil
	})
	return b.String()
}

func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			fmt.Fprintf(&b, "%s %d %v\n", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}

// A release that would drop agencies the previous one held is refused,
// listing them, unless --allow-removals says so (a number or a percentage).
func TestBuildRefusesRemovals(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join("..", "..", "testdata", "check", "valid-mixed-export.txtar"))
	templates, _ := filepath.Abs(filepath.Join("..", "..", "templates"))
	t.Chdir(dir)
	build := func(more ...string) (int, string) {
		args := append([]string{"build", "--as-of", "2026-11-21", "--templates", templates, "--base-url", "https://rsj.example.gov.cn/"}, more...)
		code, _, errs := runCLI(args...)
		return code, errs
	}
	if code, errs := build(); code != exitOK {
		t.Fatalf("first build: exit %d\n%s", code, errs)
	}
	before := snapshot(t, "public")
	lic, _ := os.ReadFile(filepath.Join("data", "licences.csv"))
	text, _ := simplifiedchinese.GB18030.NewDecoder().String(string(lic))
	var kept []string
	for _, l := range strings.Split(text, "\n") {
		if !strings.Contains(l, "91440604MA5E000402") {
			kept = append(kept, l)
		}
	}
	os.WriteFile(filepath.Join("data", "licences.csv"), []byte(strings.Join(kept, "\n")), 0o644)
	code, errs := build()
	if code != exitInput || !strings.Contains(errs, "91440604MA5E000402\t佛山市戊企业管理服务有限公司\t已撤销") ||
		!strings.Contains(errs, "would remove 1 of the 6 agencies of the previous release (allowed: 0)") {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if snapshot(t, "public") != before {
		t.Fatal("the refused build changed the published release")
	}
	// the same refusal in Chinese, as the bureau's staff read it by default
	if code, errs := build("--lang", "zh"); code != exitInput || !strings.Contains(errs, "上一版名录中有以下单位，本版没有：") ||
		!strings.Contains(errs, "本版将去掉上一版 6 家单位中的 1 家（允许：0）") || !strings.Contains(errs, "--allow-removals 1") {
		t.Errorf("--lang zh: exit %d\n%s", code, errs)
	}
	if code, errs := build("--allow-removals", "10%"); code != exitInput || !strings.Contains(errs, "allowed: 10%") {
		t.Errorf("10%% of 6 allows 0.6 agencies: exit %d\n%s", code, errs)
	}
	if code, errs := build("--allow-removals", "1"); code != exitOK {
		t.Errorf("--allow-removals 1: exit %d\n%s", code, errs)
	}
	if code, _, _ := runCLI("build", "--allow-removals", "some"); code != exitUsage {
		t.Errorf("--allow-removals some: exit %d", code)
	}
}

// A release as of a date before the previous release's is refused: an
// older register would be published over a newer one, and the changes and
// the history would run backwards. The same date again, or a later one,
// is a release.
func TestBuildRefusesGoingBackInTime(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join("..", "..", "testdata", "check", "valid-mixed-export.txtar"))
	templates, _ := filepath.Abs(filepath.Join("..", "..", "templates"))
	t.Chdir(dir)
	build := func(asOf string, more ...string) (int, string) {
		code, _, errs := runCLI(append([]string{"build", "--as-of", asOf, "--templates", templates, "--base-url", "https://rsj.example.gov.cn/"}, more...)...)
		return code, errs
	}
	if code, errs := build("2026-11-21"); code != exitOK {
		t.Fatalf("first build: exit %d\n%s", code, errs)
	}
	before := snapshot(t, "public")
	if code, errs := build("2026-10-01"); code != exitInput || !strings.Contains(errs, "the previous release is as of 2026-11-21, after this build's as-of date 2026-10-01") {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if snapshot(t, "public") != before {
		t.Fatal("the refused build changed the published release")
	}
	for _, asOf := range []string{"2026-11-21", "2026-11-23"} {
		if code, errs := build(asOf); code != exitOK {
			t.Errorf("--as-of %s: exit %d\n%s", asOf, code, errs)
		}
	}
	// forward, past today: a mistyped year would publish every licence as
	// a day not yet come will have it — said; refused with --strict
	before = snapshot(t, "public")
	if code, errs := build("2062-11-21", "--strict"); code != exitInput || !strings.Contains(errs, `as-of "2062-11-21": the as-of date is after today`) {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if snapshot(t, "public") != before {
		t.Fatal("the refused build changed the published release")
	}
	if code, errs := build("2062-11-21", "--lang", "en"); code != exitOK || !strings.Contains(errs, `warning: as-of "2062-11-21": the as-of date is after today`) {
		t.Fatalf("exit %d\n%s", code, errs)
	}
}

// --base-url is parsed where the build starts, like site.toml's: a
// javascript: or relative one publishes nothing.
func TestBuildRefusesABadBaseURL(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	for _, u := range []string{"javascript://x/%0Aalert(1)", "/ldpq/", "https://user:pw@rsj.example.gov.cn/"} {
		code, _, errs := runCLI("build", "--data", "../../data", "--content", "../../content", "--templates", "../../templates",
			"--out", out, "--as-of", "2026-11-21", "--base-url", u)
		if code != exitInput || !strings.Contains(errs, "--base-url: base_url ") {
			t.Errorf("--base-url %s: exit %d\n%s", u, code, errs)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("--base-url %s: something was published", u)
		}
	}
}
