// Package publish writes a built site to its output directory so that readers
// never see a half-built site: every file goes into a staging directory next
// to the output, and only when all of them are written is the staging
// directory swapped in (atomically on Linux, with renameat2 RENAME_EXCHANGE).
// A failed or cancelled publish removes its staging directory and leaves the
// previous output byte-for-byte as it was.
//
// A file whose bytes equal the previous release's is hard-linked from it
// rather than written, so it keeps its modification time and an upload tool
// that compares times re-sends only what changed.
package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// File is one output file: a slash-separated path relative to the site root.
type File struct {
	Path string
	Data []byte
}

// Report says what a publish did.
type Report struct {
	Written   int   // new or changed files
	Unchanged int   // files linked from the previous release
	Bytes     int64 // total size of the published tree
}

// Write publishes files as the complete content of dir.
func Write(ctx context.Context, dir string, files []File) (Report, error) {
	var rep Report
	dir = filepath.Clean(dir)
	if err := checkPaths(files); err != nil {
		return rep, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return rep, err
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".staging-")
	if err != nil {
		return rep, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(staging)
		}
	}()
	if err := os.Chmod(staging, 0o755); err != nil {
		return rep, err
	}
	made := map[string]bool{}
	for i, f := range files {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return rep, err
			}
		}
		rel := filepath.FromSlash(f.Path)
		dst := filepath.Join(staging, rel)
		if d := filepath.Dir(dst); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return rep, err
			}
			made[d] = true
		}
		rep.Bytes += int64(len(f.Data))
		old := filepath.Join(dir, rel)
		if same(old, f.Data) && os.Link(old, dst) == nil {
			rep.Unchanged++
			continue
		}
		if err := os.WriteFile(dst, f.Data, 0o644); err != nil {
			return rep, err
		}
		rep.Written++
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if err := swap(staging, dir); err != nil {
		return rep, err
	}
	ok = true
	// staging now holds the previous release (or nothing)
	return rep, os.RemoveAll(staging)
}

// same reports whether the file at path holds exactly data.
func same(path string, data []byte) bool {
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(path)
	return err == nil && bytes.Equal(old, data)
}

// checkPaths refuses paths that would escape the output or collide.
func checkPaths(files []File) error {
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		p := f.Path
		if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || !fs.ValidPath(p) {
			return fmt.Errorf("publish: invalid output path %q", p)
		}
		if seen[p] {
			return fmt.Errorf("publish: two files with the path %q", p)
		}
		seen[p] = true
	}
	for _, f := range files {
		for d := filepath.Dir(f.Path); d != "."; d = filepath.Dir(d) {
			if seen[filepath.ToSlash(d)] {
				return fmt.Errorf("publish: %q is both a file and the directory of %q", d, f.Path)
			}
		}
	}
	return nil
}

// swap puts staging in dir's place and the old dir (if any) in staging's.
func swap(staging, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(staging, dir)
	}
	if err := exchange(staging, dir); err == nil {
		return nil
	}
	// fallback: two renames, with a moment in which dir does not exist
	old := staging + ".old"
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(staging, dir); err != nil {
		os.Rename(old, dir)
		return err
	}
	return os.Rename(old, staging)
}

// Paths lists the paths of files, sorted (for reports and tests).
func Paths(files []File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Path
	}
	slices.Sort(out)
	return out
}
