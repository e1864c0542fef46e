package opendata

import (
	"portal/generator/catalogue"
	"portal/generator/model"
)

// Cell is one value. Which member holds it depends on the field's Type:
// S for a String and a Number (its decimal text), N for a Date (a
// model.Date), an Integer and a Boolean (1 true, 0 false), L for an Array.
type Cell struct {
	S string
	N int64
	L []string
}

// Str, Day, Int, Bool and List make cells.
func Str(s string) Cell     { return Cell{S: s} }
func Day(d model.Date) Cell { return Cell{N: int64(d)} }
func Int(n int) Cell        { return Cell{N: int64(n)} }
func List(l []string) Cell  { return Cell{L: l} }
func Bool(b bool) Cell {
	if b {
		return Cell{N: 1}
	}
	return Cell{}
}

// Table is one dataset: its schema and a way to read its rows by index, so
// that every format is written from the same values.
type Table struct {
	catalogue.Schema
	Len int
	// Row fills row (len(Fields) cells) with the i-th record.
	Row func(i int, row []Cell)
	// In is how many records the input held, counted independently of Row,
	// for the reconciliation.
	In int
}
