package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"portal/generator"
	"portal/generator/load"
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
			"Answers from a bleve index of the inputs and each item's answer, both made on first use and kept in --cache;\n"+
			"a later run on the same inputs (the same bytes) reads only those.\n"+
			"Prints the best results first, one a line: CODE<TAB>NAME<TAB>STATUS<TAB>VERDICT for an agency (as of --as-of, or on\n"+
			"--on's date), URL<TAB>TITLE for a document.\n"+
			"Every word of the query must match. A code or licence number is looked up exactly: one that does not exist prints nothing.\n"+
			"Exit status: 0 found, 1 nothing found, 2 usage or input errors.\n\n")
		fs.PrintDefaults()
	}
	if code, stop := parseWithOperands(fs, args); stop {
		return code
	}
	q := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if q == "" {
		fmt.Fprintln(stderr, "portal search: no query (portal search [flags] QUERY)")
		return exitUsage
	}
	if n := utf8.RuneCountInString(q); n > search.MaxQuery {
		fmt.Fprintf(stderr, "portal search: %s\n", strings.NewReplacer("{0}", strconv.Itoa(n), "{1}", strconv.Itoa(search.MaxQuery)).Replace(search.TooLongWords))
		return exitUsage
	}
	data, content, err := in.dirs(fs, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "portal search: %v\n", err)
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
	q0 := queryInputs{data: data, content: content, in: &in, dir: dir}
	ix, meta, answer, closeAll, err := q0.open(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "portal search: %v\n", err)
		return exitUsage
	}
	defer closeAll()
	r, err := ix.Find(q, *limit)
	if err != nil {
		fmt.Fprintf(stderr, "portal search: %v\n", err)
		return exitUsage
	}
	asOf := meta.AsOf
	base := cmp.Or(meta.Base, "/")
	when := cmp.Or(on.d, asOf)
	if when > asOf {
		fmt.Fprintf(stderr, "portal search: %s is after the data's as-of date %s: the status is what the data says then, and later decisions may change it\n", when, asOf)
	}
	hits := make([]*search.AnswerDoc, len(r.Hits))
	for i, h := range r.Hits {
		if hits[i], err = answer(h); err != nil {
			fmt.Fprintf(stderr, "portal search: %v\n", err)
			return exitUsage
		}
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
			// CodeProblem says why a query shaped like a 统一社会信用代码
			// cannot be one (its results are then what it most likely means)
			CodeProblem string `json:"code_problem,omitempty"`
			// NotFound, when nothing matches, is what that means
			NotFound []string `json:"not_found,omitempty"`
			// HeadOfficeOf is the branch the query names when the register
			// has no record of it: the results are its head office
			HeadOfficeOf string `json:"head_office_of,omitempty"`
		}{Query: q, AsOf: asOf.String(), On: when.String(), Total: r.Total, Results: []result{}, CodeProblem: r.Code.Problem, HeadOfficeOf: r.HeadOfficeOf}
		if len(r.Hits) == 0 && r.Code.Problem == "" {
			out.NotFound = search.NotFound(asOf, meta.Province, meta.Report)
		}
		for i, h := range r.Hits {
			d := hits[i]
			x := result{Kind: d.Kind.Label(), Name: d.Name, URL: base + d.Path, Match: matchWords[h.Tier]}
			if r.HeadOfficeOf != "" {
				x.Match = "head office of the branch asked about"
			}
			if d.Kind == search.KindAgency {
				x.AgencyResult = d.On(when)
			}
			out.Results = append(out.Results, x)
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	} else {
		for _, d := range hits {
			if d.Kind == search.KindAgency {
				x := d.On(when)
				fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\n", d.Code, d.Name, x.Status, x.Verdict)
			} else {
				fmt.Fprintf(stdout, "%s\t%s\n", base+d.Path, d.Name)
			}
		}
	}
	for i, h := range r.Hits {
		if h.Tier >= search.TierNear {
			// look-alikes, not matches: said apart from the results
			fmt.Fprintf(stderr, "portal search: 名称相近（名称不完全相符，请核对单位全称和统一社会信用代码）：第 %d–%d 个结果\n", i+1, len(r.Hits))
			break
		}
	}
	switch {
	case r.HeadOfficeOf != "":
		// the branch is not found: its head office is what it operates
		// on, said apart, not a match (exit 1)
		fmt.Fprintf(stderr, "portal search: %s\n", strings.ReplaceAll(search.HeadOfficeWords, "{0}", r.HeadOfficeOf))
		return exitInput
	case r.Code.Problem != "":
		// a code that cannot be valid: say why, never "not found"; what it
		// most likely means is a suggestion, not a match (exit 1)
		fmt.Fprintf(stderr, "portal search: 代码校验不通过：%s。", r.Code.Problem)
		if len(r.Hits) > 0 {
			fmt.Fprintln(stderr, "您是否要找上面的单位？")
		} else {
			fmt.Fprintln(stderr, "请核对营业执照上的统一社会信用代码。")
		}
		return exitInput
	case len(r.Hits) == 0:
		fmt.Fprintf(stderr, "portal search: 未查到“%s”。\n", q)
		for _, l := range search.NotFound(asOf, meta.Province, meta.Report) {
			fmt.Fprintln(stderr, l)
		}
		return exitInput
	}
	return exitOK
}

// matchWords says how a result matched, by tier.
var matchWords = map[search.Tier]string{
	search.TierExact:         "exact",
	search.TierExactFormer:   "exact former name",
	search.TierName:          "name",
	search.TierFormer:        "former name",
	search.TierAny:           "text",
	search.TierCodeFix:       "code it most likely means",
	search.TierNear:          "near name",
	search.TierNearAllButOne: "near name, all terms but one",
	search.TierNearEdit:      "near name, one edit away",
}

// queryInputs are what `portal search` answers from.
type queryInputs struct {
	data, content load.Dir
	in            *inputFlags
	dir           string // the cache
}

// open returns the index to query and what each hit says: from the
// answers an earlier run kept for the same inputs (no loading, no
// deriving), else from the inputs, keeping their answers for the next run.
func (qi queryInputs) open(stderr io.Writer) (*search.BleveIndex, search.AnswersMeta, func(search.Hit) (*search.AnswerDoc, error), func(), error) {
	key, err := search.InputsKey([]iofs.FS{qi.data.FS, qi.content.FS}, fmt.Sprintf("as-of=%s strict=%v", qi.in.asOf.d, qi.in.strict))
	if err != nil {
		return nil, search.AnswersMeta{}, nil, nil, err
	}
	ans, err := search.OpenAnswers(qi.dir, key)
	if err == nil && qi.in.asOf.d == 0 && ans.Meta.AsOf != generator.Today(ans.Meta.Timezone) {
		ans.Close() // made on another day: the default as-of date has moved on
		err = search.ErrNoAnswers
	}
	if err == nil {
		ix, err := ans.Index()
		if err == nil {
			return ix, ans.Meta, func(h search.Hit) (*search.AnswerDoc, error) { return ans.Doc(h.Ord) }, func() { ix.Close(); ans.Close() }, nil
		}
		ans.Close()
	}
	if !errors.Is(err, search.ErrNoAnswers) {
		fmt.Fprintf(stderr, "portal search: %v; answering from the inputs\n", err)
	}
	adviseHugePages(heapFor(qi.data, searchPerInput)) // indexing is what the heap grows for
	res, err := generator.Check(context.Background(), generator.Config{Data: qi.data, Content: qi.content, AsOf: qi.in.asOf.d, Strict: qi.in.strict})
	if err != nil {
		fmt.Fprint(stderr, res.Diags.FormatIn(qi.in.lang.Lang, qi.in.maxDiags))
		return nil, search.AnswersMeta{}, nil, nil, fmt.Errorf("%w (run portal check for details)", err)
	}
	docs := search.Docs(res.Register, res.Content)
	// the answers are encoded while the index is built (it keeps about one
	// core of two busy), and kept once it is, so that they never name an
	// index the cache does not hold
	type encoded struct {
		set *search.AnswerSet
		err error
	}
	answers := make(chan encoded, 1)
	go func() {
		set, err := search.EncodeAnswers(res.Register, docs)
		answers <- encoded{set, err}
	}()
	ix, err := search.OpenBleve(qi.dir, docs)
	enc := <-answers
	if err != nil {
		return nil, search.AnswersMeta{}, nil, nil, err
	}
	if ix.Built {
		fmt.Fprintf(stderr, "portal search: indexed %s items in %.1fs (cached in %s)\n", thousands(len(docs)), ix.Took.Seconds(), qi.dir)
	}
	site := res.Content.Site
	meta := search.AnswersMeta{AsOf: res.AsOf, Timezone: site.Timezone, Base: res.Base.Abs, Index: ix.Key, Province: site.Province, Report: site.Report}
	err = enc.err
	if err == nil {
		err = enc.set.Keep(qi.dir, key, meta)
	}
	if err != nil {
		fmt.Fprintf(stderr, "portal search: keeping the answers in %s: %v\n", qi.dir, err)
	}
	answer := func(h search.Hit) (*search.AnswerDoc, error) {
		d := search.AnswerOf(res.Register, h.Doc)
		return &d, nil
	}
	return ix, meta, answer, func() { ix.Close() }, nil
}
