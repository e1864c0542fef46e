package search

import (
	"bytes"
	"compress/gzip"
	"os"
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

// TestMeasureStaticQueries, with PORTAL_MEASURE_DATA=DIR (a demo dataset),
// builds the static index in memory and runs the sample queries as
// search.js would, logging per query the files read, their size raw and
// gzipped, and whether the hits equal the bleve index's (cached in
// PORTAL_MEASURE_CACHE, default a temp dir). A quick check of a format
// change before measuring it in Chromium (internal/e2e TestSearchBudget).
func TestMeasureStaticQueries(t *testing.T) {
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
