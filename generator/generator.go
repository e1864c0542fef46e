// Package generator runs the portal's stages in order — load, validate,
// derive, then for a build open data, search, render and publish — and
// wraps each stage's failure with the stage's name. Stages take plain values;
// nothing reads globals.
package generator

import (
	"context"
	"fmt"
	"path/filepath"
	"portal/generator/catalogue"
	"strings"
	"time"

	"portal/generator/diag"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/opendata"
	"portal/generator/register"
	"portal/generator/search"
)

// Config says where the inputs are and as of when to derive the register.
type Config struct {
	Data    load.Dir
	Content load.Dir
	AsOf    model.Date // zero: today in the site's time zone
	Strict  bool       // warnings fail the build too
	// BaseURL, when set, overrides site.toml's base_url (--base-url).
	BaseURL string
	// kept holds the rows of input files a build with state read before
	// (load.Kept), nil for none.
	kept *load.Kept
}

// Result is what the checked inputs amount to.
type Result struct {
	AsOf     model.Date
	Base     model.BaseURL // where the site is served; zero when none is given
	Content  *model.Content
	Register *register.Register
	Diags    *diag.List
	Timings  []StageTiming
	// Set by a successful Build: what the pages were rendered against.
	Catalogue *catalogue.Catalogue
	Search    *catalogue.SearchIndex
	// made is what its per-agency files were made from (a build that
	// keeps state or a Builder's), for the next build to keep them.
	made *madeFrom
}

// madeFrom is what a build's per-agency files — agency pages, feeds and
// posters, JSON records — were made from: the stages' keys and every
// agency's fingerprint. The next build keeps the files of the agencies an
// edit did not touch, when the stage's key is the same: a Builder's from
// the build before it, a plain build's from the state beside the output.
type madeFrom struct {
	Render   string                `json:"render"`  // render.Report.Key
	Records  string                `json:"records"` // catalogue.Catalogue.AgencyKey
	Register register.Fingerprints `json:"register"`
	Search   *search.Made          `json:"search,omitempty"` // the search index, carried whole when its documents are the same
	Tables   opendata.Made         `json:"tables,omitempty"` // the open data's tables, each kept when its rows are the same
	// Lists are the list pages' keys (render.Report.Lists), each page
	// kept when its key is the same
	Lists map[string]register.Print `json:"lists,omitempty"`
}

// Stages is how long each stage took, as "load 1.10s · derive 0.52s · …".
func (r *Result) Stages() string {
	var b strings.Builder
	for i, t := range r.Timings {
		if i > 0 {
			b.WriteString(" · ")
		}
		fmt.Fprintf(&b, "%s %.2fs", t.Stage, t.Took.Seconds())
	}
	return b.String()
}

// StageTiming is how long one stage took.
type StageTiming struct {
	Stage string
	Took  time.Duration
}

// InputError is returned when the inputs have errors (or, with Strict,
// warnings); the diagnostics are in Result.Diags.
type InputError struct {
	Stage            string
	Errors, Warnings int
	Strict           bool
}

func (e *InputError) Error() string {
	if e.Errors == 0 && e.Strict {
		return fmt.Sprintf("%s: %d warnings (--strict makes them errors)", e.Stage, e.Warnings)
	}
	return fmt.Sprintf("%s: %d errors, %d warnings", e.Stage, e.Errors, e.Warnings)
}

// Check loads and validates the inputs and derives the register. It returns
// an *InputError when the inputs are not fit to publish; the Result is
// returned either way so that callers can print the diagnostics and summary.
func Check(ctx context.Context, cfg Config) (*Result, error) {
	res := &Result{Diags: &diag.List{}}
	stage := func(name string, fn func()) error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		t0 := time.Now()
		fn()
		res.Timings = append(res.Timings, StageTiming{name, time.Since(t0)})
		return nil
	}
	var ds *model.Dataset
	if err := stage("load", func() {
		res.Content = load.ContentKept(cfg.Content, cfg.kept, res.Diags)
		ds = load.DataKept(cfg.Data, res.Content.Site.GradeScale, cfg.kept, res.Diags)
	}); err != nil {
		return res, err
	}
	res.AsOf = cfg.AsOf
	if res.AsOf == 0 {
		res.AsOf = Today(res.Content.Site.Timezone)
	}
	res.Base = baseURL(cfg, res, res.Diags)
	load.DatedAhead(res.Content, res.AsOf, res.Diags)
	if err := stage("derive", func() {
		res.Register = register.Derive(ds, res.AsOf, res.Diags)
		res.Register.CheckExportDates(res.Diags)
	}); err != nil {
		return res, err
	}
	load.NameFields(ds, res.Diags) // each cell's column as its file heads it
	if res.Diags.HasErrors(cfg.Strict) {
		e, w := res.Diags.Count()
		return res, &InputError{Stage: "check", Errors: e, Warnings: w, Strict: cfg.Strict}
	}
	return res, nil
}

// Today is the current date in the named time zone (Asia/Shanghai when it
// cannot be loaded, falling back to UTC+8).
func Today(tz string) model.Date {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	return model.DateOf(time.Now().In(loc))
}

// baseURL parses the base URL — --base-url, or else site.toml's base_url —
// once, for every stage; one that is not an absolute http(s) URL is an
// error in the input it came from.
func baseURL(cfg Config, res *Result, d *diag.List) model.BaseURL {
	src, where := cfg.BaseURL, diag.Pos{File: "--base-url"}
	if src == "" {
		src, where = res.Content.Site.BaseURL, diag.Pos{File: filepath.Join(cfg.Content.Name, "site.toml")}
	}
	if src == "" {
		return model.BaseURL{}
	}
	b, err := model.ParseBaseURL(src)
	if err != nil {
		d.Add(diag.Diagnostic{File: where.File, Field: "base_url", Value: src, Msg: err.Error(), Severity: diag.Error, Table: true})
	}
	return b
}
