package render_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"portal/generator"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/publish"
	"portal/generator/render"
	"portal/internal/testsite"
)

// The fast executor (tmplexec) writes every page and feed exactly as
// html/template does — on the demo register and content, on the hostile
// values and sub-path base URL of the escaping test site, and on the
// verdicts site, and with a customised theme (a bureau's own partial and
// heading on the agency page) — and leaves to html/template only the pages
// that need an escaper it does not copy (the JSON-LD of the catalogue and
// the FAQ): a customised theme is executed as fast as the built-in one.
func TestFastExecutorMatchesHTMLTemplate(t *testing.T) {
	root := filepath.Join("..", "..")
	type site struct{ name, data, content, base, templates string }
	builtin := filepath.Join(root, "templates")
	custom := filepath.Join(t.TempDir(), "templates")
	testsite.CopyDir(t, builtin, custom)
	agency := filepath.Join(custom, "pages", "agency.html")
	b, err := os.ReadFile(agency)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte(`<h2 id="facts">许可信息</h2>`), []byte(`<h2 id="facts">许可信息（{{template "bureau-note" $a}}）</h2>`), 1)
	os.WriteFile(agency, b, 0o644)
	os.WriteFile(filepath.Join(custom, "partials", "bureau.html"), []byte(`{{define "bureau-note"}}<a href="{{agencyURL .Code}}?from=本局" title="{{.Name}}">{{.Name}}</a>{{end}}`), 0o644)
	sites := []site{
		{"demo", filepath.Join(root, "data"), filepath.Join(root, "content"), "https://rsj.example.gov.cn/", builtin},
		{"demo, customised theme", filepath.Join(root, "data"), filepath.Join(root, "content"), "https://rsj.example.gov.cn/", custom},
	}
	for _, a := range []struct{ archive, base string }{
		{"build/escape-and-subpath.txtar", "https://rsj.example.gov.cn/ldpq/测试/"},
		{"build/verdicts.txtar", "https://rsj.example.gov.cn/"},
		{"check/valid-mixed-export.txtar", "http://127.0.0.1:8080/a'b/"},
	} {
		dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", a.archive))
		content := filepath.Join(dir, "content")
		if _, err := os.Stat(content); err != nil {
			content = filepath.Join(root, "content")
		}
		sites = append(sites, site{a.archive, filepath.Join(dir, "data"), content, a.base, builtin})
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			res, err := generator.Check(context.Background(), generator.Config{Data: load.OSDir(s.data), Content: load.OSDir(s.content), AsOf: model.MakeDate(2026, 11, 21), BaseURL: s.base})
			if err != nil || res.Diags.HasErrors(false) {
				t.Fatalf("check: %v\n%v", err, res.Diags)
			}
			opt := render.Options{Base: res.Base, Templates: os.DirFS(s.templates)}
			fast, slow := &publish.Memory{}, &publish.Memory{}
			frep, err := render.Site(context.Background(), res.Register, res.Content, opt, fast)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := render.Site(context.Background(), res.Register, res.Content, render.HTMLTemplateOnly(opt), slow); err != nil {
				t.Fatal(err)
			}
			var paths []string
			for p := range slow.Files {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			if len(fast.Files) != len(slow.Files) {
				t.Errorf("%d files, html/template %d", len(fast.Files), len(slow.Files))
			}
			for _, p := range paths {
				if !bytes.Equal(fast.Files[p], slow.Files[p]) {
					t.Errorf("%s differs from html/template's:\n%s", p, firstDiff(fast.Files[p], slow.Files[p]))
				}
			}
			if s.templates == custom && !bytes.Contains(fast.Files["agencies/91440103MAKN5F1L0E/index.html"], []byte(`许可信息（<a href="/agencies/91440103MAKN5F1L0E/?from=本局"`)) {
				t.Errorf("the customised agency page is not the theme's:\n%.600s", fast.Files["agencies/91440103MAKN5F1L0E/index.html"])
			}
			if frep.Slow > 2 {
				t.Errorf("%d pages left to html/template; only the catalogue and the FAQ (JSON-LD) should be", frep.Slow)
			}
		})
	}
}

// firstDiff shows where a and b part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "fast: …" + string(a[lo:min(len(a), i+80)]) + "\nhtml/template: …" + string(b[lo:min(len(b), i+80)])
}
