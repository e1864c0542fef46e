package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"portal/generator"
	"portal/generator/demodata"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/search"
)

// dirSink writes the static index's files below a directory.
type dirSink string

func (d dirSink) Add(p string, b []byte) error {
	name := filepath.Join(string(d), filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, b, 0o644)
}

// TestSearchParityOnANationalRegister: on a generated register of 40,000
// agencies, where common terms' lists are long and cut into blocks,
// search-index.js in Chromium gives bleve's hits, tiers and totals for the
// sample queries, names typed with a character mistyped, doubled, left
// out or two swapped, without their city, parts of names (one with a
// character left out), common words and licence numbers retyped — reading the index every way
// generator/search/plan.go describes: inline texts, p/ lists whole and in
// blocks, records, a document's texts.
func TestSearchParityOnANationalRegister(t *testing.T) {
	exe := browser(t)
	tmp := t.TempDir()
	data, site := filepath.Join(tmp, "data"), filepath.Join(tmp, "site")
	if _, err := demodata.Write(data, demodata.Options{Agencies: 40000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	res, err := generator.Check(context.Background(), generator.Config{Data: load.OSDir(data), Content: load.OSDir(filepath.Join(repo, "content")), AsOf: model.MakeDate(2026, 11, 21)})
	if err != nil {
		t.Fatal(err)
	}
	docs := search.Docs(res.Register, res.Content)
	// licence numbers as some provinces write them, asked for as people
	// retype them (search.LicenceKey)
	var retyped []string
	owner := map[string]int{} // a retyped number's agency
	for i, n := 7, 0; i < len(docs); i += 4001 {
		if d := &docs[i]; d.Kind == search.KindAgency {
			n++
			d.Licence = fmt.Sprintf("粤劳派（穗）字〔2014〕第%04d号", n)
			d.Keys = append(slices.Clone(d.Keys), d.Licence, search.LicenceKey(d.Licence))
			retyped = append(retyped, fmt.Sprintf("粤劳派穗字2014 %d号", n), fmt.Sprintf("许可证编号：粤劳派（穗）字〔2014〕%04d号", n))
			owner[retyped[len(retyped)-1]], owner[retyped[len(retyped)-2]] = i, i
		}
	}
	an, err := search.NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := search.WriteStatic(context.Background(), an, docs, dirSink(site))
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join(repo, "templates", "static", "search-index.js"))
	if err != nil {
		t.Fatal(err)
	}
	dirSink(site).Add("search-index.js", js)
	dirSink(site).Add("index.html", []byte(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>search</title><link rel="icon" href="data:,"><script src="/search-index.js"></script>`))
	bl, err := search.OpenBleve(filepath.Join(tmp, "bleve"), docs)
	if err != nil {
		t.Fatal(err)
	}
	defer bl.Close()

	queries := []string{"人力资源", "有限公司", "劳务派遣经营许可证", "同工同酬"}
	queries = append(queries, retyped...)
	for _, s := range sampleQueries(docs, 2) {
		queries = append(queries, s.Query)
	}
	for i := 11; i < len(docs); i += 1999 {
		if docs[i].Kind != search.KindAgency || !strings.HasSuffix(docs[i].Name, "有限公司") {
			continue
		}
		r := []rune(strings.TrimSuffix(docs[i].Name, "有限公司"))
		if len(r) < 7 {
			continue
		}
		k := len(r) / 2
		queries = append(queries, string(r[:k])+"乙"+string(r[k+1:])+"有限公司", string(r[:k+1])+string(r[k:])+"有限公司",
			string(r[:k])+string(r[k+1:])+"有限公司", string(r[2:k+2]),
			string(r[:k])+string(r[k+1])+string(r[k])+string(r[k+2:])+"有限公司", string(r[3:])+"公司", string(r[3:k])+string(r[k+1:]))
	}

	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()
	ctx, problems := newTab(t, exe)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	cfg, _ := json.Marshal(map[string]any{"index": "/" + idx.Dir, "terms": idx.TermShards, "exact": idx.ExactShards, "agencies": idx.Agencies, "block": idx.Block, "chunk": idx.Chunk})
	qs, _ := json.Marshal(queries)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		performance.setResourceTimingBufferSize(1e6);
		const out = [];
		for (const q of `+string(qs)+`) {
			const idx = new portalSearch.Index(`+string(cfg)+`), r = await idx.search(q, 10, 10);
			const cards = r.hits.filter(h => idx.cards.has(h.o)).length, shards = [...idx.cache.keys()].filter(u => u.includes('/t/')).length;
			out.push({ords: r.hits.map(h => h.o), tiers: r.hits.map(h => h.tier), total: r.total, cards, shards,
				records: await Promise.all(r.hits.map(h => idx.record(h.o)))});
		}
		return JSON.stringify({out, files: performance.getEntriesByType('resource').map(r => new URL(r.name).pathname)});
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Out []struct {
			Ords, Tiers []int
			Total       int
			Cards       int
			Shards      int // term shards read
			Records     []map[string]any
		}
		Files []string
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	cards := 0
	for i, q := range queries {
		want, err := bl.Search(q, 10)
		if err != nil {
			t.Fatal(err)
		}
		wantOrds, wantTiers := []int{}, []int{}
		for _, h := range want.Hits {
			wantOrds, wantTiers = append(wantOrds, h.Ord), append(wantTiers, int(h.Tier))
		}
		g := got.Out[i]
		if len(g.Ords) == 0 {
			g.Ords, g.Tiers = []int{}, []int{}
		}
		if o, ok := owner[q]; ok && (len(wantOrds) == 0 || wantOrds[0] != o || wantTiers[0] != int(search.TierExact)) {
			t.Errorf("%q: bleve %v (tiers %v), want %d exactly, first", q, wantOrds, wantTiers, o)
		}
		if !reflect.DeepEqual(g.Ords, wantOrds) || !reflect.DeepEqual(g.Tiers, wantTiers) || g.Total >= 0 && g.Total != want.Total {
			t.Errorf("%q: browser %v (tiers %v, total %d), bleve %v (tiers %v, total %d)", q, g.Ords, g.Tiers, g.Total, wantOrds, wantTiers, want.Total)
		}
		// what each result shows, from its card or its record file, is its record
		cards += g.Cards
		for j, o := range g.Ords {
			b, _ := json.Marshal(search.RecordOf(&docs[o]))
			var rec map[string]any
			json.Unmarshal(b, &rec)
			if j < len(g.Records) && !reflect.DeepEqual(g.Records[j], rec) {
				t.Errorf("%q: result %d shows %v, its record is %v", q, j+1, g.Records[j], rec)
			}
		}
	}
	if cards == 0 {
		t.Error("no result was shown from its card")
	}
	// the commonest words and a title's words are answered from the exact
	// key's shard (generator/search/keyanswer.go), with no term shard
	for i, q := range queries[:3] {
		if got.Out[i].Shards > 0 || got.Out[i].Total < 0 {
			t.Errorf("%q: read %d term shards (total %d), not its answer with its key", q, got.Out[i].Shards, got.Out[i].Total)
		}
	}
	// every way of reading the index was taken
	for what, re := range map[string]string{"an inline term's shard": `/t/\d+\.bin$`, "a whole long list": `/p/\d+-\d+\.bin$`,
		"a block of a long list": `/p/\d+-\d+\.\d+\.bin$`, "a record": `/r/\d+\.bin$`, "a document's texts": `/d/\d+\.json$`} {
		n := 0
		for _, f := range got.Files {
			if regexp.MustCompile(re).MatchString(f) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no query read %s", what)
		}
	}
	t.Logf("%d queries, %d files read, %d results shown from their cards", len(queries), len(got.Files), cards)
	noConsoleErrors(t, problems())
}
