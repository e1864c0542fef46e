// Package testsite writes a site's input files from a txtar archive into a
// temporary directory, for integration tests that build whole small sites.
//
// A file named *.gb18030 is transcoded to GB18030 and one named *.bom gets a
// UTF-8 byte-order mark, both written without the suffix, so archives stay
// readable text. Sections whose names have no "/" (args, exit, stdout…) are
// not files: they are returned for the test to use. RAR5 and EncryptedZip
// make the binary archives a txtar cannot hold, for attachments.
package testsite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/tools/txtar"
)

// Extract writes the archive's files into a new temp dir and returns the
// dir, the parsed archive and its non-file sections by name.
func Extract(t testing.TB, archive string) (dir string, ar *txtar.Archive, sections map[string]string) {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	sections = map[string]string{}
	for _, f := range ar.Files {
		if !strings.Contains(f.Name, "/") {
			sections[f.Name] = string(f.Data)
			continue
		}
		Write(t, dir, f.Name, f.Data)
	}
	return dir, ar, sections
}

// Write writes one archive file under dir, applying the suffix rules.
func Write(t testing.TB, dir, name string, data []byte) {
	t.Helper()
	switch {
	case strings.HasSuffix(name, ".gb18030"):
		enc, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		name, data = strings.TrimSuffix(name, ".gb18030"), enc
	case strings.HasSuffix(name, ".bom"):
		name, data = strings.TrimSuffix(name, ".bom"), append([]byte("\ufeff"), data...)
	}
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// CopyDir copies the directory src (e.g. the repository's data/) to dst,
// for tests that edit a site's inputs.
func CopyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// ReadTree is every file below dir by its slash path relative to dir.
func ReadTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// DemoData is the national-size demo set the benchmarks run on:
// $PORTAL_BENCH_DATA, or a temp directory; the benchmark is skipped, saying
// how to make the set, when it is not there.
func DemoData(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("PORTAL_BENCH_DATA")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "portal-bench-50000-seed1")
	}
	if _, err := os.Stat(filepath.Join(dir, "regions.csv")); err != nil {
		tb.Skipf("no demo data at %s: go run ./cmd/portal demo-data --agencies 50000 --out %s", dir, dir)
	}
	return dir
}
