package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"portal/generator"
	"portal/generator/report"
)

func runReport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report", stderr)
	var in inputFlags
	in.register(fs)
	out := fs.String("out", "report", "directory to write the report into (never a built site's)")
	formats := fs.String("format", strings.Join(report.Formats, ","), "outputs, comma-separated: html, csv, json")
	baseURL := fs.String("base-url", "", "the public site, for links to agency pages (default: base_url in site.toml; none: no links)")
	noBusiness := fs.Int("no-business-years", 2, "有证无遣: consecutive 无业务 years")
	missing := fs.Int("missing-years", 2, "reports missing: consecutive years without an annual report")
	reRegister := fs.Int("re-register-years", 3, "re-registration: how many years before a new licence a revocation is compared with it")
	if code, stop := parseFlags(fs, args); stop {
		return code
	}
	var fmts []string
	for _, f := range strings.Split(*formats, ",") {
		f = strings.TrimSpace(f)
		if !slices.Contains(report.Formats, f) {
			fmt.Fprintf(stderr, "portal report: --format %q: use html, csv and json, comma-separated\n", f)
			return exitUsage
		}
		fmts = append(fmts, f)
	}
	if site, ok := builtSite(*out); ok {
		fmt.Fprintf(stderr, "portal report: --out %s is inside the built site %s: the report is for the bureau's staff and must not be published\n", *out, site)
		return exitUsage
	}
	data, content, err := in.dirs(fs, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "portal report: %v\n", err)
		return exitUsage
	}
	setMemoryBudget(data)
	res, err := generator.Check(context.Background(), generator.Config{Data: data, Content: content, AsOf: in.asOf.d, Strict: in.strict, BaseURL: *baseURL})
	fmt.Fprint(stderr, res.Diags.FormatIn(in.lang.Lang, in.maxDiags))
	var ie *generator.InputError
	switch {
	case errors.As(err, &ie):
		fmt.Fprintf(stderr, "portal report: %d errors, %d warnings — fix the inputs first (portal check)\n", ie.Errors, ie.Warnings)
		return exitInput
	case err != nil:
		fmt.Fprintf(stderr, "portal report: %v\n", err)
		return exitInput
	}
	opt := report.Options{NoBusinessYears: *noBusiness, MissingYears: *missing, ReRegisterYears: *reRegister, ExpiringDays: res.Content.Site.ExpiringDays}
	if !res.Base.IsZero() {
		opt.AgencyURL = res.Base.Abs + "agencies/"
	}
	r := report.Make(res.Register, res.Diags, opt)
	written, err := report.Write(*out, r, fmts)
	if err != nil {
		fmt.Fprintf(stderr, "portal report: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(stdout, "wrote the report as of %s into %s (%d files):\n", r.AsOf, *out, len(written))
	for _, l := range r.Lists {
		fmt.Fprintf(stdout, "  %-18s %6d  %s\n", l.Slug, len(l.Rows), l.Title)
	}
	return exitOK
}

// builtSite reports whether dir is, or lies inside, a site portal build
// wrote (its index.html beside data/datapackage.json).
func builtSite(dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for d := abs; ; d = filepath.Dir(d) {
		_, e1 := os.Stat(filepath.Join(d, "index.html"))
		_, e2 := os.Stat(filepath.Join(d, "data", "datapackage.json"))
		if e1 == nil && e2 == nil {
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}
