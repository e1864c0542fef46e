package publish

import (
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
	if unix.Fstat(fd, &st) == nil && st.Mode&unix.S_IFMT == unix.S_IFREG {
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
		fst = FileStat{mode, st.Size, st.Mtim.Nano()}
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
