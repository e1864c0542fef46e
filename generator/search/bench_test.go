package search

import (
	"context"
	"portal/internal/testsite"
	"testing"
)

// BenchmarkStaticIndex50k writes the static index of the national-size demo
// set (go run ./cmd/portal demo-data --agencies 50000 --out DIR, then
// PORTAL_BENCH_DATA=DIR; issue #5: index build ≤ 3 s on 2 cores).
func BenchmarkStaticIndex50k(b *testing.B) {
	dir := testsite.DemoData(b)
	docs := docsOf(b, dir)
	an, err := NewAnalysis()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var sink memSink
		if _, err := WriteStatic(context.Background(), an, docs, &sink); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexKey50k digests the documents of the national-size demo set
// as WriteStaticFrom does before it decides to carry the index over: what
// every fresh build pays for the carry (PORTAL_BENCH_DATA=DIR as above).
func BenchmarkIndexKey50k(b *testing.B) {
	docs := docsOf(b, testsite.DemoData(b))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := indexKey(context.Background(), docs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDocs50k lists the documents of the national-size demo set, as
// every build does before its search stage (PORTAL_BENCH_DATA=DIR as
// above).
func BenchmarkDocs50k(b *testing.B) {
	reg, c := registerOf(b, testsite.DemoData(b))
	b.ReportAllocs()
	for b.Loop() {
		Docs(reg, c)
	}
}

// BenchmarkBleve50k builds the bleve index of the national-size demo set,
// as the first `portal search` on a set of inputs does (issue 14: a cold
// `portal search` ≤ 5 s; PORTAL_BENCH_DATA=DIR as above).
func BenchmarkBleve50k(b *testing.B) {
	docs := docsOf(b, testsite.DemoData(b))
	b.ReportAllocs()
	for b.Loop() {
		if err := buildIn(b.TempDir()+"/ix", docs); err != nil {
			b.Fatal(err)
		}
	}
}
