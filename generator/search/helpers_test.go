package search

import (
	"path/filepath"
	"portal/internal/searchsamples"
	"runtime"
	"sync"
	"testing"

	"portal/generator/diag"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/register"
)

// repo is the repository root.
func repo() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// docsOf loads data (a directory) with the repository's content and lists
// its search documents as of 2026-11-21.
func docsOf(t testing.TB, data string) []Doc {
	t.Helper()
	var d diag.List
	c := load.Content(load.OSDir(filepath.Join(repo(), "content")), &d)
	ds := load.Data(load.OSDir(data), c.Site.GradeScale, &d)
	reg := register.Derive(ds, model.Date(20261121), &d)
	if d.HasErrors(false) {
		t.Fatalf("%s has errors", data)
	}
	return Docs(reg, c)
}

var demoOnce sync.Once
var demo []Doc

// demoDocs are the documents of the repository's demo data.
func demoDocs(t testing.TB) []Doc {
	demoOnce.Do(func() { demo = docsOf(t, filepath.Join(repo(), "data")) })
	return demo
}

// memSink keeps written files in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSink) Add(p string, b []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[p] = b
	return nil
}

// sampleQueries are the shared sample queries (internal/searchsamples) of docs.
func sampleQueries(docs []Doc, perKind int) []searchsamples.Sample {
	items := make([]searchsamples.Item, len(docs))
	for i, d := range docs {
		items[i] = searchsamples.Item{Agency: d.Kind == KindAgency, Policy: d.Kind == KindPolicy,
			Name: d.Name, Former: d.Former, Code: d.Code, Licence: d.Licence}
	}
	return searchsamples.Samples(items, perKind)
}
