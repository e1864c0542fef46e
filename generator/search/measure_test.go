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

// TestMeasureTypedNames, with PORTAL_MEASURE_DATA=DIR (a demo dataset),
// types every 97th agency's name in each way of typedNames (typed_test.go)
// and logs per way: how many names, how often bleve ranks the agency (or
// a namesake) first, how often it is not on the first page and how often
// nothing is found (未查到); and the index files the static index reads
// for them (median, 90th percentile, most) and their gzipped bytes, by
// Search and by Find (search.js's findIn, staticReader.find). It fails
// when the static index and bleve differ.
func TestMeasureTypedNames(t *testing.T) {
	docs, st, bl := measured(t)
	names := allNames(docs)
	for _, k := range typedNames {
		var n, first, missing, none, findFirst, findMissing int
		var reqs, zs, findReqs, findZs []int
		for o := 7; o < len(docs); o += 97 {
			for at := range 2 {
				q := k.typed(docs[o].Name, at)
				if docs[o].Kind != KindAgency || q == "" || names[q] {
					continue
				}
				res, err := bl.Search(q, 10)
				if err != nil {
					t.Fatal(err)
				}
				hits, total, err := st.search(q, 10)
				if err != nil {
					t.Fatal(err)
				}
				n++
				switch {
				case len(res.Hits) > 0 && docs[res.Hits[0].Ord].Name == docs[o].Name:
					first++
				case res.Total == 0:
					none++
				case !slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.Ord == o }):
					missing++
				}
				f, err := bl.Find(q, 10)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case len(f.Hits) > 0 && docs[f.Hits[0].Ord].Name == docs[o].Name:
					findFirst++
				case !slices.ContainsFunc(f.Hits, func(h Hit) bool { return h.Ord == o }):
					findMissing++
				}
				if total >= 0 && total != res.Total || !sameHits(hits, res.Hits) {
					t.Errorf("%s %q: the static index and bleve differ", k.what, q)
				}
				files, z := st.read()
				reqs, zs = append(reqs, files), append(zs, z)
				fh, err := st.find(q, 10)
				if err != nil {
					t.Fatal(err)
				}
				if !sameHits(fh, f.Hits) {
					t.Errorf("%s %q: Find in the static index and in bleve differ", k.what, q)
				}
				files, z = st.read()
				findReqs, findZs = append(findReqs, files), append(findZs, z)
			}
		}
		if n == 0 {
			continue
		}
		for _, l := range [][]int{reqs, zs, findReqs, findZs} {
			slices.Sort(l)
		}
		t.Logf("%-28s %4d names: first %4d, not on the first page %3d, 未查到 %3d (Find: first %4d, not on the first page %3d); index files %2d / %2d / %2d, gzipped KB %4.1f / %4.1f / %4.1f; by Find %2d / %2d / %2d, %4.1f / %4.1f / %4.1f KB",
			k.what, n, first, missing, none, findFirst, findMissing, reqs[n/2], reqs[n*9/10], reqs[n-1], float64(zs[n/2])/1024, float64(zs[n*9/10])/1024, float64(zs[n-1])/1024,
			findReqs[n/2], findReqs[n*9/10], findReqs[n-1], float64(findZs[n/2])/1024, float64(findZs[n*9/10])/1024, float64(findZs[n-1])/1024)
	}
}

// TestMeasureFoundAsTyped, with PORTAL_MEASURE_DATA=DIR (a demo dataset),
// asks for every 97th agency in the ways Find answers and Search alone
// does not — the name with the district of its region after its city, in
// a question, after other words, a branch of it the register has no
// record of — and logs per way how often the agency is first (or, for the
// branch, given as its head office) and how often nothing is found, by
// Search alone (the index) and by Find (portal search, /api/search and
// the search box).
func TestMeasureFoundAsTyped(t *testing.T) {
	docs, _, bl := measured(t)
	names := allNames(docs)
	ways := []struct {
		what string
		q    func(d *Doc) string
	}{
		{"the district after its city", func(d *Doc) string {
			city, district, ok := strings.Cut(d.Region, "市")
			return when(ok && district != "" && strings.HasPrefix(d.Name, city+"市") && !strings.Contains(d.Name, district),
				city+"市"+district+strings.TrimPrefix(d.Name, city+"市"))
		}},
		{"the district, the city's 市 left out", func(d *Doc) string {
			city, district, ok := strings.Cut(d.Region, "市")
			return when(ok && district != "" && strings.HasPrefix(d.Name, city+"市") && !strings.Contains(d.Name, district),
				city+district+strings.TrimPrefix(d.Name, city+"市"))
		}},
		{"the district for its city", func(d *Doc) string {
			city, district, ok := strings.Cut(d.Region, "市")
			return when(ok && (strings.HasSuffix(district, "区") || strings.HasSuffix(district, "县")) && strings.HasPrefix(d.Name, city+"市") && !strings.Contains(d.Name, district),
				district+strings.TrimPrefix(d.Name, city+"市"))
		}},
		{"asked in a question", func(d *Doc) string { return "查询" + d.Name + "有没有劳务派遣资质？" }},
		{"after other words", func(d *Doc) string { return "劳务派遣单位" + d.Name }},
		{"a branch not in the register", func(d *Doc) string {
			return when(strings.HasSuffix(d.Name, "有限公司"), d.Name+"汕头市潮南区分公司")
		}},
		// the place and trade name with other industry words (TradeName)
		{"服务 added to 人力资源", func(d *Doc) string {
			return when(strings.HasSuffix(d.Name, "人力资源有限公司"), strings.TrimSuffix(d.Name, "有限公司")+"服务有限公司")
		}},
		{"劳务派遣 for 人力资源…", func(d *Doc) string {
			if i := strings.Index(d.Name, "人力资源"); i > 0 && strings.HasSuffix(d.Name, "有限公司") {
				return d.Name[:i] + "劳务派遣有限公司"
			}
			return ""
		}},
		{"人力资源 for 劳务…/企业…", func(d *Doc) string {
			if i := max(strings.Index(d.Name, "劳务"), strings.Index(d.Name, "企业")); i > 0 && strings.HasSuffix(d.Name, "有限公司") && !strings.Contains(d.Name, "人力资源") {
				return d.Name[:i] + "人力资源有限公司"
			}
			return ""
		}},
	}
	for _, w := range ways {
		var n, searchFirst, searchNone, findFirst, findNone, findPage int
		for o := 7; o < len(docs); o += 97 {
			d := &docs[o]
			q := ""
			if d.Kind == KindAgency && !strings.Contains(d.Name, "分公司") {
				q = w.q(d)
			}
			if q == "" || names[q] {
				continue
			}
			n++
			first := func(r Result) bool { return len(r.Hits) > 0 && docs[r.Hits[0].Ord].Name == d.Name }
			s, err := bl.Search(q, 10)
			if err != nil {
				t.Fatal(err)
			}
			f, err := bl.Find(q, 10)
			if err != nil {
				t.Fatal(err)
			}
			searchFirst, searchNone = searchFirst+b2i(first(s)), searchNone+b2i(len(s.Hits) == 0)
			findFirst, findNone = findFirst+b2i(first(f)), findNone+b2i(len(f.Hits) == 0)
			findPage += b2i(slices.ContainsFunc(f.Hits, func(h Hit) bool { return docs[h.Ord].Name == d.Name }))
		}
		t.Logf("%-30s %4d names: first %4d by Search alone (未查到 %4d), %4d by Find (on the first page %4d, 未查到 %4d)", w.what, n, searchFirst, searchNone, findFirst, findPage, findNone)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// read is how many distinct index files the last query fetched, and their
// gzipped bytes.
func (r *staticReader) read() (files, gzipped int) {
	seen := map[string]bool{}
	for _, f := range r.fetched {
		if !seen[f] {
			seen[f] = true
			gzipped += gz(r.files[r.idx.Dir+f])
		}
	}
	return len(seen), gzipped
}
