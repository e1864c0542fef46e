package serve

import (
	"bytes"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// broker sends server-sent events to every open page.
type broker struct {
	mu   sync.Mutex
	subs map[chan event]struct{}
}

type event struct{ name, data string }

func newBroker() *broker { return &broker{subs: map[chan event]struct{}{}} }

func (b *broker) publish(name, data string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.subs {
		select {
		case c <- event{name, data}:
		default: // a page that does not read is not waited for
		}
	}
}

func (b *broker) subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// ServeHTTP is the event stream: "reload" after a successful rebuild,
// "failed" (the diagnostics as JSON) after a failed one.
func (b *broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 8)
	b.mu.Lock()
	b.subs[c] = struct{}{}
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		delete(b.subs, c)
		b.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	fmt.Fprint(w, "retry: 1000\n\n")
	fl.Flush()
	keep := time.NewTicker(15 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-keep.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			fl.Flush()
		case ev := <-c:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
			fl.Flush()
		}
	}
}

// livePath is where the preview's own files are served from.
const livePath = "/__portal/"

// injectLive adds the live-reload script to a page's head.
func injectLive(page []byte) []byte {
	tag := []byte(`<script src="` + livePath + `live.js" defer></script>`)
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return page
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// liveJS reloads the page after a rebuild and, while the last rebuild has
// failed, shows its diagnostics over the page (the page itself is the last
// good build). A file, not an inline script, so the pages' CSP still holds.
const liveJS = `(function () {
  'use strict';
  var overlay = null;
  function show(st) {
    if (overlay) { overlay.remove(); overlay = null; }
    if (st.ok) return;
    overlay = document.createElement('section');
    overlay.id = 'portal-build-error';
    overlay.setAttribute('role', 'alert');
    var s = overlay.style;
    s.position = 'fixed'; s.left = '0'; s.right = '0'; s.bottom = '0'; s.maxHeight = '60vh'; s.overflow = 'auto';
    s.background = '#fff'; s.color = '#1a1a1a'; s.borderTop = '4px solid #a31515'; s.padding = '0.75rem 1rem';
    s.font = '0.9rem/1.5 ui-monospace, monospace'; s.zIndex = '2147483647'; s.boxShadow = '0 -2px 8px rgba(0,0,0,.3)';
    var h = document.createElement('h2');
    h.textContent = '构建失败：下面是错误；页面仍是上一次成功构建的内容。改正后会自动刷新。';
    h.style.margin = '0 0 0.5rem'; h.style.fontSize = '1rem'; h.style.color = '#a31515';
    overlay.appendChild(h);
    var ul = document.createElement('ul');
    ul.style.margin = '0'; ul.style.paddingLeft = '1.2rem';
    (st.diagnostics || []).concat(st.error ? [st.error] : []).forEach(function (d) {
      var li = document.createElement('li');
      li.textContent = d;
      ul.appendChild(li);
    });
    overlay.appendChild(ul);
    document.body.appendChild(overlay);
  }
  fetch('` + livePath + `status').then(function (r) { return r.json(); }).then(show).catch(function () {});
  var es = new EventSource('` + livePath + `events');
  es.addEventListener('open', function () { document.documentElement.dataset.portalLive = 'open'; });
  // a reload event names the pages that changed (null: all); a page with
  // the error overlay reloads whatever changed
  es.addEventListener('reload', function (e) {
    var m = null;
    try { m = JSON.parse(e.data); } catch (x) {}
    if (overlay || !m || !m.pages || m.pages.indexOf(location.pathname) >= 0) location.reload();
  });
  es.addEventListener('failed', function (e) { show(JSON.parse(e.data)); });
})();
`
