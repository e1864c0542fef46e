package search

import (
	"fmt"
	"path/filepath"
	"portal/internal/searchsamples"
	"runtime"
	"sync"
	"testing"

	"portal/generator/diag"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/publish"
	"portal/generator/register"
)

// repo is the repository root.
func repo() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// registerOf loads data (a directory) with the repository's content and
// derives its register as of 2026-11-21.
func registerOf(t testing.TB, data string) (*register.Register, *model.Content) {
	t.Helper()
	var d diag.List
	c := load.Content(load.OSDir(filepath.Join(repo(), "content")), &d)
	ds := load.Data(load.OSDir(data), c.Site.GradeScale, &d)
	reg := register.Derive(ds, model.Date(20261121), &d)
	if d.HasErrors(false) {
		t.Fatalf("%s has errors", data)
	}
	return reg, c
}

// docsOf lists the search documents of data (registerOf).
func docsOf(t testing.TB, data string) []Doc {
	t.Helper()
	return Docs(registerOf(t, data))
}

var demoOnce sync.Once
var demo []Doc
var demoReg *register.Register

// demoDocs are the documents of the repository's demo data.
func demoDocs(t testing.TB) []Doc {
	demoOnce.Do(func() {
		var c *model.Content
		demoReg, c = registerOf(t, filepath.Join(repo(), "data"))
		demo = Docs(demoReg, c)
	})
	return demo
}

// demoRegister is the register demoDocs were listed from.
func demoRegister(t testing.TB) *register.Register {
	demoDocs(t)
	return demoReg
}

// memSink keeps written files in memory.
type memSink = publish.Memory

// sampleQueries are the shared sample queries (internal/searchsamples) of docs.
func sampleQueries(docs []Doc, perKind int) []searchsamples.Sample {
	items := make([]searchsamples.Item, len(docs))
	for i, d := range docs {
		items[i] = searchsamples.Item{Agency: d.Kind == KindAgency, Policy: d.Kind == KindPolicy,
			Name: d.Name, Former: d.Former, Code: d.Code, Licence: d.Licence, Province: d.Province}
	}
	return searchsamples.Samples(items, perKind)
}

// staticVsBleve runs q on the static index (as search-index.js reads it)
// and on bleve, and says how the static answer differs: "" when it has
// bleve's hits, in order with their tiers, and its total (or does not know
// it, -1). got are the static hits.
func staticVsBleve(docs []Doc, st *staticReader, bl *BleveIndex, q string) (got []Hit, want Result, diff string, err error) {
	if want, err = bl.Search(q, 10); err != nil {
		return nil, want, "", err
	}
	got, total, err := st.search(q, 10)
	if err != nil {
		return nil, want, "", fmt.Errorf("%q: %v", q, err)
	}
	switch {
	case total >= 0 && total != want.Total || len(got) != len(want.Hits):
		diff = fmt.Sprintf("static %d hits of %d%s, bleve %d of %d%s", len(got), total, show(docs, got), len(want.Hits), want.Total, show(docs, want.Hits))
	case !sameHits(got, want.Hits):
		diff = fmt.Sprintf("static%s, bleve%s", show(docs, got), show(docs, want.Hits))
	}
	return got, want, diff, nil
}
