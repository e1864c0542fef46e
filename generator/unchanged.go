package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"portal/generator/diag"
	"portal/generator/internal/inputs"
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

// buildState is what a build was made from and what it left.
type buildState struct {
	Inputs   string     `json:"inputs"` // inputsKey
	Output   string     `json:"output"` // outputKey after the build
	AsOf     model.Date `json:"as_of"`
	Timezone string     `json:"timezone"` // of the default as-of date
	Pages    int        `json:"pages"`
	Files    int        `json:"files"`
	Datasets int        `json:"datasets"`
	Agencies int        `json:"agencies"`
	Bytes    int64      `json:"bytes"`
	// Diags are the build's warnings, as shown (masked).
	Diags []diag.Diagnostic `json:"diagnostics"`
}

// statePath is where the state of the output dir is kept: beside it, with
// its lock file (publish.Begin), never inside it (it is not for the web).
func statePath(out string) (string, error) {
	dir, err := publish.Target(out)
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".build.json"), nil
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

// outputKey digests the output as a build left it: every file's path,
// size and modification time (an edited, removed or added file changes
// it). "" when there is no output.
func outputKey(out string) (string, error) {
	dir, err := publish.Target(out)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	var line []byte
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		line = strconv.AppendQuote(line[:0], p[len(dir):])
		line = strconv.AppendUint(append(line, ' '), uint64(fi.Mode()), 10)
		line = strconv.AppendInt(append(line, ' '), fi.Size(), 10)
		line = strconv.AppendInt(append(line, ' '), fi.ModTime().UnixNano(), 10)
		h.Write(append(line, '\n'))
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// unchanged returns the result and report of the build that made the
// output in cfg.Out when nothing it was made from has changed and the
// output is as it left it; ok false otherwise (build).
func unchanged(cfg BuildConfig, inputs string, t0 time.Time) (res *Result, rep BuildReport, ok bool) {
	path, err := statePath(cfg.Out)
	if err != nil {
		return nil, rep, false
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, rep, false
	}
	var st buildState
	if json.Unmarshal(b, &st) != nil || st.Inputs != inputs {
		return nil, rep, false
	}
	if cfg.AsOf == 0 && st.AsOf != Today(st.Timezone) {
		return nil, rep, false // the default date has moved on
	}
	if out, err := outputKey(cfg.Out); err != nil || out != st.Output {
		return nil, rep, false
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
func keepState(cfg BuildConfig, inputs string, res *Result, rep BuildReport) error {
	path, err := statePath(cfg.Out)
	if err != nil {
		return err
	}
	write := func() error {
		out, err := outputKey(cfg.Out)
		if err != nil {
			return err
		}
		st := buildState{Inputs: inputs, Output: out, AsOf: res.AsOf, Timezone: res.Content.Site.Timezone,
			Pages: rep.Pages, Files: rep.Files, Datasets: rep.Datasets, Agencies: rep.Agencies, Bytes: rep.Bytes, Diags: res.Diags.Sorted()}
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
		os.Remove(path)
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
}
