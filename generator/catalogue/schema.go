package catalogue

import "portal/generator/model"

// Type is a Table Schema field type (Frictionless v2) as the datasets use
// them: model.Type, which each model.Column states once for its input
// table and its dataset (model.TypeString…).
type Type = model.Type

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

// Schema is what a dataset holds, without its rows.
type Schema struct {
	Name        string // file stem and resource name, e.g. "annual-checks"
	Title       string // 中文标题
	Description string
	Fields      []Field
	PrimaryKey  []string
	ForeignKeys []ForeignKey
	Coverage    string // temporal coverage, ISO 8601 interval, "" when unknown
}

// Field returns the field named name, or nil.
func (s *Schema) Field(name string) *Field {
	for i := range s.Fields {
		if s.Fields[i].Name == name {
			return &s.Fields[i]
		}
	}
	return nil
}

// The patterns of the fields that have a national standard.
const (
	CodePattern   = `^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$` // GB 32100 统一社会信用代码
	RegionPattern = `^[0-9]{6}$`                                              // GB/T 2260
)

// PatternText says a field's pattern in words for the data dictionary
// (datapackage.json keeps the regular expression).
func PatternText(p string) string {
	switch p {
	case CodePattern:
		return "18 位统一社会信用代码（GB 32100）"
	case RegionPattern:
		return "6 位数字（GB/T 2260）"
	}
	return p
}

// ListSep joins an array cell in the Excel copy.
const ListSep = "；"
