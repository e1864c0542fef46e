package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// The printed nginx server block serves a site built under a sub-path as
// the preview does: security headers on every response, HTML and open
// data revalidated, the content-named stylesheet cached for a year, CSV as
// UTF-8 text/csv, the build's precompressed .br and .gz sent as they are,
// and the site's 404 page. Without nginx (or its brotli_static module) the
// test is skipped, except in CI (CI=true), where .ci/run installs both.
func TestNginxConfig(t *testing.T) {
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("nginx is not installed (apt-get install -y nginx)")
		}
		t.Skip("nginx is not installed: the nginx-config test was skipped")
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "public")
	if code, _, stderr := runCLI("build", "--data", "../../data", "--content", "../../content", "--templates", "../../templates", "--out", site,
		"--as-of", "2026-11-21", "--base-url", "https://rsj.example.gov.cn/ldpq/"); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	module := "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so" // Debian's libnginx-mod-http-brotli-static
	if _, err := os.Stat(module); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("nginx's brotli_static module is not installed (apt-get install -y libnginx-mod-http-brotli-static)")
		}
		t.Skip("nginx's brotli_static module is not installed: the nginx-config test was skipped")
	}
	code, conf, stderr := runCLI("nginx-config", "--root", site, "--content", "../../content", "--base-url", "https://rsj.example.gov.cn/ldpq/", "--listen", addr)
	if code != exitOK {
		t.Fatalf("nginx-config: exit %d\n%s", code, stderr)
	}
	prefix := filepath.Join(dir, "nginx")
	os.MkdirAll(filepath.Join(prefix, "logs"), 0o755)
	os.MkdirAll(filepath.Join(prefix, "tmp"), 0o755)
	os.WriteFile(filepath.Join(prefix, "site.conf"), []byte(conf), 0o644)
	user := "" // nginx started by root runs its workers as nobody, who cannot read the test's directories
	if os.Geteuid() == 0 {
		user = "user root;"
	}
	main := fmt.Sprintf(`load_module %[3]s; %[2]s worker_processes 1; daemon off; error_log %[1]s/logs/error.log; pid %[1]s/nginx.pid;
events {}
http { access_log off; client_body_temp_path %[1]s/tmp; proxy_temp_path %[1]s/tmp; fastcgi_temp_path %[1]s/tmp; uwsgi_temp_path %[1]s/tmp; scgi_temp_path %[1]s/tmp;
include %[1]s/site.conf; }
`, prefix, user, module)
	os.WriteFile(filepath.Join(prefix, "nginx.conf"), []byte(main), 0o644)
	if out, err := exec.Command(nginx, "-t", "-c", filepath.Join(prefix, "nginx.conf"), "-p", prefix).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s\n%s", err, out, conf)
	}
	cmd := exec.Command(nginx, "-c", filepath.Join(prefix, "nginx.conf"), "-p", prefix)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }() // the master stops its workers
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 10 * time.Second}
	getAs := func(path, accept string) (*http.Response, string) {
		t.Helper()
		var resp *http.Response
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			req, _ := http.NewRequest("GET", "http://"+addr+path, nil)
			req.Host = "rsj.example.gov.cn"
			if accept != "" {
				req.Header.Set("Accept-Encoding", accept)
			}
			if resp, err = client.Do(req); err == nil || time.Now().After(deadline) {
				break
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r io.Reader = resp.Body
		switch resp.Header.Get("Content-Encoding") {
		case "gzip":
			zr, err := gzip.NewReader(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			r = zr
		case "br":
			r = brotli.NewReader(resp.Body)
		}
		b, _ := io.ReadAll(r)
		return resp, string(b)
	}
	get := func(path string, gz bool) (*http.Response, string) {
		t.Helper()
		if gz {
			return getAs(path, "gzip")
		}
		return getAs(path, "")
	}
	home, body := get("/ldpq/", true)
	if home.StatusCode != 200 || home.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(body, `lang="zh-CN"`) {
		t.Errorf("/ldpq/: %d %q", home.StatusCode, home.Header.Get("Content-Encoding"))
	}
	for k, v := range map[string]string{"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Content-Type": "text/html; charset=utf-8"} {
		if got := home.Header.Get(k); got != v {
			t.Errorf("/ldpq/: %s %q, want %q", k, got, v)
		}
	}
	if csp := home.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("/ldpq/: Content-Security-Policy %q", csp)
	}
	// the stylesheet the page links is named by its content: kept a year
	href := regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)">`).FindStringSubmatch(body)
	if href == nil {
		t.Fatal("/ldpq/ links no stylesheet")
	}
	css, _ := get(href[1], false)
	if css.StatusCode != 200 || css.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || css.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("%s: %d, Cache-Control %q, X-Frame-Options %q", href[1], css.StatusCode, css.Header.Get("Cache-Control"), css.Header.Get("X-Frame-Options"))
	}
	// a stylesheet of a bureau's own, not named by content: an hour
	os.WriteFile(filepath.Join(site, "static", "extra.css"), []byte("p{}"), 0o644)
	if extra, _ := get("/ldpq/static/extra.css", false); extra.Header.Get("Cache-Control") != "public, max-age=3600" {
		t.Errorf("extra.css: Cache-Control %q", extra.Header.Get("Cache-Control"))
	}
	csv, body := get("/ldpq/data/register.csv", false)
	if csv.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.HasPrefix(body, "code,name") {
		t.Errorf("register.csv: %q", csv.Header.Get("Content-Type"))
	}
	// the build's .br and .gz are sent as they are: the length is the
	// sibling's, and the bytes decode to the file
	plain, _ := os.ReadFile(filepath.Join(site, "data", "register.csv"))
	for _, c := range []struct{ accept, coding, ext string }{{"br, gzip", "br", ".br"}, {"gzip", "gzip", ".gz"}} {
		sib, err := os.Stat(filepath.Join(site, "data", "register.csv"+c.ext))
		if err != nil {
			t.Fatalf("the build wrote no register.csv%s: %v", c.ext, err)
		}
		resp, body := getAs("/ldpq/data/register.csv", c.accept)
		if resp.Header.Get("Content-Encoding") != c.coding || resp.ContentLength != sib.Size() || body != string(plain) {
			t.Errorf("register.csv with Accept-Encoding %q: Content-Encoding %q, length %d (the %s file has %d), same bytes %v",
				c.accept, resp.Header.Get("Content-Encoding"), resp.ContentLength, c.ext, sib.Size(), body == string(plain))
		}
		if resp.Header.Get("Content-Security-Policy") == "" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("register.csv%s: CSP %q, Vary %q", c.ext, resp.Header.Get("Content-Security-Policy"), resp.Header.Get("Vary"))
		}
	}
	nf, body := get("/ldpq/no-such-page/", false)
	if nf.StatusCode != 404 || !strings.Contains(body, "页面不存在") {
		t.Errorf("a missing page: %d, the site's 404 page: %v", nf.StatusCode, strings.Contains(body, "页面不存在"))
	}
}
