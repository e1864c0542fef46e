package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"portal/generator"
	"portal/generator/search"
)

func runSearch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("search", stderr)
	var in inputFlags
	in.register(fs)
	asJSON := fs.Bool("json", false, "print the results as one JSON object")
	limit := fs.Int("n", 10, "print at most this many results")
	cache := fs.String("cache", "", "directory of the cached bleve indexes (default: the user cache directory, portal/search)")
	var on dateFlag
	fs.Var(&on, "on", "give each agency's status on this date (YYYY-MM-DD) instead of the as-of date: \"was it licensed on the day I signed?\"")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: portal search [flags] QUERY\n\n"+
			"Answers from a bleve index of the inputs (built on first use, cached, reused while the inputs are unchanged).\n"+
			"Prints the best results first, one a line: CODE<TAB>NAME<TAB>STATUS<TAB>VERDICT for an agency (as of --as-of, or on\n"+
			"--on's date), URL<TAB>TITLE for a document.\n"+
			"Every word of the query must match. A code or licence number is looked up exactly: one that does not exist prints nothing.\n"+
			"Exit status: 0 found, 1 nothing found, 2 usage or input errors.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	q := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if q == "" {
		fmt.Fprintln(stderr, "portal search: no query (portal search [flags] QUERY)")
		return exitUsage
	}
	data, content, err := in.dirs(fs, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "portal search: %v\n", err)
		return exitUsage
	}
	res, err := generator.Check(context.Background(), generator.Config{Data: data, Content: content, AsOf: in.asOf.d, Strict: in.strict})
	if err != nil {
		fmt.Fprint(stderr, res.Diags.Format(in.maxDiags))
		fmt.Fprintf(stderr, "portal search: %v (run portal check for details)\n", err)
		return exitUsage
	}
	dir := *cache
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "portal", "search")
	}
	docs := search.Docs(res.Register, res.Content)
	ix, err := search.OpenBleve(dir, docs)
	if err != nil {
		fmt.Fprintf(stderr, "portal search: %v\n", err)
		return exitUsage
	}
	defer ix.Close()
	if ix.Built {
		fmt.Fprintf(stderr, "portal search: indexed %s items in %.1fs (cached in %s)\n", thousands(len(docs)), ix.Took.Seconds(), dir)
	}
	r, err := ix.Search(q, *limit)
	if err != nil {
		fmt.Fprintf(stderr, "portal search: %v\n", err)
		return exitUsage
	}
	base := cmp.Or(res.Base.Abs, "/")
	when := cmp.Or(on.d, res.AsOf)
	if when > res.AsOf {
		fmt.Fprintf(stderr, "portal search: %s is after the data's as-of date %s: the status is what the data says then, and later decisions may change it\n", when, res.AsOf)
	}
	agencyOn := func(d *search.Doc) *search.AgencyResult {
		a := res.Register.Agency(d.Code)
		s := a.On(when)
		return search.AgencyResultOf(d, s.Status, res.Register.VerdictOn(a, s))
	}
	if *asJSON {
		type result struct {
			Kind string `json:"kind"`
			Name string `json:"name"`
			URL  string `json:"url"`
			*search.AgencyResult
			Match string `json:"match"`
		}
		out := struct {
			Query   string   `json:"query"`
			AsOf    string   `json:"as_of"`
			On      string   `json:"on"`
			Total   int      `json:"total"`
			Results []result `json:"results"`
		}{Query: q, AsOf: res.AsOf.String(), On: when.String(), Total: r.Total, Results: []result{}}
		for _, h := range r.Hits {
			d := h.Doc
			x := result{Kind: d.Kind.Label(), Name: d.Name, URL: base + d.Path, Match: matchWords[h.Tier]}
			if d.Kind == search.KindAgency {
				x.AgencyResult = agencyOn(d)
			}
			out.Results = append(out.Results, x)
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	} else {
		for _, h := range r.Hits {
			d := h.Doc
			if d.Kind == search.KindAgency {
				x := agencyOn(d)
				fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\n", d.Code, d.Name, x.Status, x.Verdict)
			} else {
				fmt.Fprintf(stdout, "%s\t%s\n", base+d.Path, d.Name)
			}
		}
	}
	if len(r.Hits) == 0 {
		return exitInput
	}
	return exitOK
}

// matchWords says how a result matched, by tier.
var matchWords = map[search.Tier]string{
	search.TierExact:       "exact",
	search.TierExactFormer: "exact former name",
	search.TierName:        "name",
	search.TierFormer:      "former name",
	search.TierAny:         "text",
}
