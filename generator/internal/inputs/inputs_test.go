package inputs

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// Key follows every byte of every file, its name and the files there are,
// in a file larger than a chunk too (digested a chunk at a time), and is
// the same for the same files, on disk, in memory, and in a file system
// whose files read only from the start (no ReadAt).
func TestKeyFollowsTheBytes(t *testing.T) {
	big := make([]byte, chunk+chunk/2)
	for i := range big {
		big[i] = byte(i * 7)
	}
	files := func(edit func(m fstest.MapFS)) fstest.MapFS {
		m := fstest.MapFS{
			"licences.csv":    {Data: big},
			"regions.csv":     {Data: []byte("行政区划代码,名称\n440106,天河区\n")},
			"empty.csv":       {Data: nil},
			"exact/chunk.csv": {Data: big[:chunk]},
		}
		if edit != nil {
			edit(m)
		}
		return m
	}
	key := func(fsys fstest.MapFS) string {
		t.Helper()
		k, err := Key("test", fsys)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := key(files(nil))
	if again := key(files(nil)); again != base {
		t.Fatalf("the same files give two keys: %s, %s", base, again)
	}
	dir := t.TempDir()
	for name, f := range files(nil) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if k, err := Key("test", os.DirFS(dir)); err != nil || k != base {
		t.Errorf("on disk %s (%v), in memory %s", k, err, base)
	}
	if k, err := Key("test", readOnly{files(nil)}); err != nil || k != base {
		t.Errorf("without ReadAt %s (%v), with it %s", k, err, base)
	}
	changed := func(b []byte, at int) []byte {
		c := append([]byte(nil), b...)
		c[at]++
		return c
	}
	for what, edit := range map[string]func(m fstest.MapFS){
		"a byte in the first chunk":  func(m fstest.MapFS) { m["licences.csv"] = &fstest.MapFile{Data: changed(big, 10)} },
		"a byte in the second chunk": func(m fstest.MapFS) { m["licences.csv"] = &fstest.MapFile{Data: changed(big, chunk+10)} },
		"a byte fewer":               func(m fstest.MapFS) { m["licences.csv"] = &fstest.MapFile{Data: big[:len(big)-1]} },
		"the last byte of a chunk":   func(m fstest.MapFS) { m["exact/chunk.csv"] = &fstest.MapFile{Data: changed(big[:chunk], chunk-1)} },
		"a file renamed": func(m fstest.MapFS) {
			m["regions2.csv"] = m["regions.csv"]
			delete(m, "regions.csv")
		},
		"a file added":   func(m fstest.MapFS) { m["grades.csv"] = &fstest.MapFile{Data: []byte("x")} },
		"a file removed": func(m fstest.MapFS) { delete(m, "empty.csv") },
	} {
		if key(files(edit)) == base {
			t.Errorf("%s: the key did not change", what)
		}
	}
	if k, _ := Key("other", files(nil)); k == base {
		t.Error("another header: the key did not change")
	}
}

// readOnly is a file system whose files have no ReadAt.
type readOnly struct{ fs.FS }

func (r readOnly) Open(name string) (fs.File, error) {
	f, err := r.FS.Open(name)
	return plainFile{f}, err
}

type plainFile struct{ fs.File }

func (f plainFile) ReadDir(n int) ([]fs.DirEntry, error) { return f.File.(fs.ReadDirFile).ReadDir(n) }
