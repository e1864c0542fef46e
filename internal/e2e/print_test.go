package e2e

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"portal/generator/register"
)

// pdfPages reads the page count from a PDF's page tree (/Type /Pages … /Count N).
var pdfPages = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)

// A person prints an agency's page as a record: on A4 it is one page, dated,
// with the permalink, without the navigation — for the agency with the
// longest history in the demo data and for a typical one.
func TestPrintOnePageRecord(t *testing.T) {
	exe := browser(t)
	s := demoSite(t)
	ctx, problems := newTab(t, exe)

	size := func(a *register.Agency) int {
		return 3*len(a.Decisions) + len(a.Checks) + len(a.Grades) + 2*len(a.Listings) + len(a.Branches) + len(a.FormerNames) + len(a.FormerLicenceNos)
	}
	as := slices.Clone(s.res.Register.Agencies)
	slices.SortStableFunc(as, func(a, b *register.Agency) int { return size(b) - size(a) })
	for _, a := range []*register.Agency{as[0], as[len(as)/2]} {
		url := s.url + "/agencies/" + a.Code + "/"
		must(t, chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(".verdict-head"))))
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		must(t, err)
		m := pdfPages.FindSubmatch(pdf)
		if m == nil {
			t.Fatalf("%s: no page count in the %d-byte PDF", a.Code, len(pdf))
		}
		n, _ := strconv.Atoi(string(m[1]) + string(m[2]))
		if n != 1 {
			t.Errorf("%s (%d decisions, %d checks, %d listings, %d branches): prints on %d A4 pages, want 1",
				a.Code, len(a.Decisions), len(a.Checks), len(a.Listings), len(a.Branches), n)
		}

		// what the printed page says, read with print styles applied
		_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		must(t, err)
		asof, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.asof').innerText`))
		must(t, err)
		if !strings.Contains(asof, "数据截至 2026-11-21") || !strings.Contains(asof, "https://ldpq.example.gov.cn/agencies/"+a.Code+"/") {
			t.Errorf("%s: printed record line %q lacks the date or the permalink", a.Code, asof)
		}
		hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector('.site-header nav')).display === 'none' && getComputedStyle(document.querySelector('.follow')).display === 'none'`))
		must(t, err)
		if !hidden {
			t.Errorf("%s: navigation or feed links are printed", a.Code)
		}
		_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		must(t, err)
	}
	noConsoleErrors(t, problems())
}
