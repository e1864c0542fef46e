package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// The repository's own demo data and content must pass check.
func TestCheckRepository(t *testing.T) {
	code, out, errs := runCLI("check", "--data", "../../data", "--content", "../../content", "--as-of", "2026-11-21")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{"agencies         300", "policies 3 · FAQ 13", "0 errors"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	// the demo set carries a few late publications: warnings, which --strict refuses
	if code, _, errs := runCLI("check", "--data", "../../data", "--content", "../../content", "--as-of", "2026-11-21", "--strict"); code != exitInput || !strings.Contains(errs, "--strict") {
		t.Fatalf("--strict: exit %d\n%s", code, errs)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"check", "--no-such-flag"}, {"check", "stray"}, {"check", "--as-of", "2024-02-30"}} {
		if code, _, _ := runCLI(args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, out, _ := runCLI("help"); code != exitOK || !strings.Contains(out, "portal check") {
		t.Errorf("help: %d %s", code, out)
	}
}

// data/ in the repository is exactly what demo-data makes, so anyone can
// regenerate it and larger sets come from the same generator.
func TestDemoDataIsCommittedOutput(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCLI("demo-data", "--agencies", "300", "--seed", "1", "--out", dir); code != exitOK {
		t.Fatal(errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) != 5 {
		t.Fatalf("%d files", len(files))
	}
	for _, f := range files {
		got, _ := os.ReadFile(f)
		want, err := os.ReadFile(filepath.Join("..", "..", "data", filepath.Base(f)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from data/%s: regenerate with go run ./cmd/portal demo-data --agencies 300 --seed 1 --out data", f, filepath.Base(f))
		}
	}
}
