package publish

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"portal/internal/testsite"
)

// release publishes files (path → text) into out as one release made from
// sp (nil: none), keeping the release it replaces as the next spare.
func release(t *testing.T, out string, sp *Spare, encs []Encoding, files map[string]string) Report {
	t.Helper()
	rep, _ := releaseTelling(t, out, sp, encs, files, false)
	return rep
}

// releaseTelling is release, telling the Tx which files the output holds
// (OldFiles, as a build's scan of it does) when tell is set; skipped
// counts the top-level directories the sweep did not read (the spare
// Covered there, every path of the output's there published again).
func releaseTelling(t *testing.T, out string, sp *Spare, encs []Encoding, files map[string]string, tell bool) (rep Report, skipped int) {
	t.Helper()
	tx, err := BeginFrom(out, sp)
	if err != nil {
		t.Fatal(err)
	}
	if tell {
		old, below := map[string]bool{}, FilesBelow{}
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			rel, _ := filepath.Rel(out, p)
			rel = filepath.ToSlash(rel)
			switch {
			case err != nil || rel == ".":
			case Hidden(rel) && d.IsDir():
				return filepath.SkipDir
			case !Hidden(rel) && !d.IsDir():
				old[rel] = true
				below.Add(rel)
			}
			return nil
		})
		tx.OldFiles(func(p string) bool { return old[p] }, below)
	}
	tx.KeepSpare()
	tx.Precompress(encs)
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if err := tx.Add(p, []byte(files[p])); err != nil {
			tx.Abort()
			t.Fatal(err)
		}
	}
	if tx.fromSpare {
		for d := range tx.covers {
			if tx.publishesAllOld(d) {
				skipped++
			}
		}
	}
	rep, err = tx.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep, skipped
}

func inode(t *testing.T, path string) uint64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Sys().(*syscall.Stat_t).Ino
}

// A release made from the spare of the one before it is exactly its
// files: what the spare had and this release has not is gone, what
// changed is replaced, whole directories come and go; an unchanged file
// is the same file as before (its time kept); and the live release, whose
// files the spare shares, is never written through — the release it
// replaces is the next spare, byte for byte.
func TestSpareMakesTheNextRelease(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	r1 := map[string]string{"index.html": "首页", "agencies/a/index.html": "甲", "agencies/b/index.html": "乙",
		"search/h1/t/1.bin": "x1", "stale.html": "旧"}
	if rep := release(t, out, nil, nil, r1); rep.Spare != nil {
		t.Fatalf("the first release has no previous one to keep: %+v", rep.Spare)
	}
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for p := range r1 {
		os.Chtimes(filepath.Join(out, p), past, past)
	}
	r2 := map[string]string{"index.html": "首页", "agencies/a/index.html": "甲（更名）", "agencies/b/index.html": "乙",
		"search/h2/t/1.bin": "x2", "new.html": "新"}
	rep := release(t, out, nil, nil, r2)
	if rep.Spare == nil {
		t.Fatal("the replaced release was not kept")
	}
	want := []string{"agencies/a/index.html", "new.html", "search/h2/"}
	if !slices.Equal(rep.Spare.Dirty, want) {
		t.Errorf("spare differs in %q, want %q", rep.Spare.Dirty, want)
	}
	if got := testsite.ReadTree(t, filepath.Join(parent, rep.Spare.Name)); !maps.Equal(got, r1) {
		t.Fatalf("spare %v, want the first release %v", got, r1)
	}
	if got := testsite.ReadTree(t, out); !maps.Equal(got, r2) {
		t.Fatalf("second release %v, want %v", got, r2)
	}
	changed := inode(t, filepath.Join(out, "agencies/a/index.html"))

	r3 := map[string]string{"index.html": "首页", "agencies/a/index.html": "甲（更名）", "agencies/c/index.html": "丙",
		"search/h2/t/1.bin": "x2", "new.html": "新（改）", "stale.html": "旧"}
	spare := rep.Spare
	rep = release(t, out, spare, nil, r3)
	if got := testsite.ReadTree(t, out); !maps.Equal(got, r3) {
		t.Fatalf("third release, made from the spare: %v, want %v", got, r3)
	}
	if _, err := os.Stat(filepath.Join(out, "agencies", "b")); err == nil {
		t.Error("the directory of a removed agency is left, empty")
	}
	if rep.Written != 3 || rep.Unchanged != 3 {
		t.Errorf("written %d, unchanged %d; want 3 and 3", rep.Written, rep.Unchanged)
	}
	if st, _ := os.Stat(filepath.Join(out, "index.html")); !st.ModTime().Equal(past) {
		t.Errorf("a file unchanged since the first release was rewritten: %v", st.ModTime())
	}
	if inode(t, filepath.Join(out, "agencies/a/index.html")) != changed {
		t.Error("a file unchanged since the second release is not that release's file")
	}
	if rep.Spare == nil {
		t.Fatal("the second release was not kept")
	}
	if got := testsite.ReadTree(t, filepath.Join(parent, rep.Spare.Name)); !maps.Equal(got, r2) {
		t.Fatalf("the second release, now the spare, was changed: %v, want %v", got, r2)
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".public.s*")); len(left) != 1 || filepath.Base(left[0]) != rep.Spare.Name {
		t.Errorf("beside the output: %v, want only the new spare", left)
	}
}

// A spare's tree need not have this release's shape: a file where this
// release has a directory, and a directory where it has a file.
func TestSpareOfAnotherShape(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	release(t, out, nil, nil, map[string]string{"x": "1", "z/w": "2"})
	rep := release(t, out, nil, nil, map[string]string{"x": "1", "z/w": "2", "a": "3"})
	r3 := map[string]string{"x/y": "4", "z": "5", "a": "3"}
	release(t, out, rep.Spare, nil, r3)
	if got := testsite.ReadTree(t, out); !maps.Equal(got, r3) {
		t.Fatalf("%v, want %v", got, r3)
	}
}

// Precompressed siblings follow their file: carried with it while it is
// unchanged, made again when it changes or when the spare has none.
func TestSpareSiblings(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	page := func(s string) string { return "<p>" + strings.Repeat(s, 800) + "</p>" }
	enc := []Encoding{Gzip}
	release(t, out, nil, nil, map[string]string{"a.html": page("甲"), "b.html": page("乙")}) // no siblings yet
	rep := release(t, out, nil, enc, map[string]string{"a.html": page("甲"), "b.html": page("乙")})
	rep = release(t, out, rep.Spare, enc, map[string]string{"a.html": page("甲"), "b.html": page("丙")})
	same := inode(t, filepath.Join(out, "a.html.gz"))
	rep = release(t, out, rep.Spare, enc, map[string]string{"a.html": page("甲"), "b.html": page("丁")})
	for name, text := range map[string]string{"a.html": page("甲"), "b.html": page("丁")} {
		f, err := os.Open(filepath.Join(out, name+".gz"))
		if err != nil {
			t.Fatal(err)
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(z)
		f.Close()
		if !bytes.Equal(b, []byte(text)) {
			t.Errorf("%s.gz does not hold %s", name, name)
		}
	}
	if inode(t, filepath.Join(out, "a.html.gz")) != same {
		t.Error("the sibling of an unchanged file was made again")
	}
	if rep.Compressed != 1 {
		t.Errorf("%d siblings made, want 1 (b.html's)", rep.Compressed)
	}
	release(t, out, rep.Spare, nil, map[string]string{"a.html": page("甲")})
	if got := testsite.ReadTree(t, out); len(got) != 1 {
		t.Errorf("siblings left when none are published: %v", slices.Sorted(maps.Keys(got)))
	}
}

// Only the spare a caller names is used; any other beside the output is
// removed, and a name that is not a spare's is not followed.
func TestSpareNotNamedIsRemoved(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	release(t, out, nil, nil, map[string]string{"a": "1"})
	rep := release(t, out, nil, nil, map[string]string{"a": "2"})
	outside := filepath.Join(parent, "mine")
	os.MkdirAll(outside, 0o755)
	os.WriteFile(filepath.Join(outside, "b"), []byte("x"), 0o644)
	rep = release(t, out, &Spare{Name: "../mine"}, nil, map[string]string{"a": "3"})
	if got := testsite.ReadTree(t, outside); len(got) != 1 {
		t.Fatalf("a directory named as a spare outside the publisher's was touched: %v", got)
	}
	if got := testsite.ReadTree(t, out); !maps.Equal(got, map[string]string{"a": "3"}) {
		t.Fatal(got)
	}
	left, _ := filepath.Glob(filepath.Join(parent, ".public.spare-*"))
	if len(left) != 1 || filepath.Base(left[0]) != rep.Spare.Name {
		t.Errorf("spares %v, want only %s", left, rep.Spare.Name)
	}
}

// Releases of random trees, each made from the spare the one before kept
// (or, now and then, from none): every release is exactly its files, with
// the siblings of its compressible ones, and every spare is the release
// it replaced, unchanged.
func TestSpareRandomReleases(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	universe := []string{"x", "x/y", "x/z", "d/1", "d/2", "d/e/3", "d/e", "s/h1/t", "s/h2/t", "s/h2", "z", "index.html"}
	texts := []string{"甲", "乙", strings.Repeat("丙", 600), strings.Repeat("丁", 600)}
	rng := rand.New(rand.NewPCG(29, 11))
	var sp *Spare
	var prev map[string]string
	var covered, skipped int
	for round := range 120 {
		files := map[string]string{}
		for _, p := range universe {
			if rng.IntN(2) == 0 {
				files[p] = texts[rng.IntN(len(texts))]
			}
		}
		if prev != nil && rng.IntN(2) == 0 { // an edit: every path of the release before, some changed
			maps.Copy(files, prev)
			for p := range prev {
				if rng.IntN(4) == 0 {
					files[p] = texts[rng.IntN(len(texts))]
				}
			}
		}
		for p := range files { // a path cannot be a file and a directory at once
			for q := range files {
				if strings.HasPrefix(q, p+"/") {
					delete(files, q)
				}
			}
		}
		var encs []Encoding
		if rng.IntN(3) > 0 {
			encs = []Encoding{Gzip}
		}
		use := sp
		if rng.IntN(6) == 0 {
			use = nil
		}
		tell := rng.IntN(5) > 0
		if use != nil && rng.IntN(4) == 0 {
			// what a spare may hold beyond the output's files: a
			// top-level hidden entry, never published
			os.MkdirAll(filepath.Join(parent, use.Name, ".junk"), 0o755)
			os.WriteFile(filepath.Join(parent, use.Name, ".junk", "x"), []byte("x"), 0o644)
		}
		rep, n := releaseTelling(t, out, use, encs, files, tell)
		skipped += n
		if rep.Spare != nil && len(rep.Spare.Covered) > 0 {
			covered++
		}
		got := testsite.ReadTree(t, out)
		for p, b := range got {
			main, ok := strings.CutSuffix(p, ".gz")
			if !ok {
				continue
			}
			delete(got, p)
			if encs == nil || !compressible(main, int64(len(files[main]))) {
				t.Fatalf("round %d: %s published without its file being compressed", round, p)
			}
			z, err := gzip.NewReader(strings.NewReader(b))
			if err != nil {
				t.Fatalf("round %d: %s: %v", round, p, err)
			}
			if u, _ := io.ReadAll(z); string(u) != files[main] {
				t.Fatalf("round %d: %s does not hold %s", round, p, main)
			}
		}
		if !maps.Equal(got, files) {
			t.Fatalf("round %d (spare %v): release %v, want %v", round, use != nil, short(got), short(files))
		}
		if encs != nil {
			for p, s := range files {
				if _, err := os.Stat(filepath.Join(out, p+".gz")); compressible(p, int64(len(s))) && err != nil {
					t.Fatalf("round %d: %s has no sibling", round, p)
				}
			}
		}
		if rep.Spare != nil && prev != nil {
			old := testsite.ReadTree(t, filepath.Join(parent, rep.Spare.Name))
			maps.DeleteFunc(old, func(p, _ string) bool { return strings.HasSuffix(p, ".gz") })
			if !maps.Equal(old, prev) {
				t.Fatalf("round %d: the spare is not the release before: %v, want %v", round, short(old), short(prev))
			}
		}
		sp, prev = rep.Spare, files
	}
	if covered < 10 || skipped < 10 {
		t.Errorf("%d spares kept Covered somewhere, %d directories not read by a sweep: too few rounds tried them", covered, skipped)
	}
	t.Logf("%d spares kept Covered somewhere, %d directories not read by a sweep", covered, skipped)
}

// short shows a tree by its paths and the first character of each file.
func short(files map[string]string) string {
	var b strings.Builder
	for _, p := range slices.Sorted(maps.Keys(files)) {
		r, _ := utf8.DecodeRuneInString(files[p])
		fmt.Fprintf(&b, "%s:%c×%d ", p, r, utf8.RuneCountInString(files[p]))
	}
	return b.String()
}

// A release made from the spare publishes no sibling the spare holds of a
// release before the one it replaces: with precompression off for one
// release and on again, the spare's x.gz says what x said two releases
// ago, and the path was never written afresh in between.
func TestSpareStaleSibling(t *testing.T) {
	for _, tell := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		old, cur := strings.Repeat("丙", 600), strings.Repeat("丁", 600) // the same size
		gz := []Encoding{Gzip}
		var sp *Spare
		for i, r := range []struct {
			text string
			encs []Encoding
		}{{old, gz}, {old, gz}, {cur, nil}, {cur, gz}} {
			rep, _ := releaseTelling(t, out, sp, r.encs, map[string]string{"x.html": r.text}, tell)
			sp = rep.Spare
			b, err := os.ReadFile(filepath.Join(out, "x.html.gz"))
			if r.encs == nil {
				if err == nil {
					t.Errorf("tell %v, release %d: a sibling published with precompression off", tell, i)
				}
				continue
			}
			z, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("tell %v, release %d: %v", tell, i, err)
			}
			if u, _ := io.ReadAll(z); string(u) != r.text {
				t.Errorf("tell %v, release %d: x.html.gz holds another text than x.html", tell, i)
			}
		}
	}
}
