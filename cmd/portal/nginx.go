package main

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"text/template"

	"portal/generator/diag"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/render"
)

// nginxConf is the server block portal nginx-config prints. nginx does not
// inherit add_header into a location that sets its own, so every location
// repeats the security headers.
var nginxConf = template.Must(template.New("nginx").Parse(`# nginx server block for {{.Name}} ({{.Base}}), written by portal nginx-config.
{{if .Brotli}}# It needs nginx and its brotli_static module (Debian: apt-get install nginx
# libnginx-mod-http-brotli-static, which loads it from
# /etc/nginx/modules-enabled; elsewhere: load_module
# modules/ngx_http_brotli_static_module.so; in nginx.conf); without the
# module, print it with --brotli=false.{{else}}# It needs nginx only (Debian: apt-get install nginx).{{end}} Include it in the
# http {} block of nginx.conf. It names the type of every kind of file the
# portal publishes itself (Debian's mime.types has no CSV).
server {
    listen {{.Listen}};
    server_name {{.Host}};
    charset utf-8;
    charset_types text/css text/javascript application/json application/jsonl text/csv application/xml text/plain image/svg+xml;
    server_tokens off;

    # the build writes a .gz and a .br beside every text file above 1 KB
    # (site.toml precompress): they are sent as they are to readers who
    # accept the coding; other responses above 1 KB are gzipped as sent
{{if .Brotli}}    brotli_static on;
{{end}}    gzip on;
    gzip_static on;
    gzip_min_length 1024;
    gzip_vary on;
    gzip_types text/css application/javascript text/javascript application/json text/csv text/plain application/xml application/atom+xml image/svg+xml;

    types {
        text/html html;
        text/css css;
        text/javascript js;
        application/json json;
        application/jsonl jsonl;
        text/csv csv;
        application/xml xml;
        image/svg+xml svg;
        text/plain txt;
        image/png png;
        image/jpeg jpg jpeg;
        image/gif gif;
        image/webp webp;
        application/pdf pdf;
        application/ofd ofd;
        application/msword doc;
        application/vnd.openxmlformats-officedocument.wordprocessingml.document docx;
        application/vnd.ms-excel xls;
        application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx;
        application/vnd.ms-works wps;
        application/vnd.ms-excel et;
        application/zip zip;
        application/vnd.rar rar;
        application/x-7z-compressed 7z;
    }
    default_type text/plain;  # SHA256SUMS

    error_page 404 {{.Path}}404.html;

    # pages, open data and feeds change with every release: always
    # revalidated. The stylesheet, scripts and icon are named by their
    # content (static/style.<hash>.css): a new version is a new name, so
    # they are kept for a year; other CSS, JS and SVG for an hour.
    set $portal_cache "no-cache";
    if ($uri ~* "\.(css|js|svg)$") {
        set $portal_cache "public, max-age=3600";
    }
    if ($uri ~ "/static/[^/]+\.[0-9a-f]{10}\.(css|js|svg)$") {
        set $portal_cache "public, max-age=31536000, immutable";
    }

    location {{if eq .Path "/"}}/{{else}}^~ {{.Path}}{{end}} {
        {{if eq .Path "/"}}root {{.Root}};{{else}}alias {{.Root}}/;{{end}}
        index index.html;
        add_header Cache-Control $portal_cache always;
{{.Headers}}
    }
}
`))

func runNginxConfig(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("nginx-config", stderr)
	root := fs.String("root", "public", "the built site's directory on the server")
	content := fs.String("content", "content", "directory of site.toml (its name and base_url)")
	baseURL := fs.String("base-url", "", "the site's address (default: base_url in site.toml)")
	listen := fs.String("listen", "80", "nginx's listen directive, e.g. 443 ssl or 127.0.0.1:8080")
	brotli := fs.Bool("brotli", true, "serve the build's .br files (needs nginx's brotli_static module)")
	if code, stop := parseFlags(fs, args); stop {
		return code
	}
	c, err := resolveDir(fs, "content", *content, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "portal nginx-config: %v\n", err)
		return exitUsage
	}
	var d diag.List // a site.toml with problems still names the site; portal check reports them
	site := load.Content(c, &d).Site
	src := *baseURL
	if src == "" {
		src = site.BaseURL
	}
	base, err := model.ParseBaseURL(src)
	if err != nil || base.IsZero() {
		fmt.Fprintf(stderr, "portal nginx-config: the site's address: %v (set base_url in site.toml or pass --base-url)\n", err)
		return exitUsage
	}
	u, _ := url.Parse(base.Abs)
	abs, err := filepath.Abs(*root)
	if err != nil {
		fmt.Fprintf(stderr, "portal nginx-config: %v\n", err)
		return exitUsage
	}
	var h strings.Builder
	for _, kv := range [][2]string{
		{"Content-Security-Policy", render.ContentSecurityPolicy + "; " + render.FrameAncestors},
		{"X-Content-Type-Options", "nosniff"}, {"X-Frame-Options", "DENY"}, {"Referrer-Policy", "strict-origin-when-cross-origin"},
	} {
		fmt.Fprintf(&h, "        add_header %s \"%s\" always;\n", kv[0], kv[1])
	}
	err = nginxConf.Execute(stdout, map[string]any{"Name": site.Name, "Base": base.Abs, "Host": u.Hostname(), "Listen": *listen,
		"Root": filepath.ToSlash(abs), "Path": base.Path, "Headers": strings.TrimRight(h.String(), "\n"), "Brotli": *brotli})
	if err != nil {
		fmt.Fprintf(stderr, "portal nginx-config: %v\n", err)
		return exitInput
	}
	return exitOK
}
