package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"portal/generator/model"
	"portal/generator/serve"
	"portal/internal/testsite"
)

// A web team member has a page open in `portal serve`: a broken data edit
// puts the diagnostics over the page (the last good page stays under it),
// and fixing the edit reloads the page by itself.
func TestPreviewShowsErrorsAndReloads(t *testing.T) {
	exe := browser(t)
	dir := t.TempDir()
	for _, d := range []string{"data", "content", "templates"} {
		testsite.CopyDir(t, filepath.Join(repo, d), filepath.Join(dir, d))
	}
	s, err := serve.Listen(serve.Options{Data: filepath.Join(dir, "data"), Content: filepath.Join(dir, "content"),
		Templates: filepath.Join(dir, "templates"), Out: filepath.Join(dir, "public"), AsOf: model.MakeDate(2026, 11, 21)})
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(sctx) }()
	defer func() { stop(); <-done }()

	ctx, problems := newTab(t, exe)
	waitFor := func(js string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", js)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for { // the first build
		if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no first build")
		}
		time.Sleep(50 * time.Millisecond)
	}
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.URL+"faq/"), chromedp.WaitVisible(chromedp.CSS("h1"))))
	waitFor(`document.documentElement.dataset.portalLive === 'open'`)
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__before = true`))
	must(t, err)

	licences := filepath.Join(dir, "data", "licences.csv")
	good, _ := os.ReadFile(licences)
	lines := strings.SplitN(string(good), "\n", 3)
	broken := lines[0] + "\n" + strings.Replace(lines[1], ",新许可,", ",新证,", 1) + "\n" + lines[2]
	must(t, os.WriteFile(licences, []byte(broken), 0o644))
	waitFor(`(document.getElementById('portal-build-error') || {textContent: ''}).textContent.includes('licences.csv:2:')`)
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#portal-build-error")))
	must(t, err)
	if !strings.Contains(text, "构建失败") || !strings.Contains(text, "新证") || !strings.Contains(text, "无法识别的公示类型") { // diagnostics in Chinese by default
		t.Errorf("overlay: %q", text)
	}
	if h1, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1"))); h1 != "常见问题" {
		t.Errorf("the page under the overlay is %q", h1)
	}
	// another page opened while the build is broken shows the overlay too
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.URL), chromedp.WaitVisible(chromedp.CSS("#portal-build-error"))))
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__before = true`))
	must(t, err)

	waitFor(`document.documentElement.dataset.portalLive === 'open'`)
	must(t, os.WriteFile(licences, good, 0o644))
	waitFor(`window.__before === undefined && document.readyState === 'complete'`) // reloaded
	waitFor(`!document.getElementById('portal-build-error')`)

	// a Markdown edit: the FAQ page shown reloads with the new answer; a
	// page the edit does not change (the register) is not reloaded under
	// the reader, neither by the fast path nor by the full build after it
	version := func() int {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(async () => (await (await fetch('/__portal/status')).json()).version)()`, chromedp.EvalAwaitPromise))
		must(t, err)
		return v
	}
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.URL+"faq/"), chromedp.WaitVisible(chromedp.CSS("h1"))))
	waitFor(`document.documentElement.dataset.portalLive === 'open'`)
	v0 := version()
	faq := filepath.Join(dir, "content", "faq", "abnormal-list.md")
	b, err := os.ReadFile(faq)
	must(t, err)
	must(t, os.WriteFile(faq, []byte(strings.Replace(string(b), "单位纠正后，", "单位纠正后（预览测试），", 1)), 0o644))
	waitFor(`document.body.textContent.includes('单位纠正后（预览测试）')`)
	waitFor(fmt.Sprintf(`(async () => (await (await fetch('/__portal/status')).json()).version >= %d)()`, v0+2)) // fast path and full build

	must(t, chromedp.Do(ctx, chromedp.Navigate(s.URL+"register/"), chromedp.WaitVisible(chromedp.CSS("h1"))))
	waitFor(`document.documentElement.dataset.portalLive === 'open'`)
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__before = true`))
	must(t, err)
	v0 = version()
	must(t, os.WriteFile(faq, b, 0o644))
	waitFor(fmt.Sprintf(`(async () => (await (await fetch('/__portal/status')).json()).version >= %d)()`, v0+2))
	if kept, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__before === true`)); err != nil || !kept {
		t.Errorf("the register page was reloaded by a FAQ edit (%v)", err)
	}
	noConsoleErrors(t, problems())
}
