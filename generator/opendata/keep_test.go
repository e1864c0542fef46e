package opendata

import (
	"fmt"
	"slices"
	"testing"

	"portal/generator/catalogue"
)

// A table's key changes with anything its files show — a cell, how a list
// splits, a value's member, the schema, the release time, the rows read —
// and only with that.
func TestTableKey(t *testing.T) {
	table := func(rows [][]Cell, edit func(*Table)) *Table {
		tb := &Table{Schema: catalogue.Schema{Name: "t", Title: "表", Fields: []catalogue.Field{{Name: "a", Type: String}, {Name: "b", Type: Array}}},
			Len: len(rows), In: len(rows), Row: func(i int, row []Cell) { copy(row, rows[i]) }}
		if edit != nil {
			edit(tb)
		}
		return tb
	}
	rows := [][]Cell{{Str("甲"), List([]string{"ab", "c"})}, {Str("乙"), List(nil)}}
	base := tableKey(table(rows, nil), "2026-11-21").table
	k := newKeyer(table(rows, nil), "2026-11-21")
	if err := encode(table(rows, nil), []*output{{format: catalogue.FormatCSV, emit: func([]byte) error { return nil }}}, k); err != nil || k.sum().table != base {
		t.Errorf("the key computed while encoding is not tableKey's (%v)", err)
	}
	if again := tableKey(table([][]Cell{{Str("甲"), List([]string{"ab", "c"})}, {Str("乙"), List(nil)}}, nil), "2026-11-21").table; again != base {
		t.Error("the same table gave another key")
	}
	for name, k := range map[string]string{
		"a cell":          tableKey(table([][]Cell{{Str("甲"), List([]string{"ab", "c"})}, {Str("丙"), List(nil)}}, nil), "2026-11-21").table,
		"a list split":    tableKey(table([][]Cell{{Str("甲"), List([]string{"a", "bc"})}, {Str("乙"), List(nil)}}, nil), "2026-11-21").table,
		"text across":     tableKey(table([][]Cell{{Str("甲a"), List([]string{"b", "c"})}, {Str("乙"), List(nil)}}, nil), "2026-11-21").table,
		"a member":        tableKey(table([][]Cell{{Cell{S: "甲", N: 1}, List([]string{"ab", "c"})}, {Str("乙"), List(nil)}}, nil), "2026-11-21").table,
		"the rows' order": tableKey(table([][]Cell{rows[1], rows[0]}, nil), "2026-11-21").table,
		"a row fewer":     tableKey(table(rows[:1], nil), "2026-11-21").table,
		"the rows read":   tableKey(table(rows, func(tb *Table) { tb.In++ }), "2026-11-21").table,
		"a title":         tableKey(table(rows, func(tb *Table) { tb.Fields[0].Title = "名称" }), "2026-11-21").table,
		"the time":        tableKey(table(rows, nil), "2026-11-22").table,
	} {
		if k == base {
			t.Errorf("%s changed and the key did not", name)
		}
	}
}

// tableKey digests a table's runs on every core; its keys are those the
// encoding's keyer makes row by row on its way through a fresh build's
// rows, which the next build compares them with.
func TestTableKeyAsStreamed(t *testing.T) {
	for _, n := range []int{0, 1, runRows - 1, runRows, 2*runRows + runRows/2} {
		tb := &Table{Schema: catalogue.Schema{Fields: []catalogue.Field{{Name: "a", Type: String}, {Name: "b", Type: Integer}}}, Len: n, In: n,
			Row: func(i int, row []Cell) { row[0], row[1] = Str(fmt.Sprint("甲", i)), Cell{N: int64(i % 7)} }}
		k := newKeyer(tb, "2026-11-21")
		row := make([]Cell, 2)
		for i := 0; i < n; i++ {
			clear(row)
			tb.Row(i, row)
			k.row(row)
		}
		streamed, got := k.sum(), tableKey(tb, "2026-11-21")
		if got.table != streamed.table || !slices.Equal(got.runs, streamed.runs) {
			t.Errorf("%d rows: tableKey %v, streamed %v", n, got, streamed)
		}
	}
}
