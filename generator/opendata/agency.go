package opendata

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"portal/generator/internal/jsontext"
	"portal/generator/register"
)

// AgencyPath is where an agency's full record is published.
func AgencyPath(code string) string { return "agencies/" + code + "/index.json" }

// keeper is a sink that can carry files over from the previous output
// (publish.Tx.Keep).
type keeper interface {
	Keep(paths ...string) (bool, error)
}

// agencyKey digests what an agency record holds besides the records of the
// agency: the date, the base URL and the region names.
func (w *writer) agencyKey() string {
	h := sha256.New()
	fmt.Fprintf(h, "asof %s\nbase %s\n", w.reg.AsOf, w.abs)
	codes := make([]string, 0, len(w.reg.Regions))
	for c := range w.reg.Regions {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		g := w.reg.Regions[c]
		fmt.Fprintf(h, "region %s %s %s\n", g.Code, g.Name, g.Parent)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// agencyTables are the schemas an agency record reuses, so that its keys and
// values are those of the datasets.
type agencyTables struct {
	register, decisions, checks, grades, abnormal *Table
	row                                           []Cell // scratch, one per worker
}

// agencyTablesOf gives the schemas of an agency record: /agencies/{code}/index.json
// holds the register row, the dated name history, branches, and every
// decision, annual check, grade and abnormal listing, with the keys of the
// datasets. It reuses the release's tables rather than building them again (each
// build scans every decision).
func agencyTablesOf(tables []*Table) *agencyTables {
	get := func(name string) *Table {
		for _, t := range tables {
			if t.Name == name {
				return t
			}
		}
		return nil
	}
	ts := &agencyTables{register: get("register"), decisions: get("decisions"), checks: get("annual-checks"), grades: get("grades"), abnormal: get("abnormal")}
	widest := 0
	for _, t := range []*Table{ts.register, ts.decisions, ts.checks, ts.grades, ts.abnormal} {
		widest = max(widest, len(t.Fields))
	}
	ts.row = make([]Cell, widest)
	return ts
}

func (w *writer) appendAgency(b []byte, a *register.Agency, ts *agencyTables) []byte {
	asOf := w.reg.AsOf
	b = append(b, `{"as_of":"`...)
	b = appendDate(b, asOf)
	b = append(b, `",`...)
	row := ts.row[:len(ts.register.Fields)] // one scratch row per worker, as big as the widest table
	clear(row)
	fill(w.registerCols, w.registerRecord(a), row)
	b = appendMembers(b, ts.register.Fields, row)

	b = append(b, `,"name_history":[`...)
	for i, f := range a.FormerNames {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = jsontext.AppendString(b, f.Name)
		b = append(b, `,"until":`...)
		b = appendJSONValue(b, Date, Day(f.Until))
		b = append(b, '}')
	}
	b = append(b, `],"branches":`...)
	b = appendJSONValue(b, Array, List(a.Branches))
	b = append(b, `,"status_history":[`...)
	for i := range a.Spans {
		s := &a.Spans[i]
		v := w.reg.VerdictOn(a, s)
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"from":`...)
		b = appendJSONValue(b, Date, Day(s.From))
		b = append(b, `,"until":`...)
		b = appendJSONValue(b, Date, Day(s.Until))
		b = append(b, `,"status":`...)
		b = jsontext.AppendString(b, s.Status.String())
		b = append(b, `,"may_dispatch":`...)
		b = jsontext.AppendString(b, v.Dispatch().String())
		b = append(b, `,"verdict":`...)
		b = jsontext.AppendString(b, v.Headline)
		b = append(b, '}')
	}
	b = append(b, ']')

	b = appendRecords(b, ts.row, "decisions", ts.decisions, len(a.Decisions), func(i int, row []Cell) { fill(w.decisionCols, a.Decisions[i], row) })
	b = appendRecords(b, ts.row, "annual_checks", ts.checks, len(a.Checks), func(i int, row []Cell) { fill(w.checkCols, a.Checks[i], row) })
	b = appendRecords(b, ts.row, "grades", ts.grades, len(a.Grades), func(i int, row []Cell) { fill(w.gradeCols, a.Grades[i], row) })
	b = appendRecords(b, ts.row, "abnormal_listings", ts.abnormal, len(a.Listings), func(i int, row []Cell) { fill(w.listingCols, a.Listings[i], row) })
	return append(b, "}\n"...)
}

func appendRecords(b []byte, scratch []Cell, key string, t *Table, n int, fill func(i int, row []Cell)) []byte {
	b = append(b, ',')
	b = jsontext.AppendString(b, key)
	b = append(b, ":["...)
	row := scratch[:len(t.Fields)]
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		clear(row)
		fill(i, row)
		b = appendObject(b, t.Fields, row)
	}
	return append(b, ']')
}
