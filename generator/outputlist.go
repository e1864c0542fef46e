package generator

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"portal/generator/internal/par"
	"portal/generator/publish"
)

// Whether the output is as the last build left it (buildState.scan) was
// decided by walking it (scanOutput): on the 50,000-agency output every
// one of 100,000 directories opened, listed and closed and 235,000 files
// stated, 2.2 CPU-seconds of a one-row edit's 15. The listing is most of
// it, and it cannot have changed where the directory's modification time
// has not: adding, removing or renaming an entry sets it, and it never
// goes back without someone setting it on purpose. So a build with state
// also records, beside its output (.NAME.files), the path of every file
// it published and, for every directory that holds one, the directory's
// device, inode, modification time and link count; the next build stats
// those directories and files by name (fastScan), opening and reading no
// directory, and walks only when a directory is not as recorded. On the
// 50,000-agency output the scan takes 0.8 s instead of 1.37 s on two
// cores, and the record 0.28 s at the end of a build, beside the state's
// encoding: "nothing changed" after a fresh build takes 1.26–1.41 s
// instead of 1.48–1.88 s, and a one-row edit, whose scan ran beside its
// check, gains about what its record costs (BENCHMARKS.md, session 53).
//
// Two things could make a directory's record vouch for a listing it does
// not have, and both are ruled out when it is recorded:
//   - a directory not on the list (an empty one: no file's path names it)
//     holds what it likes, and its own time is not looked at; it adds to
//     its parent's link count, so a directory whose link count is not two
//     and one per subdirectory on the list (and hidden one at the top) —
//     or a file system that does not count them — is not vouched for;
//   - an entry added in the same tick of the file system's clock as the
//     build's last one leaves the directory's time as recorded; a
//     directory whose time is not before the clock (publish.Clock) read
//     before any directory is stated is not vouched for either.
//
// A directory not vouched for is listed by fastScan and its names compared
// with the list's. Between the swap and the record a hand in the output
// could still go unseen, as it could in the stats the key is made of.

// outputList is what a build records of the files and directories of
// its output.
type outputList struct {
	key   string      // the state's Output: the list is of that output
	files []string    // slash paths, sorted
	dirs  []listedDir // every directory holding one of files, sorted ("" is the top)
}

// listedDir is a directory of an outputList: its stat, or racy when the
// stat does not vouch for its listing.
type listedDir struct {
	path string
	stat publish.DirStat
	racy bool
}

// listPath is where the list of the output dir is kept.
func listPath(out string) (string, error) { return beside(out, ".files") }

// parentOf is the directory of the slash path p, "" at the top.
func parentOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// dirsOf are the directories holding the sorted files, sorted, and how
// many subdirectories of each are among them.
func dirsOf(files []string) ([]string, map[string]int) {
	dirs := []string{""}
	listed := map[string]bool{"": true}
	sub := map[string]int{}
	last := "\x00"
	for _, f := range files {
		d := parentOf(f)
		if d == last {
			continue
		}
		last = d
		for !listed[d] {
			listed[d] = true
			dirs = append(dirs, d)
			sub[parentOf(d)]++
			d = parentOf(d)
		}
	}
	slices.Sort(dirs)
	return dirs, sub
}

// recordList records the list of the output in out, whose files (sorted)
// the state's Output key is of; a stale list is removed first, and none is
// left when the directories' records would vouch for too few of them (a
// file system that does not count subdirectories) to be worth reading.
func recordList(out, key string, files []outputFile, others publish.Others) error {
	lp, err := listPath(out)
	if err != nil {
		return err
	}
	os.Remove(lp)
	dir, err := publish.Target(out)
	if err != nil {
		return err
	}
	clock, dev, err := publish.Clock(filepath.Dir(dir))
	if err != nil {
		return err
	}
	l := outputList{key: key, files: make([]string, len(files))}
	for i, f := range files {
		l.files[i] = f.path
	}
	names, sub := dirsOf(l.files)
	tree, err := publish.OpenTree(dir)
	if err != nil {
		return err
	}
	defer tree.Close()
	// the top holds entries that are not the release's (publish.Others:
	// hidden ones, ones put there by hand): their directories count in its
	// links too
	top, err := tree.Names("")
	if err != nil {
		return err
	}
	for _, n := range top {
		if others.Has(n) {
			if _, err := tree.Dir(n); err == nil {
				sub[""]++
			}
		}
	}
	l.dirs = make([]listedDir, len(names))
	const per = 256
	err = par.Each(context.Background(), (len(names)+per-1)/per, func(_, j int) error {
		for i := j * per; i < min(len(names), (j+1)*per); i++ {
			st, err := tree.Dir(names[i])
			if err != nil {
				return err
			}
			l.dirs[i] = listedDir{path: names[i], stat: st,
				racy: st.Dev != dev || st.MTime >= clock || st.Nlink != uint64(2+sub[names[i]])}
		}
		return nil
	})
	if err != nil {
		return err
	}
	racy := 0
	for _, d := range l.dirs {
		if d.racy {
			racy++
		}
	}
	if racy > 64 && racy*4 > len(l.dirs) {
		return nil // listing them would cost what the walk does
	}
	tmp := lp + ".tmp"
	if err := os.WriteFile(tmp, l.encode(), 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, lp)
}

// fastScan is scanOutput by l, the list recorded of the output in out
// (recordedList): ok false when there is no list or a directory is not as
// it records (the caller then walks the output).
func fastScan(out string, l *outputList, others publish.Others) (string, fileIndex, publish.FilesBelow, bool) {
	if l == nil {
		return "", nil, nil, false
	}
	dir, err := publish.Target(out)
	if err != nil {
		return "", nil, nil, false
	}
	tree, err := publish.OpenTree(dir)
	if err != nil {
		return "", nil, nil, false
	}
	defer tree.Close()
	// the names each directory not vouched for must hold
	want := map[string]map[string]bool{}
	for _, d := range l.dirs {
		if d.racy {
			want[d.path] = map[string]bool{}
		}
	}
	if len(want) > 0 {
		for _, f := range l.files {
			if w := want[parentOf(f)]; w != nil {
				w[path.Base(f)] = true
			}
		}
		for _, d := range l.dirs {
			if w := want[parentOf(d.path)]; w != nil && d.path != "" {
				w[path.Base(d.path)] = true
			}
		}
	}
	errChanged := errors.New("changed")
	const per = 256
	err = par.Each(context.Background(), (len(l.dirs)+per-1)/per, func(_, j int) error {
		for _, d := range l.dirs[j*per : min(len(l.dirs), (j+1)*per)] {
			if !d.racy {
				if st, err := tree.Dir(d.path); err != nil || st != d.stat {
					return errChanged
				}
				continue
			}
			names, err := tree.Names(d.path)
			if err != nil {
				return err
			}
			w, n := want[d.path], 0
			for _, name := range names {
				if d.path == "" && others.Has(name) {
					continue // not the release's
				}
				if !w[name] {
					return errChanged
				}
				n++
			}
			if n != len(w) {
				return errChanged
			}
		}
		return nil
	})
	if err != nil {
		return "", nil, nil, false
	}
	all := make([]outputFile, len(l.files))
	err = par.Each(context.Background(), (len(l.files)+per-1)/per, func(_, j int) error {
		for i := j * per; i < min(len(l.files), (j+1)*per); i++ {
			st, err := tree.File(l.files[i])
			if err != nil {
				return err
			}
			if st.Mode.IsDir() { // a file made a directory in a directory listed: walk it
				return errChanged
			}
			all[i] = outputFile{l.files[i], st}
		}
		return nil
	})
	if err != nil {
		return "", nil, nil, false
	}
	key, index, below := indexOf(all)
	return key, index, below, true
}

// recordedList is the list the build whose output key is key recorded of
// the output in out; nil when there is none.
func recordedList(out, key string) *outputList {
	lp, err := listPath(out)
	if err != nil || key == "" {
		return nil
	}
	b, err := os.ReadFile(lp)
	if err != nil {
		return nil
	}
	l, err := decodeList(b)
	if err != nil || l.key != key {
		return nil
	}
	return l
}

// putAtTop is what someone put at the top of the output in out since the
// build that recorded l: entries under which that build published
// nothing, other than those others already names (hidden ones included).
func (l *outputList) putAtTop(out string, others publish.Others) []string {
	dir, err := publish.Target(out)
	if err != nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	published := map[string]bool{}
	for _, f := range l.files {
		top, _, _ := strings.Cut(f, "/")
		published[top] = true
	}
	var put []string
	for _, e := range entries {
		if n := e.Name(); !others.Has(n) && !published[n] {
			put = append(put, n)
		}
	}
	return put
}

// added is the paths of files not among l's, sorted.
func (l *outputList) added(files []outputFile) []string {
	listed := make(map[string]bool, len(l.files))
	for _, f := range l.files {
		listed[f] = true
	}
	var out []string
	for _, f := range files {
		if !listed[f.path] {
			out = append(out, f.path)
		}
	}
	slices.Sort(out)
	return out
}

// listMagic begins an encoded outputList.
const listMagic = "portal output list 2\n"

// encode is l as bytes: the key, the files' paths front-coded (the
// length each shares with the one before, then the rest), the stat of each
// of their directories (dirsOf: not their paths, which the files give),
// and a CRC-32 of all that.
func (l *outputList) encode() []byte {
	b := binary.AppendUvarint([]byte(listMagic), uint64(len(l.key)))
	b = append(b, l.key...)
	prev := ""
	appendPath := func(p string) {
		n := 0
		for n < len(p) && n < len(prev) && p[n] == prev[n] {
			n++
		}
		b = binary.AppendUvarint(b, uint64(n))
		b = binary.AppendUvarint(b, uint64(len(p)-n))
		b = append(b, p[n:]...)
		prev = p
	}
	b = binary.AppendUvarint(b, uint64(len(l.files)))
	for _, f := range l.files {
		appendPath(f)
	}
	// the directories are dirsOf(files): only their stats are written
	b = binary.AppendUvarint(b, uint64(len(l.dirs)))
	for _, d := range l.dirs {
		b = binary.AppendUvarint(b, d.stat.Dev)
		b = binary.AppendUvarint(b, d.stat.Ino)
		b = binary.AppendVarint(b, d.stat.MTime)
		b = binary.AppendUvarint(b, d.stat.Nlink)
		if d.racy {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

var errBadList = errors.New("not an output list")

// decodeList reads what encode wrote; an error for anything else.
func decodeList(b []byte) (*outputList, error) {
	if len(b) < len(listMagic)+4 || string(b[:len(listMagic)]) != listMagic ||
		crc32.ChecksumIEEE(b[:len(b)-4]) != binary.BigEndian.Uint32(b[len(b)-4:]) {
		return nil, errBadList
	}
	r := bytes.NewReader(b[len(listMagic) : len(b)-4])
	var err error
	var tmp [binary.MaxVarintLen64]byte
	// only what encode writes: each number in its fewest bytes, each
	// path sharing all it can with the one before, racy 0 or 1
	uv := func() uint64 {
		if err != nil {
			return 0
		}
		at := r.Len()
		var v uint64
		v, err = binary.ReadUvarint(r)
		if err == nil && at-r.Len() != binary.PutUvarint(tmp[:], v) {
			err = errBadList
		}
		if err != nil {
			return 0
		}
		return v
	}
	str := func(n uint64) string {
		if err != nil {
			return ""
		}
		if n > uint64(len(b)) {
			err = errBadList
			return ""
		}
		s := make([]byte, n)
		_, err = io.ReadFull(r, s)
		return string(s)
	}
	prev, spent := "", 0
	readPath := func() string {
		shared, rest := uv(), uv()
		if err == nil && shared > uint64(len(prev)) {
			err = errBadList
		}
		if err != nil {
			return ""
		}
		p := prev[:shared] + str(rest)
		if err == nil && int(shared) < len(prev) && int(shared) < len(p) && p[shared] == prev[shared] {
			err = errBadList // shares more than it says
		}
		// a path is at most PATH_MAX long, and all of them read no more
		// than a few times the list's bytes (its own: about twice)
		if spent += len(p); err == nil && (len(p) > 4096 || spent > 16*len(b)) {
			err = errBadList
		}
		prev = p
		return p
	}
	l := &outputList{key: str(uv())}
	n := uv()
	if err != nil || n > uint64(len(b)) {
		return nil, errBadList
	}
	l.files = make([]string, 0, n)
	for i := uint64(0); i < n && err == nil; i++ {
		f := readPath()
		if err == nil && i > 0 && f <= l.files[i-1] {
			err = errBadList // sorted, each once
		}
		l.files = append(l.files, f)
	}
	if err != nil {
		return nil, errBadList
	}
	names, _ := dirsOf(l.files)
	if uv() != uint64(len(names)) || err != nil {
		return nil, errBadList
	}
	for _, name := range names {
		if err != nil {
			break
		}
		d := listedDir{path: name}
		d.stat.Dev, d.stat.Ino = uv(), uv()
		if err == nil {
			at := r.Len()
			d.stat.MTime, err = binary.ReadVarint(r)
			if err == nil && at-r.Len() != binary.PutVarint(tmp[:], d.stat.MTime) {
				err = errBadList
			}
		}
		d.stat.Nlink = uv()
		var racy byte
		if err == nil {
			racy, err = r.ReadByte()
		}
		if err == nil && racy > 1 {
			err = errBadList
		}
		d.racy = racy == 1
		l.dirs = append(l.dirs, d)
	}
	if err != nil {
		return nil, errBadList
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return nil, errBadList
	}
	return l, nil
}
