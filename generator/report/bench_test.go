package report_test

import (
	"context"
	"path/filepath"
	"portal/internal/testsite"
	"testing"

	"portal/generator"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/report"
)

// BenchmarkReport50k makes and writes the report of the national-size demo
// set (go run ./cmd/portal demo-data --agencies 50000 --out DIR, then
// PORTAL_BENCH_DATA=DIR), after check has loaded and derived it (issue 19:
// ≤ 3 s on 2 cores).
func BenchmarkReport50k(b *testing.B) {
	dir := testsite.DemoData(b)
	res, err := generator.Check(context.Background(), generator.Config{Data: load.OSDir(dir), Content: load.OSDir(filepath.Join("..", "..", "content")), AsOf: model.MakeDate(2026, 11, 21)})
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	for b.Loop() {
		r := report.Make(res.Register, res.Diags, report.Options{NoBusinessYears: 2, MissingYears: 2, ReRegisterYears: 3, ExpiringDays: 60, AgencyURL: "https://rsj.example.gov.cn/agencies/"})
		if _, err := report.Write(out, r, report.Formats); err != nil {
			b.Fatal(err)
		}
	}
}
