//go:build !linux

package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

func exchange(a, b string) error { return errors.New("atomic exchange not supported") }

// writeFile creates name holding data, and returns its stat.
func writeFile(name string, data []byte) (FileStat, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return FileStat{}, err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return FileStat{}, err
	}
	fi, err := os.Lstat(name)
	if err != nil {
		return FileStat{}, nil // unknown: the output's key stats it again
	}
	return StatOf(fi), nil
}

// lockFile is not supported here: builds of one output are not kept apart.
func lockFile(f *os.File) (bool, error) { return true, nil }

// WalkFiles calls fn with prefix followed by the slash path below root,
// and the stat (as os.Lstat gives it), of every file in the tree at root
// that is not a directory; symbolic links are not followed.
func WalkFiles(root, prefix string, fn func(rel string, st FileStat)) error {
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		fi, err := e.Info()
		if err == nil {
			fn(prefix+filepath.ToSlash(p[len(root)+1:]), StatOf(fi))
		}
		return err
	})
}

// Tree is not supported here: OpenTree fails, and its callers walk.
type Tree struct{}

// OpenTree is not supported here.
func OpenTree(root string) (*Tree, error) { return nil, errors.ErrUnsupported }

func (t *Tree) Close() error                       { return nil }
func (t *Tree) File(rel string) (FileStat, error)  { return FileStat{}, errors.ErrUnsupported }
func (t *Tree) Dir(rel string) (DirStat, error)    { return DirStat{}, errors.ErrUnsupported }
func (t *Tree) Names(rel string) ([]string, error) { return nil, errors.ErrUnsupported }

// Clock is not supported here.
func Clock(dir string) (mtime int64, dev uint64, err error) { return 0, 0, errors.ErrUnsupported }
