//go:build linux

package publish

import (
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// A Tree stats what os.Lstat stats (links not followed), tells a
// directory's inode, time and links as the kernel has them, and lists what
// os.ReadDir lists.
func TestTree(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "a", "b"), 0o755)
	os.Mkdir(filepath.Join(root, "a", "c"), 0o755)
	os.WriteFile(filepath.Join(root, "a", "甲.html"), []byte("x"), 0o644)
	os.Symlink("甲.html", filepath.Join(root, "a", "link"))
	syscall.Mkfifo(filepath.Join(root, "a", "pipe"), 0o600)
	tree, err := OpenTree(root)
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	for _, p := range []string{"a/甲.html", "a/link", "a/pipe"} {
		fi, _ := os.Lstat(filepath.Join(root, p))
		if got, err := tree.File(p); err != nil || got != StatOf(fi) {
			t.Errorf("File(%s) = %v, %v; Lstat: %v", p, got, err, StatOf(fi))
		}
	}
	if _, err := tree.File("a/missing"); err == nil {
		t.Error("File of a missing path: no error")
	}
	for _, p := range []string{"", "a", "a/b"} {
		var st syscall.Stat_t
		syscall.Lstat(filepath.Join(root, p), &st)
		want := DirStat{uint64(st.Dev), uint64(st.Ino), st.Mtim.Nano(), uint64(st.Nlink)}
		if got, err := tree.Dir(p); err != nil || got != want {
			t.Errorf("Dir(%q) = %v, %v; Lstat: %v", p, got, err, want)
		}
	}
	if got, _ := tree.Dir("a"); got.Nlink != 4 {
		t.Logf("a has two subdirectories and %d links (a file system that does not count them)", got.Nlink)
	}
	if _, err := tree.Dir("a/甲.html"); err == nil {
		t.Error("Dir of a file: no error")
	}
	names, err := tree.Names("a")
	slices.Sort(names)
	if want := []string{"b", "c", "link", "pipe", "甲.html"}; err != nil || !slices.Equal(names, want) {
		t.Errorf("Names(a) = %q, %v; want %q", names, err, want)
	}
	if _, err := tree.Names("a/甲.html"); err == nil {
		t.Error("Names of a file: no error")
	}
}
