package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// portal init writes a site that check walks a new user through: what is
// missing is named, and once site.toml is filled in, the exports are in
// data/ and the examples are renamed, it builds — with the examples'
// front matter read without a warning.
func TestInitSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	code, out, errs := runCLI("init", dir)
	if code != exitOK || !strings.Contains(out, "wrote 10 files") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCLI("init", dir); code != exitInput || !strings.Contains(errs, "is not empty") {
		t.Errorf("init into a non-empty directory: exit %d\n%s", code, errs)
	}
	code, _, errs = runCLI("check", "--data", filepath.Join(dir, "data"), "--content", filepath.Join(dir, "content"), "--as-of", "2026-11-21")
	for _, want := range []string{"licences.csv: required file is missing", "regions.csv: required file is missing", `name "": the site needs a name`, "the site needs its bureau"} {
		if code != exitInput || !strings.Contains(errs, want) {
			t.Errorf("check of the new site: exit %d, want %q in\n%s", code, want, errs)
		}
	}

	site := filepath.Join(dir, "content", "site.toml")
	b, _ := os.ReadFile(site)
	b = []byte(strings.Replace(strings.Replace(string(b), `name = ""`, `name = "测试省劳务派遣许可公示"`, 1), `bureau = ""`, `bureau = "测试省人力资源和社会保障厅"`, 1))
	os.WriteFile(site, b, 0o644)
	for _, f := range []string{"licences.csv", "regions.csv"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "data", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "data", f), b, 0o644)
	}
	for _, ex := range []string{"news/示例-本站上线.md.example", "policies/示例-政策文件.md.example"} {
		p := filepath.Join(dir, "content", filepath.FromSlash(ex))
		if err := os.Rename(p, strings.TrimSuffix(p, ".example")); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs = runCLI("build", "--data", filepath.Join(dir, "data"), "--content", filepath.Join(dir, "content"), "--templates", "../../templates",
		"--out", filepath.Join(dir, "public"), "--as-of", "2026-11-21", "--base-url", "https://rsj.example.gov.cn/")
	if code != exitOK {
		t.Fatalf("build: exit %d\n%s%s", code, out, errs)
	}
	for _, line := range strings.Split(errs, "\n") {
		if strings.Contains(line, "content") {
			t.Errorf("a diagnostic of the skeleton's content: %s", line)
		}
	}
	for _, page := range []string{"about", "data-license", "accessibility", "contact"} { // the footer's links
		if _, err := os.Stat(filepath.Join(dir, "public", page, "index.html")); err != nil {
			t.Errorf("the footer links to /%s/: %v", page, err)
		}
	}
}
