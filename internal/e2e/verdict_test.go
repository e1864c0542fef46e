package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"portal/generator/model"
	"portal/generator/register"
)

// atClock sets the page's clock (Date) to 10:00 in China on day d for
// every document the tab opens from now on: what a reader's phone says
// when the page is read long after the build.
func atClock(t *testing.T, ctx context.Context, d model.Date) {
	t.Helper()
	script := `(() => {
  const fixed = Date.parse('` + d.String() + `T10:00:00+08:00'), Real = Date;
  class FixedDate extends Real {
    constructor(...a) { super(...(a.length ? a : [fixed])); }
    static now() { return fixed; }
  }
  window.Date = FixedDate;
})();`
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
	must(t, err)
}

// soonestExpiry is the agency with a licence of its own that is valid as of
// the demo's date and ends first.
func soonestExpiry(reg *register.Register) (*register.Agency, *register.Span) {
	var best *register.Agency
	var span *register.Span
	for _, a := range reg.Agencies {
		s := a.On(reg.AsOf)
		if s.Status == model.StatusValid && s.Until != 0 && (span == nil || s.Until < span.Until) {
			best, span = a, s
		}
	}
	return best, span
}

// A verdict does not go stale: opened the day after the licence it states
// ends, the page says 已过期 with the date — in the banner and in search
// results — and says how old the data is; opened before, it stands as built.
// axe-core finds nothing in either state.
func TestVerdictAgainstTheReadersClock(t *testing.T) {
	exe := browser(t)
	axe := axeSource(t)
	s := demoSite(t)
	a, span := soonestExpiry(s.res.Register)
	if a == nil {
		t.Fatal("the demo data has no licence in force")
	}
	after := span.Until.AddDays(1)
	want := s.res.Register.VerdictOn(a, a.On(after))

	ctx, problems := newTab(t, exe)
	atClock(t, ctx, after)
	url := s.url + "/agencies/" + a.Code + "/"
	must(t, chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`.verdict[data-judged]`))))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const v = document.querySelector('.verdict'); const live = v.querySelector('.verdict-live');
  return [v.className, v.querySelector('.verdict-text').textContent, v.querySelector('.verdict-detail').textContent, live.hidden ? '' : live.textContent, v.dataset.judged] })()`))
	must(t, err)
	if got[0] != "verdict verdict-"+want.Class || got[1] != want.Headline || got[2] != want.Detail {
		t.Errorf("on %s the banner says %q %q %q, want %s %q", after, got[0], got[1], got[2], want.Class, want.Headline)
	}
	if !strings.Contains(want.Headline, "已过期") {
		t.Errorf("the day after %s the Go verdict is %q", span.Until, want.Headline)
	}
	if !strings.Contains(got[3], "按今天（"+after.String()+"）的日期重新判断") || !strings.Contains(got[3], "当时的结论是“许可有效") {
		t.Errorf("the banner does not say it was re-judged: %q", got[3])
	}
	if days := s.res.AsOf.DaysUntil(after); days > 31 && !strings.Contains(got[3], "之后可能有变化") {
		t.Errorf("%d days after the data, no notice that it may have changed: %q", days, got[3])
	}
	axeCheck(t, ctx, axe, "re-judged verdict")

	// the same agency found by its code: the result is re-judged too
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS("#search-home-q"))))
	must(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-home-q"), a.Code)))
	waitSearchDone(t, ctx, "search-home", a.Code)
	hit, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const h = document.querySelector('#search-home-list .hit'); const st = h.querySelector('.status');
  return [st.className, st.textContent, h.querySelector('.hit-meta').textContent, document.querySelector('#search-home .search-status').textContent] })()`))
	must(t, err)
	if hit[0] != "status status-"+want.Class || !strings.Contains(hit[1], want.Label) || !strings.Contains(hit[2], want.Headline+"（按今天的日期判断）") {
		t.Errorf("the search result on %s: %q, want %s %q", after, hit, want.Label, want.Headline)
	}
	if days := s.res.AsOf.DaysUntil(after); days > 31 && !strings.Contains(hit[3], "之后可能有变化") {
		t.Errorf("the search status does not say the data is old: %q", hit[3])
	}

	// and found by its name, in a fresh page: the result is shown from the
	// card that came with a term's shard (no record file is read), and
	// re-judged the same. The name is pasted (one input event): typed key
	// by key, the searches of its prefixes may read records of their own
	// before the next key cancels them, as many as the machine is slow
	cctx, cproblems := newTab(t, exe)
	atClock(t, cctx, after)
	must(t, chromedp.Do(cctx, chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS("#search-home-q"))))
	name, _ := json.Marshal(a.Name)
	_, err = chromedp.Run(cctx, chromedp.Evaluate[bool](`(() => { const q = document.getElementById('search-home-q'); q.focus(); q.value = `+string(name)+`;
  return q.dispatchEvent(new Event('input', { bubbles: true })) })()`))
	must(t, err)
	waitSearchDone(t, cctx, "search-home", a.Name)
	byName, err := chromedp.Run(cctx, chromedp.Evaluate[[]string](`(() => { const h = document.querySelector('#search-home-list .hit'); const st = h.querySelector('.status');
  return [h.querySelector('.hit-name').getAttribute('href'), st.className, st.textContent, h.querySelector('.hit-meta').textContent, h.querySelector('.hit-facts').textContent,
    String(performance.getEntriesByType('resource').filter(r => /\/r\/\d+\.bin$/.test(r.name)).length)] })()`))
	must(t, err)
	if !strings.HasSuffix(byName[0], "/agencies/"+a.Code+"/") || byName[1] != "status status-"+want.Class || !strings.Contains(byName[2], want.Label) ||
		!strings.Contains(byName[3], want.Headline+"（按今天的日期判断）") || !strings.Contains(byName[4], a.Code) || !strings.Contains(byName[4], a.LicenceNo) {
		t.Errorf("the search result by name on %s: %q, want %s %s %q", after, byName, a.Code, want.Label, want.Headline)
	}
	if byName[5] != "0" {
		t.Errorf("the result by name read %s record files, want it shown from its card", byName[5])
	}
	problems2 := cproblems

	// read a few days after the build, before the licence ends: as built
	ctx2, problems3 := newTab(t, exe)
	soon := s.res.AsOf.AddDays(3)
	if soon > span.Until {
		t.Fatalf("the soonest expiry %s is within 3 days of the data", span.Until)
	}
	atClock(t, ctx2, soon)
	must(t, chromedp.Do(ctx2, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`.verdict[data-judged]`))))
	built := s.res.Register.Verdict(a)
	got, err = chromedp.Run(ctx2, chromedp.Evaluate[[]string](`(() => { const v = document.querySelector('.verdict'); return [v.className, v.querySelector('.verdict-text').textContent, String(v.querySelector('.verdict-live').hidden)] })()`))
	must(t, err)
	if got[0] != "verdict verdict-ok" || got[1] != built.Headline || got[2] != "true" {
		t.Errorf("three days after the data the banner says %q", got)
	}
	axeCheck(t, ctx2, axe, "verdict as built")
	noConsoleErrors(t, append(append(problems(), problems2()...), problems3()...))
}

// "Was it licensed on the day I signed?": the agency page answers for any
// date the reader picks, from the same spans as the build — for an agency
// whose licence was withdrawn, and for a branch through its head office.
func TestStatusOnADate(t *testing.T) {
	exe := browser(t)
	axe := axeSource(t)
	s := demoSite(t)
	reg := s.res.Register
	var withdrawn, branch *register.Agency
	for _, a := range reg.Agencies {
		switch {
		case withdrawn == nil && a.Status == model.StatusWithdrawn:
			withdrawn = a
		case branch == nil && a.Status == model.StatusFiled && reg.Agency(a.ParentCode) != nil && headLapsed(a):
			branch = a
		}
	}
	if withdrawn == nil || branch == nil {
		t.Fatalf("the demo data lacks a withdrawn licence (%v) or a branch whose head office's licence lapsed at some time (%v)", withdrawn != nil, branch != nil)
	}
	ctx, problems := newTab(t, exe)
	for _, a := range []*register.Agency{withdrawn, branch} {
		must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/agencies/"+a.Code+"/"), chromedp.WaitVisible(chromedp.CSS("form.on-date"))))
		var days []model.Date
		for _, sp := range a.Spans {
			days = append(days, sp.From.AddDays(1)) // within each span (the first starts at the zero date)
		}
		days[0] = a.Spans[1].From.AddDays(-1) // the day before the first decision
		for _, d := range days {
			want := reg.VerdictOn(a, a.On(d))
			out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
  const f = document.querySelector('form.on-date'); f.querySelector('input').value = '`+d.String()+`';
  f.querySelector('button').click(); const o = f.querySelector('output'); return [o.textContent, o.dataset.status || ''] })()`))
			must(t, err)
			if !strings.Contains(out[0], d.String()+"："+want.Headline) || out[1] != want.Class {
				t.Errorf("%s on %s: the page answers %q (%s), the register %q (%s)", a.Code, d, out[0], out[1], want.Headline, want.Class)
			}
		}
	}
	axeCheck(t, ctx, axe, "status on a date")
	noConsoleErrors(t, problems())
}

// waitSearchDone waits until the search form id has answered query q.
func waitSearchDone(t *testing.T, ctx context.Context, id, q string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const f = document.getElementById('`+id+`'); return f.dataset.state + '|' + f.querySelector('input[type=search]').value })()`))
		must(t, err)
		if state == "done|"+q {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("search %q never finished (%s)", q, state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// headLapsed reports whether a branch had a span, while filed, in which its
// head office could not dispatch.
func headLapsed(a *register.Agency) bool {
	for _, s := range a.Spans {
		if s.Status == model.StatusFiled && s.Head != nil && !s.Licensed() {
			return true
		}
	}
	return false
}

// A search result does not go stale past its next verdict either: read on
// any later day, it says what the agency's page says that day — for a
// licence renewed with a gap between its periods (in force, not in force,
// in force again, expired) and for one not yet begun (in force, then
// expired), however many of those days have passed since the build. And
// the page's status tags — its own in the facts, its head office's, its
// branches' — say what its banner says: not 有效 beside 已过期.
func TestSearchResultAgainstTheReadersClock(t *testing.T) {
	exe := browser(t)
	s := txtarSite(t, "build/verdicts.txtar", "https://rsj.example.gov.cn/")
	reg := s.res.Register
	hidden := 0 // pages built with a poster to offer, read when it may not dispatch
	for _, c := range []struct {
		code string
		day  model.Date
		term string // the 有效期 the page (and its 许可公示牌) says that day; none for a branch
	}{
		{"91440106MA5T00015G", model.MakeDate(2026, 12, 15), "2026-12-20 至 2029-12-19（尚未开始）"}, // 丑, between its periods
		{"91440106MA5T00015G", model.MakeDate(2026, 12, 25), "2026-12-20 至 2029-12-19"},       // in its renewed period
		{"91440106MA5T00015G", model.MakeDate(2030, 1, 5), "2026-12-20 至 2029-12-19（已届满）"},    // after it
		{"91440106MA5T00007M", model.MakeDate(2026, 12, 5), "2026-12-01 至 2029-11-30"},        // 戊, begun
		{"91440106MA5T00007M", model.MakeDate(2029, 12, 5), "2026-12-01 至 2029-11-30（已届满）"},   // and ended
		{"91440106MA5T000000", model.MakeDate(2028, 3, 5), "2025-03-01 至 2028-02-29（已届满）"},    // 甲, ended: its branches' tags with it
		{"91440106MA5T000013", model.MakeDate(2028, 3, 5), ""},                                // 甲's branch: its head office's tag
	} {
		a := reg.Agency(c.code)
		if a == nil {
			t.Fatalf("verdicts.txtar has no %s", c.code)
		}
		want := reg.VerdictOn(a, a.On(c.day))
		if built := reg.Verdict(a); want.Headline == built.Headline {
			t.Fatalf("%s: on %s the verdict is as built (%q): not a later one", c.code, c.day, want.Headline)
		}
		ctx, problems := newTab(t, exe)
		atClock(t, ctx, c.day)
		must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS("#search-home-q"))))
		must(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-home-q"), c.code)))
		waitSearchDone(t, ctx, "search-home", c.code)
		hit, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const h = document.querySelector('#search-home-list .hit'); const st = h.querySelector('.status');
  return [st.className, st.textContent, h.querySelector('.hit-meta').textContent] })()`))
		must(t, err)
		if hit[0] != "status status-"+want.Class || !strings.Contains(hit[1], want.Label) || !strings.Contains(hit[2], want.Headline+"（按今天的日期判断）") {
			t.Errorf("%s on %s: the search result says %q, the page %s %s %q", c.code, c.day, hit, want.Class, want.Label, want.Headline)
		}
		// the page itself, from its spans: the banner and every status tag
		must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/agencies/"+c.code+"/"), chromedp.WaitVisible(chromedp.CSS(`.verdict[data-judged]`))))
		page, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const tag = e => e ? e.className + ' ' + e.textContent : '';
  const head = [...document.querySelectorAll('.facts dt')].find(d => d.textContent === '总公司');
  const term = [...document.querySelectorAll('.facts dt')].find(d => d.textContent === '有效期');
  return [term ? term.nextElementSibling.textContent : '', document.querySelector('.verdict .verdict-text').textContent, tag(document.querySelector('.facts dd .status')),
    tag(head && head.nextElementSibling.querySelector('.status')), ...[...document.querySelectorAll('#branches + ul .status')].map(tag)] })()`))
		must(t, err)
		if page[0] != c.term {
			t.Errorf("%s on %s: the page's 有效期 is %q, want %q", c.code, c.day, page[0], c.term)
		}
		page = page[1:]
		if page[0] != want.Headline {
			t.Errorf("%s on %s: the page says %q, want %q", c.code, c.day, page[0], want.Headline)
		}
		tagOf := func(code string) string {
			if code == "" || reg.Agency(code) == nil {
				return ""
			}
			b := reg.Agency(code)
			v := reg.VerdictOn(b, b.On(c.day))
			return "status status-" + v.Class + " " + v.Icon + v.Label
		}
		wantTags := []string{tagOf(a.Code), tagOf(a.ParentCode)}
		for _, b := range a.Branches {
			wantTags = append(wantTags, tagOf(b))
		}
		if !slices.Equal(page[1:], wantTags) {
			t.Errorf("%s on %s: the page's status tags (own, head office, branches) are %q, want %q", c.code, c.day, page[1:], wantTags)
		}
		// the 许可公示牌 is never offered once the agency may not dispatch
		// (it is made only for one that may as of the build)
		offered, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const p = document.querySelector('.poster-link'); return !!p && !p.hidden })()`))
		must(t, err)
		if offered && !want.OK() {
			t.Errorf("%s on %s (%s): the page offers its 许可公示牌 to print", c.code, c.day, want.Label)
		}
		if built := reg.Verdict(a); built.OK() {
			if !want.OK() {
				hidden++
			}
			// and the 许可公示牌 itself, if opened (or printed) then, says whether it is void
			must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/agencies/"+c.code+"/poster/"), chromedp.WaitVisible(chromedp.CSS(".poster-qr svg"))))
			poster, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const v = document.querySelector('.poster-void');
  const term = [...document.querySelectorAll('.poster-facts dt')].find(d => d.textContent === '有效期');
  return [v && !v.hidden ? v.textContent : '', term ? term.nextElementSibling.textContent : ''] })()`))
			must(t, err)
			if void := poster[0]; void != "" != !want.OK() || void != "" && !strings.Contains(void, "“"+want.Label+"”") {
				t.Errorf("%s on %s (%s): the poster says %q", c.code, c.day, want.Label, void)
			}
			if poster[1] != c.term {
				t.Errorf("%s on %s: the poster's 有效期 is %q, want %q", c.code, c.day, poster[1], c.term)
			}
		}
		noConsoleErrors(t, problems())
	}
	if hidden == 0 {
		t.Error("no page read had a poster to withdraw")
	}
}

// A register list re-judges its rows' status tags against the reader's
// clock too, with their 有效期至, and says above the table how many it
// changed: read after a licence ended (壬) and another began (戊), or a
// renewed one began after a gap (丑), their rows say so; read before, the
// list is as built. axe-core finds nothing re-judged.
func TestRegisterListAgainstTheReadersClock(t *testing.T) {
	exe := browser(t)
	axe := axeSource(t)
	s := txtarSite(t, "build/verdicts.txtar", "https://rsj.example.gov.cn/")
	reg := s.res.Register
	read := `(() => { const note = document.querySelector('.rejudged');
  return [note ? note.textContent : '', ...[...document.querySelectorAll('table.cards tbody tr')].map(r => r.querySelector('a').getAttribute('href').split('/')[2] + ' ' + r.querySelector('.status').className + ' ' + r.querySelector('.status').textContent + '|' + r.querySelector('[data-label="有效期至"]').textContent)] })()`
	// the 有效期至 a row says that day, where it is not as built
	until := map[model.Date]map[string]string{
		model.MakeDate(2026, 12, 5):  {"91440106MA5T000114": "已于 2026-11-30 届满", "91440106MA5T00007M": "2029-11-30"}, // 壬 ended, 戊 began
		model.MakeDate(2026, 12, 25): {"91440106MA5T00015G": "2029-12-19", "91440106MA5T00007M": "2029-11-30"},       // 丑 renewed after a gap
	}
	for _, day := range []model.Date{model.MakeDate(2026, 11, 22), model.MakeDate(2026, 12, 5), model.MakeDate(2026, 12, 25)} {
		ctx, problems := newTab(t, exe)
		atClock(t, ctx, day)
		must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/register/440106/"), chromedp.WaitVisible(chromedp.CSS("table.cards"))))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](read))
		must(t, err)
		changed := 0
		for _, row := range got[1:] {
			row, cell, _ := strings.Cut(row, "|")
			code, _, _ := strings.Cut(row, " ")
			a := reg.Agency(code)
			if a == nil {
				t.Fatalf("row %q: no such agency", row)
			}
			v := reg.VerdictOn(a, a.On(day))
			if want := code + " status status-" + v.Class + " " + v.Icon + v.Label; row != want {
				t.Errorf("on %s the row says %q, want %q", day, row, want)
			}
			if v.Label != reg.Verdict(a).Label {
				changed++
			}
			if want, ok := until[day][code]; ok && cell != want {
				t.Errorf("on %s the row of %s says 有效期至 %q, want %q", day, code, cell, want)
			}
		}
		switch {
		case changed == 0 && got[0] != "":
			t.Errorf("on %s nothing changed, yet the list says %q", day, got[0])
		case changed > 0 && !strings.Contains(got[0], fmt.Sprintf("本页有 %d 个单位的许可状态与数据截至 2026-11-21 时不同", changed)):
			t.Errorf("on %s %d rows changed, and the list says %q", day, changed, got[0])
		}
		if day == model.MakeDate(2026, 12, 5) {
			if changed < 2 {
				t.Errorf("on %s only %d rows changed: 壬 ended and 戊 began", day, changed)
			}
			axeCheck(t, ctx, axe, "re-judged register list")
		}
		noConsoleErrors(t, problems())
	}
}
