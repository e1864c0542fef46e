package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"portal/generator"
	"portal/generator/load"
	"portal/generator/publish"
)

// checkOut refuses an output directory that would destroy what the build
// reads or where it runs: publishing replaces the output as a whole, so an
// --out that is, contains or lies inside --data, --content or --templates,
// or that is the working directory or one of its parents, is refused — as
// is one that exists and is not a directory, and one that holds files but
// no release of the portal (generator.IsRelease) — what it holds under a hidden name
// (a gh-pages checkout's .git) does not count: it is kept.
func checkOut(out string, inputs map[string]load.Dir) error {
	target, err := publish.Target(out)
	if err != nil {
		return err
	}
	o := resolved(target)
	within := func(inner, outer string) bool {
		rel, err := filepath.Rel(outer, inner)
		return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	for _, flag := range []string{"data", "content", "templates"} {
		d, ok := inputs[flag]
		if !ok || strings.HasPrefix(d.Name, "embedded:") {
			continue
		}
		in := resolved(d.Name)
		switch {
		case o == in:
			return fmt.Errorf("--out %s is the --%s directory: publishing replaces the output as a whole and would delete the inputs", out, flag)
		case within(in, o):
			return fmt.Errorf("--out %s contains the --%s directory %s: publishing replaces the output as a whole and would delete the inputs", out, flag, d.Name)
		case within(o, in):
			return fmt.Errorf("--out %s is inside the --%s directory %s: the site would be published into the inputs it is built from", out, flag, d.Name)
		}
	}
	if wd, err := os.Getwd(); err == nil {
		if wd = resolved(wd); o == wd || within(wd, o) {
			return fmt.Errorf("--out %s is the working directory or holds it: publishing replaces the output as a whole; give a directory of its own, e.g. --out public", out)
		}
	}
	entries, _ := os.ReadDir(target)
	entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool { return publish.Hidden(e.Name()) }) // kept as they are
	if len(entries) > 0 && !generator.IsRelease(target) {
		var names []string
		for _, e := range entries[:min(len(entries), 3)] {
			names = append(names, e.Name())
		}
		if len(entries) > 3 {
			names = append(names, "…")
		}
		return fmt.Errorf("--out %s holds files that are not a release of the portal (%s): publishing replaces the output as a whole and would delete them; give a new or empty directory, or move the files away first", out, strings.Join(names, ", "))
	}
	return nil
}

// resolved is p absolute, with the symbolic links of its existing part
// followed, so that two names of one directory compare equal.
func resolved(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for dir := abs; ; {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}
