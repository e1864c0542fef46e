package search

import (
	"bytes"
	"compress/gzip"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func gz(b []byte) int {
	var w bytes.Buffer
	z, _ := gzip.NewWriterLevel(&w, 6)
	z.Write(b)
	z.Close()
	return w.Len()
}

// measured is what the measurements below search: the documents of
// $PORTAL_MEASURE_DATA (skipped when unset), their static index in memory
// and their bleve index (cached in $PORTAL_MEASURE_CACHE, default a temp
// dir), with the time each took logged.
func measured(t *testing.T) ([]Doc, *staticReader, *BleveIndex) {
	dir := os.Getenv("PORTAL_MEASURE_DATA")
	if dir == "" {
		t.Skip()
	}
	docs := docsOf(t, dir)
	t0 := time.Now()
	st := staticIndex(t, docs)
	t.Logf("static took %v: %+v", time.Since(t0), *st.idx)
	t0 = time.Now()
	cache := os.Getenv("PORTAL_MEASURE_CACHE")
	if cache == "" {
		cache = t.TempDir()
	}
	bl, err := OpenBleve(cache, docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("bleve took %v built=%v", time.Since(t0), bl.Built)
	return docs, st, bl
}

// TestMeasureStaticQueries, with PORTAL_MEASURE_DATA=DIR (a demo dataset),
// builds the static index in memory and runs the sample queries as
// search-index.js would, logging per query the files read, their size raw and
// gzipped, and whether the hits equal the bleve index's (cached in
// PORTAL_MEASURE_CACHE, default a temp dir). A quick check of a format
// change before measuring it in Chromium (internal/e2e TestSearchBudget).
func TestMeasureStaticQueries(t *testing.T) {
	docs, st, bl := measured(t)
	for _, s := range sampleQueries(docs, 3) {
		t0 := time.Now()
		hits, total, err := st.search(s.Query, 10)
		if err != nil {
			t.Fatal(err)
		}
		d := time.Since(t0)
		raw, z := 0, 0
		seen := map[string]bool{}
		for _, f := range st.fetched {
			if seen[f] {
				continue
			}
			seen[f] = true
			raw += len(st.files[st.idx.Dir+f])
			z += gz(st.files[st.idx.Dir+f])
		}
		t1 := time.Now()
		want, _ := bl.Search(s.Query, 10)
		ok := len(want.Hits) == len(hits) && (total < 0 || want.Total == total)
		for i := range hits {
			ok = ok && hits[i].Ord == want.Hits[i].Ord
		}
		first := ""
		if len(hits) > 0 {
			first = docs[hits[0].Ord].Name
		}
		if !ok {
			t.Errorf("%q: static and bleve differ", s.Query)
		}
		t.Logf("%-16s %-28q req %2d raw %6d gz %6d total %5d same=%v static %v bleve %v first %s", s.What, s.Query, len(seen), raw, z, total, ok, d.Round(time.Microsecond), time.Since(t1).Round(time.Microsecond), first)
	}
}

// TestMeasureTypos, with PORTAL_MEASURE_DATA=DIR (a demo dataset), types
// every 97th agency's name with one character inside mistyped (乙), doubled
// or left out, and logs how often bleve ranks the agency (or a namesake)
// first, and whether the static index answers the same (cached in
// PORTAL_MEASURE_CACHE, default a temp dir). It fails when the two differ.
func TestMeasureTypos(t *testing.T) {
	docs, st, bl := measured(t)
	type tally struct{ queries, first, missing int }
	kinds := map[string]*tally{"mistyped": {}, "doubled": {}, "left out": {}}
	for i := 7; i < len(docs); i += 97 {
		d := docs[i]
		if d.Kind != KindAgency || !strings.HasSuffix(d.Name, "有限公司") {
			continue
		}
		r := []rune(strings.TrimSuffix(d.Name, "有限公司"))
		if len(r) < 7 {
			continue
		}
		k := len(r)/2 + i%3 - 1
		for kind, q := range map[string]string{
			"mistyped": string(r[:k]) + "乙" + string(r[k+1:]) + "有限公司",
			"doubled":  string(r[:k+1]) + string(r[k:]) + "有限公司",
			"left out": string(r[:k]) + string(r[k+1:]) + "有限公司",
		} {
			res, err := bl.Search(q, 10)
			if err != nil {
				t.Fatal(err)
			}
			hits, _, err := st.search(q, 10)
			if err != nil {
				t.Fatal(err)
			}
			n := kinds[kind]
			n.queries++
			switch {
			case len(res.Hits) > 0 && docs[res.Hits[0].Ord].Name == d.Name:
				n.first++
			case !slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.Ord == i }):
				n.missing++
			}
			same := len(hits) == len(res.Hits)
			for j := range hits {
				same = same && hits[j].Ord == res.Hits[j].Ord
			}
			if !same {
				t.Errorf("%s %q: the static index and bleve differ", kind, q)
			}
		}
	}
	for kind, n := range kinds {
		t.Logf("a character %s: %d names, the agency first in %d, not in the first ten in %d", kind, n.queries, n.first, n.missing)
	}
}
