package opendata

import (
	"context"
	"slices"
	"strings"

	"portal/generator/catalogue"
	"portal/generator/internal/par"
)

// Diff lists what changed from the release old to cur: agencies added and
// removed, each agency's status, name, licence number and tracked fields
// (the register), and the rows of the other compared tables, with any
// personal number in them masked (personal.go). old == nil is a first
// release: nothing to compare.
func Diff(old, cur *Snapshot) *catalogue.Changes {
	c := diff(old, cur)
	maskChanges(c, func(string) string { return "" })
	return c
}

func diff(old, cur *Snapshot) *catalogue.Changes {
	c := &catalogue.Changes{Added: []catalogue.AgencyRef{}, Removed: []catalogue.AgencyRef{},
		StatusChanges: []catalogue.Change{}, Renames: []catalogue.Change{}, LicenceChanges: []catalogue.Change{},
		FieldChanges: []catalogue.FieldChange{}, FieldCounts: []catalogue.FieldCount{}, TableChanges: []catalogue.TableChange{}}
	if cur != nil {
		c.Version = cur.Version
	}
	if old == nil || cur == nil {
		return c
	}
	v := old.Version
	c.PreviousVersion = &v
	diffRegister(c, old.table("register"), cur.table("register"))
	for _, name := range diffTables[1:] {
		if o, n := old.table(name), cur.table(name); o != nil && n != nil {
			c.TableChanges = append(c.TableChanges, diffRows(o, n))
		}
	}
	return c
}

// ref names the agency of a register row.
func (t *snapTable) ref(row string) catalogue.AgencyRef {
	cells := strings.Split(row, unitSep)
	return catalogue.AgencyRef{Code: t.cell(cells, "code"), Name: t.cell(cells, "name"), Status: t.cell(cells, "status")}
}

func (t *snapTable) cell(cells []string, name string) string {
	if i := t.col(name); i >= 0 && i < len(cells) {
		return cells[i]
	}
	return ""
}

func diffRegister(c *catalogue.Changes, old, cur *snapTable) {
	type tracked struct {
		name, title, typ string
		o, n             int
	}
	var cols []tracked
	for _, f := range trackedFields {
		if o, n := old.col(f), cur.col(f); o >= 0 && n >= 0 { // a release from before a column was published compares without it
			cols = append(cols, tracked{f, cur.titles[f], cur.types[f], o, n})
		}
	}
	counts := make([]int, len(cols))
	for _, k := range cur.order {
		row := cur.rows[k]
		was, ok := old.rows[k]
		if !ok {
			c.Added = append(c.Added, cur.ref(row))
			continue
		}
		if was == row {
			continue
		}
		a, b := strings.Split(was, unitSep), strings.Split(row, unitSep)
		ref := cur.ref(row)
		for _, x := range []struct {
			col  string
			list *[]catalogue.Change
		}{{"status", &c.StatusChanges}, {"name", &c.Renames}, {"licence_number", &c.LicenceChanges}} {
			if from, to := old.cell(a, x.col), cur.cell(b, x.col); from != to {
				*x.list = append(*x.list, catalogue.Change{Code: ref.Code, Name: ref.Name, From: from, To: to})
			}
		}
		for i, t := range cols {
			if from, to := shown(a[t.o], t.typ), shown(b[t.n], t.typ); from != to {
				c.FieldChanges = append(c.FieldChanges, catalogue.FieldChange{Code: ref.Code, Name: ref.Name, Field: t.name, Title: t.title, From: from, To: to})
				counts[i]++
			}
		}
	}
	for i, t := range cols {
		if counts[i] > 0 {
			c.FieldCounts = append(c.FieldCounts, catalogue.FieldCount{Field: t.name, Title: t.title, Count: counts[i]})
		}
	}
	for _, k := range old.order {
		if _, ok := cur.rows[k]; !ok {
			c.Removed = append(c.Removed, old.ref(old.rows[k]))
		}
	}
	slices.SortFunc(c.Removed, func(x, y catalogue.AgencyRef) int { return strings.Compare(x.Code, y.Code) })
}

// rowIgnored are the columns a row of another table repeats from the
// register, whose change the register's comparison reports (a rename
// would otherwise change every row of the agency).
var rowIgnored = []string{"name"}

func diffRows(old, cur *snapTable) catalogue.TableChange {
	tc := catalogue.TableChange{Table: cur.name, Title: cur.title, Rows: []catalogue.RowChange{}}
	keyed := func(t *snapTable, cells []string, change string) catalogue.RowChange {
		r := catalogue.RowChange{Change: change, Code: t.cell(cells, "code"), Name: t.cell(cells, "name"), Key: map[string]string{}}
		for _, k := range t.key {
			r.Key[t.fields[k]] = cells[k]
		}
		return r
	}
	for _, k := range cur.order {
		row := cur.rows[k]
		was, ok := old.rows[k]
		switch {
		case !ok:
			tc.Rows = append(tc.Rows, keyed(cur, strings.Split(row, unitSep), "added"))
			tc.Added++
		case was != row:
			a, b := strings.Split(was, unitSep), strings.Split(row, unitSep)
			r := keyed(cur, b, "changed")
			for j, f := range cur.fields {
				i := old.col(f)
				if i < 0 || slices.Contains(rowIgnored, f) {
					continue
				}
				if from, to := shown(a[i], cur.types[f]), shown(b[j], cur.types[f]); from != to {
					r.Fields = append(r.Fields, catalogue.ValueChange{Field: f, Title: cur.titles[f], From: from, To: to})
				}
			}
			if len(r.Fields) > 0 {
				tc.Rows = append(tc.Rows, r)
				tc.Changed++
			}
		}
	}
	for _, k := range old.order {
		if _, ok := cur.rows[k]; !ok {
			tc.Rows = append(tc.Rows, keyed(old, strings.Split(old.rows[k], unitSep), "removed"))
			tc.Removed++
		}
	}
	return tc
}

// liveSnapshot is the compared tables of the release being written, as
// their canonical CSV has them. A table same names has the bytes of the
// previous release's copy in old (settle): old's rows are used, under the
// live table's titles, instead of making them again (a one-row edit
// leaves most tables as they were).
func liveSnapshot(tables []*Table, version string, old *Snapshot, same map[string]bool) *Snapshot {
	var compared []*Table
	for _, tb := range tables {
		if slices.Contains(diffTables, tb.Name) {
			compared = append(compared, tb)
		}
	}
	snaps := make([]*snapTable, len(compared))
	par.Each(context.Background(), len(compared), func(_, i int) error { // cannot fail
		tb := compared[i]
		if o := old.table(tb.Name); o != nil && same[tb.Name] {
			same := *o
			same.title, same.titles, same.types = tb.Title, map[string]string{}, map[string]string{}
			for _, f := range tb.Fields {
				same.titles[f.Name], same.types[f.Name] = f.Title, f.Type.String()
			}
			snaps[i] = &same
			return nil
		}
		snaps[i] = snapOf(tb)
		return nil
	})
	s := &Snapshot{Version: version, tables: map[string]*snapTable{}}
	for _, t := range snaps {
		s.tables[t.name] = t
	}
	return s
}

// snapOf is a live table as its canonical CSV has it.
func snapOf(tb *Table) *snapTable {
	t := &snapTable{name: tb.Name, title: tb.Title, titles: map[string]string{}, types: map[string]string{}, rows: make(map[string]string, tb.Len)}
	for _, f := range tb.Fields {
		t.fields = append(t.fields, f.Name)
		t.titles[f.Name], t.types[f.Name] = f.Title, f.Type.String()
	}
	for _, k := range keyOf(tb.Name, tb.PrimaryKey) {
		t.key = append(t.key, t.col(k))
	}
	row := make([]Cell, len(tb.Fields))
	cells := make([]string, len(tb.Fields))
	var buf []byte
	for i := 0; i < tb.Len; i++ {
		clear(row)
		tb.Row(i, row)
		for j := range tb.Fields {
			buf = appendText(buf[:0], tb.Fields[j].Type, row[j], false)
			cells[j] = string(buf)
		}
		t.add(cells)
	}
	return t
}
