package e2e

import (
	"context"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/chromedp"
)

// Chinese text is set in a font the stylesheet names, on a machine that
// has one: with none named, Chromium on Linux asks the system for a
// fallback font for every run of Chinese text, and the first layout of the
// home page took 130 ms instead of 35–90 ms (issue 18: Lighthouse 98, not
// 100). It reads which fonts Chromium drew an agency's name with.
func TestChineseTextInANamedFont(t *testing.T) {
	s, ctx, problems := demoTab(t)
	han := regexp.MustCompile(`^\p{Han}+$`)
	code := ""
	for _, a := range s.res.Register.Agencies {
		if han.MatchString(a.Name) {
			code = a.Code
			break
		}
	}
	if code == "" {
		t.Fatal("no agency of the demo data has a name of Chinese characters only")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/agencies/"+code+"/")); err != nil {
		t.Fatal(err)
	}
	stack, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('h1')).fontFamily`))
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, f := range strings.Split(stack, ",") {
		named[strings.Trim(strings.TrimSpace(f), `"'`)] = true
	}
	// the machine's Chinese fonts: nothing to check without one of those
	// Linux desktops ship (not the stylesheet's list: a font dropped from
	// it would skip the test that should catch it)
	desktop := map[string]bool{"WenQuanYi Micro Hei": true, "WenQuanYi Zen Hei": true, "Noto Sans CJK SC": true, "Noto Sans SC": true, "Source Han Sans SC": true}
	out, err := exec.Command("fc-list", ":lang=zh", "family").Output()
	if err != nil {
		t.Skipf("fc-list: %v: the machine's Chinese fonts are unknown", err)
	}
	have := false
	for _, line := range strings.Split(string(out), "\n") {
		for _, f := range strings.Split(line, ",") {
			have = have || desktop[strings.TrimSpace(f)]
		}
	}
	if !have {
		t.Skipf("none of the Linux desktops' Chinese fonts is installed (fc-list :lang=zh finds %q)", strings.TrimSpace(string(out)))
	}
	fonts, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([]*css.PlatformFontUsage, error) {
		if _, err := cdp.Call(ctx, tg, dom.Enable, dom.EnableParams{}); err != nil {
			return nil, err
		}
		if _, err := cdp.Call(ctx, tg, css.Enable, cdp.Empty{}); err != nil {
			return nil, err
		}
		root, err := cdp.Call(ctx, tg, dom.GetDocument, dom.GetDocumentParams{})
		if err != nil {
			return nil, err
		}
		h1, err := cdp.Call(ctx, tg, dom.QuerySelector, dom.QuerySelectorParams{NodeID: root.Root.NodeID, Selector: "h1"})
		if err != nil {
			return nil, err
		}
		r, err := cdp.Call(ctx, tg, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: h1.NodeID})
		return r.Fonts, err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fonts) == 0 {
		t.Fatal("Chromium reports no font for the agency's name")
	}
	for _, f := range fonts {
		if !named[f.FamilyName] {
			t.Errorf("the agency's name: %.0f glyphs in %q, a fallback font the stylesheet does not name (%s)", f.GlyphCount, f.FamilyName, stack)
		}
	}
	noConsoleErrors(t, problems())
}
