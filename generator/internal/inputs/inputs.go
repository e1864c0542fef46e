// Package inputs digests what a command's output is made from — the bytes
// of every file of its input directories, and the program itself — so
// that a later run can tell "nothing changed" from the bytes, without
// loading or deriving anything (portal build's "nothing changed",
// portal search's kept answers).
package inputs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"portal/generator/internal/par"
)

// chunk is how many bytes of a file one core digests: a large export (the
// 70 MB of licences of the 50k set) is digested in parts, on every core,
// rather than whole on one while the other waits.
const chunk = 8 << 20

// Files writes the path, length and digest of every regular file under
// root of fsys to h, in lexical order. The files — a large one a chunk at
// a time, its digest that of its chunks' digests — are read on every core.
func Files(h io.Writer, fsys fs.FS, root string) error {
	type part struct {
		file     int
		off, len int64
	}
	var paths []string
	var sizes []int64
	var parts []part
	err := fs.WalkDir(fsys, root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		n := fi.Size()
		for off := int64(0); off == 0 || off < n; off += chunk {
			parts = append(parts, part{len(paths), off, min(chunk, n-off)})
		}
		paths, sizes = append(paths, p), append(sizes, n)
		return nil
	})
	if err != nil {
		return err
	}
	sums := make([][sha256.Size]byte, len(parts))
	err = par.Each(context.Background(), len(parts), func(_, i int) error {
		pt := parts[i]
		f, err := fsys.Open(paths[pt.file])
		if err != nil {
			return err
		}
		defer f.Close()
		var r io.Reader = f
		if pt.off > 0 {
			ra, ok := f.(io.ReaderAt)
			if !ok { // a file system without ReaderAt: skip to the chunk
				if _, err := io.CopyN(io.Discard, f, pt.off); err != nil {
					return err
				}
			} else {
				r = io.NewSectionReader(ra, pt.off, pt.len)
			}
		}
		d := sha256.New()
		n, err := io.Copy(d, io.LimitReader(r, pt.len))
		if err == nil && n != pt.len {
			err = fmt.Errorf("%s changed while it was read", paths[pt.file])
		}
		d.Sum(sums[i][:0])
		return err
	})
	if err != nil {
		return err
	}
	for i := 0; i < len(parts); {
		file := parts[i].file
		d := sha256.New()
		for ; i < len(parts) && parts[i].file == file; i++ {
			d.Write(sums[i][:])
		}
		fmt.Fprintf(h, "file %q\n%d bytes %x\n", paths[file], sizes[file], d.Sum(nil))
	}
	return nil
}

// ProgramKey digests the running program, once per process (the file it
// was started from, read at the first call): a new build of portal may
// derive, word or render differently. A build's "nothing changed", its kept
// rows and the static search index's directory name (search.indexDir)
// follow it.
var ProgramKey = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	if err := Files(h, os.DirFS(filepath.Dir(exe)), filepath.Base(exe)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
})

// Key digests what a run's output is made from: header (the flags and
// whatever else the caller's answer depends on), the program (ProgramKey)
// and every file of dirs (a nil dir counts as empty), as a hex string.
func Key(header string, dirs ...fs.FS) (string, error) {
	prog, err := ProgramKey()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\nprogram %s\n", header, prog)
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
