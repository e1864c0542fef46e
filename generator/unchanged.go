package generator

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"portal/generator/catalogue"
	"portal/generator/diag"
	"portal/generator/internal/inputs"
	"portal/generator/internal/par"
	"portal/generator/model"
	"portal/generator/publish"
)

// A build on inputs that have not changed since the build that made the
// output — the same bytes in data/, content/ and templates/, the same
// flags, the same program — would write the same files (a build is
// deterministic, and it lists changes against the release it replaces,
// which is then itself). So a build leaves, beside its output, what it was
// made from (buildState); the next build with the same inputs checks that
// the output is still as it left it (every file's name, size and
// modification time) and stops there, reporting what the last build
// reported.
//
// A build on other inputs — a decision row added — still starts from that
// state when the output is as it was left and the program is the same: it
// records what the output's per-agency files were made from (madeFrom:
// the render and record keys, every agency's fingerprint), so the pages,
// feeds, posters and JSON records of the agencies the edit left as they
// were are carried over (publish.Tx.Keep) instead of being made again.

// buildState is what a build was made from and what it left.
type buildState struct {
	Inputs   string     `json:"inputs"` // inputsKey
	Output   string     `json:"output"` // scanOutput's key of the output after the build (publishedKey)
	AsOf     model.Date `json:"as_of"`
	Timezone string     `json:"timezone"` // of the default as-of date
	Pages    int        `json:"pages"`
	Files    int        `json:"files"`
	Datasets int        `json:"datasets"`
	Agencies int        `json:"agencies"`
	Bytes    int64      `json:"bytes"`
	// Diags are the build's warnings, as shown (masked).
	Diags []diag.Diagnostic `json:"diagnostics"`
	// Program digests the program that made the output; Made is what its
	// per-agency files were made from. A build with other inputs keeps
	// the files of the agencies they leave as they were (madeFrom).
	Program string    `json:"program"`
	Made    *madeFrom `json:"made,omitempty"`
	// Spare is the release before this one, kept beside the output for
	// the next build to make its staging tree from (publish.Spare).
	Spare *publish.Spare `json:"spare,omitempty"`
	// Others are the entries at the top of the output that someone put
	// there, not a build (a search engine's site-verification file): kept
	// across releases as the hidden ones are, and not part of the output a
	// scan digests (publish.Others).
	Others []string `json:"others,omitempty"`

	found  []string           // what scan found put at the top since the build that left the state
	stray  []string           // and put inside the release's directories
	intact bool               // the output is as the build left it (readState)
	files  fileIndex          // then, its files
	below  publish.FilesBelow // and how many are below each top-level directory
}

// beside is the path of what a build keeps of the output dir beside it,
// under its name hidden and followed by suffix: with its lock file
// (publish.Begin), never inside it (it is not for the web).
func beside(out, suffix string) (string, error) {
	dir, err := publish.Target(out)
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+suffix), nil
}

// keptPath is where a build with state keeps the rows of the input files
// it read (load.Kept).
func keptPath(out string) (string, error) { return beside(out, ".rows") }

// statePath is where the state of the output dir is kept.
func statePath(out string) (string, error) { return beside(out, ".build.json") }

// IsRelease reports whether the directory dir holds a release a build
// published: its open data's datapackage.json, or the build state kept
// beside it. Only such a directory may be replaced when it is not empty —
// never a directory of someone's files given as the output by mistake.
func IsRelease(dir string) bool {
	if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(catalogue.PackageFile))); err == nil && st.Mode().IsRegular() {
		return true
	}
	path, err := statePath(dir)
	if err != nil {
		return false
	}
	_, err = os.Stat(path)
	return err == nil
}

// shortcutAllowed says whether the build can stop at "nothing changed":
// not for the preview (it needs the register), not against another
// release (--previous).
func shortcutAllowed(cfg BuildConfig, opt buildOptions) bool {
	return cfg.Previous == "" && !opt.preview() && cfg.Templates != nil
}

// inputsKey digests everything the output is made from.
func inputsKey(cfg BuildConfig) (string, error) {
	signedBy := ""
	if cfg.SignKey != nil {
		signedBy = cfg.SignKey.ID()
	}
	return inputs.Key(fmt.Sprintf("portal build 1\nas-of %s strict %v base-url %q allow-removals %+v signed-by %q", cfg.AsOf, cfg.Strict, cfg.BaseURL, cfg.AllowRemovals, signedBy),
		cfg.Data.FS, cfg.Content.FS, cfg.Templates)
}

// outputFile is a file of the output and its stat.
type outputFile struct {
	path string // slash path
	stat publish.FileStat
}

// keyOf digests files, in path order (it sorts them).
func keyOf(files []outputFile) string {
	slices.SortFunc(files, func(a, b outputFile) int { return strings.Compare(a.path, b.path) })
	h := sha256.New()
	var line []byte
	for _, f := range files {
		line = strconv.AppendQuote(line[:0], f.path)
		line = strconv.AppendUint(append(line, ' '), uint64(f.stat.Mode), 10)
		line = strconv.AppendInt(append(line, ' '), f.stat.Size, 10)
		line = strconv.AppendInt(append(line, ' '), f.stat.MTime, 10)
		h.Write(append(line, '\n'))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fileIndex holds the stat of every file of an output by its path's hash
// (hash/maphash: a release holds hundreds of thousands of files, and the
// paths themselves need not stay in memory for the whole build). Two
// paths of one hash — odds of about 1 in 37 million for a million files — would
// at worst make Keep stop the build with an error, or the next build not
// trust the output; never a wrong file published.
type fileIndex map[uint64]publish.FileStat

var pathSeed = maphash.MakeSeed()

func (x fileIndex) get(path string) (publish.FileStat, bool) {
	s, ok := x[maphash.String(pathSeed, path)]
	return s, ok
}

// scanOutput digests the output as a build left it — every file's path,
// mode, size and modification time (an edited, removed or added file
// changes it), "" when there is no output — and indexes the files' stat.
// The output is walked on every core: each subdirectory of a
// subdirectory (an agency's pages) is walked by one worker.
func scanOutput(out string, others publish.Others) (string, fileIndex, publish.FilesBelow, error) {
	files, err := walkOutput(out, others)
	if err != nil || files == nil {
		return "", nil, nil, err
	}
	key, index, below := indexOf(files)
	return key, index, below, nil
}

// walkOutput is every file of the output in out (not under others), nil
// when there is no output.
func walkOutput(out string, others publish.Others) ([]outputFile, error) {
	dir, err := publish.Target(out)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	// the entries down to the second level one by one, deeper
	// directories whole
	type unit struct {
		path  string // below dir, slash-separated
		whole bool   // walk the directory
	}
	var units []unit
	top, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range top {
		if others.Has(e.Name()) {
			continue // not the release's: kept as it is (publish.Others)
		}
		units = append(units, unit{path: e.Name()})
		if !e.IsDir() {
			continue
		}
		inner, err := os.ReadDir(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		for _, f := range inner {
			units = append(units, unit{path: e.Name() + "/" + f.Name(), whole: f.IsDir()})
		}
	}
	found := make([][]outputFile, par.Workers(len(units)))
	err = par.Each(context.Background(), len(units), func(w, i int) error {
		u := units[i]
		root := filepath.Join(dir, filepath.FromSlash(u.path))
		if !u.whole {
			fi, err := os.Lstat(root)
			if err == nil && !fi.IsDir() {
				found[w] = append(found[w], outputFile{u.path, publish.StatOf(fi)})
			}
			return err
		}
		return publish.WalkFiles(root, u.path+"/", func(rel string, st publish.FileStat) {
			found[w] = append(found[w], outputFile{rel, st})
		})
	})
	if err != nil {
		return nil, err
	}
	files := slices.Concat(found...)
	if files == nil {
		files = []outputFile{} // an output without files, not no output
	}
	return files, nil
}

// indexOf is what a scan gives of the output's files: their key (keyOf),
// their stats by path, and how many are below each top-level directory.
func indexOf(files []outputFile) (string, fileIndex, publish.FilesBelow) {
	index := make(fileIndex, len(files))
	below := publish.FilesBelow{}
	for _, f := range files {
		index[maphash.String(pathSeed, f.path)] = f.stat
		below.Add(f.path)
	}
	return keyOf(files), index, below
}

// publishedKey is the key scanOutput gives of the release a build just committed
// into out, without walking it: a file linked in from the previous
// release has the stat old (that release's scan) holds of it, a file the
// build wrote the stat its descriptor had (publish.FileStat), and only
// the others (streamed, carried) are asked for theirs.
func publishedKey(out string, files []publish.Published, old fileIndex) (string, []outputFile, error) {
	dir, err := publish.Target(out)
	if err != nil {
		return "", nil, err
	}
	all := make([]outputFile, len(files))
	var ask []int
	for i, f := range files {
		all[i].path = f.Path
		if s, ok := old.get(f.Path); ok && f.Linked {
			all[i].stat = s
		} else if f.Stat.MTime != 0 { // as the Tx wrote it
			all[i].stat = f.Stat
		} else {
			ask = append(ask, i)
		}
	}
	const per = 256
	err = par.Each(context.Background(), (len(ask)+per-1)/per, func(_, i int) error {
		for _, j := range ask[i*per : min((i+1)*per, len(ask))] {
			fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(all[j].path)))
			if err != nil {
				return err
			}
			all[j].stat = publish.StatOf(fi)
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return keyOf(all), all, nil
}

// readState reads the state beside cfg.Out, nil when there is none. Whether
// the output is as that build left it is not known until scan: it matters
// when the inputs are that build's (unchanged) or when the build recorded
// what its per-agency files were made from (madeFrom).
func readState(cfg BuildConfig) *buildState {
	path, err := statePath(cfg.Out)
	if err != nil {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var st buildState
	if json.Unmarshal(b, &st) != nil {
		return nil
	}
	return &st
}

// scan checks whether the output in out is as the build that left st
// made it, and keeps its files when it is.
func (st *buildState) scan(out string) {
	others := st.others()
	l := recordedList(out, st.Output)
	key, files, below, ok := fastScan(out, l, others)
	if !ok { // no list, or a directory not as it says: walk
		all, err := walkOutput(out, others)
		if err != nil || all == nil {
			key = ""
		} else {
			key, files, below = indexOf(all)
		}
		if key != st.Output && all != nil && l != nil {
			// not as that build left it: by the list it recorded, why.
			// Entries put at the top since are not its release's: kept
			// as the hidden ones are, and not digested; files put inside
			// its directories are its to replace (said).
			if st.found = l.putAtTop(out, others); len(st.found) > 0 {
				st.Others = append(st.Others, st.found...)
				put := publish.OthersOf(st.found)
				all = slices.DeleteFunc(all, func(f outputFile) bool {
					top, _, _ := strings.Cut(f.path, "/")
					return put[top]
				})
				key, files, below = indexOf(all)
			}
			st.stray = l.added(all)
		}
	}
	st.intact = key != "" && key == st.Output
	if st.intact {
		st.files, st.below = files, below
	}
}

// others is the set of st.Others.
func (st *buildState) others() publish.Others {
	if st == nil {
		return publish.Others{}
	}
	return publish.OthersOf(st.Others)
}

// madeFrom is what the output's per-agency files were made from, when a
// build may keep them: the output is as the build that left st made it,
// and this is the same program. nil otherwise.
func (st *buildState) madeFrom() *madeFrom {
	if st == nil || !st.intact || st.Made == nil {
		return nil
	}
	if p, err := inputs.ProgramKey(); err != nil || p != st.Program {
		return nil
	}
	return st.Made
}

// spare is the spare the next release may be made from: only while the
// output is as the build that kept it left it (its files not listed as
// differing are the output's own).
func (st *buildState) spare() *publish.Spare {
	if st == nil || !st.intact {
		return nil
	}
	return st.Spare
}

// size is the size of the output's regular file at path (Tx.TrustOld).
func (st *buildState) size(path string) (int64, bool) {
	f, ok := st.files.get(path)
	return f.Size, ok && f.Mode.IsRegular()
}

// has reports whether the output has a file at path (Tx.OldFiles).
func (st *buildState) has(path string) bool {
	_, ok := st.files.get(path)
	return ok
}

// manifestFiles is what Tx.OldFiles needs of the output a Builder's last
// build left: the paths of its manifest, and of the pages the fast path
// rewrote since (taken out of the manifest, still in the output).
func manifestFiles(known publish.Manifest, rewritten []string) (has func(string) bool, below publish.FilesBelow) {
	more := map[string]bool{}
	below = publish.FilesBelow{}
	for p := range known {
		below.Add(p)
	}
	for _, p := range rewritten {
		if _, ok := known[p]; !ok && !more[p] {
			more[p] = true
			below.Add(p)
		}
	}
	return func(p string) bool {
		_, ok := known[p]
		return ok || more[p]
	}, below
}

// outputFiles is what readState found in the output, when it was intact.
func (st *buildState) outputFiles() fileIndex {
	if st == nil {
		return nil
	}
	return st.files
}

// unchanged returns the result and report of the build that made the
// output in cfg.Out (whose state is st) when nothing it was made from has
// changed and the output is as it left it; ok false otherwise (build).
func unchanged(cfg BuildConfig, st *buildState, inputs string, t0 time.Time) (res *Result, rep BuildReport, ok bool) {
	if st == nil || st.Inputs != inputs || !st.intact || len(st.found) > 0 {
		return nil, rep, false // what was put at the top since is recorded by a build
	}
	if cfg.AsOf == 0 && st.AsOf != Today(st.Timezone) {
		return nil, rep, false // the default date has moved on
	}
	res = &Result{AsOf: st.AsOf, Diags: &diag.List{}}
	for _, d := range st.Diags {
		d.Masked = true // as shown last time
		res.Diags.Add(d)
	}
	res.Timings = []StageTiming{{"nothing changed", time.Since(t0)}}
	rep = BuildReport{Pages: st.Pages, Files: st.Files, Datasets: st.Datasets, Agencies: st.Agencies,
		Unchanged: st.Files, Bytes: st.Bytes, Changed: []string{}, NothingChanged: true}
	return res, rep, true
}

// keepState writes what the build made the output from beside it; when it
// cannot, it removes a stale one (the next build then builds).
func keepState(cfg BuildConfig, inputsDigest string, res *Result, rep BuildReport, files []publish.Published, old fileIndex) error {
	others := publish.OthersOf(rep.Others)
	path, err := statePath(cfg.Out)
	if err != nil {
		return err
	}
	write := func() error {
		out, all, err := publishedKey(cfg.Out, files, old)
		if err != nil {
			return err
		}
		// the list for the next build's scan (fastScan; without it, that
		// walks), recorded while the state is encoded and written
		listed := make(chan struct{})
		go func() { defer close(listed); recordList(cfg.Out, out, all, others) }()
		defer func() { <-listed }()
		prog, err := inputs.ProgramKey()
		if err != nil {
			return err
		}
		st := buildState{Inputs: inputsDigest, Output: out, AsOf: res.AsOf, Timezone: res.Content.Site.Timezone,
			Pages: rep.Pages, Files: rep.Files, Datasets: rep.Datasets, Agencies: rep.Agencies, Bytes: rep.Bytes, Diags: res.Diags.Sorted(),
			Program: prog, Made: res.made, Spare: rep.spare, Others: rep.Others}
		b, err := json.Marshal(st)
		if err != nil {
			return err
		}
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			return err
		}
		return os.Rename(tmp, path)
	}
	if err := write(); err != nil {
		forgetState(cfg.Out)
		return err
	}
	return nil
}

// forgetState removes the state beside out: a build is about to replace
// the output.
func forgetState(out string) {
	if path, err := statePath(out); err == nil {
		os.Remove(path)
	}
	if path, err := listPath(out); err == nil {
		os.Remove(path)
	}
}
