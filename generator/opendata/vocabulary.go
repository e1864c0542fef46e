package opendata

import "portal/generator/catalogue"

// The catalogue's schema vocabulary under short names, so that the column
// tables (tables.go) read as tables. They are the catalogue's types, not
// copies: the data pages show exactly what the writers declare.
type (
	Field      = catalogue.Field
	Type       = catalogue.Type
	ForeignKey = catalogue.ForeignKey
	FileInfo   = catalogue.FileInfo
)

const (
	String  = catalogue.String
	Date    = catalogue.Date
	Integer = catalogue.Integer
	Number  = catalogue.Number
	Boolean = catalogue.Boolean
	Array   = catalogue.Array
	Count   = catalogue.Count
)
