package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
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
	s, ctx, problems := demoTab(t)

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

// An agency that may dispatch has a 许可公示牌 to print: one A4 page whose
// QR code, as Chromium draws it, decodes (zbarimg) to the agency's page;
// an agency that may not has none (issue 18).
func TestPoster(t *testing.T) {
	exe := browser(t)
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but no zbarimg: .ci/run must install zbar-tools")
		}
		t.Skip("poster test skipped: no zbarimg (apt-get install zbar-tools)")
	}
	axe := axeSource(t)
	s := demoSite(t)
	ctx, problems := newTab(t, exe)
	var ok, bad *register.Agency
	for _, a := range s.res.Register.Agencies {
		switch v := s.res.Register.Verdict(a); {
		case ok == nil && v.Class == "ok" && a.ParentCode == "":
			ok = a
		case bad == nil && v.Class == "bad":
			bad = a
		}
	}
	page := "https://ldpq.example.gov.cn/agencies/" + ok.Code + "/"
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/agencies/"+ok.Code+"/")))
	must(t, chromedp.Do(ctx, chromedp.Click(`a[href$="/poster/"]`), chromedp.WaitVisible(".poster-qr svg")))
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.poster').innerText`))
	must(t, err)
	for _, want := range []string{ok.Name, ok.Code, ok.LicenceNo, ok.Authority, page} {
		if !strings.Contains(text, want) {
			t.Errorf("the poster lacks %q:\n%s", want, text)
		}
	}
	png, err := chromedp.Run(ctx, chromedp.Screenshot(".poster-qr svg", chromedp.NodeVisible))
	must(t, err)
	file := filepath.Join(t.TempDir(), "qr.png")
	must(t, os.WriteFile(file, png, 0o644))
	got, err := exec.Command(zbar, "--raw", "-q", file).Output()
	if err != nil || strings.TrimSpace(string(got)) != page {
		t.Errorf("the QR code decodes to %q (%v), want %s", got, err, page)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	must(t, err)
	if m := pdfPages.FindSubmatch(pdf); m == nil || string(m[1])+string(m[2]) != "1" {
		t.Errorf("the poster prints on %q A4 pages, want 1", m)
	}
	axeCheck(t, ctx, axe, "poster")
	noConsoleErrors(t, problems())

	// no 公示牌 for an agency that may not dispatch
	if _, err := os.Stat(filepath.Join(s.dir, "agencies", bad.Code, "poster", "index.html")); err == nil {
		t.Errorf("%s (%s) has a poster", bad.Code, bad.Status)
	}
	if b, _ := os.ReadFile(filepath.Join(s.dir, "agencies", bad.Code, "index.html")); strings.Contains(string(b), "/poster/") {
		t.Errorf("%s (%s) links a poster", bad.Code, bad.Status)
	}
}
