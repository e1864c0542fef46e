package opendata

import "portal/generator/model"

// Type is a Table Schema field type (Frictionless v2) as this package uses them.
type Type uint8

const (
	String  Type = iota + 1 // text, published exactly as in the input
	Date                    // ISO 8601 date; Cell.N holds a model.Date
	Integer                 // Cell.N; 0 is published as empty (null)
	Number                  // Cell.S holds the decimal text
	Boolean                 // Cell.N: 1 true, 0 false
	Array                   // Cell.L: JSON array in the canonical CSV, "；"-joined in the Excel copy
)

var typeNames = [...]string{"", "string", "date", "integer", "number", "boolean", "array"}

func (t Type) String() string { return typeNames[t] }

// Field describes one column: English name for CSV and JSON, Chinese title
// for the Excel copy and the dictionary.
type Field struct {
	Name        string
	Title       string
	Type        Type
	Format      string // e.g. "uri" for a string
	Description string
	Required    bool
	Unique      bool
	Enum        []string
	Pattern     string
}

// ForeignKey says that Fields of this table refer to Fields of Resource.
type ForeignKey struct {
	Fields   []string
	Resource string
	RefField []string
}

// Cell is one value. Which member holds it depends on the field's Type.
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
	Name        string // file stem and resource name, e.g. "annual-checks"
	Title       string // 中文标题
	Description string
	Fields      []Field
	PrimaryKey  []string
	ForeignKeys []ForeignKey
	Coverage    string // temporal coverage, ISO 8601 interval, "" when unknown
	Len         int
	// Row fills row (len(Fields) cells) with the i-th record.
	Row func(i int, row []Cell)
	// In is how many records the input held, counted independently of Row,
	// for the reconciliation.
	In int
}

// Field returns the field named name, or nil.
func (t *Table) Field(name string) *Field {
	for i := range t.Fields {
		if t.Fields[i].Name == name {
			return &t.Fields[i]
		}
	}
	return nil
}
