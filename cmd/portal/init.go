package main

import (
	"fmt"
	"io"

	"portal/generator/load"
	"portal/generator/skeleton"
)

func runInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("init", stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: portal init DIR\n\nwrite a new site into DIR (new or empty): content/site.toml with every setting explained,\nthe pages the footer links to, a FAQ, an example policy and news item (.example: not published),\ndata/import.toml with the built-in import rules written out, and a README of the workflow\n")
	}
	if code, stop := parseWithOperands(fs, args); stop {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	dir := fs.Arg(0)
	written, err := skeleton.Write(dir, load.ImportDefaults())
	if err != nil {
		fmt.Fprintf(stderr, "portal init: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(stdout, "wrote %d files into %s: fill in content/site.toml, put your exports in data/, then run\n  portal check --data %s/data --content %s/content --explain-import\n", len(written), dir, dir, dir)
	return exitOK
}
