package main

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"portal/generator/load"
)

// The build's soft memory limit grows with the data exports it reads, and
// GOMEMLIMIT set by the operator wins.
func TestMemoryBudget(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	os.Unsetenv("GOMEMLIMIT")
	os.Unsetenv("GOGC")
	small, big := t.TempDir(), t.TempDir()
	sized := func(path string, n int64) { // sparse: the size is what counts
		os.MkdirAll(filepath.Dir(path), 0o755)
		if f, err := os.Create(path); err != nil || f.Truncate(n) != nil || f.Close() != nil {
			t.Fatal(path, err)
		}
	}
	sized(filepath.Join(small, "licences.csv"), 1<<20)
	for _, f := range []string{"licences/a.csv", "licences/b.csv", "annual-checks.csv"} {
		sized(filepath.Join(big, f), 100<<20)
	}
	s, b := setMemoryBudget(load.OSDir(small)), setMemoryBudget(load.OSDir(big))
	want := func(input float64) int64 { return memoryBase + int64(memoryPerInput*input) }
	if s != want(1<<20) || b != want(300<<20) {
		t.Errorf("limits %d MiB and %d MiB, want %.0f and %.0f", s>>20, b>>20, memoryBase/(1<<20)+memoryPerInput, memoryBase/(1<<20)+memoryPerInput*300)
	}
	if got := debug.SetMemoryLimit(-1); got != b {
		t.Errorf("the runtime's limit is %d, want %d", got, b)
	}
	t.Setenv("GOMEMLIMIT", "3GiB")
	debug.SetMemoryLimit(math.MaxInt64)
	if setMemoryBudget(load.OSDir(big)) != 0 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Error("GOMEMLIMIT set, and the build still set its own limit")
	}
}
