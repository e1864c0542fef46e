// Package serve is the local preview (`portal serve`): it builds the site,
// serves it over HTTP on loopback, watches content/, data/ and templates/
// with fsnotify, rebuilds after an edit and tells open pages to reload —
// or, when the edit broke the build, keeps serving the last good site and
// shows the diagnostics over every page until the error is fixed. It also
// answers /api/search from a bleve index with the static index's ranking.
package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"portal/generator/render"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"portal/generator"
	"portal/generator/diag"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/search"
)

// Options configure a preview.
type Options struct {
	Data, Content, Templates string // directories on disk, watched
	Out                      string // where the site is built
	AsOf                     model.Date
	Strict                   bool
	// Lang is the language of the diagnostics shown over the pages
	// (Chinese unless English is asked for).
	Lang     diag.Lang
	Bind     string // default 127.0.0.1
	Port     int    // 0: any free port
	CacheDir string // bleve indexes for /api/search
	Debounce time.Duration
	Log      io.Writer
}

// Status is the state of the last build, as /__portal/status reports it.
type Status struct {
	OK          bool     `json:"ok"`
	Diagnostics []string `json:"diagnostics"`
	Error       string   `json:"error,omitempty"`
	Version     int      `json:"version"` // counts successful builds
	Took        string   `json:"took"`
}

// Server is a running preview.
type Server struct {
	opt    Options
	URL    string // http://127.0.0.1:PORT/
	ln     net.Listener
	live   *broker
	status atomic.Pointer[Status]
	mu     sync.RWMutex // guards index: a search holds it to read, a new build's index replaces it
	index  *search.BleveIndex
	// indexAsOf and indexSite are the as-of date and site.toml of the
	// build index was made from, for what /api/search says of no match
	indexAsOf model.Date
	indexSite model.Site
	builds    chan struct{} // one value per finished build, for tests
	// builder holds what made the output and the last good build: the
	// fast path renders Markdown pages against the latter's register,
	// unless the last full build failed (then only a full build can clear
	// its errors)
	builder    generator.Builder
	removing   sync.WaitGroup // previous outputs being deleted
	statusMu   sync.Mutex
	fullFailed atomic.Bool
	indexed    chan struct{} // closed when /api/search has its first index
	// reindexes carries the newest successful build to the /api/search
	// indexer; an older one not yet taken is replaced.
	reindexes chan *generator.Result
}

// Listen binds the preview's address; Run serves on it.
func Listen(opt Options) (*Server, error) {
	if opt.Bind == "" {
		opt.Bind = "127.0.0.1"
	}
	if opt.Debounce == 0 {
		opt.Debounce = 80 * time.Millisecond
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(opt.Bind, strconv.Itoa(opt.Port)))
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	host := opt.Bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	if ip := net.ParseIP(opt.Bind); opt.Bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(opt.Log, "warning: the preview listens on %s, not only on this machine: anyone who can reach it sees the site, its drafts and its errors\n", opt.Bind)
	}
	s := &Server{opt: opt, ln: ln, live: newBroker(), builds: make(chan struct{}, 64), reindexes: make(chan *generator.Result, 1), indexed: make(chan struct{}),
		URL: "http://" + net.JoinHostPort(host, strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)) + "/"}
	s.status.Store(&Status{})
	return s, nil
}

// Addr is the address the preview listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Handler is the preview's HTTP handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(livePath+"events", s.live)
	mux.HandleFunc(livePath+"live.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		io.WriteString(w, liveJS)
	})
	mux.HandleFunc(livePath+"status", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-cache")
		json.NewEncoder(w).Encode(s.status.Load())
	})
	mux.HandleFunc("/api/search", s.apiSearch)
	mux.Handle("/", files{root: s.opt.Out, inject: injectLive})
	return s.guard(mux)
}

// guard answers only requests addressed to the preview itself — a Host of
// a loopback name or the address it is bound to — so that a web page
// cannot reach it through a DNS name rebound to 127.0.0.1; and it sends
// the headers a deployment should send (portal nginx-config prints them).
func (s *Server) guard(next http.Handler) http.Handler {
	own := map[string]bool{"localhost": true}
	bound := net.ParseIP(s.opt.Bind)
	anyAddr := bound != nil && bound.IsUnspecified()
	for _, h := range []string{s.opt.Bind, s.ln.Addr().(*net.TCPAddr).IP.String()} {
		own[strings.Trim(h, "[]")] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.Trim(strings.ToLower(host), "[]")
		ip := net.ParseIP(host)
		// a rebound DNS name is refused; an address typed as digits is the
		// preview's own when it listens on every address (shared on purpose)
		shared := ip != nil && anyAddr
		if !own[host] && !strings.HasSuffix(host, ".localhost") && (ip == nil || !ip.IsLoopback()) && !shared {
			http.Error(w, "portal serve answers only requests to its own address (Host "+r.Host+" refused: DNS rebinding protection)", http.StatusMisdirectedRequest)
			return
		}
		SecurityHeaders(w.Header())
		next.ServeHTTP(w, r)
	})
}

// SecurityHeaders sets the headers every response of the site should
// carry: the pages' policy with frame-ancestors, no MIME sniffing, no
// referrer beyond the origin.
func SecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", render.ContentSecurityPolicy+"; "+render.FrameAncestors)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("X-Frame-Options", "DENY")
}

// Run builds the site, serves it and rebuilds on every change until ctx is
// done; then it shuts the server down and returns once every goroutine it
// started has ended.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 60 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	var wg sync.WaitGroup
	errc := make(chan error, 2)
	// watch first, so that no edit made after the first build is missed
	changed := make(chan []string)
	ready := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := watch(ctx, []string{s.opt.Data, s.opt.Content, s.opt.Templates}, s.opt.Debounce, changed, ready); err != nil {
			errc <- fmt.Errorf("serve: watching: %w", err)
			cancel()
		}
	}()
	<-ready
	wg.Add(1)
	go func() { defer wg.Done(); s.indexer(ctx) }()
	s.rebuild(ctx, nil)
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- err
			cancel()
		}
	}()
	fmt.Fprintf(s.opt.Log, "serving %s on %s (Ctrl-C to stop)\n", s.opt.Out, s.URL)
	// A full build runs in the background so that the next edit can cancel
	// it; a Markdown edit is first shown by the fast path (only the
	// Markdown pages, in milliseconds), then the full build follows.
	// A cancelled build is not waited for before the fast path (it may be
	// reading CSV files for a second more); its publish step takes the
	// builder's lock and then sees the cancellation, so it never swaps in a stale site
	// over the fast path's pages. The next full build starts once it ended.
	var full *background
	pending := false // a full build was cancelled and not redone yet
loop:
	for {
		select {
		case <-ctx.Done():
			if full != nil {
				full.cancel()
				<-full.done
			}
			break loop
		case names := <-changed:
			prev := full
			if prev != nil {
				prev.cancel()
				pending = pending || !prev.finished.Load()
				full = nil
			}
			if s.markdownOnly(names) && !s.fullFailed.Load() {
				if ok := s.fastPath(ctx, names); !ok && !pending {
					continue // the overlay shows the error; a full build would fail the same way
				}
			}
			fctx, fcancel := context.WithCancel(ctx)
			f := &background{cancel: fcancel, done: make(chan struct{})}
			full, pending = f, false
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer close(f.done)
				if prev != nil {
					<-prev.done // one build's memory at a time
				}
				if fctx.Err() == nil && s.rebuild(fctx, names) {
					f.finished.Store(true)
				}
			}()
		}
	}
	shut, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	err := srv.Shutdown(shut) // the event streams end with ctx
	wg.Wait()
	s.removing.Wait()
	s.builder.DropSpare(s.opt.Out) // no later build of this preview will use it
	s.mu.Lock()
	if s.index != nil {
		s.index.Close()
		s.index = nil
	}
	s.mu.Unlock()
	select {
	case e := <-errc:
		return e
	default:
	}
	return err
}

// background is a full build running in its own goroutine.
type background struct {
	cancel   context.CancelFunc
	done     chan struct{}
	finished atomic.Bool // it ran to the end (successful or not), not cancelled
}

func (s *Server) config() generator.BuildConfig {
	return generator.BuildConfig{
		Config:    generator.Config{Data: load.OSDir(s.opt.Data), Content: load.OSDir(s.opt.Content), AsOf: s.opt.AsOf, Strict: s.opt.Strict, BaseURL: s.URL},
		Templates: os.DirFS(s.opt.Templates), TemplatesName: s.opt.Templates, Out: s.opt.Out,
		// a preview publishes nothing: deleting an agency's rows while
		// editing shows the site without it (portal build still refuses)
		AllowRemovals: generator.Allowance{Percent: 100},
	}
}

// update changes the status under statusMu (the fast path and a full build
// winding down may both report).
func (s *Server) update(fn func(prev *Status) *Status) *Status {
	s.statusMu.Lock()
	defer s.statusMu.Unlock()
	st := fn(s.status.Load())
	s.status.Store(st)
	return st
}

// markdownOnly reports whether every changed file is Markdown under
// content/ (site.toml, data and templates reach every page), with a full
// build to render against.
func (s *Server) markdownOnly(changed []string) bool {
	if len(changed) == 0 || s.builder.Good() == nil {
		return false
	}
	for _, name := range changed {
		rel, err := filepath.Rel(s.opt.Content, name)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.Ext(name) != ".md" {
			return false
		}
	}
	return true
}

// fastPath shows a Markdown edit at once: the Markdown pages are rendered
// again and the changed ones rewritten, and pages showing them reload. It
// reports false when the edit has errors (the overlay shows them).
func (s *Server) fastPath(ctx context.Context, changed []string) bool {
	t0 := time.Now()
	res, pages, err := s.builder.RenderContent(ctx, s.config())
	if errors.Is(err, generator.ErrFullBuild) {
		return true
	}
	if err != nil {
		s.failed(res, err, t0)
		return false
	}
	st := s.update(func(prev *Status) *Status {
		return &Status{OK: true, Version: prev.Version + 1, Took: time.Since(t0).Round(time.Millisecond).String(), Diagnostics: []string{}}
	})
	s.live.publish("reload", reloadData(st.Version, pages, true))
	fmt.Fprintf(s.opt.Log, "updated %d pages in %s%s; the full build follows\n", len(pages), st.Took, describe(changed))
	return true
}

// rebuild builds the site; on success open pages whose files changed
// reload, on failure every page shows the diagnostics and the last good
// site stays served. It reports whether the build ran to its end.
func (s *Server) rebuild(ctx context.Context, changed []string) bool {
	t0 := time.Now()
	// files of agencies the edit did not touch are carried over
	res, rep, err := s.builder.Build(ctx, s.config())
	if rep.RemoveOld != nil {
		// the old tree goes after the reload event, not before, and in the
		// background: removing 180,000 files takes a second or two, which
		// the next edit's build need not wait for
		defer func() {
			s.removing.Add(1)
			go func() {
				defer s.removing.Done()
				if err := rep.RemoveOld(); err != nil {
					fmt.Fprintf(s.opt.Log, "removing the previous output: %v\n", err)
				}
			}()
		}()
	}
	if ctx.Err() != nil {
		return false
	}
	s.fullFailed.Store(err != nil)
	if err != nil {
		s.failed(res, err, t0)
	} else {
		st := s.update(func(prev *Status) *Status {
			return &Status{OK: true, Version: prev.Version + 1, Took: time.Since(t0).Round(time.Millisecond).String(), Diagnostics: []string{}}
		})
		s.live.publish("reload", reloadData(st.Version, rep.Changed, false))
		kept := ""
		if n := rep.KeptPages + rep.KeptRecords; n > 0 {
			kept = fmt.Sprintf("; %d files of untouched agencies kept", n)
		}
		if rep.KeptData > 0 {
			kept += fmt.Sprintf("; %d open-data files of unchanged tables kept", rep.KeptData)
		}
		if rep.CopiedRuns > 0 {
			kept += fmt.Sprintf("; %d runs of unchanged rows copied into changed open-data files", rep.CopiedRuns)
		}
		if rep.KeptIndex > 0 {
			kept += fmt.Sprintf("; the search index kept (%d files)", rep.KeptIndex)
		}
		fmt.Fprintf(s.opt.Log, "built in %s%s%s (%s)\n", st.Took, describe(changed), kept, res.Stages())
		select { // the indexer takes the newest build
		case <-s.reindexes:
		default:
		}
		s.reindexes <- res
	}
	select {
	case s.builds <- struct{}{}:
	default:
	}
	return true
}

// failed shows a failed build's diagnostics on every open page.
func (s *Server) failed(res *generator.Result, err error, t0 time.Time) {
	st := &Status{OK: false, Took: time.Since(t0).Round(time.Millisecond).String(), Diagnostics: []string{}}
	if res != nil && res.Diags != nil {
		for _, d := range res.Diags.Sorted() {
			if d.Severity == diag.Error || s.opt.Strict {
				st.Diagnostics = append(st.Diagnostics, d.In(s.opt.Lang))
			}
		}
	}
	var ie *generator.InputError
	if !errors.As(err, &ie) {
		st.Error = err.Error()
	}
	s.update(func(prev *Status) *Status { st.Version = prev.Version; return st })
	b, _ := json.Marshal(st)
	s.live.publish("failed", string(b))
	fmt.Fprintf(s.opt.Log, "build failed (%s): %v\n", st.Took, err)
	for _, d := range st.Diagnostics {
		fmt.Fprintln(s.opt.Log, "  "+d)
	}
}

// maxReloadPages is how many changed pages a reload event names; beyond
// it (or when a stylesheet or script changed) every open page reloads.
const maxReloadPages = 2000

// reloadData is a reload event's data: the version, whether a full build
// follows ("partial"), and the URL paths of the pages that changed — or
// null, meaning every page (the first build, or too many to list).
func reloadData(version int, files []string, partial bool) string {
	b, _ := json.Marshal(struct {
		Version int      `json:"version"`
		Partial bool     `json:"partial"`
		Pages   []string `json:"pages"`
	}{version, partial, changedPages(files)})
	return string(b)
}

// changedPages turns changed output files into the URL paths of the pages
// among them, sorted; nil means every page.
func changedPages(files []string) []string {
	if files == nil {
		return nil
	}
	pages := []string{}
	for _, f := range files {
		switch {
		case strings.HasPrefix(f, "static/"): // a stylesheet or a script is on every page
			return nil
		case f == "index.html" || strings.HasSuffix(f, "/index.html"):
			pages = append(pages, "/"+strings.TrimSuffix(f, "index.html"))
		case strings.HasSuffix(f, ".html"):
			pages = append(pages, "/"+f)
		}
		if len(pages) > maxReloadPages {
			return nil
		}
	}
	slices.Sort(pages)
	return pages
}

func describe(changed []string) string {
	switch len(changed) {
	case 0:
		return ""
	case 1:
		return " after a change to " + changed[0]
	}
	return fmt.Sprintf(" after changes to %d files", len(changed))
}

// indexer gives /api/search the documents of each new build, one build at
// a time and off the rebuild path (bleve takes seconds on a national
// register), until ctx is done.
func (s *Server) indexer(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case res := <-s.reindexes:
			s.reindex(res)
		}
	}
}

// reindex gives /api/search the documents of a build (from the cache when
// they are unchanged).
func (s *Server) reindex(res *generator.Result) {
	dir := s.opt.CacheDir
	if dir == "" {
		return
	}
	ix, err := search.OpenBleve(dir, search.Docs(res.Register, res.Content))
	if err != nil {
		fmt.Fprintf(s.opt.Log, "search index: %v\n", err)
		return
	}
	s.mu.Lock()
	if s.index != nil {
		s.index.Close()
	} else {
		close(s.indexed)
	}
	s.index, s.indexAsOf, s.indexSite = ix, res.AsOf, res.Content.Site
	s.mu.Unlock()
}

// apiSearch answers /api/search?q=…[&n=10] with the bleve index, ranked
// as the static index ranks.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	if q := r.URL.Query().Get("q"); utf8.RuneCountInString(q) > search.MaxQuery {
		http.Error(w, fmt.Sprintf("the query has %d characters; at most %d are searched", utf8.RuneCountInString(q), search.MaxQuery), http.StatusBadRequest)
		return
	}
	if s.opt.CacheDir != "" { // the first index takes seconds on a national register: wait for it
		select {
		case <-s.indexed:
		case <-r.Context().Done():
			return
		case <-time.After(time.Minute):
		}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ix := s.index
	if ix == nil {
		http.Error(w, "the search index is not ready", http.StatusServiceUnavailable)
		return
	}
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil || n <= 0 || n > 100 {
		n = 10
	}
	res, err := ix.Find(r.URL.Query().Get("q"), n)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	type hit struct {
		Name string `json:"name"`
		URL  string `json:"url"`
		Kind string `json:"kind"`
		*search.AgencyResult
		Tier int `json:"tier"`
	}
	out := struct {
		Query       string   `json:"query"`
		Total       int      `json:"total"`
		Hits        []hit    `json:"hits"`
		CodeProblem string   `json:"code_problem,omitempty"` // a code that cannot be valid: hits are what it most likely means
		NotFound    []string `json:"not_found,omitempty"`    // nothing matches: what that means (search.NotFound)
		// the branch the query names, which the register has no record
		// of: the hits are its head office (search.HeadOfficeWords)
		HeadOfficeOf string `json:"head_office_of,omitempty"`
	}{Query: r.URL.Query().Get("q"), Total: res.Total, Hits: []hit{}, CodeProblem: res.Code.Problem, HeadOfficeOf: res.HeadOfficeOf}
	if len(res.Hits) == 0 && res.Code.Problem == "" {
		out.NotFound = search.NotFound(s.indexAsOf, s.indexSite.Province, s.indexSite.Report)
	}
	for _, h := range res.Hits {
		d := h.Doc
		x := hit{Name: d.Name, URL: "/" + d.Path, Kind: d.Kind.Label(), Tier: int(h.Tier)}
		if d.Kind == search.KindAgency {
			x.AgencyResult = search.AgencyResultOf(d, d.Status, d.Verdict)
		}
		out.Hits = append(out.Hits, x)
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(out)
}
