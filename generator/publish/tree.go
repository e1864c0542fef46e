package publish

// DirStat is what a directory's lstat says of its entries: its inode,
// its modification time (changed by every entry added, removed or
// renamed in it, never by an edit of a file in it) and its link count
// (2 and one per subdirectory on Linux's tmpfs and ext4; 1 where the
// file system does not count them).
type DirStat struct {
	Dev   uint64
	Ino   uint64
	MTime int64 // UnixNano
	Nlink uint64
}
