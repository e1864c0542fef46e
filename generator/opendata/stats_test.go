package opendata_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// stats.csv counts every decision, annual check and grade once, under its
// year and city, and the /stats/ page's charts show the same numbers.
func TestStatsTable(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	build(t, root, out, asOf)
	stats := readCSV(t, filepath.Join(out, "data/stats.csv"))
	col := map[string]int{}
	for j, name := range stats[0] {
		col[name] = j
	}
	sumWhere := func(prefix string, year string) int {
		n := 0
		for _, r := range stats[1:] {
			if year != "" && r[col["year"]] != year {
				continue
			}
			for name, j := range col {
				if strings.HasPrefix(name, prefix) {
					v, err := strconv.Atoi(r[j])
					if err != nil {
						t.Fatalf("%s = %q: %v", name, r[j], err)
					}
					n += v
				}
			}
		}
		return n
	}
	decisions := readCSV(t, filepath.Join(out, "data/decisions.csv"))
	checks := readCSV(t, filepath.Join(out, "data/annual-checks.csv"))
	grades := readCSV(t, filepath.Join(out, "data/grades.csv"))
	if got := sumWhere("decisions_", ""); got != len(decisions)-1 {
		t.Errorf("stats.csv counts %d decisions, decisions.csv has %d", got, len(decisions)-1)
	}
	if got := sumWhere("checks_", ""); got != len(checks)-1 {
		t.Errorf("stats.csv counts %d checks, annual-checks.csv has %d", got, len(checks)-1)
	}
	if got := sumWhere("grades", ""); got != len(grades)-1 {
		t.Errorf("stats.csv counts %d grades, grades.csv has %d", got, len(grades)-1)
	}
	// the decisions chart's table: one row per year, the year's total last
	page, err := os.ReadFile(filepath.Join(out, "stats/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	year := stats[len(stats)-1][col["year"]]
	want := "<tr><th scope=\"row\">" + year + "</th>"
	i := strings.Index(string(page), want)
	if i < 0 {
		t.Fatalf("the decisions chart has no row for %s", year)
	}
	row := string(page[i:])
	row = row[:strings.Index(row, "</tr>")]
	cells := strings.Split(row, "<td>")
	total := strings.TrimSuffix(cells[len(cells)-1], "</td>")
	if n, _ := strconv.Atoi(strings.ReplaceAll(total, ",", "")); n != sumWhere("decisions_", year) {
		t.Errorf("the chart says %s decisions in %s, stats.csv %d", total, year, sumWhere("decisions_", year))
	}
}
