package load

import (
	"maps"
	"slices"
	"testing"
)

// A row type's csv tags are what its fields are filled by (cells): each
// must be a column title of the schemas the type reads, and every such
// title must fill a field — a tag spelt otherwise (注册资本（万元）for
// 注册资本(万元)) would leave its column unread without a word.
func TestRowTagsAreSchemaTitles(t *testing.T) {
	for _, tc := range []struct {
		row     string
		cells   map[string]int
		schemas []*Schema
	}{
		{"licenceRow", licenceCells, []*Schema{LicencesSchema, CurrentSchema}},
		{"checkRow", checkCells, []*Schema{ChecksSchema}},
		{"gradeRow", gradeCells, []*Schema{GradesSchema}},
		{"listingRow", listingCells, []*Schema{AbnormalSchema}},
		{"regionRow", regionCells, []*Schema{RegionsSchema}},
		{"holidayRow", holidayCells, []*Schema{HolidaysSchema}},
		{"penaltyRow", penaltyCells, []*Schema{PenaltiesSchema}},
	} {
		titles := map[string]bool{}
		for _, s := range tc.schemas {
			for _, f := range s.Fields {
				titles[f.Title] = true
			}
		}
		for _, tag := range slices.Sorted(maps.Keys(tc.cells)) {
			if !titles[tag] {
				t.Errorf("%s: the tag %q is no column title of its schemas", tc.row, tag)
			}
		}
		for _, title := range slices.Sorted(maps.Keys(titles)) {
			if _, ok := tc.cells[title]; !ok {
				t.Errorf("%s: no field is filled from the column %q", tc.row, title)
			}
		}
	}
}
