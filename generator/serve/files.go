package serve

import (
	"bytes"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// contentTypes are the site's file types; everything text is UTF-8.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".jsonl": "application/jsonl; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".xml":   "application/atom+xml",
	".txt":   "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".bin":   "application/octet-stream",
}

func contentType(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if strings.HasPrefix(path.Base(name), "sitemap") { // sitemap.xml and its parts are not Atom
		return "application/xml"
	}
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// files serves the built site under root: index.html for a directory, the
// site's 404.html for anything missing, never a directory listing, and
// nothing outside root — not by "..", not percent-encoded, not through a
// symbolic link. inject, when set, may rewrite an HTML page on its way out
// (live reload).
type files struct {
	root   string
	inject func([]byte) []byte
}

// resolve maps a URL path to a regular file inside the root, or "".
func (f files) resolve(urlPath string) (string, bool) {
	// r.URL.Path is already percent-decoded: "%2e%2e" arrives as "..".
	if strings.Contains(urlPath, "\x00") || strings.Contains(urlPath, "\\") {
		return "", false
	}
	for _, seg := range strings.Split(urlPath, "/") {
		if seg == ".." {
			return "", false
		}
	}
	clean := path.Clean("/" + urlPath)
	root, err := filepath.EvalSymlinks(f.root)
	if err != nil {
		return "", false
	}
	name := filepath.Join(root, filepath.FromSlash(clean))
	st, err := os.Stat(name)
	if err == nil && st.IsDir() {
		if !strings.HasSuffix(urlPath, "/") {
			return clean + "/", true // redirect to the directory's URL
		}
		name = filepath.Join(name, "index.html")
	}
	real, err := filepath.EvalSymlinks(name)
	if err != nil || (real != root && !strings.HasPrefix(real, root+string(filepath.Separator))) {
		return "", false
	}
	if st, err := os.Stat(real); err != nil || !st.Mode().IsRegular() {
		return "", false
	}
	return real, false
}

func (f files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, redirect := f.resolve(r.URL.Path)
	if redirect {
		http.Redirect(w, r, name, http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	if name == "" {
		status = http.StatusNotFound
		root, _ := filepath.EvalSymlinks(f.root)
		name = filepath.Join(root, "404.html")
	}
	b, err := os.ReadFile(name)
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	ct := contentType(filepath.Base(name))
	if f.inject != nil && strings.HasPrefix(ct, "text/html") {
		b = f.inject(b)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if status != http.StatusOK {
		w.WriteHeader(status)
		w.Write(b)
		return
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
}
