package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"

	"portal/generator/diag"
	"portal/generator/load"
	"portal/generator/render"
)

// ErrFullBuild says that an edit under content/ reaches beyond the Markdown
// pages (site.toml is on every page), so only a full Build shows it.
var ErrFullBuild = errors.New("the edit changes every page: a full build is needed")

// RenderContent is the preview's fast path after an edit under content/: it
// loads the content again, renders the pages made from Markdown (policies,
// FAQ, news, standalone pages) against prev — the last good Build, whose
// register, search index and catalogue are unchanged — and writes the pages
// whose bytes changed into cfg.Out in place, each atomically (a temporary
// file renamed over it). The pages are byte for byte what a full Build
// writes, so the full build that must follow (it brings the home page, the
// search index, the open data and the sitemap in line) leaves them alone.
//
// It returns the files it rewrote. Content errors are an *InputError with
// the diagnostics in the Result, and nothing is written.
func RenderContent(ctx context.Context, prev *Result, cfg BuildConfig) (*Result, []string, error) {
	res := &Result{AsOf: prev.AsOf, Register: prev.Register, Diags: &diag.List{}, Catalogue: prev.Catalogue, Search: prev.Search}
	res.Content = load.Content(cfg.Content, res.Diags)
	if res.Diags.HasErrors(cfg.Strict) {
		e, w := res.Diags.Count()
		return res, nil, &InputError{Stage: "check", Errors: e, Warnings: w, Strict: cfg.Strict}
	}
	if !reflect.DeepEqual(res.Content.Site, prev.Content.Site) {
		return res, nil, ErrFullBuild
	}
	base := cfg.BaseURL
	if base == "" {
		base = res.Content.Site.BaseURL
	}
	pages := &memSink{files: map[string][]byte{}}
	if _, err := render.ContentPages(ctx, res.Register, res.Content, render.Options{BaseURL: base, Templates: cfg.Templates, Catalogue: prev.Catalogue, Search: prev.Search}, pages); err != nil {
		return res, nil, fmt.Errorf("render: %w", err)
	}
	var changed []string
	for p, data := range pages.files {
		dst := filepath.Join(cfg.Out, filepath.FromSlash(p))
		if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, data) {
			continue
		}
		if err := replaceFile(dst, data); err != nil {
			return res, changed, fmt.Errorf("publish: %w", err)
		}
		changed = append(changed, p)
	}
	slices.Sort(changed)
	return res, changed, nil
}

// memSink keeps rendered files in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSink) Add(p string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[p]; dup {
		return fmt.Errorf("two files with the path %q", p)
	}
	m.files[p] = bytes.Clone(data) // the renderer reuses its buffers
	return nil
}

// replaceFile puts data at dst so that a reader sees the old file or the
// new one, never a part.
func replaceFile(dst string, data []byte) error {
	dir := filepath.Dir(dst)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+strings.TrimPrefix(filepath.Base(dst), ".")+".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), dst)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
