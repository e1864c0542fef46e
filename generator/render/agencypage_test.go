package render_test

import (
	"bytes"
	"context"
	"html/template"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"portal/generator"
	"portal/generator/demodata"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/register"
	"portal/generator/render"
	"portal/internal/testsite"
)

const root = "../.."

var templates = os.DirFS(filepath.Join(root, "templates"))

// memSink keeps what a render publishes.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (s *memSink) Add(path string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files == nil {
		s.files = map[string][]byte{}
	}
	s.files[path] = bytes.Clone(data)
	return nil
}

// check loads and derives the inputs in dir (data/ and content/ below it,
// or a demo set's data with the repository's content).
func check(t testing.TB, data, content string) *generator.Result {
	t.Helper()
	res, err := generator.Check(context.Background(), generator.Config{Data: load.OSDir(data), Content: load.OSDir(content), AsOf: model.MakeDate(2026, 11, 21)})
	if err != nil {
		if _, ok := err.(*generator.InputError); !ok || res == nil || res.Register == nil {
			t.Fatal(err)
		}
	}
	return res
}

// bothWays renders the site with the agency pages written directly and
// with the templates, and reports the first difference.
func bothWays(t testing.TB, reg *register.Register, content *model.Content, base string) (direct int) {
	t.Helper()
	b, err := model.ParseBaseURL(base)
	if err != nil {
		t.Fatal(err)
	}
	opt := render.Options{Base: b, Templates: templates}
	var fast, slow memSink
	rf, err := render.Site(context.Background(), reg, content, opt, &fast)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := render.Site(context.Background(), reg, content, render.TemplatesOnly(opt), &slow)
	if err != nil {
		t.Fatal(err)
	}
	if rs.Direct != 0 {
		t.Fatalf("TemplatesOnly wrote %d agency pages directly", rs.Direct)
	}
	for _, p := range slices.Sorted(maps.Keys(slow.files)) {
		if got, want := fast.files[p], slow.files[p]; !bytes.Equal(got, want) {
			t.Fatalf("%s differs from the templates' page%s", p, firstDiff(got, want))
		}
	}
	if len(fast.files) != len(slow.files) {
		t.Fatalf("%d files, the templates made %d", len(fast.files), len(slow.files))
	}
	return rf.Direct
}

func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-120)
	return "\n--- written directly, from byte " + strconv.Itoa(lo) + ":\n" + string(got[lo:min(len(got), i+120)]) + "\n--- templates:\n" + string(want[lo:min(len(want), i+120)])
}

// The repository's templates are the ones writeAgencyPage reproduces: an
// edit to layouts/, partials/ or pages/agency.html must be mirrored in
// agencypage.go (TestDirectAgencyPage shows where they differ) and the
// digest updated, or every agency page silently goes back to the slower
// templates.
func TestDirectAgencyPageDigest(t *testing.T) {
	got, err := render.AgencyTemplateDigest(templates)
	if err != nil {
		t.Fatal(err)
	}
	if got != render.BuiltinAgencyDigest {
		t.Fatalf("templates/ changed: mirror the change in generator/render/agencypage.go (TestDirectAgencyPage shows the difference once the digest is updated), then set builtinAgencyDigest = %q", got)
	}
}

// Every agency page written directly is byte for byte the templates' page
// — with every kind of agency (renamed, branches, missing head office,
// revoked, abnormal-listed, markup in names), under a sub-path, and on a
// 2,000-agency demo register — and every other file is untouched.
func TestDirectAgencyPage(t *testing.T) {
	for _, c := range []struct{ archive, base string }{
		{"check/valid-mixed-export.txtar", "https://rsj.example.gov.cn/"},
		{"build/escape-and-subpath.txtar", "https://rsj.example.gov.cn/ldpq/"},
		{"build/escape-and-subpath.txtar", "http://127.0.0.1:8080/a~b/"},
		{"build/escape-and-subpath.txtar", "https://rsj.example.gov.cn/劳务派遣/"}, // the templates percent-encode it
	} {
		t.Run(c.archive+" "+c.base, func(t *testing.T) {
			dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", c.archive))
			res := check(t, filepath.Join(dir, "data"), filepath.Join(dir, "content"))
			n := bothWays(t, res.Register, res.Content, c.base)
			u, _ := url.Parse(c.base)
			if want := len(res.Register.Agencies); u.Path != "/劳务派遣/" && n != want {
				t.Errorf("%d of %d agency pages written directly", n, want)
			}
		})
	}
	t.Run("demo", func(t *testing.T) {
		if testing.Short() {
			t.Skip("short")
		}
		dir := t.TempDir()
		if _, err := demodata.Write(dir, demodata.Options{Agencies: 2000, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		res := check(t, dir, filepath.Join(root, "content"))
		if n := bothWays(t, res.Register, res.Content, "https://ldpq.example.gov.cn/"); n != len(res.Register.Agencies) {
			t.Errorf("%d of %d agency pages written directly", n, len(res.Register.Agencies))
		}
	})
}

// FuzzDirectAgencyPage puts arbitrary text in every field an agency page
// shows and compares the page written directly with the templates' page.
func FuzzDirectAgencyPage(f *testing.F) {
	dir, _, _ := testsite.Extract(f, filepath.Join(root, "testdata", "check/valid-mixed-export.txtar"))
	res := check(f, filepath.Join(dir, "data"), filepath.Join(dir, "content"))
	opt := render.Options{Base: model.BaseURL{Abs: "https://rsj.example.gov.cn/ldpq/", Path: "/ldpq/"}, Templates: templates}
	direct, err := render.AgencyPages(res.Register, res.Content, opt)
	if err != nil {
		f.Fatal(err)
	}
	slow, err := render.AgencyPages(res.Register, res.Content, render.TemplatesOnly(opt))
	if err != nil {
		f.Fatal(err)
	}
	f.Add("广州市<img src=x onerror=alert(1)>人力资源有限公司", "A&B \"C\" 'D' +1 \x00", "张三", "200+", "广州市人力资源和社会保障局", "440106202200001", "甲'乙", "A")
	f.Add("", "", "", "", "", "", "", "")
	f.Add("\xe4<\xff>", "&amp;", "\u2028", "１００", "a\nb", "x:y", "<>", "")
	orig := *res.Register.Agency("91440106MA5C00010W")
	f.Fuzz(func(t *testing.T, name, address, legalRep, capital, authority, licenceNo, former, grade string) {
		a := orig
		a.Name, a.Address, a.LegalRep, a.Capital, a.Authority, a.LicenceNo = name, address, legalRep, capital, authority, licenceNo
		a.FormerNames = append(slices.Clone(orig.FormerNames), register.FormerName{Name: former, Until: 20240101})
		a.FormerLicenceNos = append(slices.Clone(orig.FormerLicenceNos), former)
		a.Grades = append(slices.Clone(orig.Grades), &model.Grade{Year: 2026, Code: a.Code, Name: name, Grade: grade, Evaluator: authority, ValidUntil: 20271231})
		// a latest annual check of 不合格: the banner's 重点监控 line shows its reasons
		a.Checks = append(slices.Clone(orig.Checks), &model.AnnualCheck{Year: 2030, Code: a.Code, Name: name, Result: model.CheckFail, FailReasons: former, Authority: authority})
		got, err := direct(&a)
		if err != nil {
			t.Fatal(err)
		}
		want, err := slow(&a)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("the page differs from the templates' page%s", firstDiff(got, want))
		}
	})
}

// FuzzEscapeHTML: the direct writer escapes a string as html/template does
// in text, in a quoted attribute and in <title>.
func FuzzEscapeHTML(f *testing.F) {
	for _, s := range []string{"", "a<b>&'\"+\x00", "\xe4<\xff>", "广州市&lt;", "\uFFFD\u2028"} {
		f.Add(s)
	}
	t := template.Must(template.New("").Parse(`<title>{{.}}</title><p class="{{.}}">{{.}}</p>`))
	f.Fuzz(func(tt *testing.T, s string) {
		var b strings.Builder
		if err := t.Execute(&b, s); err != nil {
			tt.Fatal(err)
		}
		e := render.EscapeHTML(s)
		if want := "<title>" + e + "</title><p class=\"" + e + "\">" + e + "</p>"; b.String() != want {
			tt.Fatalf("%q: html/template wrote %q, the direct writer %q", s, b.String(), want)
		}
	})
}

// FuzzPlainURL: a link the direct writer writes as it is, html/template
// writes as it is too.
func FuzzPlainURL(f *testing.F) {
	for _, s := range []string{"/", "/ldpq/agencies/91440106MA5C00010W/", "https://rsj.example.gov.cn:8443/a~b/", "javascript:alert(1)", "/a:b/", "http://x/%41", "HTTPS://x/"} {
		f.Add(s)
	}
	t := template.Must(template.New("").Parse(`<a href="{{.}}">`))
	f.Fuzz(func(tt *testing.T, u string) {
		if !render.PlainURL(u) {
			return
		}
		var b strings.Builder
		if err := t.Execute(&b, u); err != nil {
			tt.Fatal(err)
		}
		if want := `<a href="` + u + `">`; b.String() != want {
			tt.Fatalf("%q: html/template wrote %q", u, b.String())
		}
	})
}
