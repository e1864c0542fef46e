package main

import (
	"fmt"
	"io"

	"portal/generator/demodata"
)

func runDemoData(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("demo-data", stderr)
	n := fs.Int("agencies", 300, "number of agencies")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and size give the same bytes")
	out := fs.String("out", "data", "directory to write the CSV files into")
	if code, stop := parseFlags(fs, args); stop {
		return code
	}
	st, err := demodata.Write(*out, demodata.Options{Agencies: *n, Seed: *seed})
	if err != nil {
		fmt.Fprintf(stderr, "portal demo-data: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(stdout, "wrote %s: %s agencies, %s decisions, %s annual checks, %s grades, %s abnormal listings, %d regions\n",
		*out, thousands(st.Agencies), thousands(st.Decisions), thousands(st.Checks), thousands(st.Grades), thousands(st.Listings), st.Regions)
	return exitOK
}
