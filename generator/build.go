package generator

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"portal/generator/catalogue"
	"portal/generator/diag"
	"portal/generator/load"
	"portal/generator/sign"
	"sync"
	"sync/atomic"
	"time"

	"portal/generator/opendata"
	"portal/generator/publish"
	"portal/generator/register"
	"portal/generator/render"
	"portal/generator/search"
)

// BuildConfig adds what a build needs beyond the inputs.
type BuildConfig struct {
	Config
	Templates fs.FS // layouts/, partials/, pages/, static/
	// TemplatesName is how Templates is named in diagnostics ("templates"
	// when empty)
	TemplatesName string
	Out           string // output directory, replaced as a whole on success
	// Previous is the previous release to list changes against; "" means
	// the release currently in Out.
	Previous string
	// AllowRemovals is how many agencies of the previous release this one
	// may leave out; by default none (a register keeps every agency it
	// ever held: a release without some is a truncated export).
	AllowRemovals Allowance
	// Progress, when set, is called when a stage starts and about four
	// times a second while files are written, for a display on a terminal.
	Progress func(Progress)
	// SignKey, when set, signs the release: /data/ gets the key's public
	// half (portal.pub) and SHA256SUMS.minisig beside SHA256SUMS.
	SignKey *sign.Key
}

// buildOptions are what a Builder (the preview) adds to a build.
type buildOptions struct {
	// track asks for the output's publish.Manifest in the report; known,
	// the manifest of the output as the last build left it, lets the
	// publish tell unchanged files without reading them.
	track bool
	known publish.Manifest
	// rewritten are the output's pages the fast path (RenderContent)
	// rewrote in place since its build, and took out of known.
	rewritten []string
	// keepOld leaves the previous output for BuildReport.RemoveOld instead
	// of deleting it before the build returns, when it is not kept as the
	// next build's spare.
	keepOld bool
	// kept is where the load keeps the rows of the files it reads (a
	// preview's, in memory); a plain build with state keeps them beside
	// its output
	kept *load.Kept
	// spare is the previous output's spare (publish.Spare) the caller
	// kept: the preview's, whose output is as its last build left it.
	spare *publish.Spare
	// reuse is the build that made the output, whose manifest is known:
	// the pages, feeds and JSON records of agencies a data edit did not
	// touch (register.Unchanged) are carried over from it instead of being
	// made again, unless the templates, site.toml, the regions, the date
	// or the base URL changed.
	reuse *Result
	// beforeSwap, when set, runs before the new output is swapped in; an
	// error from it aborts the build.
	beforeSwap func() error
}

// preview reports whether o asks for anything beyond a plain build.
func (o buildOptions) preview() bool {
	return o.track || o.keepOld || o.reuse != nil || o.beforeSwap != nil
}

// Progress is where a build is.
type Progress struct {
	Stage string // "check", "open data", "search", "render", "publish"
	Files int    // files published so far
}

// BuildReport says what a build produced.
type BuildReport struct {
	Pages, Files       int
	Datasets           int // tables published under /data/, each in every format
	Agencies           int // per-agency JSON records
	Written, Unchanged int
	Bytes              int64
	// Compressed counts the precompressed siblings (x.html.gz, x.html.br)
	// made for new and changed files; those of unchanged files are carried.
	Compressed int
	// Changed lists the files (slash paths) that are new or differ from
	// the previous output; nil when there was no previous output.
	Changed []string
	// Manifest describes the published files (a Builder's builds).
	Manifest publish.Manifest
	// RemoveOld deletes the previous output (a Builder's builds: left for
	// the caller to delete in the background).
	RemoveOld func() error
	// NothingChanged says the inputs, templates, flags and program were
	// those of the build that made the output, and the output was as it
	// left it: nothing was done (unchanged.go).
	NothingChanged bool
	// KeptPages counts the agency pages and feeds, KeptRecords the agency
	// JSON records, carried over unmade; KeptIndex the files of the search
	// index, carried over whole when no document a search finds changed
	// (search.WriteStaticFrom).
	// KeptData counts the open data's files of tables whose rows are the
	// same, carried over unmade; KeptLists the list pages whose rows and
	// all else they show are the same (render.Options.Lists).
	KeptPages, KeptRecords, KeptIndex, KeptData, KeptLists int
	// CopiedRuns counts the runs of rows copied into changed tables'
	// open-data files from the previous output (opendata: runs.go).
	CopiedRuns int
	// Others are the entries at the top of the output that someone put
	// there, not a build, kept in the release as its hidden entries are
	// (publish.Others); Found those of them this build found first, and
	// Replaced those the release publishes itself, which it did not keep.
	// Stray are files someone put inside the release's directories, which
	// are the release's to replace: not kept.
	Others, Found, Replaced, Stray []string

	spare *publish.Spare // the previous release, kept beside the output for the next build
}

// Build checks the inputs, renders the portal and publishes it atomically:
// on any error nothing is written and the previous output stays as it was.
func Build(ctx context.Context, cfg BuildConfig) (*Result, BuildReport, error) {
	return build(ctx, cfg, buildOptions{})
}

func build(ctx context.Context, cfg BuildConfig, opt buildOptions) (*Result, BuildReport, error) {
	var rep BuildReport
	var progressMu sync.Mutex // Progress is called from one goroutine at a time
	report := func(stage string, files int) {
		if cfg.Progress != nil {
			progressMu.Lock()
			cfg.Progress(Progress{stage, files})
			progressMu.Unlock()
		}
	}
	var inputs string    // the key of what the output is made from, when the build may stop at "nothing changed"
	var from *madeFrom   // what the output's per-agency files were made from, when they may be kept
	var st *buildState   // the state beside the output (a plain build)
	scanned := func() {} // waits for the scan of the output, when it runs beside Check
	shortcut := shortcutAllowed(cfg, opt)
	if shortcut {
		t0 := time.Now()
		if k, err := inputsKey(cfg); err == nil {
			inputs = k
			st = readState(cfg)
			switch {
			case st != nil && st.Inputs == inputs: // maybe nothing changed: the output decides
				st.scan(cfg.Out)
				if res, rep, ok := unchanged(cfg, st, inputs, t0); ok {
					return res, rep, nil
				}
			case st != nil && (st.Made != nil || st.Spare != nil): // only keeping files needs it: scan while checking
				done := make(chan struct{})
				go func() { defer close(done); st.scan(cfg.Out) }()
				scanned = func() { <-done }
			}
		}
	}
	if shortcut {
		if dir, err := keptPath(cfg.Out); err == nil {
			cfg.Config.kept = load.OpenKept(dir)
		}
	} else if opt.kept != nil {
		cfg.Config.kept = opt.kept
	}
	report("check", 0)
	res, err := Check(ctx, cfg.Config)
	scanned()
	if shortcut {
		from = st.madeFrom()
	} else if old := opt.reuse; old != nil && opt.known != nil {
		from = old.made
	}
	if err != nil {
		return res, rep, err
	}
	if load.GuardTemplates(cfg.Templates, cmp.Or(cfg.TemplatesName, "templates"), res.Diags); res.Diags.HasErrors(cfg.Strict) {
		e, w := res.Diags.Count()
		return res, rep, &InputError{Stage: "check", Errors: e, Warnings: w, Strict: cfg.Strict}
	}
	if res.Content.Site.RequireSignature && cfg.SignKey == nil {
		res.Diags.Warnf(diag.Pos{File: filepath.Join(cfg.Content.Name, "site.toml")}, "require_signature", "true",
			"releases of this site must be signed, and this build has no key: the release would be unsigned (pass --sign-key)")
		if res.Diags.HasErrors(cfg.Strict) {
			e, w := res.Diags.Count()
			return res, rep, &InputError{Stage: "check", Errors: e, Warnings: w, Strict: cfg.Strict}
		}
	}
	base := res.Base
	if base.IsZero() {
		return res, rep, fmt.Errorf("render: no base URL: set base_url in site.toml or pass --base-url")
	}
	if today := Today(res.Content.Site.Timezone); res.AsOf > today.AddDays(1) && !opt.preview() {
		// a mistyped year (2062 for 2026) publishes every licence as that
		// day will have it — expired, pending — before it is known; said,
		// as a date ahead may also be meant (--strict refuses it)
		res.Diags.Warnf(diag.Pos{File: "--as-of"}, "as-of", res.AsOf.String(),
			"the as-of date is after today (%s): every licence is published as that day will have it, before anything of that day is known", today)
		if res.Diags.HasErrors(cfg.Strict) {
			e, w := res.Diags.Count()
			return res, rep, &InputError{Stage: "check", Errors: e, Warnings: w, Strict: cfg.Strict}
		}
	}
	prev, err := opendata.ReadPrevious(cmp.Or(cfg.Previous, cfg.Out))
	if err != nil {
		return res, rep, fmt.Errorf("previous release: %w", err)
	}
	if was := prev.AsOf(); was > res.Register.AsOf {
		// an older register published over a newer one (a mistyped
		// --as-of, an old export): every status would step back, and the
		// changes and the history would run backwards
		return res, rep, fmt.Errorf("publish: the previous release is as of %s, after this build's as-of date %s: published, the register would go back in time, and its changes and release history would run backwards; build with --as-of %s or later, or into another --out", was, res.Register.AsOf, was)
	}
	if removed := prev.Removed(res.Register); !cfg.AllowRemovals.Allows(len(removed), prev.Agencies()) {
		return res, rep, &RemovalError{Removed: removed, Previous: prev.Agencies(), Allowed: cfg.AllowRemovals}
	}
	spare := st.spare()
	if opt.preview() {
		spare = opt.spare
	}
	tx, err := publish.BeginFrom(cfg.Out, spare)
	if err != nil {
		return res, rep, fmt.Errorf("publish: %w", err)
	}
	if inputs != "" || opt.preview() {
		tx.KeepSpare() // for the next build: with the state that names it (keepState), or the preview's Builder
	}
	if opt.track {
		tx.Track(opt.known)
	}
	if inputs != "" {
		tx.ListPublished() // for the state's key of the output (keepState)
	}
	if from != nil && st != nil {
		tx.TrustOld(st.size) // readState checked the output is as the build that left the state made it
	}
	// which files the output has, for where this release leaves one out (a spare's sweep)
	if st != nil && st.intact {
		tx.OldFiles(st.has, st.below)
	} else if opt.known != nil {
		tx.OldFiles(manifestFiles(opt.known, opt.rewritten))
	}
	tx.KeepOld = opt.keepOld
	tx.KeepOthers(st.others()) // what was put at the top of the output by hand stays

	if !opt.preview() { // the preview's server compresses nothing, and its rebuilds must be quick
		var encs []publish.Encoding
		for _, c := range res.Content.Site.Codings() {
			encs = append(encs, publish.Encoding(c))
		}
		tx.Precompress(encs)
	}
	committed := false
	defer func() {
		if !committed {
			tx.Abort()
		}
	}()
	tx.Checksums(catalogue.Dir, catalogue.SumsFile) // SHA256SUMS of the open data, written at Commit
	if k := cfg.SignKey; k != nil {
		if err := tx.Add(catalogue.PublicKeyFile, k.Public()); err != nil {
			return res, rep, fmt.Errorf("publish: %w", err)
		}
		release := res.AsOf.String()
		tx.SignChecksums(catalogue.SignatureFile, func(sums []byte) []byte { return k.Sign(sums, release) })
	}
	var stage atomic.Value
	stage.Store("open data")
	stopTicker := func() {}
	if cfg.Progress != nil {
		done := make(chan struct{})
		var wg sync.WaitGroup
		stopTicker = sync.OnceFunc(func() { close(done); wg.Wait() })
		defer stopTicker()
		wg.Add(1)
		go func() {
			defer wg.Done()
			tick := time.NewTicker(250 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-done:
					return
				case <-tick.C:
					report(stage.Load().(string), tx.Files())
				}
			}
		}()
	}
	var reuseRecords, reusePages *register.Reuse
	var madeTables opendata.Made
	var prints register.Fingerprints // for the next build, when there is one to keep them for
	if inputs != "" || opt.preview() {
		prints = res.Register.Fingerprints()
	}
	if from != nil {
		same := register.Unchanged(from.Register, res.Register, prints)
		reusePages = &register.Reuse{Key: from.Render, Same: same}
		reuseRecords = &register.Reuse{Key: from.Records, Same: same}
		madeTables = from.Tables
	}
	report("open data", 0)
	t0 := time.Now()
	cat, err := opendata.Write(ctx, res.Register, res.Content, opendata.Options{Base: base, Previous: prev, Reuse: reuseRecords, Made: madeTables, KeepReleases: res.Content.Site.KeepReleases}, tx)
	if err != nil {
		return res, rep, fmt.Errorf("open data: %w", err)
	}
	for _, p := range prev.Personal() {
		// the values of the previous release this one shows, masked
		res.Diags.Add(diag.Diagnostic{File: p.File, Field: p.Field, Value: p.Value, Masked: true, Severity: diag.Warning,
			Msg:  fmt.Sprintf("the previous release holds %s in a value of %s: this release shows it masked in its changes, and does not carry the archives of the releases that held it or came before", p.Kind, cmp.Or(p.Code, p.Field)),
			Hint: "it was published by an older portal, or the folder is not a release of these inputs; copies of that release kept elsewhere still hold the number"})
	}
	if res.Diags.HasErrors(cfg.Strict) {
		e, w := res.Diags.Count()
		return res, rep, &InputError{Stage: "open data", Errors: e, Warnings: w, Strict: cfg.Strict}
	}
	if cfg.SignKey != nil {
		cat.SignedBy = cfg.SignKey.ID()
	}
	res.Timings = append(res.Timings, StageTiming{"open data", time.Since(t0)})
	stage.Store("search")
	report("search", tx.Files())
	t0 = time.Now()
	an, err := search.NewAnalysis()
	if err != nil {
		return res, rep, fmt.Errorf("search: %w", err)
	}
	var madeSearch *search.Made
	if from != nil {
		madeSearch = from.Search
	}
	madeSearch, keptSearch, err := search.WriteStaticFrom(ctx, an, search.Docs(res.Register, res.Content), tx, madeSearch)
	if err != nil {
		return res, rep, fmt.Errorf("search: %w", err)
	}
	if keptSearch {
		rep.KeptIndex = len(madeSearch.Files)
	}
	idx := &madeSearch.Index
	res.Timings = append(res.Timings, StageTiming{"search", time.Since(t0)})
	stage.Store("render")
	report("render", tx.Files())
	t0 = time.Now()
	po := pageOptions(res, cfg.Templates, cat, idx, reusePages)
	po.Prints = prints.Agencies
	if from != nil {
		po.Lists = from.Lists
	}
	rr, err := render.Site(ctx, res.Register, res.Content, po, tx)
	if err != nil {
		return res, rep, fmt.Errorf("render: %w", err)
	}
	res.Timings = append(res.Timings, StageTiming{"render", time.Since(t0)})
	rep.Pages, rep.Datasets, rep.Agencies = rr.Pages, len(cat.Tables), cat.Agencies
	if opt.beforeSwap != nil {
		if err := opt.beforeSwap(); err != nil {
			return res, rep, fmt.Errorf("publish: %w", err)
		}
	}
	stopTicker()
	report("publish", tx.Files())
	t0 = time.Now()
	forgetState(cfg.Out) // the output is about to change
	pr, err := tx.Commit(ctx)
	committed = true
	if err != nil {
		return res, rep, fmt.Errorf("publish: %w", err)
	}
	report("publish", pr.Written+pr.Unchanged) // with what Commit itself wrote (SHA256SUMS)
	res.Timings = append(res.Timings, StageTiming{"publish", time.Since(t0)})
	rep.Written, rep.Unchanged, rep.Bytes, rep.Changed, rep.Compressed = pr.Written, pr.Unchanged, pr.Bytes, pr.Changed, pr.Compressed
	rep.spare = pr.Spare
	rep.Others, rep.Replaced = pr.Others, pr.Replaced
	if st != nil {
		rep.Found, rep.Stray = st.found, st.stray
	}
	res.Catalogue, res.Search = cat, idx
	if prints.Agencies != nil {
		res.made = &madeFrom{Render: rr.Key, Records: cat.AgencyKey, Register: prints, Search: madeSearch, Tables: opendata.MadeOf(cat), Lists: rr.Lists}
	}
	rep.KeptPages, rep.KeptRecords, rep.KeptData, rep.KeptLists, rep.CopiedRuns = rr.Kept, cat.Kept, cat.KeptData, rr.KeptLists, cat.CopiedRuns
	rep.Manifest = tx.Manifest()
	if opt.keepOld && pr.Spare == nil {
		rep.RemoveOld = tx.RemoveOld
	}
	rep.Files = pr.Written + pr.Unchanged
	if inputs != "" {
		keepState(cfg, inputs, res, rep, tx.Published(), st.outputFiles()) // without it the next build builds
	}
	return res, rep, nil
}

// pageOptions is what every render of a build is given: the catalogue the
// open data published, the search index, and the one wording every search
// surface uses when nothing matched (render imports neither stage).
func pageOptions(res *Result, templates fs.FS, cat *catalogue.Catalogue, idx *catalogue.SearchIndex, reuse *register.Reuse) render.Options {
	site := &res.Content.Site
	return render.Options{Base: res.Base, Templates: templates, Catalogue: cat, Search: idx, Reuse: reuse,
		NotFound: search.NotFound(res.Register.AsOf, site.Province, site.Report), SearchWords: search.Words(), SearchMax: search.MaxQuery}
}
