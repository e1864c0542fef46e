package generator

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"portal/generator/catalogue"
	"runtime"
	"sync"
	"testing"
	"time"

	"portal/generator/demodata"
	"portal/generator/diag"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/opendata"
	"portal/generator/publish"
	"portal/generator/register"
	"portal/generator/render"
	"portal/generator/search"
)

var benchOnce sync.Map

// benchData writes (once per process, reused across runs in the temp dir)
// the deterministic demo dataset of n agencies and returns its directory.
func benchData(b *testing.B, n int) string {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("portal-bench-%d-seed1", n))
	once, _ := benchOnce.LoadOrStore(dir, new(sync.Once))
	once.(*sync.Once).Do(func() {
		if _, err := os.Stat(filepath.Join(dir, "regions.csv")); err == nil {
			return
		}
		if _, err := demodata.Write(dir, demodata.Options{Agencies: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	})
	return dir
}

// BenchmarkCheck50k is load + validate + derive on the national-size demo
// set (DESIGN §7; goal ≤ 2 s on 2 cores).
func BenchmarkCheck50k(b *testing.B) { benchCheck(b, "") }

// benchCheck checks the 50k set every loop, with the rows kept in kept
// from a first check unless kept is "".
func benchCheck(b *testing.B, kept string) {
	dir := benchData(b, 50000)
	cfg := Config{Data: load.OSDir(dir), Content: load.OSDir(filepath.Join("..", "content")), AsOf: 20261121}
	if kept != "" {
		cfg.kept = load.OpenKept(kept)
		Check(context.Background(), cfg)
	}
	b.ReportAllocs()
	for b.Loop() {
		if kept != "" {
			cfg.kept = load.OpenKept(kept)
		}
		res, err := Check(context.Background(), cfg)
		if err != nil {
			if _, ok := err.(*InputError); !ok {
				b.Fatal(err)
			}
		}
		if len(res.Register.Agencies) != 50000 {
			b.Fatalf("%d agencies", len(res.Register.Agencies))
		}
	}
}

// BenchmarkCheck50kKept is BenchmarkCheck50k with the rows of the annual
// checks, grades and listings, and the licences' parts, kept from a first
// check (load.Kept), as a build with state has them after a one-row edit
// of the licences.
func BenchmarkCheck50kKept(b *testing.B) { benchCheck(b, b.TempDir()) }

// BenchmarkCheck50kKeeping is BenchmarkCheck50k keeping every file's and
// part's rows into an empty directory, as a fresh build with state does:
// what keeping costs the build that pays for the next one's shortcut.
func BenchmarkCheck50kKeeping(b *testing.B) {
	dir := benchData(b, 50000)
	cfg := Config{Data: load.OSDir(dir), Content: load.OSDir(filepath.Join("..", "content")), AsOf: 20261121}
	b.ReportAllocs()
	for b.Loop() {
		cfg.kept = load.OpenKept(b.TempDir())
		if _, err := Check(context.Background(), cfg); err != nil {
			if _, ok := err.(*InputError); !ok {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkBuild50k is the full build (check, render, publish) of the
// national-size demo set into a temp dir (DESIGN §7: pages ≤ 6 s).
func BenchmarkBuild50k(b *testing.B) {
	dir := benchData(b, 50000)
	out := filepath.Join(b.TempDir(), "public")
	cfg := BuildConfig{
		Config:    Config{Data: load.OSDir(dir), Content: load.OSDir(filepath.Join("..", "content")), AsOf: 20261121, BaseURL: "https://ldpq.example.gov.cn/"},
		Templates: os.DirFS(filepath.Join("..", "templates")), Out: out,
	}
	for b.Loop() {
		os.RemoveAll(out)
		if _, _, err := Build(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// benchStage checks the 50,000-agency set and makes an output directory
// for one stage's benchmark under $PORTAL_BENCH_OUT (default the temp dir;
// /dev/shm keeps the disk out of the figure), removed when b ends.
func benchStage(b *testing.B, stage string) (*Result, string) {
	dir := benchData(b, 50000)
	res, err := Check(context.Background(), Config{Data: load.OSDir(dir), Content: load.OSDir(filepath.Join("..", "content")), AsOf: 20261121})
	if err != nil {
		if _, ok := err.(*InputError); !ok {
			b.Fatal(err)
		}
	}
	out, err := os.MkdirTemp(cmp.Or(os.Getenv("PORTAL_BENCH_OUT"), b.TempDir()), stage+"-bench-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(out) })
	return res, out
}

// BenchmarkOpenData50k is the open-data stage alone (every table in four
// formats, 50,000 agency records, datapackage.json, changes; issue #4: ≤ 2 s
// on 2 cores), publishing into a staging directory under $PORTAL_BENCH_OUT
// (default the temp dir; /dev/shm keeps the disk out of the figure).
func BenchmarkOpenData50k(b *testing.B) {
	res, out := benchStage(b, "opendata")
	runStage(b, out, func(tx *publish.Tx) error {
		tx.Checksums(catalogue.Dir, catalogue.SumsFile)
		_, err := opendata.Write(context.Background(), res.Register, res.Content, opendata.Options{Base: mustBase("https://ldpq.example.gov.cn/")}, tx)
		return err
	})
}

// BenchmarkRender50k is the render stage alone (every page, feed and the
// sitemap; issue #3: pages ≤ 6 s on 2 cores), after the open data and the
// search index it links to, publishing into a staging directory under
// $PORTAL_BENCH_OUT (default the temp dir).
func BenchmarkRender50k(b *testing.B) {
	res, out := benchStage(b, "render")
	base := mustBase("https://ldpq.example.gov.cn/")
	// the catalogue and the index the pages describe, made once
	tx, err := publish.Begin(filepath.Join(out, "public"))
	if err != nil {
		b.Fatal(err)
	}
	tx.Checksums(catalogue.Dir, catalogue.SumsFile)
	cat, err := opendata.Write(context.Background(), res.Register, res.Content, opendata.Options{Base: base}, tx)
	if err != nil {
		b.Fatal(err)
	}
	an, err := search.NewAnalysis()
	if err != nil {
		b.Fatal(err)
	}
	idx, err := search.WriteStatic(context.Background(), an, search.Docs(res.Register, res.Content), tx)
	if err != nil {
		b.Fatal(err)
	}
	tx.Abort()
	opt := pageOptions(res, os.DirFS(filepath.Join("..", "templates")), cat, idx, nil)
	runStage(b, out, func(tx *publish.Tx) error {
		tx.Checksums(catalogue.Dir, catalogue.SumsFile)
		_, err := render.Site(context.Background(), res.Register, res.Content, opt, tx)
		return err
	})
}

// runStage times stage, publishing into a fresh staging directory under out
// each run, and reports CPU seconds per run beside the wall time. Removing
// the staged files and collecting the garbage they left are outside the
// timer: each run starts from the register's live heap, as in a build.
func runStage(b *testing.B, out string, stage func(*publish.Tx) error) {
	runtime.GC()
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		c0 := cpuTime()
		tx, err := publish.Begin(filepath.Join(out, "public"))
		if err != nil {
			b.Fatal(err)
		}
		if err := stage(tx); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime() - c0
		tx.Abort()
		runtime.GC()
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkDerive50k derives the register from the loaded national-size
// demo set: the register's rules alone, without reading the files.
func BenchmarkDerive50k(b *testing.B) {
	dir := benchData(b, 50000)
	var d diag.List
	content := load.Content(load.OSDir(filepath.Join("..", "content")), &d)
	ds := load.Data(load.OSDir(dir), content.Site.GradeScale, &d)
	b.ReportAllocs()
	for b.Loop() {
		var dl diag.List
		reg := register.Derive(ds, 20261121, &dl)
		if len(reg.Agencies) != 50000 {
			b.Fatalf("%d agencies", len(reg.Agencies))
		}
	}
}

// mustBase parses a base URL the test gives.
func mustBase(s string) model.BaseURL {
	b, err := model.ParseBaseURL(s)
	if err != nil {
		panic(err)
	}
	return b
}
