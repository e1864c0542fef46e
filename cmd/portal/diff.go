package main

import (
	"fmt"
	"io"
	"os"

	"portal/generator/catalogue"
	"portal/generator/opendata"
)

// runDiff lists what changed between two releases, each a built site, its
// data directory or a release archive: the same comparison a build makes
// with the release before it (changes.json).
func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", stderr)
	jsonOut := fs.String("json", "", "also write the changes to this file, as changes.json has them")
	if code, stop := parseWithOperands(fs, args); stop {
		return code
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "portal diff: give two releases, the older first: each a built site, its data directory or a release archive (.zip)")
		return exitUsage
	}
	var snaps [2]*opendata.Snapshot
	for i := range snaps {
		s, err := opendata.ReadRelease(fs.Arg(i))
		if err != nil {
			fmt.Fprintf(stderr, "portal diff: %v\n", err)
			return exitUsage
		}
		snaps[i] = s
	}
	ch := opendata.Diff(snaps[0], snaps[1])
	if *jsonOut != "" {
		b, err := opendata.MarshalJSON(ch)
		if err == nil {
			err = os.WriteFile(*jsonOut, b, 0o644)
		}
		if err != nil {
			fmt.Fprintf(stderr, "portal diff: %v\n", err)
			return exitUsage
		}
	}
	fmt.Fprintf(stdout, "%s → %s：%s\n", ch.Previous(), ch.Version, ch.Counted(catalogue.Release{}).Summary())
	fmt.Fprint(stdout, opendata.ChangeLines(ch, -1))
	if ch.Total() > 0 {
		return exitInput // as diff(1): 1 when they differ
	}
	return exitOK
}
