package search

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkStaticIndex50k writes the static index of the national-size demo
// set (go run ./cmd/portal demo-data --agencies 50000 --out DIR, then
// PORTAL_BENCH_DATA=DIR; issue #5: index build ≤ 3 s on 2 cores).
func BenchmarkStaticIndex50k(b *testing.B) {
	dir := os.Getenv("PORTAL_BENCH_DATA")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "portal-bench-50000-seed1")
	}
	if _, err := os.Stat(filepath.Join(dir, "regions.csv")); err != nil {
		b.Skipf("no demo data at %s: go run ./cmd/portal demo-data --agencies 50000 --out %s", dir, dir)
	}
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
