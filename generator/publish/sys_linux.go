package publish

import (
	"bytes"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// exchange atomically swaps two paths (renameat2 RENAME_EXCHANGE).
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// writeFile creates name (new in the staging tree: O_EXCL, never written
// through a name that exists, which may be the live release's) holding data, and
// returns its stat as Lstat would give it (zero when fstat fails). It is
// os.WriteFile without the *os.File around the descriptor: no poller
// registration and no finalizer, which is a tenth of the cost of each of
// the build's 180,000 small files.
func writeFile(name string, data []byte) (FileStat, error) {
	fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	for err == unix.EINTR {
		fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return FileStat{}, &os.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return FileStat{}, &os.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	var st unix.Stat_t
	var fst FileStat
	if unix.Fstat(fd, &st) == nil {
		fst, _ = regularStat(&st)
	}
	if err := unix.Close(fd); err != nil {
		return FileStat{}, &os.PathError{Op: "close", Path: name, Err: err}
	}
	return fst, nil
}

// lockFile takes an exclusive lock on f without waiting; false when
// another open file holds it (released when the holder closes it or dies).
func lockFile(f *os.File) (bool, error) {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if err == unix.EWOULDBLOCK {
		return false, nil
	}
	return err == nil, err
}

// regularStat is st as os.Lstat gives it (StatOf), for a regular file;
// false for any other kind.
func regularStat(st *unix.Stat_t) (FileStat, bool) {
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return FileStat{}, false
	}
	// the bits os.Lstat turns into a regular file's FileMode
	mode := fs.FileMode(st.Mode & 0o777)
	if st.Mode&unix.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if st.Mode&unix.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if st.Mode&unix.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return FileStat{mode, st.Size, st.Mtim.Nano()}, true
}

// WalkFiles calls fn with prefix followed by the slash path below root,
// and the stat (as os.Lstat gives it), of every file in the tree at root
// that is not a directory; symbolic links are not followed. It is
// filepath.WalkDir with each file's Info, in fewer and cheaper system
// calls: a directory is read through its own descriptor (no fstat, no
// poller) and each file is stat'ed relative to it, not by its whole path
// — 30 % less time on the 235,000 files of a 50,000-agency output. The
// prefix spares a caller that walks many directories of one tree a second
// string per file.
func WalkFiles(root, prefix string, fn func(rel string, st FileStat)) error {
	return walkAt(unix.AT_FDCWD, root, root, prefix, fn, make([]byte, 16<<10))
}

// walkAt walks the directory name (path, for errors) below dirfd; rel is
// what its entries' paths given to fn begin with ("" or ending in a slash).
func walkAt(dirfd int, name, path, rel string, fn func(string, FileStat), buf []byte) error {
	fd, err := openDir(dirfd, name, path)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	entries, err := getdents(fd, path, buf)
	if err != nil {
		return err
	}
	for _, e := range entries {
		var st unix.Stat_t
		if !e.dir {
			err := unix.Fstatat(fd, e.name, &st, unix.AT_SYMLINK_NOFOLLOW)
			for err == unix.EINTR {
				err = unix.Fstatat(fd, e.name, &st, unix.AT_SYMLINK_NOFOLLOW)
			}
			if err != nil {
				return &os.PathError{Op: "lstat", Path: path + "/" + e.name, Err: err}
			}
		}
		if e.dir || st.Mode&unix.S_IFMT == unix.S_IFDIR {
			if err := walkAt(fd, e.name, path+"/"+e.name, rel+e.name+"/", fn, buf); err != nil {
				return err
			}
			continue
		}
		fst, ok := regularStat(&st)
		if !ok { // a link, a pipe…: as os.Lstat has it
			fi, err := os.Lstat(path + "/" + e.name)
			if err != nil {
				return err
			}
			fst = StatOf(fi)
		}
		fn(rel+e.name, fst)
	}
	return nil
}

// dirent is an entry of a directory: its name, and whether the file
// system says it is a directory (one that says nothing is stat'ed).
type dirent struct {
	name string
	dir  bool
}

func openDir(dirfd int, name, path string) (int, error) {
	fd, err := unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	for err == unix.EINTR {
		fd, err = unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	}
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return fd, nil
}

// getdents reads every entry of the directory open at fd, but . and ..
func getdents(fd int, path string, buf []byte) ([]dirent, error) {
	var entries []dirent
	for {
		n, err := unix.Getdents(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "readdirent", Path: path, Err: err}
		}
		if n <= 0 {
			return entries, nil
		}
		for b := buf[:n]; len(b) > 0; {
			// struct linux_dirent64: ino 8, off 8, reclen 2, type 1, name
			reclen := int(b[16]) | int(b[17])<<8
			if reclen < 20 || reclen > len(b) {
				return nil, &os.PathError{Op: "readdirent", Path: path, Err: unix.EINVAL}
			}
			nm := b[19:reclen]
			if i := bytes.IndexByte(nm, 0); i >= 0 {
				nm = nm[:i]
			}
			if s := string(nm); s != "." && s != ".." {
				entries = append(entries, dirent{name: s, dir: b[18] == unix.DT_DIR})
			}
			b = b[reclen:]
		}
	}
}

// Tree is a directory held open to stat the files and directories below
// it by their paths relative to it: no walk, no whole path per call.
type Tree struct {
	fd   int
	root string
}

// OpenTree opens the directory root (symbolic links not followed).
func OpenTree(root string) (*Tree, error) {
	fd, err := openDir(unix.AT_FDCWD, root, root)
	if err != nil {
		return nil, err
	}
	return &Tree{fd, root}, nil
}

// Close closes the tree's directory.
func (t *Tree) Close() error { return unix.Close(t.fd) }

func (t *Tree) lstat(rel string, st *unix.Stat_t) error {
	if rel == "" {
		rel = "."
	}
	err := unix.Fstatat(t.fd, rel, st, unix.AT_SYMLINK_NOFOLLOW)
	for err == unix.EINTR {
		err = unix.Fstatat(t.fd, rel, st, unix.AT_SYMLINK_NOFOLLOW)
	}
	if err != nil {
		return &os.PathError{Op: "lstat", Path: t.root + "/" + rel, Err: err}
	}
	return nil
}

// File is the stat of the file at the slash path rel below the tree, as
// WalkFiles gives it (links not followed).
func (t *Tree) File(rel string) (FileStat, error) {
	var st unix.Stat_t
	if err := t.lstat(rel, &st); err != nil {
		return FileStat{}, err
	}
	if fst, ok := regularStat(&st); ok {
		return fst, nil
	}
	fi, err := os.Lstat(t.root + "/" + rel) // a link, a pipe…: as os.Lstat has it
	if err != nil {
		return FileStat{}, err
	}
	return StatOf(fi), nil
}

// Dir is the stat of the directory at the slash path rel below the tree
// ("" is the tree itself); an error when it is not a directory.
func (t *Tree) Dir(rel string) (DirStat, error) {
	var st unix.Stat_t
	if err := t.lstat(rel, &st); err != nil {
		return DirStat{}, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return DirStat{}, &os.PathError{Op: "lstat", Path: t.root + "/" + rel, Err: unix.ENOTDIR}
	}
	return DirStat{Dev: uint64(st.Dev), Ino: uint64(st.Ino), MTime: st.Mtim.Nano(), Nlink: uint64(st.Nlink)}, nil
}

// Names lists the entries of the directory at the slash path rel below
// the tree, in no order.
func (t *Tree) Names(rel string) ([]string, error) {
	if rel == "" {
		rel = "."
	}
	fd, err := openDir(t.fd, rel, t.root+"/"+rel)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	entries, err := getdents(fd, t.root+"/"+rel, make([]byte, 16<<10))
	if err != nil {
		return nil, err
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.name
	}
	return names, nil
}

// Clock is the time the file system of dir stamps a file created in it
// now (UnixNano; coarser than the wall clock), and that file system's
// device: a file made there and removed again.
func Clock(dir string) (mtime int64, dev uint64, err error) {
	f, err := os.CreateTemp(dir, ".clock-*")
	if err != nil {
		return 0, 0, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil {
		return 0, 0, err
	}
	return st.Mtim.Nano(), uint64(st.Dev), nil
}
