package serve

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The preview answers only requests addressed to itself (no DNS
// rebinding), sends the security headers a deployment should, and warns
// when it listens beyond this machine.
func TestPreviewGuard(t *testing.T) {
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "index.html"), []byte("<!doctype html><html><body>x</body></html>"), 0o644)
	s, err := Listen(Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	defer s.ln.Close()
	h := s.Handler()
	port := strings.TrimPrefix(s.ln.Addr().String(), "127.0.0.1:")
	for host, want := range map[string]int{
		"127.0.0.1:" + port: http.StatusOK, "localhost:" + port: http.StatusOK, "[::1]:" + port: http.StatusOK, "preview.localhost": http.StatusOK,
		"attacker.example:" + port: http.StatusMisdirectedRequest, "127.0.0.1.nip.io": http.StatusMisdirectedRequest, "192.168.1.5": http.StatusMisdirectedRequest,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %s: %d, want %d", host, w.Code, want)
		}
		if want == http.StatusOK {
			for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
				if w.Header().Get(k) != v {
					t.Errorf("Host %s: %s %q", host, k, w.Header().Get(k))
				}
			}
			if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("Host %s: Content-Security-Policy %q", host, csp)
			}
		}
	}
	var log bytes.Buffer
	s2, err := Listen(Options{Out: out, Bind: "0.0.0.0", Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.ln.Close()
	if !strings.Contains(log.String(), "warning: the preview listens on 0.0.0.0") {
		t.Errorf("no warning when bound beyond loopback: %q", log.String())
	}
	// shared on purpose: an address typed as digits is answered, a name is not
	for host, want := range map[string]int{"192.168.1.5:8080": http.StatusOK, "attacker.example": http.StatusMisdirectedRequest} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		s2.Handler().ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("bound to 0.0.0.0, Host %s: %d, want %d", host, w.Code, want)
		}
	}
}
