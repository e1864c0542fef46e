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
