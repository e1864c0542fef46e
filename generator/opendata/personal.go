package opendata

import (
	"maps"
	"slices"

	"portal/generator/catalogue"
	"portal/generator/model"
	"portal/generator/pii"
)

// Personal numbers in what a build takes from the previous release.
//
// The inputs are guarded (load): a resident ID or mobile number in any cell
// stops the build. But a release publishes values of the previous one too:
// the old side of every changed value (changes.json, the changes pages
// and feeds), the agencies it held that are gone, and the earlier
// releases' changes it carries forward. A previous release made by an
// older portal, whose guard missed a way of writing a number (138~0013~8000
// before tildes were read as separators), or any folder handed in with
// --previous, would have its numbers published again. So the changes are
// scanned as the inputs are — those a release lists, and those it carries
// — and every number found is masked as the guard's messages mask it. A
// row of the previous release that holds one differs from this release's
// (whose rows are guarded), so its values are among the changes: the
// scan reads only what changed, and a build from a clean release pays
// nothing for it.

// Personal is one value of the previous release that holds a personal
// number.
type Personal struct {
	File  string // the file it was read from
	Code  string // the agency whose value it is
	Field string // the column's name
	Value string // masked
	Kind  pii.Kind
}

// personalIn returns the personal numbers in v, a value of the published
// column field, scanned as load scans the input column it comes from: a
// licence or document number may have the 11 digits of a mobile number,
// and an all-digit 统一社会信用代码 (alone, or in an agency's address) may
// read as an ID number.
func personalIn(field, v string) []pii.Match {
	ms := pii.FindAll(v, pii.Options{SkipMobile: slices.Contains(numberFields, field)})
	if len(ms) > 0 && slices.Contains(codeFields, field) {
		ms = slices.DeleteFunc(ms, func(m pii.Match) bool {
			return model.OrganisationCode(model.NormalizeCreditCode(v[m.Start:m.End]))
		})
	}
	return ms
}

// numberFields are the published columns of licence and document numbers;
// codeFields those that hold or name an agency by its code.
var (
	numberFields = []string{model.ColLicenceNo.Name, "former_licence_numbers", model.ColDocNo.Name}
	codeFields   = []string{model.ColCode.Name, model.ColParentCode.Name, model.ColRegion.Name, "url"}
)

// mask returns v with its personal numbers masked, and whether it had any.
func mask(field, v string) (string, pii.Kind) {
	ms := personalIn(field, v)
	if len(ms) == 0 {
		return v, pii.None
	}
	return pii.Mask(v, ms), ms[0].Kind
}

// maskChanges masks the personal numbers in every text of c — values,
// and the names and titles an earlier release's changes.json may hold as
// it likes — and reports what it masked; file names the file a table's
// values were read from ("register" for the agencies' own values).
func maskChanges(c *catalogue.Changes, file func(table string) string) []Personal {
	var found []Personal
	table, code := "register", ""
	at := func(field string, v *string) {
		if m, k := mask(field, *v); k != pii.None {
			*v = m
			found = append(found, Personal{File: file(table), Code: code, Field: field, Value: m, Kind: k})
		}
	}
	agency := func(c *string) { // the code of the values that follow
		code = *c
		at(model.ColCode.Name, c)
		code = *c
	}
	ref := func(r *catalogue.AgencyRef) {
		agency(&r.Code)
		at("name", &r.Name)
		at("status", &r.Status)
	}
	if c.PreviousVersion != nil {
		v := *c.PreviousVersion
		at("previous_version", &v)
		c.PreviousVersion = &v
	}
	for i := range c.Added {
		ref(&c.Added[i])
	}
	for i := range c.Removed {
		ref(&c.Removed[i])
	}
	for _, l := range []struct {
		field string
		list  []catalogue.Change
	}{{"status", c.StatusChanges}, {"name", c.Renames}, {model.ColLicenceNo.Name, c.LicenceChanges}} {
		for i := range l.list {
			x := &l.list[i]
			agency(&x.Code)
			at("name", &x.Name)
			at(l.field, &x.From)
			at(l.field, &x.To)
		}
	}
	for i := range c.FieldChanges {
		x := &c.FieldChanges[i]
		agency(&x.Code)
		at("name", &x.Name)
		at("field", &x.Field)
		at("title", &x.Title)
		at(x.Field, &x.From)
		at(x.Field, &x.To)
	}
	for i := range c.FieldCounts {
		at("field", &c.FieldCounts[i].Field)
		at("title", &c.FieldCounts[i].Title)
	}
	for i := range c.TableChanges {
		tc := &c.TableChanges[i]
		at("table", &tc.Table)
		at("title", &tc.Title)
		table = tc.Table
		for j := range tc.Rows {
			r := &tc.Rows[j]
			agency(&r.Code)
			at("change", &r.Change)
			at("name", &r.Name)
			for _, k := range slices.Sorted(maps.Keys(r.Key)) {
				name, v := k, r.Key[k]
				at("field", &name) // a name as an earlier changes.json has it
				at(k, &v)
				delete(r.Key, k)
				r.Key[name] = v
			}
			for f := range r.Fields {
				v := &r.Fields[f]
				at("field", &v.Field)
				at("title", &v.Title)
				at(v.Field, &v.From)
				at(v.Field, &v.To)
			}
		}
	}
	return found
}
