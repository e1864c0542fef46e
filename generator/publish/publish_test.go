package publish

import (
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"portal/internal/testsite"
)

func TestWriteKeepsUnchangedFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := []File{{"index.html", []byte("首页")}, {"agencies/a/index.html", []byte("甲")}, {"stale.html", []byte("旧")}}
	rep, err := Write(context.Background(), out, first)
	if err != nil || rep.Written != 3 || rep.Changed != nil {
		t.Fatalf("%+v %v", rep, err)
	}
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, p := range []string{"index.html", "agencies/a/index.html"} {
		os.Chtimes(filepath.Join(out, p), past, past)
	}
	second := []File{{"index.html", []byte("首页")}, {"agencies/a/index.html", []byte("甲（更名）")}, {"new.html", []byte("新")}}
	rep, err = Write(context.Background(), out, second)
	if err != nil || rep.Written != 2 || rep.Unchanged != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	if slices.Sort(rep.Changed); !slices.Equal(rep.Changed, []string{"agencies/a/index.html", "new.html"}) {
		t.Errorf("changed %v, want the renamed page and the new one", rep.Changed)
	}
	got := testsite.ReadTree(t, out)
	if len(got) != 3 || got["agencies/a/index.html"] != "甲（更名）" || got["new.html"] != "新" || got["stale.html"] != "" {
		t.Fatalf("tree %v", got)
	}
	if st, _ := os.Stat(filepath.Join(out, "index.html")); !st.ModTime().Equal(past) {
		t.Errorf("unchanged file was rewritten: mtime %v", st.ModTime())
	}
	if st, _ := os.Stat(filepath.Join(out, "agencies/a/index.html")); st.ModTime().Equal(past) {
		t.Errorf("changed file kept its old mtime")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.staging-*"))
	if len(leftovers) != 0 {
		t.Errorf("staging left behind: %v", leftovers)
	}
}

// A failure or a cancellation part-way leaves the previous release intact.
func TestFailedPublishLeavesOldSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	old := []File{{"index.html", []byte("旧首页")}, {"a/b.html", []byte("旧")}}
	if _, err := Write(context.Background(), out, old); err != nil {
		t.Fatal(err)
	}
	before := testsite.ReadTree(t, out)
	for name, files := range map[string][]File{
		"escaping path":       {{"index.html", []byte("新")}, {"../evil", []byte("x")}},
		"file and dir clash":  {{"index.html", []byte("新")}, {"a", []byte("x")}, {"a/b.html", []byte("y")}},
		"duplicate path":      {{"index.html", []byte("新")}, {"index.html", []byte("又")}},
		"unwritable mid-tree": {{"index.html", []byte("新")}, {strings.Repeat("长", 100) + "/x.html", []byte("y")}},
	} {
		if _, err := Write(context.Background(), out, files); err == nil {
			t.Errorf("%s: no error", name)
		}
		if got := testsite.ReadTree(t, out); len(got) != len(before) || got["index.html"] != before["index.html"] || got["a/b.html"] != before["a/b.html"] {
			t.Errorf("%s: old site changed: %v", name, got)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, out, []File{{"index.html", []byte("新")}}); err == nil {
		t.Error("cancelled publish succeeded")
	}
	if got := testsite.ReadTree(t, out); got["index.html"] != "旧首页" {
		t.Errorf("cancelled publish changed the site: %v", got)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.staging-*"))
	if len(leftovers) != 0 {
		t.Errorf("staging left behind: %v", leftovers)
	}
}

// The default output is the relative path "public": staging and swap must
// work with relative paths too.
func TestRelativeOutput(t *testing.T) {
	t.Chdir(t.TempDir())
	for i := 0; i < 2; i++ {
		if _, err := Write(context.Background(), "public", []File{{"index.html", []byte("首页")}, {"agencies/a/index.html", []byte("甲")}}); err != nil {
			t.Fatal(err)
		}
	}
	if got := testsite.ReadTree(t, "public"); got["agencies/a/index.html"] != "甲" || len(got) != 2 {
		t.Fatalf("tree %v", got)
	}
	if left, _ := filepath.Glob(".public.staging-*"); len(left) != 0 {
		t.Fatalf("staging left behind: %v", left)
	}
}

// A streamed file counts like an added one and, when its bytes are those of
// the previous release, is linked to it so it keeps its time.
func TestCreateStreams(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write := func(parts map[string][]string) Report {
		rep, _ := publishFiles(t, out, nil, nil, parts)
		return rep
	}
	rep := write(map[string][]string{"data/a.csv": {"x,y\r\n", "1,2\r\n"}, "data/b.csv": {"old"}})
	if rep.Written != 2 || rep.Bytes != 13 {
		t.Fatalf("%+v", rep)
	}
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	os.Chtimes(filepath.Join(out, "data/a.csv"), past, past)
	rep = write(map[string][]string{"data/a.csv": {"x,y\r\n1,2\r\n"}, "data/b.csv": {"new"}})
	if rep.Written != 1 || rep.Unchanged != 1 {
		t.Fatalf("%+v", rep)
	}
	if got := testsite.ReadTree(t, out); got["data/a.csv"] != "x,y\r\n1,2\r\n" || got["data/b.csv"] != "new" || len(got) != 2 {
		t.Fatalf("%v", got)
	}
	if st, _ := os.Stat(filepath.Join(out, "data/a.csv")); !st.ModTime().Equal(past) {
		t.Error("an unchanged streamed file was rewritten")
	}
}

// With the previous release's manifest a publish tells unchanged files
// without reading them; a file missing from the manifest (rewritten in
// place meanwhile) is compared by reading it.
func TestManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publishAll := func(known Manifest, files map[string]string) (Report, Manifest) {
		t.Helper()
		rep, tx := publishFiles(t, out, func(tx *Tx) { tx.Track(known) }, files, map[string][]string{"data/big.csv": {"code,name\n1,甲\n"}})
		return rep, tx.Manifest()
	}
	_, m := publishAll(nil, map[string]string{"a.html": "甲", "b.html": "乙", "c.html": "丙"})
	if len(m) != 4 || m["a.html"].Size != 3 {
		t.Fatalf("manifest %v", m)
	}
	// c.html rewritten in place, as the preview's fast path does: the
	// manifest no longer vouches for it
	os.WriteFile(filepath.Join(out, "c.html"), []byte("丙2"), 0o644)
	delete(m, "c.html")
	rep, _ := publishAll(m, map[string]string{"a.html": "甲", "b.html": "乙（改）", "c.html": "丙2"})
	slices.Sort(rep.Changed)
	if rep.Unchanged != 3 || !slices.Equal(rep.Changed, []string{"b.html"}) {
		t.Errorf("unchanged %d, changed %v; want a.html, c.html and data/big.csv kept, b.html changed", rep.Unchanged, rep.Changed)
	}
	if got := testsite.ReadTree(t, out); got["b.html"] != "乙（改）" || got["c.html"] != "丙2" || got["data/big.csv"] != "code,name\n1,甲\n" {
		t.Errorf("tree %v", got)
	}
}

// Keep carries listed files over without their bytes, refuses (reserving
// nothing) when one is not in the manifest, and the kept file is the old
// one, linked.
func TestKeep(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, _ := Begin(out)
	tx.Track(nil)
	tx.Add("a/index.html", []byte("甲"))
	tx.Add("a/index.xml", []byte("<feed/>"))
	if _, err := tx.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	m := tx.Manifest()
	before, _ := os.Stat(filepath.Join(out, "a", "index.html"))

	tx, _ = Begin(out)
	tx.Track(m)
	if ok, err := tx.Keep("a/index.html", "b/index.html"); ok || err != nil {
		t.Fatalf("Keep with b/index.html not in the manifest = %v, %v; want false, nil", ok, err)
	}
	if ok, err := tx.Keep("a/index.html", "a/index.xml"); !ok || err != nil {
		t.Fatalf("Keep = %v, %v", ok, err)
	}
	if err := tx.Add("b/index.html", []byte("乙")); err != nil { // not reserved by the refused Keep
		t.Fatal(err)
	}
	if err := tx.Add("a/index.html", []byte("x")); err == nil {
		t.Error("Add of a kept path: no error")
	}
	rep, err := tx.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unchanged != 2 || !slices.Equal(rep.Changed, []string{"b/index.html"}) || rep.Bytes != int64(len("甲<feed/>乙")) {
		t.Errorf("report %+v", rep)
	}
	if m2 := tx.Manifest(); m2["a/index.html"] != m["a/index.html"] || len(m2) != 3 {
		t.Errorf("manifest %v", m2)
	}
	after, _ := os.Stat(filepath.Join(out, "a", "index.html"))
	if !os.SameFile(before, after) {
		t.Error("kept file is not the previous release's file")
	}
	if got := testsite.ReadTree(t, out); got["a/index.html"] != "甲" || got["a/index.xml"] != "<feed/>" || got["b/index.html"] != "乙" {
		t.Errorf("tree %v", got)
	}
}

// Patch replaces changed files in place by rename — a hard link to the old
// file keeps the old bytes — leaves equal ones alone, adds new ones and
// refuses a path outside the site.
func TestPatch(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(context.Background(), out, []File{{"a/index.html", []byte("甲")}, {"b.html", []byte("乙")}}); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "old-a")
	if err := os.Link(filepath.Join(out, "a", "index.html"), link); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(filepath.Join(out, "b.html"))
	changed, err := Patch(out, map[string][]byte{"a/index.html": []byte("甲（改）"), "b.html": []byte("乙"), "c/index.html": []byte("丙")})
	if err != nil || !slices.Equal(changed, []string{"a/index.html", "c/index.html"}) {
		t.Fatalf("changed %v, %v", changed, err)
	}
	got := testsite.ReadTree(t, out)
	if len(got) != 3 || got["a/index.html"] != "甲（改）" || got["c/index.html"] != "丙" {
		t.Errorf("tree %v", got)
	}
	if old, _ := os.ReadFile(link); string(old) != "甲" {
		t.Errorf("a hard link to the old file now reads %q", old)
	}
	if after, _ := os.Stat(filepath.Join(out, "b.html")); !os.SameFile(before, after) {
		t.Error("an equal file was replaced")
	}
	if _, err := Patch(out, map[string][]byte{"../escape.html": []byte("x")}); err == nil {
		t.Error("a path outside the site was accepted")
	}
}

// An output that is a symbolic link stays one: the release goes to its target.
func TestSymlinkedOutputStaysALink(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "releases", "current")
	os.MkdirAll(target, 0o755)
	os.WriteFile(filepath.Join(target, "old.html"), []byte("old"), 0o644)
	link := filepath.Join(root, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(context.Background(), link, []File{{"index.html", []byte("new")}}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the output is no longer a symbolic link: %v %v", st, err)
	}
	if b, err := os.ReadFile(filepath.Join(target, "index.html")); err != nil || string(b) != "new" {
		t.Fatalf("the release is not at the link's target: %q %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(target, "old.html")); err == nil {
		t.Error("the previous release's files are still there")
	}
}

// An output path that is a file is refused, and nothing is written.
func TestOutputThatIsAFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "public")
	os.WriteFile(p, []byte("a file"), 0o644)
	if _, err := Begin(p); err == nil || !strings.Contains(err.Error(), "exists and is not a directory") {
		t.Fatalf("err %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "a file" {
		t.Fatal("the file was changed")
	}
}

// One build at a time per output; the next build removes the staging
// directories a killed one left behind.
func TestOneBuildAtATime(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	first, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(out); !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), strconv.Itoa(os.Getpid())) {
		t.Fatalf("a second build began: %v", err)
	}
	first.Abort()
	// a build of another process, killed before it swapped its release in
	stale := filepath.Join(root, ".public.staging-999999999-123")
	os.MkdirAll(filepath.Join(stale, "agencies"), 0o755)
	second, err := Begin(out)
	if err != nil {
		t.Fatalf("after the first ended: %v", err)
	}
	defer second.Abort()
	if _, err := os.Stat(stale); err == nil {
		t.Error("the killed build's staging directory is still there")
	}
}

// publishFiles publishes files (Add) and streamed files (Create, written
// chunk by chunk) into out in one Tx, which setup, when set, prepares
// first, and commits it.
func publishFiles(t *testing.T, out string, setup func(*Tx), files map[string]string, stream map[string][]string) (Report, *Tx) {
	t.Helper()
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if setup != nil {
		setup(tx)
	}
	for p, b := range files {
		if err := tx.Add(p, []byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	for p, chunks := range stream {
		w, err := tx.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range chunks {
			io.WriteString(w, c)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := tx.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep, tx
}

// A Tx refuses a second file at a path, and lists what it published — in
// order, each marked linked when it is the previous release's file — from
// the compact list it keeps (a path of any length, in any script).
func TestPublishedListAndDuplicates(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(context.Background(), out, []File{{"same.txt", []byte("旧")}}); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	tx.ListPublished()
	long := strings.Repeat("长长长长长/", 20) + "x.txt" // over 127 bytes: a two-byte length
	want := []Published{{"a/b.txt", false, FileStat{}}, {"same.txt", true, FileStat{}}, {long, false, FileStat{}}, {"a/c/d.txt", false, FileStat{}}}
	for _, f := range want[:3] {
		if err := tx.Add(f.Path, []byte(map[bool]string{true: "旧", false: f.Path}[f.Linked])); err != nil {
			t.Fatal(err)
		}
	}
	w, err := tx.Create("a/c/d.txt")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "流")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a/b.txt", "same.txt", long, "a/c/d.txt"} {
		if err := tx.Add(p, []byte("x")); err == nil || !strings.Contains(err.Error(), "two files") {
			t.Errorf("a second %s: %v, want refused", p, err)
		}
	}
	if err := tx.Add("a/b.txt2", []byte("x")); err != nil { // a path another is a prefix of
		t.Fatal(err)
	}
	want = append(want, Published{"a/b.txt2", false, FileStat{}})
	got := tx.Published()
	if !slices.EqualFunc(got, want, func(a, b Published) bool { return a.Path == b.Path && a.Linked == b.Linked }) {
		t.Errorf("published %v, want %v", got, want)
	}
	if _, err := tx.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	// a file Add wrote carries its stat as the published file has it;
	// one linked or streamed does not
	for _, f := range got {
		fi, err := os.Lstat(filepath.Join(out, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		written := !f.Linked && f.Path != "a/c/d.txt"
		if written && f.Stat != StatOf(fi) || !written && f.Stat != (FileStat{}) {
			t.Errorf("%s: stat %+v, the published file's %+v", f.Path, f.Stat, StatOf(fi))
		}
	}
	if got := testsite.ReadTree(t, out); len(got) != 5 || got[long] != long || got["a/c/d.txt"] != "流" {
		t.Errorf("tree %v", got)
	}
}

// What someone else put at the top of the output under a hidden name — a
// gh-pages checkout's .git, .well-known — stays when a release replaces
// the one it was in; the portal's own files come and go as the release
// has them.
func TestHiddenEntriesStay(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(context.Background(), out, []File{{"index.html", []byte("一")}, {"old.html", []byte("旧")}}); err != nil {
		t.Fatal(err)
	}
	for p, text := range map[string]string{".git/HEAD": "ref: refs/heads/gh-pages\n", ".git/objects/ab/cd": "x", ".well-known/security.txt": "Contact: x", ".nojekyll": ""} {
		os.MkdirAll(filepath.Dir(filepath.Join(out, p)), 0o755)
		os.WriteFile(filepath.Join(out, p), []byte(text), 0o644)
	}
	if _, err := Write(context.Background(), out, []File{{"index.html", []byte("二")}}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "二", ".git/HEAD": "ref: refs/heads/gh-pages\n", ".git/objects/ab/cd": "x", ".well-known/security.txt": "Contact: x", ".nojekyll": ""}
	if got := testsite.ReadTree(t, out); !maps.Equal(got, want) {
		t.Fatalf("tree %v\nwant %v", got, want)
	}
}

// same and sameFiles tell a file's bytes exactly, across the buffers they
// read it in: equal, one byte off at either end or across a buffer's
// edge, one byte more or less, a link to an equal file.
func TestSameBytes(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("劳务派遣许可"), 150_000) // 2.7 MB: several buffers
	path := filepath.Join(dir, "a")
	write := func(b []byte) {
		t.Helper()
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cur := filepath.Join(dir, "cur")
	os.WriteFile(cur, data, 0o644)
	write(data)
	if !same(path, data) || !sameFiles(path, cur, int64(len(data))) {
		t.Error("an equal file is taken for another")
	}
	for _, at := range []int{0, 256<<10 - 1, 256 << 10, len(data) - 1} {
		b := bytes.Clone(data)
		b[at] ^= 1
		write(b)
		if same(path, data) || sameFiles(path, cur, int64(len(data))) {
			t.Errorf("a file one byte off at %d is taken for the same", at)
		}
	}
	for _, b := range [][]byte{data[:len(data)-1], append(bytes.Clone(data), 'x'), nil} {
		write(b)
		if same(path, data) || sameFiles(path, cur, int64(len(data))) {
			t.Errorf("a file of %d bytes is taken for one of %d", len(b), len(data))
		}
	}
	write(data)
	link := filepath.Join(dir, "link")
	os.Symlink(path, link)
	if same(link, data) || sameFiles(link, cur, int64(len(data))) {
		t.Error("a symbolic link is taken for a file")
	}
	os.WriteFile(filepath.Join(dir, "empty"), nil, 0o644)
	if !same(filepath.Join(dir, "empty"), nil) || same(filepath.Join(dir, "none"), nil) {
		t.Error("an empty file is not the same as no bytes, or no file is")
	}
}
