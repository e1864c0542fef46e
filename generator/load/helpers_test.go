package load

import (
	"strings"
	"testing"

	"portal/generator/diag"
	"portal/generator/model"
)

// readTable is readTableKept keeping nothing.
func readTable(dir Dir, sc *Schema, d *diag.List) (ts []*table, broken bool) {
	return readTableKept(dir, sc, nil, d)
}

// parseTable is parseTableWith without import settings, its rows cleaned
// as a decoder reads them: for tests that decode or look at one table.
func parseTable(path string, sc *Schema, b []byte, xlsx bool, d *diag.List) *table {
	ts := parseTableWith(path, sc, b, xlsx, nil, d)
	if len(ts) == 0 {
		return nil
	}
	ts[0].cleanRows(d)
	return ts[0]
}

// wantIn reports each of wants that the diagnostics got do not hold.
func wantIn(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// loadContent loads the content directory dir, and gives its diagnostics
// as text too.
func loadContent(dir string) (c *model.Content, d *diag.List, got string) {
	d = &diag.List{}
	c = Content(OSDir(dir), d)
	return c, d, d.Format(0)
}
