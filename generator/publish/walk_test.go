package publish

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// WalkFiles gives what filepath.WalkDir and Lstat give: every file that is
// not a directory, at every depth, links not followed, with its mode, size
// and time.
func TestWalkFiles(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"a/b/c", "empty", "甲"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	for p, s := range map[string]string{"top.html": "x", "a/b/c/deep.json": "{}", "甲/乙.xml": "<a/>", "a/b/c/.hidden": ""} {
		os.WriteFile(filepath.Join(root, p), []byte(s), 0o644)
	}
	os.Chmod(filepath.Join(root, "top.html"), 0o4755)
	os.Symlink("a", filepath.Join(root, "link-to-dir"))
	os.Symlink("top.html", filepath.Join(root, "a", "link-to-file"))
	syscall.Mkfifo(filepath.Join(root, "甲", "pipe"), 0o600)
	want := map[string]FileStat{}
	filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		want[filepath.ToSlash(p[len(root)+1:])] = StatOf(fi)
		return nil
	})
	got := map[string]FileStat{}
	if err := WalkFiles(root, "", func(rel string, st FileStat) { got[rel] = st }); err != nil {
		t.Fatal(err)
	}
	if len(want) != 7 || !maps.Equal(got, want) {
		t.Errorf("WalkFiles:\n%v\nWalkDir and Lstat:\n%v", got, want)
	}
	under := map[string]FileStat{}
	if err := WalkFiles(filepath.Join(root, "a"), "x/a/", func(rel string, st FileStat) { under[rel] = st }); err != nil {
		t.Fatal(err)
	}
	if len(under) != 3 || under["x/a/b/c/deep.json"] != want["a/b/c/deep.json"] || under["x/a/link-to-file"] != want["a/link-to-file"] {
		t.Errorf("WalkFiles with a prefix: %v", under)
	}
	if err := WalkFiles(filepath.Join(root, "missing"), "", func(string, FileStat) {}); err == nil {
		t.Error("no error for a missing root")
	}
}
