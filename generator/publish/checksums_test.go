package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

// The release carries the SHA-256 of every file under the prefix — added
// whole or streamed — in sha256sum's format, and none of the others; the
// caller can read each sum; a file under the prefix is never kept without
// its bytes.
func TestChecksums(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(context.Background(), out, []File{{"data/a.csv", []byte("old")}, {"index.html", []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	tx.Track(Manifest{"data/a.csv": {3, 0}, "index.html": {1, 0}})
	tx.Checksums("data/", "data/SHA256SUMS")
	if ok, err := tx.Keep("data/a.csv"); ok || err != nil {
		t.Errorf("Keep of a checksummed file: %v, %v", ok, err)
	}
	tx.Add("data/a.csv", []byte("a,b\n"))
	tx.Add("index.html", []byte("<p>"))
	w, err := tx.Create("data/big.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("{}\n"))
	w.Write([]byte("{}\n"))
	w.Close()
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	if got, ok := tx.SHA256("data/big.jsonl"); !ok || got != sum("{}\n{}\n") {
		t.Errorf("SHA256 of the stream: %q %v", got, ok)
	}
	if _, ok := tx.SHA256("index.html"); ok {
		t.Error("a sum for a file outside the prefix")
	}
	if _, err := tx.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(out, "data", "SHA256SUMS"))
	if want := sum("a,b\n") + "  a.csv\n" + sum("{}\n{}\n") + "  big.jsonl\n"; string(b) != want {
		t.Errorf("SHA256SUMS:\n%s\nwant:\n%s", b, want)
	}
}

// A file listed in SHA256SUMS is kept from the previous release only when
// its bytes are those the caller recorded: its sum is listed as for a file
// added, and a file changed since (same size) or a wrong record is made
// again instead, with nothing reserved.
func TestKeepChecksummed(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(context.Background(), out, []File{{"data/a.csv", []byte("a,b\n")}, {"data/b.csv", []byte("c,d\n")}, {"index.html", []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	before, _ := os.Stat(filepath.Join(out, "data", "a.csv"))
	os.WriteFile(filepath.Join(out, "data", "b.csv"), []byte("c,X\n"), 0o644) // changed since it was recorded
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	tx.Track(Manifest{"data/a.csv": {4, 0}, "data/b.csv": {4, 0}, "index.html": {1, 0}})
	tx.Checksums("data/", "data/SHA256SUMS")
	for _, c := range []struct {
		paths, sums []string
		want        bool
	}{
		{[]string{"data/a.csv", "data/b.csv"}, []string{sum("a,b\n"), sum("c,d\n")}, false}, // b changed
		{[]string{"data/a.csv"}, []string{sum("a,B\n")}, false},                             // a wrong record
		{[]string{"data/a.csv"}, []string{"zz"}, false},                                     // not a sum
		{[]string{"index.html"}, []string{sum("x")}, false},                                 // not listed in SHA256SUMS
		{[]string{"data/c.csv"}, []string{sum("")}, false},                                  // not in the previous release
		{[]string{"data/a.csv"}, []string{sum("a,b\n")}, true},
	} {
		if ok, err := tx.KeepChecksummed(c.paths, c.sums); ok != c.want || err != nil {
			t.Errorf("KeepChecksummed(%v) = %v, %v; want %v", c.paths, ok, err, c.want)
		}
	}
	if err := tx.Add("data/b.csv", []byte("c,d\n")); err != nil { // not reserved by the refused keep
		t.Fatal(err)
	}
	if got, ok := tx.SHA256("data/a.csv"); !ok || got != sum("a,b\n") {
		t.Errorf("SHA256 of the kept file: %q %v", got, ok)
	}
	rep, err := tx.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unchanged != 1 || rep.Written != 2 { // a.csv kept; b.csv and SHA256SUMS written
		t.Errorf("report %+v", rep)
	}
	after, _ := os.Stat(filepath.Join(out, "data", "a.csv"))
	if !os.SameFile(before, after) {
		t.Error("the kept file is not the previous release's file")
	}
	b, _ := os.ReadFile(filepath.Join(out, "data", "SHA256SUMS"))
	if want := sum("a,b\n") + "  a.csv\n" + sum("c,d\n") + "  b.csv\n"; string(b) != want {
		t.Errorf("SHA256SUMS:\n%s\nwant:\n%s", b, want)
	}
}
