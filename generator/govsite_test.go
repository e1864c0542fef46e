package generator

import (
	"context"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/internal/testsite"
)

var description = regexp.MustCompile(`<meta name="description" content="[^"]{8,}">`)

// What a Chinese government site carries, from site.toml: the footer links
// its 备案 numbers to the registers that hold them, offers 我为政府网站找错,
// the 党政机关网站标识 and the 网站地图; the head names the 网站标识码; the 404
// page has the search box; every page has a description (issue 18).
func TestGovernmentSite(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", "build", "govsite.txtar"))
	out := filepath.Join(dir, "public")
	res, _, err := Build(context.Background(), siteConfig(dir, "data", "https://rsj.example.gov.cn/ldpq/", out))
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Diags.Format(0))
	}
	home := read(t, filepath.Join(out, "index.html"))
	for _, want := range []string{
		`<meta name="SiteIDCode" content="4400000001">`,
		`<a href="https://beian.miit.gov.cn/">粤ICP备00000000号-1</a>`,
		`<a href="https://beian.mps.gov.cn/#/query/webSearch?code=44010602000001">粤公网安备 44010602000001号</a>`,
		`<a href="https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=4400000001">我为政府网站找错</a>`,
		`<a href="https://bszs.conac.cn/sitename?method=show&amp;id=0000000000">党政机关网站标识</a>`,
		`<a href="/ldpq/sitemap/">网站地图</a>`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page lacks %s", want)
		}
	}
	if nf := read(t, filepath.Join(out, "404.html")); !strings.Contains(nf, `<form class="search" id="search-404"`) || !strings.Contains(nf, `src="/ldpq/static/search.`) {
		t.Errorf("the 404 page has no search box")
	}
	sm := read(t, filepath.Join(out, "sitemap", "index.html"))
	for _, want := range []string{`<a href="/ldpq/register/">许可名录</a>`, `<a href="/ldpq/stats/timeliness/">公示及时率</a>`, `<a href="/ldpq/policies/rules/">关于规范劳务派遣的通知</a>`, `<a href="/ldpq/about/">关于本站</a>`} {
		if !strings.Contains(sm, want) {
			t.Errorf("the 网站地图 lacks %s", want)
		}
	}
	n := 0
	filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		n++
		if !description.MatchString(read(t, p)) {
			t.Errorf("%s has no description", p)
		}
		return nil
	})
	if n < 20 {
		t.Errorf("only %d pages", n)
	}
}
