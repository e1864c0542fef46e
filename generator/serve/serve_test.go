package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"portal/generator/model"
	"portal/internal/testsite"
)

// preview starts a preview of a copy of the demo site on a random port.
func preview(t *testing.T, withSearch bool) (*Server, string) {
	t.Helper()
	return previewOf(t, filepath.Join("..", "..", "data"), withSearch)
}

// previewOf starts a preview of a copy of data with the repository's
// content and templates.
func previewOf(t *testing.T, data string, withSearch bool, edit ...func(*Options)) (*Server, string) {
	t.Helper()
	dir := t.TempDir()
	testsite.CopyDir(t, data, filepath.Join(dir, "data"))
	for _, d := range []string{"content", "templates"} {
		testsite.CopyDir(t, filepath.Join("..", "..", d), filepath.Join(dir, d))
	}
	opt := Options{Data: filepath.Join(dir, "data"), Content: filepath.Join(dir, "content"), Templates: filepath.Join(dir, "templates"),
		Out: filepath.Join(dir, "public"), AsOf: model.MakeDate(2026, 11, 21), Debounce: 50 * time.Millisecond}
	if withSearch {
		opt.CacheDir = filepath.Join(dir, "cache")
	}
	for _, e := range edit {
		e(&opt)
	}
	s, err := Listen(opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(time.Minute):
			t.Error("Run did not return after cancel")
		}
	}
	stops.Store(s, stop)
	t.Cleanup(stop)
	s.waitBuild(t)
	return s, dir
}

// stops holds each preview's stop: cancel its Run and wait for it (a
// second call does nothing).
var stops sync.Map

// stopPreview stops s before the test ends.
func stopPreview(s *Server) { f, _ := stops.Load(s); f.(func())() }

func (s *Server) waitBuild(t *testing.T) {
	t.Helper()
	select {
	case <-s.builds:
	case <-time.After(3 * time.Minute):
		t.Fatal("no build finished")
	}
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return r.StatusCode, string(b), r.Header
}

// events subscribes to the preview's event stream.
func events(t *testing.T, s *Server) <-chan string {
	t.Helper()
	req, _ := http.NewRequest("GET", s.URL+"__portal/events", nil)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	r, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan string, 16)
	go func() {
		defer r.Body.Close()
		sc := bufio.NewScanner(r.Body)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && name != "":
				out <- name + " " + strings.TrimPrefix(line, "data: ")
				name = ""
			}
		}
	}()
	for s.live.subscribers() == 0 { // subscribed before anything is edited
		time.Sleep(5 * time.Millisecond)
	}
	return out
}

func next(t *testing.T, evs <-chan string, want string) string {
	t.Helper()
	select {
	case e := <-evs:
		if !strings.HasPrefix(e, want+" ") {
			t.Fatalf("event %q, want %s", e, want)
		}
		return e
	case <-time.After(3 * time.Minute):
		t.Fatalf("no %s event", want)
	}
	return ""
}

// nextFull skips the fast path's partial reloads to the event of the full
// build that follows them.
func nextFull(t *testing.T, evs <-chan string, want string) string {
	t.Helper()
	for {
		e := next(t, evs, want)
		if !strings.Contains(e, `"partial":true`) {
			return e
		}
	}
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A web team edits a news item, then a data row: each time the new text is
// served and open pages are told to reload. A broken edit keeps the last
// good page, reports the diagnostic (file:line:col) to every page, and
// fixing it reloads. /api/search answers with the bleve index.
func TestEditRebuildReload(t *testing.T) {
	var log syncBuffer
	s, dir := previewOf(t, filepath.Join("..", "..", "data"), true, func(o *Options) { o.Log = &log })
	if a, ok := s.Addr().(*net.TCPAddr); !ok || !a.IP.IsLoopback() {
		t.Errorf("listening on %v, want loopback", s.Addr())
	}
	evs := events(t, s)

	news := filepath.Join(dir, "content", "news", "2025-01-portal-launch.md")
	b, _ := os.ReadFile(news)
	line := strings.SplitN(strings.SplitN(string(b), "\n---\n", 2)[1], "\n", 3)[1]
	register := filepath.Join(dir, "public", "register", "index.html")
	untouched, err := os.Stat(register)
	if err != nil {
		t.Fatal(err)
	}
	edit(t, news, line, line+"本句为预览测试新增。")
	// first the fast path: the news page alone, before the full build
	if e := next(t, evs, "reload"); !strings.Contains(e, `"partial":true`) || !strings.Contains(e, `"pages":["/news/2025-01-portal-launch/"]`) {
		t.Errorf("the first reload after a Markdown edit is %s, want the fast path's, naming the news page", e)
	}
	if code, page, h := get(t, s.URL+"news/2025-01-portal-launch/"); code != 200 || !strings.Contains(page, "本句为预览测试新增。") {
		t.Errorf("edited news: %d, new text served: %v", code, strings.Contains(page, "本句为预览测试新增。"))
	} else if !strings.Contains(page, `<script src="/__portal/live.js" defer></script></head>`) || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("page lacks the live-reload script or has content type %q", h.Get("Content-Type"))
	}
	// then the full build, which reloads the pages it changed (the search
	// page links the new index; the news page is as the fast path wrote it)
	if e := nextFull(t, evs, "reload"); !strings.Contains(e, `"/search/"`) || strings.Contains(e, `"/news/2025-01-portal-launch/"`) {
		t.Errorf("the full build's reload event: %s", e)
	}
	if now, err := os.Stat(register); err != nil || !os.SameFile(untouched, now) || !now.ModTime().Equal(untouched.ModTime()) {
		t.Error("a page the edit did not change was rewritten")
	}

	licences := filepath.Join(dir, "data", "licences.csv")
	rows, _ := os.ReadFile(licences)
	// an agency with one decision: its page shows that row's 住所
	lines := strings.Split(string(rows), "\n")
	count := map[string]int{}
	for _, l := range lines[1:] {
		if f := strings.Split(l, ","); len(f) > 1 {
			count[f[1]]++
		}
	}
	var fields []string
	for _, l := range lines[1:] {
		if f := strings.Split(l, ","); len(f) > 9 && count[f[1]] == 1 && !strings.Contains(l, "\"") {
			fields = f
			break
		}
	}
	code, address := fields[1], fields[3]
	edit(t, licences, address, address+"（预览测试）")
	next(t, evs, "reload")
	if _, page, _ := get(t, s.URL+"agencies/"+code+"/"); !strings.Contains(page, address+"（预览测试）") {
		t.Errorf("edited data row: the agency page does not show the new address")
	}
	// the other agencies' pages, feeds and records were carried over, not
	// made again, and so were the open data's tables other than the
	// decisions and the register, and the search index (an address is in
	// no search result): the build says so in its log line, which it may
	// write just after the reload event
	kept := regexp.MustCompile(`licences\.csv; (\d+) files of untouched agencies kept; [1-9]\d* open-data files of unchanged tables kept; the search index kept \(\d+ files\)`)
	for deadline := time.Now().Add(5 * time.Second); kept.FindStringSubmatch(log.String()) == nil && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if m := kept.FindStringSubmatch(log.String()); m == nil || m[1] == "0" {
		t.Errorf("the data edit's build did not keep the untouched agencies' files and the search index:\n%s", log.String())
	}

	before := func() string { _, p, _ := get(t, s.URL+"agencies/"+code+"/"); return p }()
	edit(t, licences, code+","+fields[2]+","+address+"（预览测试）,"+fields[4]+","+fields[5]+","+fields[6]+","+fields[7]+","+fields[8]+",",
		code+","+fields[2]+","+address+"（预览测试）,"+fields[4]+","+fields[5]+","+fields[6]+","+fields[7]+",2014-13-45,") // its 许可决定日期
	e := next(t, evs, "failed")
	if !regexp.MustCompile(`licences\.csv:\d+:\d+: [^"]*\\"2014-13-45\\"`).MatchString(e) {
		t.Errorf("failed event lacks the diagnostic: %s", e)
	}
	if _, page, _ := get(t, s.URL+"agencies/"+code+"/"); page != before {
		t.Error("after a broken edit the last good page is not what is served")
	}
	_, st, _ := get(t, s.URL+"__portal/status")
	var status Status
	if err := json.Unmarshal([]byte(st), &status); err != nil || status.OK || len(status.Diagnostics) == 0 {
		t.Errorf("status after a broken edit: %s", st)
	}
	edit(t, licences, ","+fields[7]+",2014-13-45,", ","+fields[7]+","+fields[8]+",")
	next(t, evs, "reload")
	if _, st, _ := get(t, s.URL+"__portal/status"); !strings.Contains(st, `"ok":true`) {
		t.Errorf("status after the fix: %s", st)
	}

	_, body, h := get(t, s.URL+"api/search?q="+code)
	var res struct {
		Total int
		Hits  []struct{ Code, Name string }
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil || len(res.Hits) != 1 || res.Hits[0].Code != code || h.Get("Content-Type") != "application/json" {
		t.Errorf("/api/search?q=%s: %s (%v)", code, body, err)
	}
	// what no match means, as the search box says it; a mistyped code's check
	var none struct {
		Hits        []struct{ Name string }
		CodeProblem string   `json:"code_problem"`
		NotFound    []string `json:"not_found"`
	}
	_, body, _ = get(t, s.URL+"api/search?q=91440000MA5XXXXX0G")
	if err := json.Unmarshal([]byte(body), &none); err != nil || len(none.Hits) != 0 || len(none.NotFound) == 0 || !strings.Contains(strings.Join(none.NotFound, ""), "外省") || strings.Contains(body, "没有取得") {
		t.Errorf("/api/search, no match: %s (%v)", body, err)
	}
	none.NotFound = nil
	_, body, _ = get(t, s.URL+"api/search?q="+code[:17])
	if err := json.Unmarshal([]byte(body), &none); err != nil || none.CodeProblem == "" || none.NotFound != nil {
		t.Errorf("/api/search?q=%s (17 characters): %s (%v)", code[:17], body, err)
	}
	if st, _, _ := get(t, s.URL+"api/search?q="+strings.Repeat("劳", 201)); st != http.StatusBadRequest {
		t.Errorf("/api/search, 201 characters: %d", st)
	}
	if r, err := http.Post(s.URL+"api/search?q=x", "text/plain", nil); err != nil || r.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/search: %v %v", r.StatusCode, err)
	} else {
		r.Body.Close()
	}
}

// A directory created after the preview started is watched too (fsnotify
// is not recursive); a save by rename and a template edit are rebuilt.
func TestWatchNewDirectory(t *testing.T) {
	s, dir := preview(t, false)
	evs := events(t, s)
	sub := filepath.Join(dir, "content", "pages", "drafts")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	next(t, evs, "reload") // the new directory is an event too
	os.Remove(sub)
	next(t, evs, "reload")
	// the editor writes to a new file and renames it over the old one
	about := filepath.Join(dir, "content", "pages", "about.md")
	b, _ := os.ReadFile(about)
	tmp := filepath.Join(dir, "content", "pages", ".about.md.tmp")
	os.WriteFile(tmp, []byte(strings.Replace(string(b), "\n---\n", "\n---\n\n换名保存的新段落。\n", 1)), 0o644)
	if err := os.Rename(tmp, about); err != nil {
		t.Fatal(err)
	}
	e := next(t, evs, "reload")
	if _, page, _ := get(t, s.URL+"about/"); !strings.Contains(page, "换名保存的新段落。") {
		t.Error("a save by rename was not rebuilt")
	}
	if strings.Contains(e, `"partial":true`) {
		nextFull(t, evs, "reload")
	}
	// a template edit re-renders the pages made from it
	edit(t, filepath.Join(dir, "templates", "pages", "faq.html"), `{{define "content"}}`, `{{define "content"}}<p>模板修改测试</p>`)
	next(t, evs, "reload")
	if _, page, _ := get(t, s.URL+"faq/"); !strings.Contains(page, "<p>模板修改测试</p>") {
		t.Error("a template edit was not rebuilt")
	}
}

// Nothing outside the output directory is ever served: not with "..",
// not percent-encoded, not as an absolute path, not through a symbolic
// link; directories have no listing; a missing file gets the site's 404.
func TestNoTraversal(t *testing.T) {
	s, dir := preview(t, false)
	secret := filepath.Join(dir, "secret.txt")
	os.WriteFile(secret, []byte("TOP SECRET"), 0o644)
	os.Symlink(secret, filepath.Join(dir, "public", "link.txt"))
	os.Symlink(dir, filepath.Join(dir, "public", "linkdir"))
	host := s.Addr().String()
	for _, p := range []string{"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt", "/static/../../secret.txt",
		"//" + secret, "/" + secret, "/link.txt", "/linkdir/secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt"} {
		c, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(c, "GET "+p+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		b, _ := io.ReadAll(c)
		c.Close()
		if strings.Contains(string(b), "TOP SECRET") {
			t.Errorf("GET %s served a file outside the site", p)
		}
		if status := strings.SplitN(string(b), " ", 3); len(status) < 2 || (status[1] != "404" && status[1] != "400" && status[1] != "301" && status[1] != "307") {
			t.Errorf("GET %s: %q", p, strings.SplitN(string(b), "\r\n", 2)[0])
		}
	}
	if code, page, _ := get(t, s.URL+"static/"); code != 404 || !strings.Contains(page, "页面不存在") {
		t.Errorf("a directory without index.html: %d (want the site's 404)", code)
	}
	if code, _, _ := get(t, s.URL+"no/such/page/"); code != 404 {
		t.Errorf("missing page: %d", code)
	}
	for p, want := range map[string]string{"": "text/html; charset=utf-8", "data/register.csv": "text/csv; charset=utf-8",
		"data/register.json": "application/json", "announcements/index.xml": "application/atom+xml"} {
		if code, _, h := get(t, s.URL+p); code != 200 || h.Get("Content-Type") != want {
			t.Errorf("/%s: %d %q, want %q", p, code, h.Get("Content-Type"), want)
		}
	}
	if code, _, h := get(t, s.URL+"register"); code != 200 || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("/register (redirected to /register/): %d", code)
	}
}

// Run leaves no goroutine behind.
func TestShutdownLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Run("serve", func(t *testing.T) {
		s, _ := preview(t, true)
		events(t, s)
	})
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines before, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

// TestMeasureReload, with PORTAL_MEASURE_DATA=DIR (e.g. the 50,000-agency
// demo set), measures the time from saving a Markdown file, and from saving
// a data row, to the reload event (BENCHMARKS.md).
func TestMeasureReload(t *testing.T) {
	data := os.Getenv("PORTAL_MEASURE_DATA")
	if data == "" {
		t.Skip("set PORTAL_MEASURE_DATA to a data directory to measure")
	}
	s, dir := previewOf(t, data, false, func(o *Options) { o.Log = buildLog{t} })
	evs := events(t, s)
	news := filepath.Join(dir, "content", "news", "2025-01-portal-launch.md")
	licences := filepath.Join(dir, "data", "licences.csv")
	for i := range 3 {
		t0 := time.Now()
		edit(t, news, "\n---\n", fmt.Sprintf("\n---\n\n第 %d 次修改。\n", i))
		next(t, evs, "reload")
		t.Logf("Markdown edit → reload event: %v", time.Since(t0).Round(time.Millisecond))
		if i == 1 { // the others are cancelled by the next edit
			nextFull(t, evs, "reload")
			t.Logf("Markdown edit → the full build's reload event: %v", time.Since(t0).Round(time.Millisecond))
		}
	}
	nextFull(t, evs, "reload")
	rows, _ := os.ReadFile(licences)
	addr := strings.Split(strings.Split(string(rows), "\n")[1], ",")[3]
	for i := range 2 {
		t0 := time.Now()
		edit(t, licences, addr, addr+fmt.Sprint(i))
		addr += fmt.Sprint(i)
		next(t, evs, "reload")
		t.Logf("data row edit → reload event: %v", time.Since(t0).Round(time.Millisecond))
	}
}

func TestChangedPages(t *testing.T) {
	for _, c := range []struct {
		files []string
		want  []string
	}{
		{nil, nil},
		{[]string{}, []string{}},
		{[]string{"news/x/index.html", "index.html", "404.html", "search/ab12/t/3.bin", "sitemap.xml"}, []string{"/", "/404.html", "/news/x/"}},
		{[]string{"faq/index.html", "static/style.css"}, nil},
	} {
		if got := changedPages(c.files); !slices.Equal(got, c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("changedPages(%q) = %q, want %q", c.files, got, c.want)
		}
	}
	many := make([]string, maxReloadPages+1)
	for i := range many {
		many[i] = fmt.Sprintf("agencies/%d/index.html", i)
	}
	if got := changedPages(many); got != nil {
		t.Errorf("%d changed pages are named one by one", len(many))
	}
}

// buildLog passes the preview's lines about builds to the test log.
type buildLog struct{ t *testing.T }

func (l buildLog) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimSpace(string(p)), "\n") {
		if strings.HasPrefix(line, "built") || strings.HasPrefix(line, "updated") {
			l.t.Log("preview: " + line)
		}
	}
	return len(p), nil
}

// syncBuffer is a log the preview writes from its goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// The preview keeps the release each build replaces beside the output for
// its next build (publish.Spare); when it stops, nothing will use it, and
// it is deleted — the preview leaves only the output behind.
func TestStopLeavesNoSpare(t *testing.T) {
	s, dir := preview(t, false)
	evs := events(t, s)
	edit(t, filepath.Join(dir, "data", "grades.csv"), ",A,", ",B,")
	nextFull(t, evs, "reload")
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.spare-*")); len(left) != 1 {
		t.Fatalf("after a rebuild: %v, want the spare of the release it replaced", left)
	}
	stopPreview(s)
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.spare-*")); len(left) != 0 {
		t.Errorf("the preview stopped and left %v", left)
	}
}
