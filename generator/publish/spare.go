package publish

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"portal/generator/internal/par"
)

// A release swapped out by Commit is most of the next one: a data edit
// changes a few hundred of a release's 235,000 files. Deleting it (every
// file unlinked) and building the next release's tree from nothing (every
// unchanged file linked in again) cost a one-row edit of the 50k set ~3.7
// CPU-seconds of its ~15. So a build may keep the swapped-out release
// beside the output as a spare (KeepSpare), with the list of the files
// the output made afresh, and the next build makes its staging tree out
// of the spare: where it publishes the bytes the output has, a spare's
// file not on that list is the output's file already and stays; every
// other file is replaced, and what the new release does not have is
// swept out before the swap. The swap is the same atomic exchange; only
// the tree swapped in was made another way.
//
// A spare is the publisher's own directory (.NAME.spare-ID beside the
// output, like the lock and the staging trees): nothing else writes into
// it. Its files that are not listed are the output's files — the same
// inodes, as linked in when the output was made — so every write into a
// tree made from a spare first removes the name it writes (place), every
// file is created exclusively (O_EXCL), and no file is ever written
// through a name that may be linked to the live release. A spare no build
// claims is removed by the next Begin.

// Spare names a previous release kept beside the output, and the paths
// (slash, below the site root) of the output's files that are not the
// spare's: made afresh by the build that published the output. A path
// ending in a slash is a directory the spare has not, all of whose files
// the output made (a new search index). The caller keeps it with the
// output's state and gives it back to BeginFrom only while the output is
// as the build that kept the spare left it.
type Spare struct {
	Name  string   `json:"name"`  // base name of the directory beside the output
	Dirty []string `json:"dirty"` // sorted
	// Covered names the top-level directories under which the output
	// has a file at every path the spare has one (the build that kept it
	// published every path the release it swapped out had there), sorted.
	// Under those, a build that publishes every path of the output leaves
	// nothing of the spare to sweep, and need not read a 50,000 agencies'
	// directories to find that out.
	Covered []string `json:"covered,omitempty"`
}

// maxDirtyShare bounds the paths a spare may be listed with, as a share
// of the release's files: a spare that differs in more is little use to
// the next build, and its list costs the state file more than it saves.
const maxDirtyShare = 2

// sparePrefix begins the name of every spare of the output named base.
func sparePrefix(base string) string { return "." + base + ".spare-" }

func spareGlob(parent, base string) string { return filepath.Join(parent, sparePrefix(base)+"*") }

// claim turns the spare sp beside dir into the staging directory staging
// (which exists, empty): false when there is no such spare.
func claim(parent, base string, sp *Spare, staging string) bool {
	if sp == nil || !spareName(base, sp.Name) {
		return false
	}
	src := filepath.Join(parent, sp.Name)
	if st, err := os.Lstat(src); err != nil || !st.IsDir() {
		return false
	}
	if os.Remove(staging) != nil {
		return false
	}
	if os.Rename(src, staging) != nil {
		os.Mkdir(staging, 0o755)
		return false
	}
	return true
}

// RemoveSpare deletes the spare sp beside dir (a caller that will not
// build into dir again). A name that is not a spare's of dir is left alone.
func RemoveSpare(dir string, sp *Spare) error {
	dir, err := Target(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if !spareName(base, sp.Name) {
		return nil
	}
	return removeTree(filepath.Join(parent, sp.Name))
}

// spareName reports whether name is one of base's spares, beside it.
func spareName(base, name string) bool {
	return strings.HasPrefix(name, sparePrefix(base)) && !strings.ContainsAny(name, `/\`)
}

// KeepSpare makes Commit keep the release it swaps out as the spare of
// the next build (Report.Spare) instead of deleting it, when the two
// differ in few enough files. Call it before Commit.
func (t *Tx) KeepSpare() { t.keepSpare = true }

// FilesBelow counts files by the top-level directory they are below (a
// top-level file counts nowhere): what OldFiles is told of the previous
// release, and what Commit counts of it that this release publishes.
type FilesBelow map[string]int

// Add counts the file at path (slash-separated, below the site root).
func (b FilesBelow) Add(path string) {
	if d, _, ok := strings.Cut(path, "/"); ok {
		b[d]++
	}
}

// OldFiles tells the Tx which files the release in the output directory
// holds: has reports whether it holds one at a path, below counts its
// files (siblings included; never under a Hidden name) — the caller has
// checked, as for TrustOld. Call it before
// adding files. With it, Commit knows under which top-level directories
// this release publishes every path of the previous one: there the
// previous release, kept as a spare, is Covered, and the next build made
// from that spare need not read those directories to sweep them.
//
// has may be a hash of the paths (the build's scan keeps 64 bits of each):
// a path new in this release taken for one of the previous release's, when
// exactly one of those is left out — odds of (new paths × old files) in
// 2⁶⁴, about one in 10⁷ even for a million of each, one in 10¹² for an
// edit — would leave that file of the spare in a later release.
func (t *Tx) OldFiles(has func(path string) bool, below FilesBelow) {
	t.oldHas, t.oldIn, t.in = has, below, FilesBelow{}
}

// tally counts a path reserved that the previous release has (had), by
// its top-level directory; t.mu is held.
func (t *Tx) tally(path string, had bool) {
	if had {
		t.in.Add(path)
	}
}

// publishesAllOld reports whether this release publishes every file the
// previous release has below the top-level directory d (OldFiles); call
// it once all files are added.
func (t *Tx) publishesAllOld(d string) bool {
	return t.oldHas != nil && t.in[d] == t.oldIn[d]
}

// had reports whether the previous release has the file p (at old). A
// path that is not dirty may still hold a file of the spare that release
// does not have — a sibling (x.html.gz) of the release before it, whose
// successor published x.html without siblings — so kept alone does not
// vouch for a sibling.
func (t *Tx) had(p, old string) bool {
	if t.oldHas != nil {
		return t.oldHas(p)
	}
	_, err := os.Lstat(old)
	return err == nil
}

// kept reports whether the staging tree already holds, at path, the
// previous release's file (a tree made from a spare, path not dirty) —
// when that file is what the release publishes there, nothing need be done.
func (t *Tx) kept(path string) bool {
	if !t.fromSpare {
		return false
	}
	if _, dirty := t.dirty[keyOf(path)]; dirty {
		return false
	}
	if len(t.dirtyDirs) == 0 {
		return true
	}
	for i := range len(path) {
		if path[i] == '/' {
			if _, dirty := t.dirtyDirs[keyOf(path[:i])]; dirty {
				return false
			}
		}
	}
	return true
}

// place readies dst, in the staging tree, for a new file: its directory
// made, and, in a tree made from a spare, whatever the spare had there
// removed (a file may be the live release's too: it is never written
// through).
func (t *Tx) place(dst string) error {
	if err := t.mkdir(filepath.Dir(dst)); err != nil {
		return err
	}
	if !t.fromSpare {
		return nil
	}
	err := os.Remove(dst)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if st, serr := os.Lstat(dst); serr == nil && st.IsDir() {
		return os.RemoveAll(dst) // a directory in the spare where this release has a file
	}
	return err
}

// fresh records that the release's file at path is not the previous
// release's (written, made or carried from elsewhere); t.mu is held.
func (t *Tx) fresh(path string) {
	if t.keepSpare {
		t.madeHere = append(t.madeHere, path)
	}
}

// sweep removes from the staging tree, made from a spare, every file this
// release did not publish (top-level hidden entries included: the spare
// is the publisher's own) and the directories that leaves empty. The
// directories two levels down (an agency's pages) are swept side by side;
// a top-level directory where the spare is Covered and this release
// publishes every path the output has is not read at all.
func (t *Tx) sweep() error {
	var mu sync.Mutex
	var firstErr error
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	abs := func(rel string) string { return filepath.Join(t.staging, filepath.FromSlash(rel)) }
	// files removes the unpublished files of the directory rel, and
	// returns its directories and how many entries are left in it
	files := func(rel string) (subs []string, left int) {
		entries, err := os.ReadDir(abs(rel))
		if err != nil {
			fail(err)
			return nil, 1
		}
		left = len(entries)
		for _, e := range entries {
			p := e.Name()
			if rel != "" {
				p = rel + "/" + p
			}
			if e.IsDir() {
				subs = append(subs, p)
				continue
			}
			t.mu.Lock()
			_, ok := t.seen[keyOf(p)]
			t.mu.Unlock()
			if ok {
				continue
			}
			if err := os.Remove(abs(p)); err != nil {
				fail(err)
				continue
			}
			left--
		}
		return subs, left
	}
	// whole sweeps the tree at rel and reports whether it is left empty
	var whole func(rel string) bool
	whole = func(rel string) bool {
		subs, left := files(rel)
		for _, s := range subs {
			if whole(s) && os.Remove(abs(s)) == nil {
				left--
			}
		}
		return left == 0
	}
	// the top two levels here, what is below them on every core
	var units []string
	top, _ := files("")
	for _, d := range top {
		if t.covers[d] && t.publishesAllOld(d) {
			continue // every file of the spare's there is published
		}
		inner, _ := files(d)
		units = append(units, inner...)
	}
	par.Each(context.Background(), len(units), func(_, i int) error {
		if whole(units[i]) {
			os.Remove(abs(units[i]))
		}
		return nil
	})
	for _, d := range top {
		os.Remove(abs(d)) // fails, as it should, unless left empty
	}
	return firstErr
}

// keepAsSpare names the release Commit swapped out (at t.staging) the
// spare of the next build, with the paths where it differs from the new
// one (at t.dir) that the next build needs to know: the files this
// release made afresh. (A file only the old one has is not needed: the
// next build keeps a spare's file only where it publishes the bytes the
// output has.) A file in a directory the old release has not is listed
// by that directory. False (and nothing kept) when that is too many.
func (t *Tx) keepAsSpare() bool {
	old := t.staging
	exists := map[string]bool{}
	// under lists p by the first of its directories the old release has not
	under := func(p string) string {
		for i := range len(p) {
			if p[i] != '/' {
				continue
			}
			d := p[:i]
			e, ok := exists[d]
			if !ok {
				st, err := os.Lstat(filepath.Join(old, filepath.FromSlash(d)))
				e = err == nil && st.IsDir()
				exists[d] = e
			}
			if !e {
				return d + "/"
			}
		}
		return p
	}
	set := map[string]struct{}{}
	for _, p := range t.madeHere {
		set[under(p)] = struct{}{}
	}
	if files := len(t.seen); len(set) > max(1024, files/maxDirtyShare) { // files and their siblings
		return false
	}
	var id [6]byte
	rand.Read(id[:])
	parent, base := filepath.Dir(t.dir), filepath.Base(t.dir)
	name := sparePrefix(base) + hex.EncodeToString(id[:])
	if os.Rename(t.staging, filepath.Join(parent, name)) != nil {
		return false
	}
	dirty := make([]string, 0, len(set))
	for p := range set {
		dirty = append(dirty, p)
	}
	slices.Sort(dirty)
	var covered []string
	for d := range t.oldIn {
		if t.publishesAllOld(d) {
			covered = append(covered, d)
		}
	}
	slices.Sort(covered)
	t.rep.Spare = &Spare{Name: name, Dirty: dirty, Covered: covered}
	return true
}
