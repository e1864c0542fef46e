package generator

import (
	"context"
	"maps"
	"slices"
	"sync"

	"portal/generator/load"
	"portal/generator/publish"
)

// Builder builds one site again and again, as the preview does (portal
// serve), and is where the preview's state lives: the build that made the
// output, the output's manifest, the last build that succeeded, the rows
// its loads kept (in memory). Each build starts from them — the load
// decodes only the parts of the tables an edit changed, the publish
// tells unchanged files without reading the old ones, the pages, feeds
// and JSON records of agencies an edit did not touch are carried over,
// and the previous output is left for the caller to delete in the
// background (BuildReport.RemoveOld). A build that is
// cancelled before its swap never swaps in over a newer edit's pages.
// Its methods may be called from several goroutines.
type Builder struct {
	mu        sync.Mutex       // held while the output changes: a swap, the fast path's writes
	made      *Result          // the build whose output is in Out; nil before the first
	manifest  publish.Manifest // the output's files (less those the fast path rewrote)
	rewritten []string         // those the fast path rewrote
	spare     *publish.Spare   // the release before the output's, kept for the next build
	good      *Result          // the last build that succeeded and was not cancelled
	rows      load.KeptMemory  // the rows of the files its builds read without a problem
}

// Good is the last build that succeeded and was not cancelled, nil before
// the first: RenderContent renders against it.
func (b *Builder) Good() *Result {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.good
}

// Build builds the site into cfg.Out from what made the output. When ctx
// is cancelled before the swap, the output stays as it was.
func (b *Builder) Build(ctx context.Context, cfg BuildConfig) (*Result, BuildReport, error) {
	b.mu.Lock()
	opt := buildOptions{track: true, keepOld: true, kept: b.rows.Kept()}
	if b.made != nil {
		opt.known, opt.rewritten, opt.reuse, opt.spare = b.manifest, b.rewritten, b.made, b.spare
	}
	b.mu.Unlock()
	locked := false
	opt.beforeSwap = func() error { // just before the swap: not over a newer edit
		b.mu.Lock()
		locked = true
		return ctx.Err()
	}
	res, rep, err := build(ctx, cfg, opt)
	if err == nil { // this build is the output now, cancelled or not
		b.made, b.manifest, b.rewritten, b.spare = res, rep.Manifest, nil, rep.spare
		if ctx.Err() == nil {
			b.good = res
		}
	}
	if locked {
		b.mu.Unlock()
	}
	return res, rep, err
}

// DropSpare deletes the spare the last build kept beside out for the next
// one (publish.Spare), when no build is to follow: the preview keeps no
// state beside the output, so nothing else would claim it.
func (b *Builder) DropSpare(out string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.spare != nil {
		publish.RemoveSpare(out, b.spare)
		b.spare = nil
	}
}

// RenderContent is the fast path after a Markdown edit (the package's
// RenderContent) against the last good build; the pages it rewrites in
// place leave the manifest, so that the next build does not take them for
// unchanged.
func (b *Builder) RenderContent(ctx context.Context, cfg BuildConfig) (*Result, []string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.good == nil {
		return nil, nil, ErrFullBuild
	}
	res, pages, err := RenderContent(ctx, b.good, cfg)
	if b.manifest != nil && len(pages) > 0 {
		// a build still running holds the old map: replace it, never change it
		fresh := maps.Clone(b.manifest)
		for _, p := range pages {
			delete(fresh, p)
		}
		b.manifest = fresh
		b.rewritten = append(slices.Clone(b.rewritten), pages...)
	}
	if b.spare != nil && len(pages) > 0 {
		// the pages rewritten in place are not the spare's files any more
		sp := *b.spare
		sp.Dirty = append(slices.Clone(sp.Dirty), pages...)
		b.spare = &sp
	}
	return res, pages, err
}
