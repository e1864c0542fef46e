package e2e

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"portal/internal/searchsamples"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"portal/generator/model"
	"portal/generator/register"
	"portal/generator/search"
)

// The browser's search.js analyses text exactly as bleve's analysers do:
// every vector the Go tests wrote from bleve (generator/search/testdata)
// gives the same tokens, query terms, key, shard, code check, near-tier
// terms and licence key in Chromium, traditional characters folded with the index's s.json.
func TestSearchAnalyzerVectorsInBrowser(t *testing.T) {
	s, ctx, problems := demoTab(t)
	vectors, err := os.ReadFile(filepath.Join(repo, "generator", "search", "testdata", "analyzer-vectors.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/search/")); err != nil {
		t.Fatal(err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const ps = window.portalSearch, bad = [];
		const ix = new ps.Index(document.querySelector('form[data-index]').dataset), meta = await ix.get('s.json', true), places = meta.p;
		ps.setMeta(meta);
		const vs = `+string(vectors)+`;
		for (const v of vs) {
			const got = {
				tokens: ps.analyze(v.in).map(t => [t.t, t.k]),
				query: ps.queryTerms(v.in), key: ps.key(v.in), ident: ps.identifier(ps.key(v.in)),
				shard: {1: ps.shard(v.in, 1), 64: ps.shard(v.in, 64), 4096: ps.shard(v.in, 4096)},
				code: (c => [c.p + (c.w || ''), c.f, (c.n || []).join(' ')])(ps.codeCheck(ps.key(v.in))),
				near: ps.nearTerms(v.in, places), sigs: ps.sigs(ps.ndk(ps.nearKey(v.in))), ndk: ps.ndk(ps.nearKey(v.in)), nkey: ps.nearKey(v.in), codes: [...new Set(ps.codes(v.in))],
				lic: (l => l ? ps.key(l) : '')(ps.licenceKey(v.in)), alt: ps.placeFirst(v.in, places),
			};
			const want = {tokens: v.tokens, query: v.query, key: v.key, ident: v.ident, shard: v.shard, code: v.code, near: v.near, sigs: v.sigs, ndk: v.ndk, nkey: v.nkey, codes: v.codes, lic: v.lic, alt: v.alt};
			if (JSON.stringify(got) !== JSON.stringify(want)) bad.push({in: v.in, got, want});
		}
		return JSON.stringify({n: vs.length, bad: bad.slice(0, 10), nbad: bad.length});
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		N, NBad int
		Bad     []map[string]any
	}
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		t.Fatal(err)
	}
	if res.N < 300 {
		t.Errorf("only %d vectors", res.N)
	}
	for _, b := range res.Bad {
		t.Errorf("search.js differs from bleve on %q:\n got %v\nwant %v", b["in"], b["got"], b["want"])
	}
	if res.NBad > len(res.Bad) {
		t.Errorf("… %d inputs differ in all", res.NBad)
	}
	noConsoleErrors(t, problems())
}

// The static index run by search.js in the browser and the bleve index
// (what `portal search` answers from) rank the same items first, in the
// same order, for every sample query (names, parts, former names, codes,
// licence numbers, document words, codes that do not exist).
func TestSearchParityWithBleve(t *testing.T) {
	browserMatchesBleve(t, func(docs []search.Doc) []searchsamples.Sample {
		samples := sampleQueries(docs, 10)
		if len(samples) < 50 {
			t.Fatalf("only %d sample queries", len(samples))
		}
		// and what else lands in a search box: punctuation alone (ASCII,
		// which reads no s.json first, threw in search-index.js), an emoji,
		// a name with a stray accent or variation selector, full-width letters
		for _, q := range []string{`"`, "#", "(", "'", ".", `"#`, "+1", "😀", "【】", "·", "广\u0301州", "东\ufe0f莞 人力", "ＡＢＣ", "a", "%E4%B8%AD"} {
			samples = append(samples, searchsamples.Sample{Query: q, Want: -1, What: "odd query"})
		}
		return samples
	})
}

// What people paste and type besides clean names — each demo agency's name,
// code and licence number with punctuation, spaces, a stray accent, a
// joiner, traditional characters, full-width letters, cut short, run
// into the city or with the city in brackets after the trade name — gives
// the browser bleve's answer: the same hits in the
// same order and the same total.
func TestSearchOddQueriesMatchBleve(t *testing.T) {
	browserMatchesBleve(t, oddQueries)
}

// oddQueries are TestSearchOddQueriesMatchBleve's queries, made from docs.
func oddQueries(docs []search.Doc) []searchsamples.Sample {
	var samples []searchsamples.Sample
	seen := map[string]bool{}
	add := func(q string) {
		if q = strings.TrimSpace(q); q != "" && !seen[q] {
			seen[q] = true
			samples = append(samples, searchsamples.Sample{Query: q, Want: -1, What: "odd query"})
		}
	}
	odd := []string{"\u0301", "\u200d", "\u200b", "\ufe0f", "·", "（", "）", " ", "\u3000", "\u00a0", "、", "—", "-", "《", "\"", "'", "😀"}
	n := 0
	for _, d := range docs {
		if d.Kind != search.KindAgency {
			continue
		}
		if n++; n%5 != 0 {
			continue
		}
		r := []rune(d.Name)
		k := 1 + n%(len(r)-1)
		add(string(r[:k]) + odd[n%len(odd)] + string(r[k:]))
		add(string(r[:k]) + odd[(n+7)%len(odd)] + odd[(n+3)%len(odd)] + string(r[k:]))
		add(string(r[:min(len(r), 2+n%4)]))
		add(string(r[n%3:]))
		add(strings.ToLower(d.Code[:17]))
		add(d.Code[:4] + " " + d.Code[4:10] + "-" + d.Code[10:])
		add(strings.Map(func(c rune) rune {
			if c >= '!' && c <= '~' {
				return c + 0xFEE0
			}
			return c
		}, d.Licence))
		add(strings.NewReplacer("广", "廣", "东", "東", "劳", "勞", "务", "務", "资", "資", "发", "發").Replace(d.Name))
		add(d.Name + " " + d.Code)
		// the city in brackets after the trade name, as some names are
		// registered: 博雅人力资源（广州）有限公司 for 广州市博雅人力资源有限公司
		if city, rest, ok := strings.Cut(d.Name, "市"); ok && len(city) < 12 && strings.HasSuffix(rest, "有限公司") {
			add(strings.TrimSuffix(rest, "有限公司") + "（" + city + "）有限公司")
		}
	}
	return samples
}

// browserMatchesBleve opens the demo portal's search page and runs the
// samples made of its documents, each on an index that has read nothing
// yet (as a fresh page's), holding the hits, their tiers and the total to
// bleve's (what portal search and /api/search answer); a sample with a Want
// must find it first, one that "does not exist" nothing; the page logs no
// error.
func browserMatchesBleve(t *testing.T, queries func([]search.Doc) []searchsamples.Sample) {
	t.Helper()
	s, ctx, problems := demoTab(t)
	defer func() { noConsoleErrors(t, problems()) }()
	docs := search.Docs(s.res.Register, s.res.Content)
	samples := queries(docs)
	if len(samples) < 50 {
		t.Fatalf("only %d queries", len(samples))
	}
	bl, err := search.OpenBleve(t.TempDir(), docs)
	if err != nil {
		t.Fatal(err)
	}
	defer bl.Close()
	qs, _ := json.Marshal(samples)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/search/")); err != nil {
		t.Fatal(err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const out = [];
		for (const s of `+string(qs)+`) {
			const idx = new portalSearch.Index(document.querySelector('form[data-index]').dataset);
			const r = await idx.search(s.q, 10);
			out.push({ords: r.hits.map(h => h.o), tiers: r.hits.map(h => h.tier), total: r.total});
		}
		return JSON.stringify(out);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var got []struct {
		Ords, Tiers []int
		Total       int
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	for i, smp := range samples {
		want, err := bl.Search(smp.Query, 10)
		if err != nil {
			t.Fatal(err)
		}
		var wantOrds, wantTiers []int
		for _, h := range want.Hits {
			wantOrds, wantTiers = append(wantOrds, h.Ord), append(wantTiers, int(h.Tier))
		}
		g := got[i]
		if !reflect.DeepEqual(g.Ords, wantOrds) && !(len(g.Ords) == 0 && len(wantOrds) == 0) || !reflect.DeepEqual(g.Tiers, wantTiers) && len(wantTiers) > 0 {
			t.Errorf("%s %q: browser %v (tiers %v), bleve %v (tiers %v)", smp.What, smp.Query, g.Ords, g.Tiers, wantOrds, wantTiers)
		}
		if g.Total >= 0 && g.Total != want.Total {
			t.Errorf("%s %q: browser counts %d, bleve %d", smp.What, smp.Query, g.Total, want.Total)
		}
		if smp.Want >= 0 && (len(g.Ords) == 0 || g.Ords[0] != smp.Want) {
			t.Errorf("%s %q: want %s first, browser gave %v", smp.What, smp.Query, docs[smp.Want].Name, g.Ords)
		}
		if strings.HasSuffix(smp.What, "does not exist") && len(g.Ords) > 0 {
			t.Errorf("%s %q: found %v", smp.What, smp.Query, g.Ords)
		}
	}
}

// A person types into the home page's search box: a name, a former name,
// a code and a licence number each bring the right agency first with its
// status; arrow keys and Enter open it; an unknown code says 未查到 and
// what that means (never that the agency is unlicensed); a mistyped code
// says its check failed and offers the agency it most likely means; a
// name written as people write it finds the agency, marked 名称相近.
// Every state passes axe.
func TestSearchAsYouType(t *testing.T) {
	exe := browser(t)
	axe := axeSource(t)
	s := demoSite(t)
	ctx, problems := newTab(t, exe)
	var named, renamed = s.res.Register.Agencies[0], s.res.Register.Agencies[0]
	for _, a := range s.res.Register.Agencies {
		if len(a.FormerNames) > 0 {
			renamed = a
			break
		}
	}
	for _, a := range s.res.Register.Agencies {
		if a.Status.String() != "有效" {
			named = a // an agency whose status is not the common one
			break
		}
	}
	asked := s.res.Register.Agencies[0] // an agency asked about in a sentence: one whose name begins with its city
	for _, a := range s.res.Register.Agencies {
		if strings.HasPrefix(a.Name, "广州市") && strings.HasSuffix(a.Name, "公司") {
			asked = a
			break
		}
	}
	// an agency's name typed with the district of its region after the city
	var districted, districtQ string
	docs := search.Docs(s.res.Register, s.res.Content)
	names := map[string]bool{}
	for _, d := range docs {
		names[d.Name] = true
	}
	for _, d := range docs {
		city, district, ok := strings.Cut(d.Region, "市")
		q := city + "市" + district + strings.TrimPrefix(d.Name, city+"市")
		if d.Kind == search.KindAgency && ok && strings.HasSuffix(district, "区") && !strings.Contains(d.Name, district) && strings.HasPrefix(d.Name, city+"市") && !names[q] {
			districted, districtQ = d.Name, q
			break
		}
	}
	box := `#search-home-q`
	typeQuery := func(q string) {
		t.Helper()
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('`+box+`').value = '') === ''`))
		must(t, err)
		must(t, chromedp.Do(ctx,
			chromedp.Focus(chromedp.CSS(box)),
			chromedp.SendKeys(chromedp.CSS(box), q),
		))
		waitSearchDone(t, ctx, "search-home", q)
	}
	firstHit := func() (name, meta string) {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const h = document.querySelector('#search-home-list .hit'); return h ? [h.querySelector('.hit-name').textContent, h.textContent] : ['', ''] })()`))
		must(t, err)
		return v[0], v[1]
	}
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
	for _, c := range []struct{ what, q, name, status string }{
		{"name", named.Name, named.Name, named.Status.String()},
		{"former name", renamed.FormerNames[0].Name, renamed.Name, "曾用名："},
		{"code", strings.ToLower(named.Code), named.Name, named.Status.String()},
		{"licence number", named.LicenceNo, "", named.LicenceNo},
		// a name asked about, or written with its former name in brackets:
		// the name in it is searched when the whole finds nothing (NameIn)
		{"name in a question", "查询" + asked.Name + "有没有劳务派遣资质？", asked.Name, asked.Status.String()},
		{"name with its former name in brackets", renamed.Name + "（原" + renamed.FormerNames[0].Name + "）", renamed.Name, renamed.Status.String()},
		// a branch the register has no record of: its head office, said
		// apart (HeadOfficeIn), as portal search answers
		{"branch not in the register", "查询" + asked.Name + "汕头市潮南区分公司", asked.Name, search.HeadOfficeTag},
		// the name typed with its district (WithoutDistrict): the agency, 名称相近
		{"name with its district", districtQ, districted, "名称相近"},
	} {
		typeQuery(c.q)
		name, meta := firstHit()
		if c.what == "branch not in the register" {
			status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#search-home .search-status")))
			must(t, err)
			if want := strings.ReplaceAll(search.HeadOfficeWords, "{0}", asked.Name+"汕头市潮南区分公司"); status != want {
				t.Errorf("%s %q: the status says %q, want %q", c.what, c.q, status, want)
			}
		}
		if c.what == "former name" && !strings.Contains(meta, c.q) {
			t.Errorf("former name %q: the result does not show it (%s)", c.q, meta)
		}
		if c.name != "" && name != c.name || !strings.Contains(meta, c.status) {
			t.Errorf("%s %q: first result %q (%s), want %q with %q", c.what, c.q, name, meta, c.name, c.status)
		}
	}
	typeQuery(named.Name)
	axeCheck(t, ctx, axe, "home with results")
	// the results are links: ArrowDown moves to the first, ArrowUp back to
	// the box, Tab reaches them too, Enter opens one
	focused := func() string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.activeElement; return a.tagName + ' ' + (a.id || a.textContent) })()`))
		must(t, err)
		return v
	}
	must(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)))
	if f := focused(); f != "A "+named.Name {
		t.Errorf("ArrowDown: focus on %q, want the first result's link", f)
	}
	must(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowUp)))
	if f := focused(); f != "INPUT search-home-q" {
		t.Errorf("ArrowUp from the first result: focus on %q, want the box", f)
	}
	must(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab)))
	if f := focused(); f != "A "+named.Name {
		t.Errorf("Tab, Tab from the box (past 查询): focus on %q, want the first result's link", f)
	}
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute('href')`))
	must(t, err)
	if !strings.HasSuffix(href, "agencies/"+named.Code+"/") {
		t.Errorf("the first result links to %q", href)
	}
	must(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS(".verdict-head"))))
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	must(t, err)
	if h1 != named.Name {
		t.Errorf("Enter opened %q, want %q", h1, named.Name)
	}

	// a valid code the register does not hold: what the register covers,
	// never that the agency is unlicensed
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
	typeQuery("91440000MA5XXXXX0G")
	none, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const n = document.querySelector('#search-home .search-none'); return n.hidden ? '' : n.textContent })()`))
	must(t, err)
	if !strings.Contains(none, "未查到") || !strings.Contains(none, "数据截至 "+s.res.AsOf.String()) || !strings.Contains(none, "外省") || strings.Contains(none, "没有取得") || strings.Contains(none, "没有在本地取得") {
		t.Errorf("unknown code: %q", none)
	}
	axeCheck(t, ctx, axe, "home, nothing found")

	// a code typed with 17 characters, with a wrong check character, with
	// O for 0, with one character mistyped: the check fails, and the agency
	// it most likely means is offered
	coded := named
	for _, a := range s.res.Register.Agencies {
		if model.CheckCreditCode(a.Code) == nil && strings.Contains(a.Code, "0") {
			coded = a
			break
		}
	}
	code := coded.Code
	typo := code[:10] + map[bool]string{true: "1", false: "0"}[code[10] == '0'] + code[11:] // one character mistyped
	for _, q := range []string{code[:17], code[:17] + map[bool]string{true: "1", false: "0"}[code[17] == '0'], strings.Replace(code, "0", "O", 1), typo} {
		must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
		typeQuery(q)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const f = document.querySelector('#search-home'), n = f.querySelector('.hit-name'); return [f.querySelector('.search-status').textContent, n ? n.textContent : '', f.querySelector('.search-none').hidden ? '' : 'none shown'] })()`))
		must(t, err)
		// the page words the problem as portal search does (search.CodeProblems)
		problem := search.CheckCode(strings.ToLower(q)).Problem
		if problem == "" || !strings.Contains(got[0], "代码校验不通过："+problem) || !strings.Contains(got[0], "您是否要找") || got[1] != coded.Name || got[2] != "" {
			t.Errorf("code %q (of %s): %q, want the problem %q", q, code, got, problem)
		}
	}
	// …and one after its label that is one character from no code: the
	// check's problem, not the not-found panel for the label's words
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
	typeQuery("统一社会信用代码：91440000MA5XXXXX0X")
	checked, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const f = document.querySelector('#search-home'); return [f.querySelector('.search-status').textContent, f.querySelector('.search-none').hidden ? '' : 'none shown'] })()`))
	must(t, err)
	if !strings.Contains(checked[0], "代码校验不通过") || checked[1] != "" {
		t.Errorf("a labelled code failing its check: %q", checked)
	}
	axeCheck(t, ctx, axe, "home, a code that fails its check")

	// a name as people write it (市 left out, 有限责任公司 for 有限公司):
	// the agency, marked 名称相近, never 未查到
	var near *register.Agency
	for _, a := range s.res.Register.Agencies {
		if r := []rune(a.Name); len(r) > 8 && r[2] == '市' && strings.HasSuffix(a.Name, "有限公司") {
			near = a
			break
		}
	}
	r := []rune(near.Name)
	q := strings.TrimSuffix(string(r[:2])+string(r[3:]), "有限公司") + "有限责任公司"
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
	typeQuery(q)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const f = document.querySelector('#search-home'), h = f.querySelector('.hit'); return [f.querySelector('.search-status').textContent, h ? h.querySelector('.hit-name').textContent : '', h && h.querySelector('.hit-near') ? 'near' : '', f.querySelector('.search-none').hidden ? '' : 'none shown'] })()`))
	must(t, err)
	if !strings.Contains(got[0], "名称相近") || got[1] != near.Name || got[2] != "near" || got[3] != "" {
		t.Errorf("%q (for %s): %q", q, near.Name, got)
	}
	axeCheck(t, ctx, axe, "home, names that are near")
	// a character of the name left out: still the agency, never 未查到
	core := []rune(strings.TrimSuffix(near.Name, "有限公司"))
	q = string(core[:len(core)/2]) + string(core[len(core)/2+1:]) + "有限公司"
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
	typeQuery(q)
	got, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const f = document.querySelector('#search-home'), h = f.querySelector('.hit'); return [f.querySelector('.search-status').textContent, h ? h.querySelector('.hit-name').textContent : '', h && h.querySelector('.hit-near') ? 'near' : '', f.querySelector('.search-none').hidden ? '' : 'none shown'] })()`))
	must(t, err)
	if !strings.Contains(got[0], "名称相近") || got[1] != near.Name || got[2] != "near" || got[3] != "" {
		t.Errorf("%q (for %s): %q", q, near.Name, got)
	}
	noConsoleErrors(t, problems())
}

// boxScript is what the box tests run in the page before their own steps:
// f, the home page's search form, and i, its box; wait(ms); put(v), which
// sets the box to v as a keystroke does (an input event); done(), which
// waits (at most 5 s) until the form's last query has answered.
const boxScript = `const f = document.querySelector('#search-home'), i = f.querySelector('input[type=search]');
		const wait = ms => new Promise(r => setTimeout(r, ms));
		const put = v => { i.value = v; i.dispatchEvent(new InputEvent('input', {data: v, inputType: 'insertText', bubbles: true})); };
		const done = async () => { for (let k = 0; k < 200 && f.dataset.state !== 'done'; k++) await wait(25); };`

// A person typing with a pinyin input method: nothing is searched while
// the composition is open (its letters are not the query) — not even a
// run queued by what was typed just before it, which would read the
// letters — and the query runs when the characters are committed.
func TestSearchWaitsForInputMethod(t *testing.T) {
	s, ctx, problems := demoTab(t)
	a := s.res.Register.Agencies[len(s.res.Register.Agencies)/3]
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
		`+boxScript+`
		i.focus();
		// in one task: 广 runs, 广州 is queued behind it, and the composition drops it
		put('广');
		put('广州');
		i.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
		for (const v of ['g', 'gu', 'guang', 'guang zh']) {
			i.value = v;
			i.dispatchEvent(new InputEvent('input', {data: v, isComposing: true, inputType: 'insertCompositionText'}));
			await wait(50);
		}
		await wait(500);
		const during = [f.dataset.state || '', String(f.querySelector('.hits').hidden)];
		i.value = `+"`"+a.Name+"`"+`;
		i.dispatchEvent(new CompositionEvent('compositionend', {data: i.value}));
		await done();
		const n = f.querySelector('.hit-name');
		return during.concat([f.dataset.state || '', n ? n.textContent : '']);
	})()`, chromedp.EvalAwaitPromise))
	must(t, err)
	if got[0] != "busy" || got[1] != "true" {
		t.Errorf("searched while composing: state %q, list hidden %s; want busy (广's answer stale, 广州's run dropped), hidden", got[0], got[1])
	}
	if got[2] != "done" || got[3] != a.Name {
		t.Errorf("after the composition: state %q, first result %q, want %q", got[2], got[3], a.Name)
	}
	noConsoleErrors(t, problems())
}

// A name typed faster than the box answers: every piece of it comes
// while the query of the first still runs, and the box shows the answer
// to the whole name — once, not an earlier piece's answer after it or in
// its place.
func TestSearchTypedFasterThanAnswered(t *testing.T) {
	s, ctx, problems := demoTab(t)
	a := s.res.Register.Agencies[len(s.res.Register.Agencies)/4]
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
	pieces, _ := json.Marshal(typingPieces(a.Name))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
		`+boxScript+`
		i.focus();
		for (const v of `+string(pieces)+`) put(v); // in one task: no query can answer in between
		await done();
		await wait(300); // a stale answer would come after
		const n = f.querySelector('.hit-name');
		return [f.dataset.state || '', n ? n.textContent : '', String(performance.getEntriesByName('portal-search-done').length)];
	})()`, chromedp.EvalAwaitPromise))
	must(t, err)
	if got[0] != "done" || got[1] != a.Name || got[2] != "1" {
		t.Errorf("%s typed in %d pieces at once: state %q, first result %q, answers shown %s; want done, the name, 1", a.Name, len(typingPieces(a.Name)), got[0], got[1], got[2])
	}
	noConsoleErrors(t, problems())
}

// A screen reader hears what the search found once the person pauses: a
// name typed in pieces runs a query for each piece, and the polite live
// region (.search-said) takes only the last status, which the visible
// status shows at once.
func TestSearchSaysOnlyTheLastStatus(t *testing.T) {
	s, ctx, problems := demoTab(t)
	a := s.res.Register.Agencies[len(s.res.Register.Agencies)/5]
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
	pieces, _ := json.Marshal(typingPieces(a.Name))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
		`+boxScript+`
		const said = f.querySelector('.search-said'), heard = [];
		new MutationObserver(() => heard.push(said.textContent)).observe(said, {childList: true, characterData: true, subtree: true});
		i.focus();
		for (const v of `+string(pieces)+`) { put(v); await wait(150); } // a piece every 150 ms, each answered before the next
		await done();
		await wait(1500);
		return [said.getAttribute('role'), f.querySelector('.search-status').textContent, ...heard];
	})()`, chromedp.EvalAwaitPromise))
	must(t, err)
	if len(got) != 3 || got[0] != "status" || got[1] == "" || got[2] != got[1] {
		t.Errorf("%s typed in %d pieces: the live region (role, status shown, what it said) %q; want role status and only the last status", a.Name, len(typingPieces(a.Name)), got)
	}
	noConsoleErrors(t, problems())
}

// A person who types a code key by key: what the box holds after each key
// is a query of its own, and from the eighth character on it is looked up
// as a code, which no code is. The box says the code is still being typed,
// never the not-found panel (what the register does not hold, how to
// report unlicensed dispatch) for the code it will be; submitted, the same
// query gets the panel, as portal search answers it.
func TestSearchCodeBeingTyped(t *testing.T) {
	s, ctx, problems := demoTab(t)
	a := s.res.Register.Agencies[len(s.res.Register.Agencies)/3]
	box := "#search-home-q"
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
	typed := 0
	for _, n := range []int{8, 12, 16} {
		must(t, chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(box)), chromedp.SendKeys(chromedp.CSS(box), a.Code[typed:n])))
		typed = n
		waitSearchDone(t, ctx, "search-home", a.Code[:n])
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const f = document.querySelector('#search-home'); return [f.querySelector('.search-status').textContent, f.querySelector('.search-none').hidden ? '' : 'none shown'] })()`))
		must(t, err)
		if want := fmt.Sprintf("已输入 %d 位", n); !strings.Contains(got[0], want) || got[1] != "" {
			t.Errorf("%q typed of %s: %q; want %q and no not-found panel", a.Code[:n], a.Code, got, want)
		}
	}
	// submitted: the search page, and what the register does not hold
	must(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS("#search .search-none"))))
	none, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#search .search-none")))
	must(t, err)
	if !strings.Contains(none, "未查到") || !strings.Contains(none, a.Code[:16]) {
		t.Errorf("%q submitted: the panel says %q", a.Code[:16], none)
	}
	noConsoleErrors(t, problems())
}

// A person who clicks into the search box while the page still loads:
// search.js (deferred) has not run, so it never sees a focus event, and
// still reads s.json before the first keystroke, as it does for a box
// focused later (the first query of a name would wait for it otherwise).
func TestSearchBoxFocusedBeforeScript(t *testing.T) {
	s, ctx, problems := demoTab(t)
	// focus the box as soon as the parser puts it in the page
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `new MutationObserver((_, o) => {
		const i = document.querySelector('#search-home input[type=search]');
		if (!i) return;
		o.disconnect();
		i.focus();
		window.__focused = [document.readyState, String(document.activeElement === i)];
	}).observe(document, { childList: true, subtree: true });`})
	must(t, err)
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/")))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
		for (let k = 0; k < 100 && !performance.getEntriesByType('resource').some(r => r.name.endsWith('/s.json')); k++) await new Promise(r => setTimeout(r, 50));
		return (window.__focused || ['', '']).concat([String(performance.getEntriesByType('resource').some(r => r.name.endsWith('/s.json')))]);
	})()`, chromedp.EvalAwaitPromise))
	must(t, err)
	if got[0] != "loading" || got[1] != "true" {
		t.Fatalf("the box was not focused while the page loaded: readyState %q, focused %s", got[0], got[1])
	}
	if got[2] != "true" {
		t.Error("the box focused before search.js ran: s.json not read before the first keystroke")
	}
	noConsoleErrors(t, problems())
}

// The search page works from its address (?q=), which is where the home
// box sends a person who presses Enter without picking a result.
func TestSearchPage(t *testing.T) {
	s, ctx, problems := demoTab(t)
	a := s.res.Register.Agencies[len(s.res.Register.Agencies)/2]
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-home-q"), a.Code+"\r"), chromedp.WaitVisible(chromedp.CSS("#search-list .hit"))); err != nil {
		t.Fatal(err)
	}
	waitSearchDone(t, ctx, "search", a.Code)
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[location.pathname + location.search, document.querySelector('#search-list .hit-name').textContent, document.querySelector('#search .search-status').textContent, document.activeElement.id]`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v[0], "/search/?q=") || v[1] != a.Name || !strings.Contains(v[2], "找到 1 个结果") || v[3] != "search-results" {
		t.Errorf("search page (address, first result, status, focus): %v", v)
	}
	// a query longer than any name (a pasted page) is not searched, and
	// the page says why, as portal search and /api/search refuse it; the
	// box takes no more than that
	long := strings.Repeat("人力资源", search.MaxQuery/4) + "有限公司"
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/search/?q="+url.QueryEscape(long))))
	waitSearchDone(t, ctx, "search", long)
	v, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.querySelector('#search .search-status').textContent, String(document.querySelectorAll('#search-list .hit').length), document.querySelector('#search .search-none').hidden ? '' : 'none shown', document.querySelector('#search-q').getAttribute('maxlength')]`))
	must(t, err)
	if want := strings.NewReplacer("{0}", strconv.Itoa(search.MaxQuery+4), "{1}", strconv.Itoa(search.MaxQuery)).Replace(search.TooLongWords); v[0] != want || v[1] != "0" || v[2] != "" || v[3] != strconv.Itoa(search.MaxQuery) {
		t.Errorf("a query of %d characters (status, results, not-found panel, maxlength): %q, want the status %q", search.MaxQuery+4, v, want)
	}
	noConsoleErrors(t, problems())
}

// The search page pages through more than ten results (the page is in its
// address), says 正在查询… when an answer is slow, and keeps room for its
// results, so nothing on the page moves when they arrive (no layout shift,
// at a desktop's and a phone's width).
func TestSearchPageMoreResults(t *testing.T) {
	exe := browser(t)
	s := demoSite(t)
	ctx, problems := newTab(t, exe)
	q := "人力资源"
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/search/?q="+url.QueryEscape(q))))
	waitSearchDone(t, ctx, "search", q)
	page := func() []string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const f = document.getElementById('search'), a = f.querySelectorAll('.search-more a');
			return [f.querySelector('.search-status').textContent, f.querySelector('.hit-name').textContent, String(f.querySelectorAll('.hit').length), Array.from(a, x => x.textContent + '=' + x.getAttribute('href')).join(' ')] })()`))
		must(t, err)
		return v
	}
	p1 := page()
	if !strings.Contains(p1[0], "第 1–10 个") || p1[2] != "10" || !strings.Contains(p1[3], "下一页") || !strings.Contains(p1[3], "&p=2") {
		t.Fatalf("page 1: %q", p1)
	}
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#search .search-more a"))))
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) { // the next page loads
		// an evaluation while the page navigates fails (target navigated
		// or closed): the page is not there yet
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const f = document.getElementById('search'); return location.search.includes('p=2') && !!f && f.dataset.state === 'done' })()`))
		if err == nil && ok {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatalf("page 2 never loaded (%v)", err)
		}
	}
	p2 := page()
	if !strings.Contains(p2[0], "第 11–20 个") || p2[1] == p1[1] || !strings.Contains(p2[3], "上一页") {
		t.Errorf("page 2: %q (page 1 began with %q)", p2, p1[1])
	}
	noConsoleErrors(t, problems())

	// slow answers: 正在查询… in the status (a polite live region) until they come
	slow, _ := newTab(t, exe)
	name := s.res.Register.Agencies[7].Name
	must(t, chromedp.Do(slow, chromedp.Navigate(s.url+"/")))
	_, err := chromedp.Run(slow, chromedp.Evaluate[bool](`(() => { const f = window.fetch; window.fetch = (...a) => new Promise(r => setTimeout(r, 700)).then(() => f(...a)); return true })()`))
	must(t, err)
	must(t, chromedp.Do(slow, chromedp.SendKeys(chromedp.CSS("#search-home-q"), name)))
	said := false
	for start := time.Now(); time.Since(start) < 20*time.Second; time.Sleep(40 * time.Millisecond) {
		v, err := chromedp.Run(slow, chromedp.Evaluate[[]string](`[document.getElementById('search-home').dataset.state || '', document.querySelector('#search-home .search-status').textContent]`))
		must(t, err)
		said = said || v[1] == "正在查询…"
		if v[0] == "done" {
			break
		}
	}
	if !said {
		t.Error("a slow search never said 正在查询…")
	}

	// no layout shift when the results arrive
	for _, size := range [][2]int64{{1200, 760}, {375, 667}} {
		tab, _ := newTab(t, exe)
		_, err := chromedp.Call(tab, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: size[0], Height: size[1], DeviceScaleFactor: 1, Mobile: size[0] < 600})
		must(t, err)
		for _, q := range []string{"人力资源", s.res.Register.Agencies[3].Name, "91440000MA5XXXXX0G"} {
			must(t, chromedp.Do(tab, chromedp.Navigate(s.url+"/search/?q="+url.QueryEscape(q))))
			waitSearchDone(t, tab, "search", q)
			cls, err := chromedp.Run(tab, chromedp.Evaluate[float64](`new Promise(r => { let sum = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) sum += e.value; }).observe({type: 'layout-shift', buffered: true}); setTimeout(() => r(sum), 300) })`, chromedp.EvalAwaitPromise))
			must(t, err)
			if cls > 0.01 {
				t.Errorf("%dpx, %q: cumulative layout shift %.3f", size[0], q, cls)
			}
		}
	}
}

// sampleQueries are the shared sample queries (internal/searchsamples) of
// the index's documents.
func sampleQueries(docs []search.Doc, perKind int) []searchsamples.Sample {
	items := make([]searchsamples.Item, len(docs))
	for i, d := range docs {
		items[i] = searchsamples.Item{Agency: d.Kind == search.KindAgency, Policy: d.Kind == search.KindPolicy,
			Name: d.Name, Former: d.Former, Code: d.Code, Licence: d.Licence, Province: d.Province}
	}
	return searchsamples.Samples(items, perKind)
}

// A document found on the search page is shown from its record in an r/
// file (documents come with no card): a link to its page, its kind and its
// 文号, beside the agencies the query also finds.
func TestSearchShowsADocument(t *testing.T) {
	exe := browser(t)
	s := demoSite(t)
	var p *model.Policy
	for _, x := range s.res.Content.Policies {
		if x.DocNo != "" {
			p = x
			break
		}
	}
	if p == nil {
		t.Fatal("the demo content has no policy with a 文号")
	}
	ctx, problems := newTab(t, exe)
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/search/?q="+url.QueryEscape(p.Title))))
	waitSearchDone(t, ctx, "search", p.Title)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const h = document.querySelector('#search-list .hit');
  return [h.querySelector('.hit-name').textContent, new URL(h.querySelector('.hit-name').href).pathname, h.querySelector('.hit-meta .kind').textContent, h.querySelector('.hit-meta').textContent,
    String(performance.getEntriesByType('resource').filter(r => /\/r\/\d+\.bin$/.test(r.name)).length)] })()`))
	must(t, err)
	if got[0] != p.Title || !strings.HasSuffix(got[1], "/policies/"+p.Slug+"/") || got[2] != search.KindPolicy.Label() || !strings.Contains(got[3], p.DocNo) {
		t.Errorf("the first result for %q: %q, want %q at policies/%s/, %s, %s", p.Title, got, p.Title, p.Slug, search.KindPolicy.Label(), p.DocNo)
	}
	if got[4] == "0" {
		t.Error("no record file was read for the document")
	}
	noConsoleErrors(t, problems())
}

// TestSearchBoxFindsAsPortalSearch: what the search box answers a query
// that the index alone does not — a name asked about in a sentence, with
// its former name in brackets, with the district it is registered in, a
// branch the register has no record of, a name no agency has — is what
// portal search and /api/search answer (search.Find): the same hits in
// the same order, the same tiers and total, the same head office said
// apart. search.js's nameIn, noDistrict and headOffice are twins of Go's
// NameIn, WithoutDistrict and HeadOfficeIn; this holds them to each other.
func TestSearchBoxFindsAsPortalSearch(t *testing.T) {
	exe := browser(t)
	s := demoSite(t)
	ctx, problems := newTabFor(t, exe, 5*time.Minute) // 713 queries: 60–70 s alone on 2 cores
	defer func() { noConsoleErrors(t, problems()) }()
	docs := search.Docs(s.res.Register, s.res.Content)
	var qs []string
	n := 0
	for _, d := range docs {
		if d.Kind != search.KindAgency || !strings.HasSuffix(d.Name, "公司") {
			continue
		}
		if n++; n%4 != 0 {
			continue
		}
		if strings.HasPrefix(d.Name, "广东") {
			qs = append(qs, "劳务派遣单位"+d.Name, "劳务派遣单位"+d.Name+"深圳分公司", "查询"+d.Name+"东莞市分公司有没有资质")
		}
		qs = append(qs, d.Name, "查询"+d.Name+"有没有劳务派遣资质？", "“"+d.Name+"”的许可证", d.Name+"深圳市南山区分公司", "请问"+d.Name+"东莞分公司")
		if len(d.Former) > 0 {
			qs = append(qs, d.Name+"（原"+d.Former[0]+"）")
		}
		if city, district, ok := strings.Cut(d.Region, "市"); ok && district != "" && strings.HasPrefix(d.Name, city+"市") {
			rest := strings.TrimPrefix(d.Name, city+"市")
			qs = append(qs, city+"市"+district+rest, city+district+rest, district+rest, city+"市"+strings.TrimRight(district, "区县市"))
		}
		if strings.Contains(d.Name, "分公司") {
			if head, _, ok := strings.Cut(d.Name, "公司"); ok {
				qs = append(qs, head+"公司潮州市分公司")
			}
		}
		// other industry words (TradeName)
		if i := strings.Index(d.Name, "人力资源"); i > 0 {
			qs = append(qs, d.Name[:i]+"人力资源服务有限公司", d.Name[:i]+"劳务派遣有限公司", "查询"+d.Name[:i]+"劳务有限公司", d.Name[:i]+"劳务派遣有限公司东莞分公司")
		}
	}
	qs = append(qs, "广州市不存在人力资源有限公司深圳分公司", "查询广州市不存在人力资源有限公司", "佛山市高明区", "广州市人力资源服务有限公司",
		"廣州市博雅勞務派遣有限公司", "广州市 博雅（人力资源服务）有限公司",
		"广州天河", "珠海香洲") // a place and a word after it, found as two terms (TradeName)
	if len(qs) < 150 {
		t.Fatalf("only %d queries", len(qs))
	}
	bl, err := search.OpenBleve(t.TempDir(), docs)
	if err != nil {
		t.Fatal(err)
	}
	defer bl.Close()
	js, _ := json.Marshal(qs)
	must(t, chromedp.Do(ctx, chromedp.Navigate(s.url+"/search/"), chromedp.Poll[chromedp.Void](`!!(window.portalFind && window.portalSearch)`)))
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const out = [];
		for (const q of `+string(js)+`) {
			const idx = new portalSearch.Index(document.querySelector('form[data-index]').dataset);
			const r = await portalFind(idx, portalSearch.Tier, q, 10);
			out.push({ords: r.hits.map(h => h.o), tiers: r.hits.map(h => h.tier), total: r.total, head: r.head || ''});
		}
		return JSON.stringify(out);
	})()`, chromedp.EvalAwaitPromise))
	must(t, err)
	var got []struct {
		Ords, Tiers []int
		Total       int
		Head        string
	}
	must(t, json.Unmarshal([]byte(raw), &got))
	found := map[string]int{}
	for i, q := range qs {
		want, err := bl.Find(q, 10)
		must(t, err)
		var wantOrds, wantTiers []int
		for _, h := range want.Hits {
			wantOrds, wantTiers = append(wantOrds, h.Ord), append(wantTiers, int(h.Tier))
		}
		g := got[i]
		if !reflect.DeepEqual(g.Ords, wantOrds) && !(len(g.Ords) == 0 && len(wantOrds) == 0) || !reflect.DeepEqual(g.Tiers, wantTiers) && len(wantTiers) > 0 || g.Head != want.HeadOfficeOf {
			t.Errorf("%q: browser %v (tiers %v, head office of %q), portal search %v (tiers %v, head office of %q)", q, g.Ords, g.Tiers, g.Head, wantOrds, wantTiers, want.HeadOfficeOf)
		}
		if g.Total >= 0 && g.Total != want.Total {
			t.Errorf("%q: browser counts %d, portal search %d", q, g.Total, want.Total)
		}
		switch {
		case want.HeadOfficeOf != "":
			found["head office"]++
		case len(want.Hits) > 0 && want.Hits[0].Tier >= search.TierNear:
			found["名称相近"]++
		case len(want.Hits) > 0:
			found["found"]++
		default:
			found["nothing"]++
		}
	}
	t.Logf("%d queries: %v", len(qs), found)
	for _, k := range []string{"head office", "名称相近", "found", "nothing"} {
		if found[k] == 0 {
			t.Errorf("no query answered %s: the test does not hold that path", k)
		}
	}
}
