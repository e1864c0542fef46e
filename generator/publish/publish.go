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
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"portal/generator/internal/par"
	"portal/generator/internal/textlist"
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
	// Compressed counts the precompressed siblings made by this publish
	// (Precompress), not those carried over with an unchanged file.
	Compressed int
	// Changed lists the files (slash paths, unsorted) that are new or
	// differ from the previous release; nil when there was none.
	Changed []string
	// Spare is the previous release, kept for the next build (KeepSpare);
	// nil when it was deleted.
	Spare *Spare
	// Others are the entries at the top of the output put there by hand
	// (KeepOthers) that this release kept, Replaced those it publishes
	// itself, which it did not: they stay in the previous release's tree.
	Others, Replaced []string
}

// Manifest is what a process knows of the files it published: path →
// size and a hash of the bytes (hash/maphash, seeded per process, so a
// Manifest is only good in the process that made it). Given the previous
// release's manifest, a publish tells an unchanged file without reading
// the old one — what makes the preview's rebuilds as fast as a first build.
type Manifest map[string]Sum

// Sum identifies a file's bytes within one process.
type Sum struct {
	Size int64
	Hash uint64
}

var seed = maphash.MakeSeed()

// Tx is a publish in progress: files are added (from any goroutine) into a
// staging directory beside the output, then committed or aborted.
type Tx struct {
	dir, staging string
	others       Others                                  // the entries at the top of the output that are not the release's (KeepOthers)
	hasOld       bool                                    // a previous release exists to compare with
	known        Manifest                                // the previous release's, if the caller has it
	trusted      func(path string) (size int64, ok bool) // TrustOld
	// KeepOld leaves the swapped-out release for RemoveOld, when it is
	// not kept as a spare (KeepSpare), so that a caller in a hurry (the
	// preview) need not wait for it to be deleted.
	KeepOld  bool
	manifest Manifest // this release's, when the caller asked for it
	mu       sync.Mutex
	seen     map[pathKey]struct{} // the files reserved, against two of a path
	rep      Report
	lock     *os.File   // held from Begin to Commit or Abort
	sha      *checksums // Checksums: the files to list and their SHA-256
	encs     []Encoding // Precompress: the codings of each file's siblings
	files    fileList   // ListPublished: every file, once listing is on
	listing  bool
	dirMu    sync.Mutex
	made     map[pathKey]struct{} // directories made in the staging tree

	// a staging tree made from a spare (spare.go)
	fromSpare bool
	dirty     map[pathKey]struct{} // where the spare may differ from the previous release: files
	dirtyDirs map[pathKey]struct{} // and whole directories
	keepSpare bool                 // KeepSpare
	madeHere  []string             // the files this release did not take from the previous one, when keepSpare
	covers    map[string]bool      // Spare.Covered

	// what the caller knows of the previous release's files (OldFiles)
	oldHas func(path string) bool
	oldIn  FilesBelow // its files below each top-level directory
	in     FilesBelow // of those, the ones this release publishes; t.mu
}

// A release of 200,000 agencies has almost a million files in a third as
// many directories, and what a Tx keeps of each stays live to its Commit,
// under every collection of the build: held as a million strings in maps
// and a slice of them, it was a fifth of the build's live objects. So the
// paths reserved and the directories made are kept as keys of 128 bits
// (two seeded hashes; two different paths share one with a chance of about
// 10⁻²⁷ a release), in maps the collector does not scan, and the list of
// files as a textlist.

// pathKey identifies a path in seen and made.
type pathKey [2]uint64

var pathSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func keyOf(p string) pathKey {
	return pathKey{maphash.String(pathSeeds[0], p), maphash.String(pathSeeds[1], p)}
}

// fileList is the files published, in order, whether each was linked
// from the previous release, and the stat of each the Tx wrote.
type fileList struct {
	paths  textlist.List
	linked []bool
	stats  []FileStat
}

func (l *fileList) add(path string, linked bool, st FileStat) {
	l.paths.Add(path)
	l.linked = append(l.linked, linked)
	l.stats = append(l.stats, st)
}

func (l *fileList) all() []Published {
	out := make([]Published, len(l.linked))
	for i := range out {
		out[i] = Published{l.paths.String(i), l.linked[i], l.stats[i]}
	}
	return out
}

// Published is a file of a release (siblings included): its slash path,
// whether it is the previous release's file at that path, linked in —
// the same inode, so the same size and modification time — and, when the
// Tx wrote it, its stat (MTime 0 when not).
type Published struct {
	Path   string
	Linked bool
	Stat   FileStat
}

// ListPublished makes the Tx list the files it publishes (Published):
// a release of 200,000 agencies holds almost a million, so only a caller
// that needs the list asks for it. Call it before adding files.
func (t *Tx) ListPublished() { t.listing = true }

// Published lists the files of the release, in no order, when
// ListPublished asked for them; complete once Commit returned.
func (t *Tx) Published() []Published {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.files.all()
}

// ErrBusy is returned by Begin when another build is publishing into the
// same output.
var ErrBusy = errors.New("another build is publishing into this output")

// Begin starts publishing into dir. A dir that is a symbolic link stays
// one: the release is swapped in at its target. A dir that exists and is
// not a directory is refused. One build at a time publishes into a dir
// (a lock file beside it); the staging directories a killed build left
// beside it, and spares (spare.go), are removed.
func Begin(dir string) (*Tx, error) { return BeginFrom(dir, nil) }

// BeginFrom is Begin, with the release staged in the spare sp beside dir
// when there is one (spare.go): the caller knows the output is as the
// build that kept sp left it.
func BeginFrom(dir string, sp *Spare) (*Tx, error) {
	dir, err := Target(dir)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := os.OpenFile(filepath.Join(parent, "."+base+".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if ok, err := lockFile(lock); !ok {
		holder, _ := io.ReadAll(io.LimitReader(lock, 64))
		lock.Close()
		if err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w %s (process %s): wait for it to finish", ErrBusy, dir, strings.TrimSpace(string(holder)))
	}
	lock.Truncate(0)
	lock.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	staging, err := os.MkdirTemp(parent, stagingPrefix(base, os.Getpid()))
	if err != nil {
		lock.Close()
		return nil, err
	}
	staging = filepath.Clean(staging) // MkdirTemp(".", …) gives "./.public.staging-…"
	_, err = os.Stat(dir)
	hasOld := err == nil
	fromSpare := hasOld && claim(parent, base, sp, staging)
	removeStale(parent, base)
	if err := os.Chmod(staging, 0o755); err != nil {
		os.RemoveAll(staging)
		lock.Close()
		return nil, err
	}
	t := &Tx{dir: dir, staging: staging, hasOld: hasOld, seen: map[pathKey]struct{}{}, lock: lock, made: map[pathKey]struct{}{keyOf(staging): {}}}
	if fromSpare {
		t.fromSpare, t.covers = true, map[string]bool{}
		for _, d := range sp.Covered {
			t.covers[d] = true
		}
		t.dirty, t.dirtyDirs = make(map[pathKey]struct{}, len(sp.Dirty)), map[pathKey]struct{}{}
		for _, p := range sp.Dirty {
			if d, ok := strings.CutSuffix(p, "/"); ok {
				t.dirtyDirs[keyOf(d)] = struct{}{}
			} else {
				t.dirty[keyOf(p)] = struct{}{}
			}
		}
	}
	return t, nil
}

// Target is where a release published into dir goes: dir itself, or the
// directory a symbolic link at dir points to. It is an error when dir
// exists and is not a directory (or a link to one).
func Target(dir string) (string, error) {
	dir = filepath.Clean(dir)
	st, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return dir, nil
	case err != nil:
		return "", err
	case st.Mode()&fs.ModeSymlink != 0:
		target, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return "", fmt.Errorf("%s is a symbolic link that cannot be followed: %v", dir, err)
		}
		if st, err := os.Stat(target); err != nil || !st.IsDir() {
			return "", fmt.Errorf("%s is a symbolic link to %s, which is not a directory", dir, target)
		}
		return target, nil
	case !st.IsDir():
		return "", fmt.Errorf("%s exists and is not a directory: the output must be a directory (it is replaced as a whole)", dir)
	}
	return dir, nil
}

// stagingPrefix names the staging directories of a process's builds.
func stagingPrefix(base string, pid int) string {
	return "." + base + ".staging-" + strconv.Itoa(pid) + "-"
}

// removeStale removes the staging directories of base that other
// processes left (a build killed before it swapped its release in, or
// the previous release a preview had not finished deleting), and the
// spares no build claimed: with the lock held no other build is using
// one. This process's own staging directories are left to it: the
// preview deletes a swapped-out release in the background.
func removeStale(parent, base string) {
	spares, _ := filepath.Glob(spareGlob(parent, base))
	for _, p := range spares {
		removeTree(p)
	}
	all, _ := filepath.Glob(filepath.Join(parent, "."+base+".staging-*"))
	own := stagingPrefix(base, os.Getpid())
	for _, p := range all {
		if !strings.HasPrefix(filepath.Base(p), own) {
			os.RemoveAll(p)
		}
	}
}

// Track makes the Tx record a Manifest of what it publishes (see
// Manifest), and, when known is not nil, trust known as the manifest of
// the release in the output directory. Call it before adding files.
func (t *Tx) Track(known Manifest) {
	t.known, t.manifest = known, Manifest{}
}

// TrustOld tells the Tx that the release in the output directory is, file
// for file, as the build that made it left it, and holds the regular
// files size reports (by slash path) — the caller has checked: portal
// build compares every file's name, size and modification time with what
// that build recorded. Keep may then carry those files without a
// manifest, as a later process does.
func (t *Tx) TrustOld(size func(path string) (int64, bool)) { t.trusted = size }

// Manifest is what Track recorded, complete once Commit returned.
func (t *Tx) Manifest() Manifest { return t.manifest }

// unchanged reports whether the previous release has path with the bytes
// whose Sum is sum (computed whenever there is a known manifest): from the
// manifest when it lists path, else by reading the old file.
func (t *Tx) unchanged(path string, sum Sum, read func() bool) bool {
	if !t.hasOld {
		return false
	}
	if k, ok := t.known[path]; ok {
		return k == sum
	}
	return read()
}

func (t *Tx) record(path string, sum Sum) {
	if t.manifest != nil {
		t.mu.Lock()
		t.manifest[path] = sum
		t.mu.Unlock()
	}
}

// Add writes one file (a slash-separated path relative to the site root).
func (t *Tx) Add(path string, data []byte) error {
	dst, old, err := t.reserve(path, int64(len(data)))
	if err != nil {
		return err
	}
	var sum Sum
	if t.manifest != nil {
		sum = Sum{int64(len(data)), maphash.Bytes(seed, data)}
		t.record(path, sum)
	}
	if t.checksummed(path) {
		s := sha256.Sum256(data)
		t.recordSHA(path, s[:])
	}
	if t.unchanged(path, sum, func() bool { return same(old, data) }) {
		if t.kept(path) {
			t.count(path, false, FileStat{})
			return t.siblings(path, dst, old, int64(len(data)), data, true)
		}
		if err := t.place(dst); err != nil {
			return fmt.Errorf("publish: %v", err)
		}
		if os.Link(old, dst) == nil {
			t.count(path, false, FileStat{})
			return t.siblings(path, dst, old, int64(len(data)), data, true)
		}
	}
	if err := t.place(dst); err != nil {
		return fmt.Errorf("publish: %v", err)
	}
	st, err := writeFile(dst, data)
	if err != nil {
		return fmt.Errorf("publish: %v", err)
	}
	t.count(path, true, st)
	return t.siblings(path, dst, old, int64(len(data)), data, false)
}

// Keep carries files of the previous release into this one without their
// bytes: the caller knows they would come out the same (the preview, after
// a data edit, for the pages of agencies the edit did not touch). It needs
// a known manifest (Track) that lists every one of paths, or TrustOld and
// the files in the previous release; when one is missing it reserves
// nothing and reports false, and the caller renders and Adds the files
// instead. A file that cannot be linked is an error: the output is not
// what the manifest says. Files listed in SHA256SUMS are never kept here
// (KeepChecksummed keeps them).
func (t *Tx) Keep(paths ...string) (bool, error) {
	sums, ok := t.oldSums(paths)
	if !ok {
		return false, nil
	}
	for _, p := range paths {
		if t.checksummed(p) {
			return false, nil
		}
	}
	err := t.linkOld(paths, sums)
	return err == nil, err
}

// KeepChecksummed is Keep for files listed in SHA256SUMS — an open-data
// table whose rows are those of the previous release: sha256s[i] is the
// hex SHA-256 the caller recorded of paths[i] when it made it. Every
// previous file is read and hashed first; when one is missing or its bytes
// are not the recorded ones, nothing is reserved and false is reported,
// and the caller makes the files instead. So SHA256SUMS always lists the
// hash of the bytes published, as for a file added.
func (t *Tx) KeepChecksummed(paths, sha256s []string) (bool, error) {
	sums, ok := t.oldSums(paths)
	if !ok || len(sha256s) != len(paths) {
		return false, nil
	}
	raw := make([][]byte, len(paths))
	for i, p := range paths {
		want, err := hex.DecodeString(sha256s[i])
		if err != nil || len(want) != sha256.Size || !t.checksummed(p) {
			return false, nil
		}
		_, got, err := hashFile(filepath.Join(t.dir, filepath.FromSlash(p)))
		if err != nil || !bytes.Equal(got, want) {
			return false, nil
		}
		raw[i] = want
	}
	if err := t.linkOld(paths, sums); err != nil {
		return false, err
	}
	for i, p := range paths {
		t.recordSHA(p, raw[i])
	}
	return true, nil
}

// oldSums are what the previous release has at paths, as the known
// manifest or TrustOld says; false when it does not have every one.
func (t *Tx) oldSums(paths []string) ([]Sum, bool) {
	if !t.hasOld || t.known == nil && t.trusted == nil {
		return nil, false
	}
	sums := make([]Sum, len(paths))
	for i, p := range paths {
		sum, ok := t.known[p]
		if !ok && t.trusted != nil {
			sum.Size, ok = t.trusted(p)
		}
		if !ok {
			return nil, false
		}
		sums[i] = sum
	}
	return sums, true
}

// linkOld publishes the previous release's files at paths (of the sizes
// and sums oldSums gave) as this release's.
func (t *Tx) linkOld(paths []string, sums []Sum) error {
	link := func(from, to int) error {
		for i := from; i < to; i++ {
			p, sum := paths[i], sums[i]
			dst, old, err := t.reserve(p, sum.Size)
			if err != nil {
				return err
			}
			if !t.kept(p) {
				if err := t.place(dst); err != nil {
					return fmt.Errorf("publish: %v", err)
				}
				if err := os.Link(old, dst); err != nil {
					return fmt.Errorf("publish: keeping %s from the previous release: %v", p, err)
				}
			}
			t.record(p, sum)
			t.count(p, false, FileStat{})
			if err := t.siblings(p, dst, old, sum.Size, nil, true); err != nil {
				return err
			}
		}
		return nil
	}
	// an agency's few files here; many (a whole search index) on every core
	const per = 256
	if len(paths) <= per {
		return link(0, len(paths))
	}
	return par.Each(context.Background(), (len(paths)+per-1)/per, func(_, j int) error {
		return link(j*per, min(len(paths), (j+1)*per))
	})
}

// reserve claims path for one file and returns where it goes in the
// staging tree and where the previous release has it. Whatever creates
// the file there calls place first.
func (t *Tx) reserve(path string, size int64) (dst, old string, err error) {
	if !validPath(path) {
		return "", "", fmt.Errorf("publish: invalid output path %q", path)
	}
	rel := filepath.FromSlash(path)
	dst = below(t.staging, rel)
	k := keyOf(path)
	had := t.oldHas != nil && t.oldHas(path)
	t.mu.Lock()
	_, dup := t.seen[k]
	if !dup {
		t.seen[k] = struct{}{}
		t.rep.Bytes += size
		t.tally(path, had)
	}
	t.mu.Unlock()
	if dup {
		return "", "", fmt.Errorf("publish: two files with the path %q", path)
	}
	return dst, below(t.dir, rel), nil
}

// below is filepath.Join(root, rel) for a clean root and a rel that
// validPath passed, without Join's Clean of the whole (a fifth of
// keeping an agency's page, on every one of a release's files).
func below(root, rel string) string {
	switch {
	case root == ".":
		return rel
	case strings.HasSuffix(root, string(filepath.Separator)): // the root directory
		return root + rel
	}
	return root + string(filepath.Separator) + rel
}

// list adds a file to Published, when it is asked for; t.mu is held.
func (t *Tx) list(path string, linked bool, st FileStat) {
	if t.listing {
		t.files.add(path, linked, st)
	}
}

// count counts a file written (st: its stat, when known) or, when not,
// linked from the previous release's file at its path.
func (t *Tx) count(path string, written bool, st FileStat) {
	t.countAs(path, written, !written, st)
}

func (t *Tx) countAs(path string, written, linked bool, st FileStat) {
	t.mu.Lock()
	t.list(path, linked, st)
	if written {
		t.rep.Written++
		if t.hasOld {
			t.rep.Changed = append(t.rep.Changed, path)
		}
	} else {
		t.rep.Unchanged++
	}
	if !linked {
		t.fresh(path)
	}
	t.mu.Unlock()
}

// Files is how many files have been published so far (for progress).
func (t *Tx) Files() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.rep.Written + t.rep.Unchanged
}

// Create starts a file that is written as a stream, for outputs too large
// to hold in memory. It counts once Close returns nil; like Add, a file
// whose bytes equal the previous release's is replaced by a hard link to it.
func (t *Tx) Create(path string) (io.WriteCloser, error) {
	dst, old, err := t.reserve(path, 0)
	if err != nil {
		return nil, err
	}
	if err := t.place(dst); err != nil {
		return nil, fmt.Errorf("publish: %v", err)
	}
	f, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("publish: %v", err)
	}
	st := &stream{t: t, f: f, path: path, dst: dst, old: old, sha: t.newHash(path)}
	if t.manifest != nil {
		st.h = new(maphash.Hash)
		st.h.SetSeed(seed)
	}
	return st, nil
}

type stream struct {
	t              *Tx
	f              *os.File
	path, dst, old string
	n              int64
	h              *maphash.Hash // when the Tx tracks a manifest
	sha            hash.Hash     // when the file gets a checksum
}

func (s *stream) Write(p []byte) (int, error) {
	if s.h != nil {
		s.h.Write(p)
	}
	if s.sha != nil {
		s.sha.Write(p)
	}
	n, err := s.f.Write(p)
	s.n += int64(n)
	return n, err
}

func (s *stream) Close() error {
	if err := s.f.Close(); err != nil {
		return fmt.Errorf("publish: %v", err)
	}
	s.t.mu.Lock()
	s.t.rep.Bytes += s.n
	s.t.mu.Unlock()
	var sum Sum
	if s.h != nil {
		sum = Sum{s.n, s.h.Sum64()}
		s.t.record(s.path, sum)
	}
	if s.sha != nil {
		s.t.recordSHA(s.path, s.sha.Sum(nil))
	}
	if s.t.unchanged(s.path, sum, func() bool { return sameFiles(s.old, s.dst, s.n) }) {
		tmp := s.dst + ".link"
		if os.Link(s.old, tmp) == nil && os.Rename(tmp, s.dst) == nil {
			s.t.count(s.path, false, FileStat{})
			return s.t.siblings(s.path, s.dst, s.old, s.n, nil, true)
		}
		os.Remove(tmp)
	}
	s.t.count(s.path, true, FileStat{})
	return s.t.siblings(s.path, s.dst, s.old, s.n, nil, false)
}

// mkdir makes d and its missing parents below the staging root, remembering
// what it made so each directory costs one system call. It runs outside
// t.mu, so that workers adding files do not wait on each other's system
// calls; two of them making the same directory is harmless (EEXIST).
func (t *Tx) mkdir(d string) error {
	k := keyOf(d)
	t.dirMu.Lock()
	_, ok := t.made[k]
	t.dirMu.Unlock()
	if ok {
		return nil
	}
	if up := filepath.Dir(d); up == d {
		return fmt.Errorf("%s is outside the staging directory %s", d, t.staging)
	} else if err := t.mkdir(up); err != nil {
		return err
	}
	if err := os.Mkdir(d, 0o755); err != nil {
		if !errors.Is(err, fs.ErrExist) {
			return err
		}
		if st, serr := os.Lstat(d); t.fromSpare && serr == nil && !st.IsDir() {
			// a file in the spare where this release has a directory
			if err := os.Remove(d); err != nil {
				return err
			}
			if err := os.Mkdir(d, 0o755); err != nil {
				return err
			}
		}
	}
	t.dirMu.Lock()
	t.made[k] = struct{}{}
	t.dirMu.Unlock()
	return nil
}

// Commit swaps the staged tree in as the output and removes the previous
// one, or keeps it as a spare (KeepSpare).
func (t *Tx) Commit(ctx context.Context) (Report, error) {
	if err := ctx.Err(); err != nil {
		t.Abort()
		return t.rep, err
	}
	if err := t.writeChecksums(); err != nil {
		t.Abort()
		return t.rep, err
	}
	if t.fromSpare { // what the spare has that this release has not goes
		if err := t.sweep(); err != nil {
			t.Abort()
			return t.rep, fmt.Errorf("publish: clearing the previous release's files out of the staging tree: %v", err)
		}
	}
	if err := swap(t.staging, t.dir); err != nil {
		t.Abort()
		return t.rep, err
	}
	// staging now holds the previous release (or nothing)
	if err := t.keepOthers(t.staging, t.dir); err != nil {
		t.unlock()
		return t.rep, fmt.Errorf("the release is published, but what the previous one held that is not a release's (a hidden entry, one put there by hand) could not be moved into it (%v): it is still in %s", err, t.staging)
	}
	if t.keepSpare && t.hasOld && t.keepAsSpare() {
		t.unlock()
		return t.rep, nil
	}
	if t.KeepOld {
		t.unlock()
		return t.rep, nil
	}
	t.unlock()
	return t.rep, removeTree(t.staging)
}

// Hidden reports whether name, an entry at the top of the output, is not
// part of any release: the portal publishes no name that begins with a
// dot, so one there — a gh-pages checkout's .git, .well-known for a
// certificate's challenge, .nojekyll — was put there by someone else.
func Hidden(name string) bool { return strings.HasPrefix(name, ".") }

// Others are the names at the top of an output that are not its
// release's: every Hidden one, and those a build found put there by hand
// (a search engine's site-verification file, a CNAME), which it keeps
// across releases as it keeps the hidden ones (Tx.KeepOthers).
type Others map[string]bool

// OthersOf is the set of names.
func OthersOf(names []string) Others {
	o := make(Others, len(names))
	for _, n := range names {
		o[n] = true
	}
	return o
}

// Has reports whether the entry name at the top of the output is not the
// release's.
func (o Others) Has(name string) bool { return Hidden(name) || o[name] }

// KeepOthers names the entries at the top of the output that are not the
// release's besides the hidden ones: Commit moves them into the new
// release, unless it publishes that name itself (Report.Replaced).
func (t *Tx) KeepOthers(o Others) { t.others = o }

// keepOthers moves the entries of the previous release's top directory,
// old, that are not the release's (Others) into the new release's, dir:
// publishing replaces the output as a whole, and must not delete what it
// never wrote.
func (t *Tx) keepOthers(old, dir string) error {
	entries, err := os.ReadDir(old)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // there was no previous release
		}
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !t.others.Has(name) {
			continue
		}
		if !Hidden(name) {
			if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
				t.rep.Replaced = append(t.rep.Replaced, name) // the release's own now
				continue
			}
			t.rep.Others = append(t.rep.Others, name)
		}
		if err := os.Rename(filepath.Join(old, name), filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

// RemoveOld removes the previous release that Commit swapped out and,
// with KeepOld, left behind.
func (t *Tx) RemoveOld() error { return removeTree(t.staging) }

// Abort discards the staged tree; the output stays as it was.
func (t *Tx) Abort() {
	removeTree(t.staging)
	t.unlock()
}

// unlock lets the next build of the output begin.
func (t *Tx) unlock() {
	if t.lock != nil {
		t.lock.Close()
		t.lock = nil
	}
}

// Write publishes files as the complete content of dir.
func Write(ctx context.Context, dir string, files []File) (Report, error) {
	tx, err := Begin(dir)
	if err != nil {
		return Report{}, err
	}
	for i, f := range files {
		if i%256 == 0 && ctx.Err() != nil {
			tx.Abort()
			return tx.rep, ctx.Err()
		}
		if err := tx.Add(f.Path, f.Data); err != nil {
			tx.Abort()
			return tx.rep, err
		}
	}
	return tx.Commit(ctx)
}

// removeTree is os.RemoveAll on every core: the subdirectories of dir's
// subdirectories (the agencies' pages) are removed side by side, then
// what is left. A release holds hundreds of thousands of files, and
// unlinking them one after another was most of a rebuild's publish.
func removeTree(dir string) error {
	var subs []string
	top, _ := os.ReadDir(dir)
	for _, e := range top {
		if !e.IsDir() {
			continue
		}
		inner, _ := os.ReadDir(filepath.Join(dir, e.Name()))
		for _, f := range inner {
			if f.IsDir() {
				subs = append(subs, filepath.Join(dir, e.Name(), f.Name()))
			}
		}
	}
	// errors are left to the last RemoveAll, which meets what is left
	par.Each(context.Background(), len(subs), func(_, i int) error {
		os.RemoveAll(subs[i])
		return nil
	})
	return os.RemoveAll(dir)
}

// same reports whether the file at path holds exactly data.
func same(path string, data []byte) bool {
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := compareBufs.Get().(*[]byte)
	defer compareBufs.Put(buf)
	for len(data) > 0 {
		n, err := io.ReadFull(f, (*buf)[:min(len(*buf), len(data))])
		if err != nil || !bytes.Equal((*buf)[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	n, _ := f.Read((*buf)[:1])
	return n == 0 // and not grown since the Lstat
}

// compareBufs hold what same and sameFiles read of a file to compare: read
// into memory of its own (os.ReadFile), each comparison was fresh memory
// to fault in and collect — the ~390 MB of list pages a one-row edit of
// the 50k set renders again and compares with the previous release's.
var compareBufs = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// sameFiles reports whether the file at old holds exactly the n bytes at cur.
func sameFiles(old, cur string, n int64) bool {
	st, err := os.Lstat(old)
	if err != nil || !st.Mode().IsRegular() || st.Size() != n {
		return false
	}
	a, err := os.Open(old)
	if err != nil {
		return false
	}
	defer a.Close()
	b, err := os.Open(cur)
	if err != nil {
		return false
	}
	defer b.Close()
	pa, pb := compareBufs.Get().(*[]byte), compareBufs.Get().(*[]byte)
	defer compareBufs.Put(pa)
	defer compareBufs.Put(pb)
	bufA, bufB := *pa, *pb
	for {
		na, errA := io.ReadFull(a, bufA)
		nb, errB := io.ReadFull(b, bufB)
		if na != nb || !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false
		}
		if errA != nil || errB != nil {
			return errA == errB || (errA == io.ErrUnexpectedEOF && errB == io.ErrUnexpectedEOF) || (errA == io.EOF && errB == io.EOF)
		}
	}
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

// Patch changes files of the published site in dir in place, outside any
// Tx: each file whose bytes differ (or that is new) is replaced atomically
// (a temporary file renamed over it), so a reader sees the old file or the
// new one. It is for the preview's fast path, whose full build follows;
// it returns the paths it replaced, sorted.
func Patch(dir string, files map[string][]byte) ([]string, error) {
	var changed []string
	for path, data := range files {
		if !validPath(path) {
			return changed, fmt.Errorf("publish: invalid output path %q", path)
		}
		dst := filepath.Join(dir, filepath.FromSlash(path))
		if same(dst, data) {
			continue
		}
		if err := replaceFile(dst, data); err != nil {
			return changed, fmt.Errorf("publish: %v", err)
		}
		removeSiblings(dst) // they hold the old bytes; the full build that follows makes new ones
		changed = append(changed, path)
	}
	slices.Sort(changed)
	return changed, nil
}

// replaceFile puts data at dst by renaming a new file over it: never a
// partly written file, and a hard link to dst elsewhere keeps the old bytes.
func replaceFile(dst string, data []byte) error {
	d := filepath.Dir(dst)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(d, "."+filepath.Base(dst)+".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), dst)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// validPath reports whether path is a slash-separated path below the site
// root: not empty, not absolute, no backslash, no "." or ".." element.
func validPath(path string) bool {
	return path != "" && !strings.HasPrefix(path, "/") && !strings.Contains(path, "\\") && fs.ValidPath(path)
}
