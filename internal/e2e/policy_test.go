package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"portal/generator/model"
)

// A policy's 有效性 does not go stale either: opened on the day its
// 有效期 ends (or it is abolished), the page and the list of policies say
// the status of that day, and that the page's data is older; opened
// before, they stand as built. axe-core finds nothing in either state.
func TestPolicyStatusAgainstTheReadersClock(t *testing.T) {
	exe := browser(t)
	axe := axeSource(t)
	s := demoSite(t)
	var p *model.Policy
	var change model.StatusChange
	for _, x := range s.res.Content.Policies {
		if cs := x.StatusChangesAfter(s.res.AsOf); len(cs) > 0 && (p == nil || cs[0].On < change.On) {
			p, change = x, cs[0]
		}
	}
	if p == nil {
		t.Fatal("no demo policy changes its status after the demo's date")
	}
	built := p.StatusAsOf(s.res.AsOf).String()
	status := `(() => { const el = document.querySelector('.policy-status'); const n = el.querySelector('.asof-note');
  return [el.querySelector('strong').textContent, n ? n.textContent : '', el.dataset.judged || ''] })()`

	ctx, problems := newTab(t, exe)
	atClock(t, ctx, change.On)
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/policies/"+p.Slug+"/"), chromedp.WaitVisible(chromedp.CSS(`.policy-status[data-judged]`))))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](status))
	must(t, err)
	if got[0] != change.Status.String() || !strings.Contains(got[1], "按今天 "+change.On.String()+" 的日期") || !strings.Contains(got[1], "当时为"+built) {
		t.Errorf("on %s the policy page says %q, want %s and that it was %s as built", change.On, got, change.Status, built)
	}
	axeCheck(t, ctx, axe, "policy re-judged")
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/policies/"), chromedp.WaitVisible(chromedp.CSS(`.policy-status[data-judged]`))))
	listed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const a = [...document.querySelectorAll('.doc-list a')].find(a => a.getAttribute('href').endsWith('/policies/`+p.Slug+`/'));
  const el = a.closest('li').querySelector('.policy-status'); return [el.querySelector('strong').textContent, el.textContent] })()`))
	must(t, err)
	if listed[0] != change.Status.String() || !strings.Contains(listed[1], "当时为"+built) {
		t.Errorf("on %s the list says %q, want %s", change.On, listed, change.Status)
	}

	// the day before: as built
	ctx2, problems2 := newTab(t, exe)
	atClock(t, ctx2, change.On.AddDays(-1))
	must(t, chromedp.Do(ctx2, chromedp.Navigate(s.url+"/policies/"+p.Slug+"/"), chromedp.WaitVisible(chromedp.CSS(`.policy-status`))))
	got, err = chromedp.Run(ctx2, chromedp.Evaluate[[]string](status))
	must(t, err)
	if got[0] != built || got[1] != "（截至 "+s.res.AsOf.String()+"）" || got[2] != "" {
		t.Errorf("the day before %s the policy page says %q, want %s as built", change.On, got, built)
	}
	axeCheck(t, ctx2, axe, "policy as built")
	noConsoleErrors(t, append(problems(), problems2()...))
}

// A policy a later one replaces (testdata/build/policies.txtar: 暂行办法,
// replaced by the 办法 from 2027-01-01) reads 将被替代 and 现行有效 as
// built; read on that day, 已被替代 and 已废止.
func TestPolicyReplacedAgainstTheReadersClock(t *testing.T) {
	exe := browser(t)
	srv := txtarSite(t, "build/policies.txtar", "https://rsj.example.gov.cn/")
	read := `(() => [document.querySelector('.replaced-on').textContent, document.querySelector('.policy-status strong').textContent])()`
	for _, c := range []struct {
		day          model.Date
		label, state string
	}{
		{model.MakeDate(2026, 12, 31), "将被替代", "现行有效"},
		{model.MakeDate(2027, 1, 1), "已被替代", "已废止"},
	} {
		ctx, problems := newTab(t, exe)
		atClock(t, ctx, c.day)
		judged := `.policy-status` // as built: policy.js changes nothing (the page's load waited for it)
		if c.label == "已被替代" {
			judged = `.policy-status[data-judged]`
		}
		must(t, chromedp.Do(ctx, chromedp.Navigate(srv.url+"/policies/interim-rules/"), chromedp.WaitVisible(chromedp.CSS(judged))))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](read))
		must(t, err)
		if got[0] != c.label || got[1] != c.state {
			t.Errorf("on %s the replaced policy reads %q, want %s, %s", c.day, got, c.label, c.state)
		}
		noConsoleErrors(t, problems())
	}
}
