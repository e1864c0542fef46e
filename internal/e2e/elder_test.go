package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// 长者模式: the header's button makes the text larger (and the contrast
// higher), is remembered from page to page, and leaves every page free of
// axe violations; pressed again, it is off (issue 18).
func TestElderMode(t *testing.T) {
	exe := browser(t)
	axe := axeSource(t)
	s := demoSite(t)
	ctx, problems := newTab(t, exe)
	agency := s.res.Register.Agencies[0]
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/")); err != nil {
		t.Fatal(err)
	}
	before, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`parseFloat(getComputedStyle(document.documentElement).fontSize)`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(".elder-toggle")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/agencies/" + agency.Code + "/", "/register/440100/", "/data/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.url+p)); err != nil {
			t.Fatal(err)
		}
		type state struct {
			Elder   bool
			Pressed string
			Size    float64
		}
		st, err := chromedp.Run(ctx, chromedp.Evaluate[state](`({Elder: document.documentElement.classList.contains('elder'), Pressed: document.querySelector('.elder-toggle').getAttribute('aria-pressed'), Size: parseFloat(getComputedStyle(document.documentElement).fontSize)})`))
		if err != nil {
			t.Fatal(err)
		}
		if !st.Elder || st.Pressed != "true" || st.Size < before*1.2 {
			t.Errorf("%s: 长者模式 not kept (%+v, text %.0f px before)", p, st, before)
		}
		axeCheck(t, ctx, axe, p+" (长者模式)")
	}
	if err := chromedp.Do(ctx, chromedp.Click(".elder-toggle")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/")); err != nil {
		t.Fatal(err)
	}
	if off, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.documentElement.classList.contains('elder')`)); err != nil || !off {
		t.Errorf("长者模式 stays on after it was switched off (%v)", err)
	}
	noConsoleErrors(t, problems())
}
