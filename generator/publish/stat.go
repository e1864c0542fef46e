package publish

import "io/fs"

// FileStat is what a build's key of its output (generator/unchanged.go)
// holds of a file: its mode, size and modification time, as Lstat gives
// them. A Published file the Tx wrote carries it (the descriptor's fstat,
// taken before it was closed), so that the key of a release needs no walk
// of its files; MTime 0 means the Tx did not write the file.
type FileStat struct {
	Mode  fs.FileMode
	Size  int64
	MTime int64 // UnixNano
}

// StatOf is fi as a FileStat.
func StatOf(fi fs.FileInfo) FileStat {
	return FileStat{fi.Mode(), fi.Size(), fi.ModTime().UnixNano()}
}
