package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/demodata"
)

// A data edit of a table of several runs copies the runs it left as they
// were from the previous output into the table's files, and every release
// is byte for byte what a build without state makes: after a row edited,
// after a row appended, and after a run of the previous output changed in
// place behind the build's back (its size and time as they were), which
// is encoded again rather than copied.
func TestOpenDataRunsCopied(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 1,200 agencies six times")
	}
	data, cfg := demoSite(t, demodata.Options{Agencies: 1200, Seed: 5})
	if _, rep, err := Build(t.Context(), cfg); err != nil || rep.CopiedRuns != 0 {
		t.Fatalf("first build: copied %d runs, %v", rep.CopiedRuns, err)
	}
	decisions := filepath.Join(cfg.Out, "data", "decisions.json")
	if b, _ := os.ReadFile(decisions); bytes.Count(b, []byte("\n{")) <= 4096 {
		t.Fatalf("%d decisions: too few for several runs", bytes.Count(b, []byte("\n{")))
	}
	licences := filepath.Join(data, "licences.csv")
	lines := func() []string { b, _ := os.ReadFile(licences); return strings.Split(string(b), "\n") }
	// line n's address (column 4) set to v
	setAddress := func(n int, v string) {
		t.Helper()
		l := lines()
		cells := strings.Split(l[n-1], ",")
		cells[3] = v
		l[n-1] = strings.Join(cells, ",")
		os.WriteFile(licences, []byte(strings.Join(l, "\n")), 0o644)
	}

	setAddress(5000, "某市某区某路1号") // in the second run
	if r := rebuildLikeFresh(t, cfg); r.CopiedRuns == 0 {
		t.Error("an address edited: no run copied")
	}

	// a row appended: a change of the address of the agency last renewed
	l := lines()
	for len(l) > 0 && l[len(l)-1] == "" {
		l = l[:len(l)-1]
	}
	last := len(l) - 1
	for !strings.Contains(l[last], ",延续,") { // a licence in force, which a change can follow
		last--
	}
	c := strings.Split(l[last], ",")
	c[3], c[6], c[7], c[8], c[13] = c[3]+"之二", "变更", "住所", "2026-11-20", "2026-11-20"
	c[14] = strings.Replace(c[14], "号", "1号", 1) // its own document number
	os.WriteFile(licences, []byte(strings.Join(append(l, strings.Join(c, ",")), "\n")+"\n"), 0o644)
	if r := rebuildLikeFresh(t, cfg); r.CopiedRuns == 0 {
		t.Error("a row appended: no run copied")
	}

	// the previous output's decisions changed in place in their first
	// run, size and time as they were
	before, _ := os.Stat(decisions)
	b, _ := os.ReadFile(decisions)
	i := bytes.Index(b, []byte(`"type":"新许可"`))
	if i < 0 {
		t.Fatal("no decision of type 新许可")
	}
	copy(b[i+len(`"type":"`):], "旧许可") // the same number of bytes
	os.WriteFile(decisions, b, 0o644)
	os.Chtimes(decisions, before.ModTime(), before.ModTime())
	setAddress(5001, "某市某区某路2号")
	rebuildLikeFresh(t, cfg)
	if b, _ := os.ReadFile(decisions); bytes.Contains(b, []byte("旧许可")) {
		t.Error("a run changed in place was published")
	}
}
