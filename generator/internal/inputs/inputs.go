// Package inputs digests what a command's output is made from — the bytes
// of every file of its input directories, and the program itself — so
// that a later run can tell "nothing changed" from the bytes, without
// loading or deriving anything (portal build's "nothing changed",
// portal search's kept answers).
package inputs

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Files writes the path, bytes and length of every regular file under
// root of fsys to h, in lexical order.
func Files(h io.Writer, fsys fs.FS, root string) error {
	return fs.WalkDir(fsys, root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "file %q\n", p)
		n, err := io.Copy(h, f)
		fmt.Fprintf(h, "\n%d bytes\n", n)
		return err
	})
}

// Program writes the running program's bytes to h: a new build of portal
// may derive, word or render differently.
func Program(h io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return Files(h, os.DirFS(filepath.Dir(exe)), filepath.Base(exe))
}

// ProgramKey digests the running program, once per process (the file it
// was started from, read at the first call): a build's "nothing changed"
// and the static search index's directory name (search.indexDir) follow it.
var ProgramKey = sync.OnceValues(func() (string, error) { return Key("program") })

// Key digests what a run's output is made from: header (the flags and
// whatever else the caller's answer depends on), the program and every
// file of dirs (a nil dir counts as empty), as a hex string.
func Key(header string, dirs ...fs.FS) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", header)
	if err := Program(h); err != nil {
		return "", err
	}
	for i, d := range dirs {
		fmt.Fprintf(h, "dir %d\n", i)
		if d == nil {
			continue
		}
		if err := Files(h, d, "."); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
