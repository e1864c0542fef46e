// Package render turns the register and the content into the portal's pages
// (DESIGN §6) with html/template: every value is escaped by context, page
// bodies come from goldmark with raw HTML off, and no page carries an inline
// script or style, so a strict Content-Security-Policy holds. Pages go to a
// Sink as they are made; agency pages are rendered in parallel.
package render

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"portal/generator/catalogue"
	"portal/generator/internal/par"
	"portal/generator/internal/tmplexec"
	"portal/generator/model"
	"portal/generator/register"
)

// Sink receives output files (slash-separated paths relative to the site
// root). Add has written or copied data when it returns: the renderer
// reuses its buffers.
type Sink interface {
	Add(path string, data []byte) error
}

// Options configure a render.
type Options struct {
	Base      model.BaseURL // where the site is served; its path is the prefix of every link
	Templates fs.FS         // layouts/, partials/, pages/, static/
	// Catalogue is what the open-data stage published; the /data/ pages
	// describe it. Nil renders no /data/ pages.
	Catalogue *catalogue.Catalogue
	// Search is the static search index; the home page's search box and
	// /search/ use it. Nil: no search page, the box browses the register.
	Search *catalogue.SearchIndex
	// NotFound is what the search box says when nothing in the register
	// matches a query, a paragraph a line (search.NotFound: the one
	// wording of every search surface).
	NotFound []string
	// SearchWords word what the search box says of a mistyped
	// 统一社会信用代码 and of a branch the register has no record of
	// (search.Words: the one wording of them)
	SearchWords map[string]string
	// SearchMax is the longest query the search box searches, in
	// characters (search.MaxQuery)
	SearchMax int
	// Reuse, when set and its Key is this render's Report.Key (templates,
	// site.toml, regions, date and base URL as they were), keeps the
	// previous output's page and feed of every agency it says is the same,
	// when the sink can (publish.Tx.Keep), instead of rendering them.
	Reuse *register.Reuse
	// Prints are this build's agency fingerprints (register.Fingerprints),
	// of which the list pages' keys are made (listkeep.go); nil makes no
	// keys and keeps no list page.
	Prints map[string]register.Print
	// Lists are the list pages' keys of the render that made the output
	// (Report.Lists): a list page whose key is the same is kept
	// (publish.Tx.Keep), not rendered again.
	Lists map[string]register.Print

	htmlTemplate bool // html/template executes every page, not tmplexec (tests compare the two)
}

// Report counts what was rendered.
type Report struct {
	Pages, Files int
	// Kept counts the agency pages and feeds carried over (Options.Reuse),
	// KeptLists the list pages (Options.Lists).
	Kept, KeptLists int
	// Slow counts the pages and partials the fast executor (tmplexec) left
	// to html/template: they needed an escaper it does not copy.
	Slow int
	// Key is what Reuse.Key must be for a later render to keep this
	// render's agency pages.
	Key string
	// Lists are the list pages' keys, by path, for Options.Lists of a
	// later render (nil without Options.Prints).
	Lists map[string]register.Print
}

// Renderer holds what every page needs.
type Renderer struct {
	reg        *register.Register
	content    *model.Content
	site       *model.Site
	asOf       model.Date
	base       string // path prefix of the site, "/" or "/ldpq/"
	abs        string // absolute base URL, ending in /
	pages      map[string]*template.Template
	engines    map[string]*tmplexec.Engine // per page kind; nil: html/template runs it
	nSlow      atomic.Int64                // pages tmplexec left to html/template
	sink       Sink
	tfs        fs.FS
	assets     map[string]string // static/x.css → static/x.<hash>.css (hashedAssets)
	nPages     atomic.Int64
	nFiles     atomic.Int64
	nKept      atomic.Int64
	nKeptLists atomic.Int64
	key        string
	templates  string                 // agencyTemplateDigest of the templates
	reuse      func(code string) bool // agencies whose pages to keep; nil: none
	lists      *listKeys              // the list pages' keys; nil: none made
	mu         sync.Mutex
	sitemap    sitemapList
	order      []int             // agencies in name (pinyin) order
	newest     []*model.Decision // decisions, newest publication first
	part       *partials         // partials rendered once per value
	footer     template.HTML
	head       template.HTML
	masthead   template.HTML
	catalogue  *catalogue.Catalogue
	search     *catalogue.SearchIndex
	searchMiss []string
	// searchWords are Options.SearchWords
	searchWords map[string]string
	searchMax   int
}

// newRenderer parses the templates and makes what every page shares.
func newRenderer(reg *register.Register, content *model.Content, opt Options, sink Sink) (*Renderer, error) {
	if opt.Base.IsZero() {
		return nil, errors.New("no base URL: set base_url in site.toml or pass --base-url")
	}
	r := &Renderer{reg: reg, content: content, site: &content.Site, asOf: reg.AsOf, base: opt.Base.Path, abs: opt.Base.Abs, sink: sink, tfs: opt.Templates, catalogue: opt.Catalogue, search: opt.Search, searchMiss: opt.NotFound, searchWords: opt.SearchWords, searchMax: opt.SearchMax}
	r.part = &partials{}
	r.part.decisionRows = newListRows(r, "decision-row", func(d *model.Decision) any { return d })
	r.part.agencyRows = newListRows(r, "agency-row", func(a *register.Agency) any { return r.agencyRowView(a) })
	var err error
	if r.assets, err = hashedAssets(opt.Templates); err != nil {
		return nil, err
	}
	if r.part.set, r.pages, err = parseTemplates(opt.Templates, r.funcs()); err != nil {
		return nil, err
	}
	if !opt.htmlTemplate {
		if err := r.prepareEngines(); err != nil {
			return nil, err
		}
	}
	if err := r.buildBadges(); err != nil {
		return nil, err
	}
	if err := r.buildNav(); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		html *template.HTML
	}{{"footer", &r.footer}, {"head", &r.head}, {"masthead", &r.masthead}} {
		if *f.html, err = r.once(f.name); err != nil {
			return nil, err
		}
	}
	if r.templates, err = agencyTemplateDigest(opt.Templates, r.assets); err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	if r.key, err = r.reuseKey(); err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	if _, ok := sink.(keeper); ok && opt.Reuse != nil && opt.Reuse.Key == r.key && opt.Reuse.Same != nil {
		r.reuse = opt.Reuse.Same
	}
	r.lists = newListKeys(r, opt.Prints, opt.Lists)
	return r, nil
}

// ContentPages renders only the pages made from content/ Markdown —
// policies, FAQ, news and standalone pages — exactly as Site renders them.
// The preview (`portal serve`) uses it to show a Markdown edit at once,
// before the full rebuild brings the lists, the search index, the open
// data and the sitemap in line. site.toml is content too, but it is on
// every page: an edit to it needs Site.
func ContentPages(ctx context.Context, reg *register.Register, content *model.Content, opt Options, sink Sink) (Report, error) {
	r, err := newRenderer(reg, content, opt, sink)
	if err != nil {
		return Report{}, err
	}
	for _, step := range []func(context.Context) error{r.policies, r.faq, r.news, r.standalonePages} {
		if err := step(ctx); err != nil {
			return Report{}, err
		}
	}
	return Report{Pages: int(r.nPages.Load()), Files: int(r.nFiles.Load())}, nil
}

// Site renders every page of the portal into sink.
func Site(ctx context.Context, reg *register.Register, content *model.Content, opt Options, sink Sink) (Report, error) {
	r, err := newRenderer(reg, content, opt, sink)
	if err != nil {
		return Report{}, err
	}
	// agency pages use every core; the list and content pages run beside
	// them, on every core too (when the agency pages are kept from the
	// previous output, the lists are all that is left to render)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	listsErr := make(chan error, 1)
	go func() {
		// what only list pages need is prepared here, beside the agency pages
		r.order = nameOrder(reg.Agencies)
		r.newest = r.sortDecisions()
		steps := []func(context.Context) error{ // the longest first
			r.announcements, r.annualChecks, r.registerPages, r.grades, r.static, r.home,
			r.abnormal, r.expiring, r.policies, r.faq, r.news, r.standalonePages, r.stats, r.dataPages, r.searchPage, r.notFound, r.siteMap,
		}
		err := par.Each(ctx, len(steps), func(_, i int) error { return steps[i](ctx) })
		if err != nil {
			cancel()
		}
		listsErr <- err
	}()
	err = r.agencies(ctx)
	if err != nil {
		cancel()
	}
	if lerr := <-listsErr; err == nil || errors.Is(err, context.Canceled) {
		err = cmp.Or(lerr, err)
	}
	if err != nil {
		return Report{}, err
	}
	if err := r.writeSitemap(); err != nil {
		return Report{}, err
	}
	return Report{Pages: int(r.nPages.Load()), Files: int(r.nFiles.Load()), Kept: int(r.nKept.Load()), Slow: int(r.nSlow.Load()), Key: r.key,
		KeptLists: int(r.nKeptLists.Load()), Lists: r.lists.keys()}, nil
}

// commonTemplates are the files of the template set every page is made
// with (its layouts and partials), as fs.Glob patterns.
var commonTemplates = []string{"layouts/*.html", "partials/*.html"}

// parseTemplates makes the common set — the base layout and the partials —
// and one set per page kind: the common set plus that page's "content". A
// map key a template names that its data lacks is an error, not an empty
// string (missingkey=error); a misspelt field of a view is one anyway.
func parseTemplates(fsys fs.FS, funcs template.FuncMap) (*template.Template, map[string]*template.Template, error) {
	common, err := template.New("base").Option("missingkey=error").Funcs(funcs).ParseFS(fsys, commonTemplates...)
	if err != nil {
		return nil, nil, fmt.Errorf("templates: %w", err)
	}
	files, err := fs.Glob(fsys, "pages/*.html")
	if err != nil || len(files) == 0 {
		return nil, nil, fmt.Errorf("templates: no pages/*.html found")
	}
	out := map[string]*template.Template{}
	for _, f := range files {
		t, err := template.Must(common.Clone()).ParseFS(fsys, f)
		if err != nil {
			return nil, nil, fmt.Errorf("templates: %w", err)
		}
		out[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return common, out, nil
}

// Page is what the base layout gets.
type Page struct {
	Site      *model.Site
	Base      string     // path prefix for links
	AsOf      model.Date // 数据截至
	Title     string
	Desc      string
	Section   string // nav section to mark current
	Path      string // this page's path below the base, e.g. agencies/X/
	Canonical string // absolute URL
	Crumbs    []Crumb
	Feed      string // path of an Atom feed for this page, if any
	JSONLD    []any
	Search    bool // the page has a search box: load search.js
	Verdict   bool // the page has a verdict or status tags to re-judge against the reader's clock: load verdict.js
	Live      bool // the page shows a policy's 有效性 that changes after the build: load policy.js
	NoIndex   bool // a print-out of another page (the 许可公示牌): not for search engines nor the sitemap
	Nav       template.HTML
	Footer    template.HTML // the same on every page: rendered once
	Head      template.HTML // stylesheet and icon links: rendered once
	Masthead  template.HTML // the site's name linking home: rendered once
	D         any
}

// Crumb is one breadcrumb.
type Crumb struct{ Title, Path string }

// page renders template kind as the page at p (a directory path ending in /,
// or a file name) and sends it to the sink.
func (r *Renderer) page(kind, p string, pg *Page, lastmod model.Date) error {
	t := r.pages[kind]
	if t == nil {
		return fmt.Errorf("render: no template pages/%s.html", kind)
	}
	r.fill(pg, p)
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := r.execute(t, r.engines[kind], buf, "base", pg); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	return r.publishPage(kind, p, buf.Bytes(), lastmod)
}

// fill sets what the renderer knows of every page at path p.
func (r *Renderer) fill(pg *Page, p string) {
	pg.Site, pg.Base, pg.AsOf, pg.Path = r.site, r.base, r.asOf, p
	pg.Nav, pg.Footer, pg.Head, pg.Masthead = r.navFor(pg.Section), r.footer, r.head, r.masthead
	pg.Canonical = r.abs + p
}

// publishPage sends the page at p to the sink and lists it in the sitemap.
func (r *Renderer) publishPage(kind, p string, html []byte, lastmod model.Date) error {
	file := p
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if err := r.add(file, html); err != nil {
		return err
	}
	r.nPages.Add(1)
	if kind != "404" && kind != "poster" {
		r.addToSitemap(p, lastmod)
	}
	return nil
}

func (r *Renderer) addToSitemap(p string, lastmod model.Date) {
	r.mu.Lock()
	r.sitemap.add(p, lastmod)
	r.mu.Unlock()
}

// once renders a partial that is the same on every page.
func (r *Renderer) once(name string) (template.HTML, error) {
	return r.exec(name, &Page{Site: r.site, Base: r.base, AsOf: r.asOf})
}

// prepareEngines makes the fast executor of every page kind's templates
// and of the partials. A set it cannot run (a template html/template
// derived for another context, a function it does not know) is left to
// html/template; an escaping error is the templates' and stops the build.
func (r *Renderer) prepareEngines() error {
	r.engines = map[string]*tmplexec.Engine{}
	for kind, t := range r.pages {
		e, err := tmplexec.New(t, r.funcs(), "error", "base")
		if err != nil {
			if escapeError(err) {
				return fmt.Errorf("templates: pages/%s.html: %w", kind, err)
			}
			continue
		}
		r.engines[kind] = e
	}
	e, err := tmplexec.New(r.part.set, r.funcs(), "error", partialNames...)
	if err != nil && escapeError(err) {
		return fmt.Errorf("templates: partials: %w", err)
	}
	r.part.eng = e
	return nil
}

func escapeError(err error) bool {
	var terr *template.Error
	return errors.As(err, &terr)
}

// execute runs the template name of set with data into buf: by the fast
// executor when there is one and it can, else by html/template.
func (r *Renderer) execute(set *template.Template, e *tmplexec.Engine, buf *bytes.Buffer, name string, data any) error {
	if e != nil {
		n := buf.Len()
		err := e.Execute(buf, name, data)
		if !errors.Is(err, tmplexec.ErrUnsupported) {
			return err
		}
		buf.Truncate(n)
		r.nSlow.Add(1)
	}
	return set.ExecuteTemplate(buf, name, data)
}

// bufPool recycles page buffers: the sink has written a page when Add returns.
var bufPool = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 32<<10)) }}

func (r *Renderer) add(file string, data []byte) error {
	r.nFiles.Add(1)
	return r.sink.Add(file, data)
}

// parallel runs fn for 0..n-1 on all cores, stopping at the first error.
func parallel(ctx context.Context, n int, fn func(i int) error) error {
	return par.Each(ctx, n, func(_, i int) error { return fn(i) })
}

// Pager is one page of a paginated list.
type Pager struct {
	N, Of      int    // this page, number of pages
	Prev, Next string // paths, "" at the ends
	Total      int
	Pages      []PagerLink
}

// PagerLink is a numbered link in the pager.
type PagerLink struct {
	N       int
	Path    string
	Current bool
	Gap     bool // an ellipsis before this link
}

// pagedTitle is a list's title on the page pager is of: 第 N 页 after it
// past the first.
func pagedTitle(title string, pager Pager) string {
	if pager.N > 1 {
		return fmt.Sprintf("%s（第 %d 页）", title, pager.N)
	}
	return title
}

// PerPage is the length of every paginated list.
const PerPage = 100

// paginate calls fn for every page of n items listed at prefix (a path
// ending in /): page 1 at prefix, page k at prefix/page/k/.
func paginate(n int, prefix string, fn func(p string, pager Pager, lo, hi int) error) error {
	pages := max(1, (n+PerPage-1)/PerPage)
	at := func(k int) string {
		if k == 1 {
			return prefix
		}
		return fmt.Sprintf("%spage/%d/", prefix, k)
	}
	for k := 1; k <= pages; k++ {
		pg := Pager{N: k, Of: pages, Total: n}
		if k > 1 {
			pg.Prev = at(k - 1)
		}
		if k < pages {
			pg.Next = at(k + 1)
		}
		last := 0
		for _, j := range pagerWindow(k, pages) {
			pg.Pages = append(pg.Pages, PagerLink{N: j, Path: at(j), Current: j == k, Gap: last != 0 && j != last+1})
			last = j
		}
		lo, hi := (k-1)*PerPage, min(k*PerPage, n)
		if err := fn(at(k), pg, lo, hi); err != nil {
			return err
		}
	}
	return nil
}

// pagerWindow is 1, the two pages either side of k, and the last page.
// It looks at those pages only: a list of 18,000 pages (the announcements
// at 200,000 agencies) would otherwise walk every page for each page.
func pagerWindow(k, pages int) []int {
	out := make([]int, 0, 7)
	if k-2 > 1 {
		out = append(out, 1)
	}
	for j := max(1, k-2); j <= min(pages, k+2); j++ {
		out = append(out, j)
	}
	if k+2 < pages {
		out = append(out, pages)
	}
	return out
}

// sortedKeys returns m's keys in order.
func sortedKeys[K interface{ ~int | ~string }, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
