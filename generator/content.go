package generator

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"portal/generator/diag"
	"portal/generator/load"
	"portal/generator/publish"
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
	load.DatedAhead(res.Content, prev.AsOf, res.Diags)
	if res.Diags.HasErrors(cfg.Strict) {
		e, w := res.Diags.Count()
		return res, nil, &InputError{Stage: "check", Errors: e, Warnings: w, Strict: cfg.Strict}
	}
	if !reflect.DeepEqual(res.Content.Site, prev.Content.Site) {
		return res, nil, ErrFullBuild
	}
	res.AsOf, res.Base = prev.AsOf, prev.Base // site.toml and the flags are as the last build had them
	pages := &publish.Memory{}
	if _, err := render.ContentPages(ctx, res.Register, res.Content, pageOptions(res, cfg.Templates, prev.Catalogue, prev.Search, nil), pages); err != nil {
		return res, nil, fmt.Errorf("render: %w", err)
	}
	changed, err := publish.Patch(cfg.Out, pages.Files)
	if err != nil {
		return res, changed, fmt.Errorf("publish: %w", err)
	}
	return res, changed, nil
}
