package search

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/searchsamples"
)

// staticIndex writes the static index of docs in memory.
func staticIndex(t testing.TB, docs []Doc) *staticReader {
	t.Helper()
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	var sink memSink
	idx, err := WriteStatic(context.Background(), an, docs, &sink)
	if err != nil {
		t.Fatal(err)
	}
	return &staticReader{an: an, files: sink.Files, idx: idx}
}

func openBleve(t testing.TB, docs []Doc) *BleveIndex {
	t.Helper()
	ix, err := OpenBleve(t.TempDir(), docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func show(docs []Doc, hs []Hit) string {
	s := ""
	for i, h := range hs {
		if i == 3 {
			break
		}
		s += fmt.Sprintf(" [%d %s t%d]", h.Ord, docs[h.Ord].Name, h.Tier)
	}
	return s
}

// TestStaticMatchesBleve: the static index (read as search-index.js reads it)
// and the bleve index give the same hits in the same order and the same
// total for every sample query, and each sample finds what it must.
func TestStaticMatchesBleve(t *testing.T) {
	docs := demoDocs(t)
	st := staticIndex(t, docs)
	bl := openBleve(t, docs)
	samples := sampleQueries(docs, 10)
	if len(samples) < 50 {
		t.Fatalf("only %d sample queries", len(samples))
	}
	for _, s := range samples {
		got, _, diff, err := staticVsBleve(docs, st, bl, s.Query)
		if err != nil {
			t.Fatal(err)
		}
		if diff != "" {
			t.Errorf("%s %q: %s", s.What, s.Query, diff)
			continue
		}
		switch {
		case s.Want >= 0 && (len(got) == 0 || got[0].Ord != s.Want):
			t.Errorf("%s %q: want %s first, got%s", s.What, s.Query, docs[s.Want].Name, show(docs, got))
		case s.Want < 0 && s.What[len(s.What)-len("not exist"):] == "not exist" && len(got) > 0:
			t.Errorf("%s %q: want nothing, got%s", s.What, s.Query, show(docs, got))
		case s.Want < 0 && s.What[len(s.What)-len("not exist"):] != "not exist" && s.What != searchsamples.NameNoAgencyHas && len(got) == 0:
			t.Errorf("%s %q: found nothing", s.What, s.Query)
		}
	}
}

// TestStaticMatchesBleveWithLongLists: with lists made long and cut into
// blocks on the demo's few hundred agencies (as on a national register),
// every way search-index.js reads a query (plan.go) — candidates checked in
// the texts of rare terms, in records, in documents' texts, lists read in
// the candidates' blocks, and the block-by-block scan when every term is
// common — gives bleve's hits, and each of those ways is taken.
func TestStaticMatchesBleveWithLongLists(t *testing.T) {
	defer func(i, l, m, b, r int) {
		inlineMax, listInlineMax, blockMin, blockOrds, readerRareDF = i, l, m, b, r
	}(inlineMax, listInlineMax, blockMin, blockOrds, readerRareDF)
	inlineMax, listInlineMax, blockMin, blockOrds, readerRareDF = 3, 16, 8, 32, 40
	docs := demoDocs(t)
	st := staticIndex(t, docs)
	bl := openBleve(t, docs)
	queries := []string{}
	for _, s := range sampleQueries(docs, 10) {
		queries = append(queries, s.Query)
	}
	// every term common, and parts of names made of rare and common words
	queries = append(queries, "有限公司", "人力资源", "劳务派遣有限公司", "公司 有限", "派遣")
	// a near tier of common characters: its candidates are many, and the
	// first NearVerify of them must be the ones bleve compares
	queries = append(queries, "东省人", "广东省人力")
	for _, d := range docs[:60] {
		rs := []rune(d.Name)
		queries = append(queries, string(rs[len(rs)/3:2*len(rs)/3]), string(rs[:len(rs)-2]))
	}
	kinds := map[string]int{}
	for _, q := range queries {
		_, _, diff, err := staticVsBleve(docs, st, bl, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range st.fetched {
			kinds[strings.SplitN(f, "/", 2)[0]]++
		}
		if diff != "" {
			t.Errorf("%q: %s", q, diff)
		}
	}
	t.Logf("%d queries read %v", len(queries), kinds)
	for _, k := range []string{"t", "p", "r", "d", "x", "s.json"} {
		if kinds[k] == 0 {
			t.Errorf("no query read a %s file", k)
		}
	}
	if st.scans == 0 || st.textChecks == 0 || st.recordChecks == 0 || st.listsInShard == 0 {
		t.Errorf("scans %d, checks in texts %d, in records %d, lists in their shard %d: each way must be taken",
			st.scans, st.textChecks, st.recordChecks, st.listsInShard)
	}
}

// TestIndexInBatches: an index built in many small batches, submitted side
// by side, answers every sample query as one built in a single batch.
func TestIndexInBatches(t *testing.T) {
	docs := demoDocs(t)
	whole := openBleve(t, docs)
	defer func(n int) { indexBatch = n }(indexBatch)
	indexBatch = 7
	parts := openBleve(t, docs)
	if n, err := parts.idx.DocCount(); err != nil || n != uint64(len(docs)) {
		t.Fatalf("%d documents of %d in the index (%v)", n, len(docs), err)
	}
	for _, s := range sampleQueries(docs, 10) {
		want, err := whole.Search(s.Query, 10)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parts.Search(s.Query, 10)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s %q: in batches%s of %d, whole%s of %d", s.What, s.Query, show(docs, got.Hits), got.Total, show(docs, want.Hits), want.Total)
		}
	}
}

// TestAnswersInParts: answers encoded in many small parts are the bytes
// of answers encoded in one.
func TestAnswersInParts(t *testing.T) {
	dir := t.TempDir()
	docs := demoDocs(t)
	reg := demoRegister(t)
	if err := WriteAnswers(dir, "whole", AnswersMeta{}, reg, docs); err != nil {
		t.Fatal(err)
	}
	defer func(n int) { answersPart = n }(answersPart)
	answersPart = 7
	if err := WriteAnswers(dir, "parts", AnswersMeta{}, reg, docs); err != nil {
		t.Fatal(err)
	}
	whole, err := os.ReadFile(filepath.Join(dir, "answers", "whole", "records"))
	if err != nil {
		t.Fatal(err)
	}
	parts, err := os.ReadFile(filepath.Join(dir, "answers", "parts", "records"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole, parts) {
		t.Fatalf("records in parts of 7 (%d bytes) differ from records in one part (%d bytes)", len(parts), len(whole))
	}
	a, err := OpenAnswers(dir, "parts")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, o := range []int{0, 6, 7, 8, len(docs) - 1} {
		d, err := a.Doc(o)
		if err != nil || d.Name != docs[o].Name {
			t.Errorf("record %d: %v, %v; want %s", o, d, err, docs[o].Name)
		}
	}
}
