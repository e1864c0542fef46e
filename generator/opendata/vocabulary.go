package opendata

import (
	"portal/generator/catalogue"
	"portal/generator/model"
)

// The catalogue's schema vocabulary under short names, so that the column
// tables (tables.go) read as tables. They are the catalogue's types (and
// model's, for the field types), not copies: the data pages show exactly
// what the writers declare.
type (
	Field      = catalogue.Field
	Type       = catalogue.Type
	ForeignKey = catalogue.ForeignKey
	FileInfo   = catalogue.FileInfo
)

const (
	String  = model.TypeString
	Date    = model.TypeDate
	Integer = model.TypeInteger
	Number  = model.TypeNumber
	Boolean = model.TypeBoolean
	Array   = model.TypeArray
	Count   = model.TypeCount
)
