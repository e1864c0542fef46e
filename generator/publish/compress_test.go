package publish

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"

	"portal/internal/testsite"
)

// decode reads a sibling back.
func decode(t *testing.T, file string) string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = brotli.NewReader(f)
	if strings.HasSuffix(file, ".gz") {
		if r, err = gzip.NewReader(f); err != nil {
			t.Fatal(err)
		}
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return string(b)
}

// Every text file above 1 KB gets a .gz and a .br holding its bytes; a
// small file, an image and a file of no text kind get none. A rebuild
// compresses only what changed: an unchanged file's siblings are the
// previous release's (same modification time), a changed file's are new.
// A file patched in place loses its siblings rather than keep stale ones.
func TestPrecompress(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	page := strings.Repeat("<p>劳务派遣经营许可</p>\n", 100)
	data := strings.Repeat("91440101MA5C00001X,广州某人力资源有限公司\n", 60)
	publishAll := func(files map[string]string, stream map[string]string) Report {
		t.Helper()
		chunks := map[string][]string{}
		for p, b := range stream {
			chunks[p] = []string{b}
		}
		rep, _ := publishFiles(t, out, func(tx *Tx) { tx.Precompress(Encodings) }, files, chunks)
		return rep
	}
	first := map[string]string{"index.html": page, "about/index.html": page + "关于", "small.html": "<p>短</p>",
		"logo.png": strings.Repeat("\x89PNG", 400), "data/SHA256SUMS": strings.Repeat("0", 2000)}
	rep := publishAll(first, map[string]string{"data/register.csv": data})
	if rep.Compressed != 6 {
		t.Errorf("first publish made %d siblings, want 6 (two codings of index.html, about/ and register.csv)", rep.Compressed)
	}
	for _, p := range []string{"index.html", "about/index.html", "data/register.csv"} {
		want := first[p]
		if p == "data/register.csv" {
			want = data
		}
		for _, e := range Encodings {
			if got := decode(t, filepath.Join(out, p+e.Ext())); got != want {
				t.Errorf("%s%s decodes to %d bytes, want the file's %d", p, e.Ext(), len(got), len(want))
			}
		}
	}
	for _, p := range []string{"small.html", "logo.png", "data/SHA256SUMS"} {
		for _, e := range Encodings {
			if _, err := os.Stat(filepath.Join(out, p+e.Ext())); err == nil {
				t.Errorf("%s%s: written, want none (small, or not text)", p, e.Ext())
			}
		}
	}
	// the gzip copy carries no time: equal bytes compress to equal bytes
	gz1, _ := os.ReadFile(filepath.Join(out, "index.html.gz"))
	if z := compress(Gzip, []byte(page)); !bytes.Equal(z.Bytes(), gz1) {
		t.Error("compressing the same bytes twice gave two gzip files")
	}

	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, p := range []string{"index.html.gz", "index.html.br", "data/register.csv.br"} {
		os.Chtimes(filepath.Join(out, p), past, past)
	}
	second := map[string]string{"index.html": page, "about/index.html": page + "关于（修订）"}
	rep = publishAll(second, map[string]string{"data/register.csv": data})
	if rep.Compressed != 2 {
		t.Errorf("the rebuild made %d siblings, want 2 (the changed page's)", rep.Compressed)
	}
	for _, p := range []string{"index.html.gz", "index.html.br", "data/register.csv.br"} {
		if st, err := os.Stat(filepath.Join(out, p)); err != nil || !st.ModTime().Equal(past) {
			t.Errorf("%s of an unchanged file was made again, not carried over", p)
		}
	}
	if got := decode(t, filepath.Join(out, "about/index.html.br")); got != second["about/index.html"] {
		t.Error("the changed page's .br holds its old bytes")
	}

	if _, err := Patch(out, map[string][]byte{"about/index.html": []byte(page + "预览")}); err != nil {
		t.Fatal(err)
	}
	for _, e := range Encodings {
		if _, err := os.Stat(filepath.Join(out, "about/index.html"+e.Ext())); err == nil {
			t.Errorf("a patched file kept its %s sibling, which holds what it said before", e.Ext())
		}
	}

	// the next publish, with the patched bytes unchanged, compresses them
	// again rather than link copies that are not there
	rep = publishAll(map[string]string{"index.html": page, "about/index.html": page + "预览"}, nil)
	if rep.Compressed != 2 || decode(t, filepath.Join(out, "about/index.html.gz")) != page+"预览" {
		t.Errorf("after a patch: %d siblings made, want the patched page's 2", rep.Compressed)
	}

	// without Precompress, no siblings, and none are left from before
	tx, _ := Begin(out)
	tx.Add("index.html", []byte(page))
	if _, err := tx.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := testsite.ReadTree(t, out); len(got) != 1 {
		t.Errorf("a publish without Precompress left %d files, want index.html alone", len(got))
	}
}
