package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"portal/generator"
	"portal/generator/load"
	"portal/generator/model"
	"portal/internal/testsite"
)

const repo = "../.."

// browser returns the Chromium to drive, or skips the test; under CI a
// missing browser (or axe-core) is a failure, not a skip.
func browser(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but no Chromium at /usr/bin/chromium: .ci/run must install it (apt-get install -y chromium)")
	}
	t.Skip("browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install chromium to run them)")
	return ""
}

func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("AXE_JS")
	if path == "" {
		path = filepath.Join(repo, "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but axe-core is missing (%v): .ci/run must install it and set AXE_JS", err)
		}
		t.Skipf("accessibility checks skipped: no axe.min.js at %s (npm install axe-core, or set AXE_JS)", path)
	}
	return string(b)
}

type site struct {
	url string
	dir string // the built site
	res *generator.Result
}

var (
	siteOnce sync.Once
	theSite  site
	siteErr  error
)

// txtarSite builds the site of testdata/NAME (a txtar of data/ and
// content/) as of 2026-11-21 with the repository's templates, and serves
// it on 127.0.0.1 until the test ends.
func txtarSite(t *testing.T, name, baseURL string) site {
	t.Helper()
	dir, _, _ := testsite.Extract(t, filepath.Join(repo, "testdata", name))
	out := filepath.Join(dir, "public")
	res, _, err := generator.Build(context.Background(), generator.BuildConfig{
		Config:    generator.Config{Data: load.OSDir(filepath.Join(dir, "data")), Content: load.OSDir(filepath.Join(dir, "content")), AsOf: model.MakeDate(2026, 11, 21), BaseURL: baseURL},
		Templates: os.DirFS(filepath.Join(repo, "templates")), Out: out,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return site{url: srv.URL, dir: out, res: res}
}

// demoSite builds the repository's demo portal once and serves it on 127.0.0.1.
func demoSite(t *testing.T) site {
	t.Helper()
	siteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "portal-e2e-")
		if err != nil {
			siteErr = err
			return
		}
		out := filepath.Join(dir, "public")
		res, _, err := generator.Build(context.Background(), generator.BuildConfig{
			Config:    generator.Config{Data: load.OSDir(filepath.Join(repo, "data")), Content: load.OSDir(filepath.Join(repo, "content")), AsOf: model.MakeDate(2026, 11, 21), BaseURL: "https://ldpq.example.gov.cn/"},
			Templates: os.DirFS(filepath.Join(repo, "templates")), Out: out,
		})
		if err != nil {
			siteErr = err
			return
		}
		srv := httptest.NewServer(http.FileServer(http.Dir(out)))
		theSite = site{url: srv.URL, dir: out, res: res}
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return theSite
}

// demoTab is the demo site and a new tab of Chromium (newTab) to open it in.
func demoTab(t *testing.T) (site, context.Context, func() []string) {
	t.Helper()
	exe := browser(t)
	s := demoSite(t)
	ctx, problems := newTab(t, exe)
	return s, ctx, problems
}

// newTab starts Chromium with the flags this machine needs and collects
// console errors, uncaught exceptions and CSP violations; it is cancelled
// after 90 s.
func newTab(t *testing.T, exe string) (context.Context, func() []string) {
	t.Helper()
	return newTabFor(t, exe, 90*time.Second)
}

// newTabFor is newTab, cancelled after d: for a test that asks the page
// hundreds of queries.
func newTabFor(t *testing.T, exe string, d time.Duration) (context.Context, func() []string) {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, d)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	var mu sync.Mutex
	var problems []string
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				problems = append(problems, fmt.Sprintf("console.error: %v", e.Args))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				problems = append(problems, fmt.Sprintf("%s: %s (%s)", e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), problems...)
	}
}

var verdictRE = regexp.MustCompile(`^(许可有效（有效期至 \d{4}-\d{2}-\d{2}）|许可尚未生效（自 \d{4}-\d{2}-\d{2} 起有效）|已备案（总公司许可有效至 \d{4}-\d{2}-\d{2}）|已备案（总公司的许可不在本地名录中，请向发证机关核实）|已备案，但总公司许可.+|许可已过期（\d{4}-\d{2}-\d{2} 到期，未延续）|许可已(吊销|撤销|注销)（\d{4}-\d{2}-\d{2}）|备案已(撤销|注销)（\d{4}-\d{2}-\d{2}）)$`)

// A person opens the home page, follows the latest decision to its agency
// and reads the verdict; then does the same from the announcements; then
// opens a policy and follows its table of contents.
func TestReadAVerdict(t *testing.T) {
	s, ctx, problems := demoTab(t)

	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		must(t, err)
		return strings.TrimSpace(v)
	}
	attr := func(sel, name string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
		must(t, err)
		return v.Value
	}

	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
	if h1 := text("h1"); h1 != "查询劳务派遣单位是否取得许可" {
		t.Errorf("home h1 %q", h1)
	}
	first := `#latest ~ .table-wrap tbody tr:first-child a`
	href := attr(first, "href")
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(first)), chromedp.WaitVisible(chromedp.CSS(".verdict-head"))))
	verdict := strings.TrimSpace(strings.TrimLeft(text(".verdict-head"), "✓!✕ "))
	if !verdictRE.MatchString(verdict) {
		t.Errorf("verdict %q is not in plain words", verdict)
	}
	code := strings.TrimSuffix(strings.TrimPrefix(href, "/agencies/"), "/")
	a := s.res.Register.Agency(code)
	if a == nil {
		t.Fatalf("link %q is not an agency", href)
	}
	if a.Status == model.StatusValid && !strings.Contains(verdict, a.ValidTo.String()) {
		t.Errorf("verdict %q does not give the register's expiry %s", verdict, a.ValidTo)
	}
	if h1 := text("h1"); h1 != a.Name {
		t.Errorf("agency page h1 %q, register name %q", h1, a.Name)
	}

	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/announcements/")))
	row := `table tbody tr:first-child td:nth-child(3) a`
	name := text(row)
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(row)), chromedp.WaitVisible(chromedp.CSS(".verdict-head"))))
	if h1 := text("h1"); h1 == "" || text(".verdict-head") == "" {
		t.Errorf("announcement %q led to a page without name or verdict", name)
	}

	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/policies/"),
		chromedp.Click(chromedp.CSS(`a[href="/policies/shanghai-2023-32-dispatch-implementation/"]`)),
		chromedp.WaitVisible(chromedp.CSS(".toc")),
		chromedp.Click(chromedp.CSS(`.toc li:nth-child(4) a`)),
		chromedp.Sleep(200*time.Millisecond)))
	hash, err := chromedp.Run(ctx, chromedp.Evaluate[string](`decodeURIComponent(location.hash)`))
	must(t, err)
	top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById(decodeURIComponent(location.hash.slice(1))).getBoundingClientRect().top`))
	must(t, err)
	if hash != "#四-关于派遣员工发生工伤的问题" || top < -5 || top > 100 {
		t.Errorf("TOC link: hash %q, heading at %.0f px", hash, top)
	}
	noConsoleErrors(t, problems())
}

// A journalist goes from the home page to the open data, reads the
// dictionary, downloads the register as the page offers it and finds one row
// per agency, checks a file against the hash the page shows, and opens an
// agency's own JSON record from its page.
func TestDownloadOpenData(t *testing.T) {
	s, ctx, problems := demoTab(t)
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/"),
		chromedp.Click(chromedp.CSS(`nav a[href="/data/"]`)), chromedp.WaitVisible(chromedp.CSS("#register-fields"))))
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	must(t, err)
	if h1 != "开放数据" {
		t.Errorf("h1 %q", h1)
	}
	// the dictionary names the register's key field with its Chinese title
	// (read once scrolled to: a dataset's section is laid out when near
	// the screen, content-visibility: auto)
	row := chromedp.CSS(`#register ~ .table-wrap table.dictionary tbody tr:first-child`)
	must(t, chromedp.Do(ctx, chromedp.ScrollIntoView(row)))
	var dict string
	for deadline := time.Now().Add(3 * time.Second); dict == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		dict, err = chromedp.Run(ctx, chromedp.Text(row)) // drawn on a frame after the scroll
		must(t, err)
	}
	if !strings.Contains(dict, "code") || !strings.Contains(dict, "统一社会信用代码") || !strings.Contains(dict, "主键") {
		t.Errorf("first dictionary row %q", dict)
	}
	// follow the download link the page shows and count the rows
	type download struct {
		Rows   int    `json:"rows"`
		Header string `json:"header"`
		Hash   string `json:"hash"`
		Shown  string `json:"shown"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[download](`(async () => {
		const link = [...document.querySelectorAll('#register ~ .table-wrap a')].find(a => a.textContent === 'register.csv');
		const buf = await (await fetch(link.href)).arrayBuffer();
		const text = new TextDecoder().decode(buf);
		const digest = await crypto.subtle.digest('SHA-256', buf);
		const hash = [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
		const shown = link.closest('tr').querySelector('.hash').textContent;
		const lines = text.split('\r\n').filter(l => l !== '');
		return {rows: lines.length - 1, header: lines[0], hash, shown};
	})()`, chromedp.EvalAwaitPromise))
	must(t, err)
	if got.Rows < len(s.res.Register.Agencies) || !strings.HasPrefix(got.Header, "code,name,former_names,") {
		t.Errorf("register.csv: %d lines for %d agencies, header %q", got.Rows, len(s.res.Register.Agencies), got.Header)
	}
	if got.Hash != got.Shown {
		t.Errorf("register.csv hashes to %s, the page shows %s", got.Hash, got.Shown)
	}
	a := s.res.Register.Agencies[len(s.res.Register.Agencies)/2]
	// (fetched from the page's link rather than opened: a JSON document
	// makes Chromium ask for /favicon.ico, which the site does not have)
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/agencies/"+a.Code+"/")))
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector('a[href$="/index.json"]').href).then(r => r.text())`, chromedp.EvalAwaitPromise))
	must(t, err)
	var rec struct {
		Code, Name, Status string
		Decisions          []map[string]any
	}
	if err := json.Unmarshal([]byte(body), &rec); err != nil {
		t.Fatalf("index.json in the browser: %v", err)
	}
	if rec.Code != a.Code || rec.Name != a.Name || rec.Status != a.Status.String() || len(rec.Decisions) != len(a.Decisions) {
		t.Errorf("index.json = %+v, register has %s %s %s with %d decisions", rec, a.Code, a.Name, a.Status, len(a.Decisions))
	}
	noConsoleErrors(t, problems())
}

// The main pages have no WCAG 2.1 A/AA violations according to axe-core,
// and none scrolls sideways at 320 px.
func TestAccessibility(t *testing.T) {
	exe := browser(t)
	axe := axeSource(t)
	s := demoSite(t)
	ctx, problems := newTab(t, exe)
	agency := s.res.Register.Agencies[0]
	for _, a := range s.res.Register.Agencies {
		if len(a.FormerNames) > 0 && len(a.Checks) > 0 {
			agency = a
			break
		}
	}
	pages := []string{"/", "/agencies/" + agency.Code + "/", "/register/", "/register/440100/", "/announcements/",
		"/policies/guangdong-2024-14-stable-jobs-refund/", "/faq/", "/stats/", "/stats/timeliness/", "/sitemap/", "/404.html", "/annual-checks/2024/", "/abnormal/", "/expiring/", "/data/", "/data/changes/", "/search/"}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.url+p)); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		axeCheck(t, ctx, axe, p)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 800)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/agencies/" + agency.Code + "/", "/register/440100/", "/announcements/", "/policies/guangdong-2024-14-stable-jobs-refund/", "/stats/", "/expiring/", "/data/", "/search/?q=" + agency.Code} {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.url+p)); err != nil {
			t.Fatal(err)
		}
		width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if width > 320 {
			t.Errorf("%s scrolls sideways at 320 px (content is %d px wide)", p, width)
		}
	}
	noConsoleErrors(t, problems())
}

// axeCheck runs axe-core's WCAG 2.1 A and AA rules on the page as it is now.
func axeCheck(t *testing.T, ctx context.Context, axe, label string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](axe+";true")); err != nil {
		t.Fatalf("%s: loading axe: %v", label, err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe: %v", label, err)
	}
	var violations []map[string]any
	if err := json.Unmarshal([]byte(raw), &violations); err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	for _, v := range violations {
		t.Errorf("%s: axe %v (%v): %v at %v", label, v["id"], v["impact"], v["help"], v["nodes"])
	}
}

// noConsoleErrors fails the test for every console error, uncaught
// exception or CSP violation the page reported.
func noConsoleErrors(t *testing.T, problems []string) {
	t.Helper()
	if len(problems) > 0 {
		t.Errorf("console errors: %v", problems)
	}
}

// must stops the test on an error from the browser or the file system.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
