package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// phonePage is what TestPhoneLayout measures of a page at 375 px.
type phonePage struct {
	Header, Scroll, Width float64
	Menu                  bool
}

// On a 375 px phone every page type reads without scrolling sideways, the
// header stays within 80 px with the sections behind a 栏目 link to a menu
// page, and an agency's status in a list is on screen
// (issue 18). With PORTAL_SCREENSHOTS set to a directory, it also saves
// what a phone shows of each page (the first screen, as PNG) there.
func TestPhoneLayout(t *testing.T) {
	s, ctx, problems := demoTab(t)
	agency := s.res.Register.Agencies[0]
	pages := []string{"/", "/agencies/" + agency.Code + "/", "/register/440100/", "/announcements/", "/policies/guangdong-2024-14-stable-jobs-refund/",
		"/stats/", "/stats/timeliness/", "/expiring/", "/data/", "/faq/", "/annual-checks/2024/", "/abnormal/", "/search/?q=" + agency.Code, "/sitemap/", "/404.html"}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.url+p)); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[phonePage](`({
			Header: document.querySelector('.site-header').getBoundingClientRect().height,
			Scroll: document.documentElement.scrollWidth, Width: window.innerWidth,
			Menu: getComputedStyle(document.querySelector('.nav-menu')).display !== 'none' && getComputedStyle(document.querySelector('.nav-wide')).display === 'none'})`))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if got.Header > 80 {
			t.Errorf("%s: the header is %.0f px tall at 375 px (at most 80)", p, got.Header)
		}
		if got.Scroll > got.Width {
			t.Errorf("%s: the page is %.0f px wide in a %.0f px screen: it scrolls sideways", p, got.Scroll, got.Width)
		}
		if !got.Menu {
			t.Errorf("%s: the sections are not behind the 栏目 link", p)
		}
		if dir := os.Getenv("PORTAL_SCREENSHOTS"); dir != "" {
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			name := strings.Trim(strings.NewReplacer("/", "_", "?", "_", "=", "_").Replace(p), "_")
			if name == "" {
				name = "home"
			}
			if err := os.WriteFile(filepath.Join(dir, "375-"+name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// the 栏目 link opens the 网站地图, a menu page of every section (no script)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click("a.nav-menu")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(".sitemap")); err != nil {
		t.Fatal(err)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.sitemap > li > a').length`))
	if err != nil || links < 10 {
		t.Errorf("the 栏目 page lists %d sections (%v)", links, err)
	}
	// an agency's status in a register list is on screen without scrolling sideways
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/register/440100/")); err != nil {
		t.Fatal(err)
	}
	off, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main .status')].slice(0, 20).filter(e => { const r = e.getBoundingClientRect(); return r.right > window.innerWidth || r.left < 0 }).map(e => e.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(off) > 0 {
		t.Errorf("statuses off screen in the register list at 375 px: %s", strings.Join(off, ", "))
	}
	// a verdict's date is never broken after a hyphen, at 375 px or narrower
	for _, width := range []int64{375, 320} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		for _, a := range s.res.Register.Agencies[:40] {
			if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/agencies/"+a.Code+"/")); err != nil {
				t.Fatal(err)
			}
			broken, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const v = document.querySelector('.verdict-text');
  const dates = (v.textContent.match(/[0-9]{4}-[0-9]{2}-[0-9]{2}/g) || []), kept = [...v.querySelectorAll('.nw')];
  if (kept.length !== dates.length) return ['not every date kept whole: ' + v.textContent];
  return kept.filter(e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size > 1).map(e => e.textContent) })()`))
			if err != nil {
				t.Fatal(err)
			}
			if len(broken) > 0 {
				t.Errorf("%d px, %s: the verdict's date %v breaks across lines", width, a.Code, broken)
			}
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	// the charts' labels are as readable on a phone as the text around them
	// (issue 17: they rendered about 4 px high); the chart scrolls in its box
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/stats/")); err != nil {
		t.Fatal(err)
	}
	small, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('svg.chart text')].filter(e => e.getBoundingClientRect().height < 10).map(e => e.textContent + ' ' + e.getBoundingClientRect().height.toFixed(1) + 'px')`))
	if err != nil {
		t.Fatal(err)
	}
	if len(small) > 0 {
		t.Errorf("chart labels under 10 px high at 375 px: %s", strings.Join(small[:min(5, len(small))], ", "))
	}
	// on a wide screen, the row of sections and no 栏目 link
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 900)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/")); err != nil {
		t.Fatal(err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector('.nav-wide')).display !== 'none' && getComputedStyle(document.querySelector('.nav-menu')).display === 'none'`))
	if err != nil || !wide {
		t.Errorf("at 1200 px the sections are not shown as a row (%v)", err)
	}
	noConsoleErrors(t, problems())
}
