package register

import (
	"maps"
	"slices"

	"portal/generator/model"
)

// Reuse lets a stage keep the files it made in the previous output for
// agencies that are the same (the preview, after a data edit).
type Reuse struct {
	// Key is what the stage reported as its key when it made the previous
	// output: the digest of everything its per-agency files show besides
	// the agencies' records. A stage keeps nothing when its key differs.
	Key string
	// Same reports whether an agency is unchanged (Unchanged).
	Same func(code string) bool
}

// Unchanged tells, for an agency of cur, whether everything its own pages
// show is as it was in old: its record (every decision, check, grade and
// listing, but not where in the files the rows were — inserting a row
// moves every later row's line), and its head office's and branches'
// records, which the page names. It reports false for every agency when
// the date or the regions differ. The preview uses it to re-render only
// what a data edit touched.
func Unchanged(old, cur *Register) func(code string) bool {
	if old == nil || cur == nil || old.AsOf != cur.AsOf || !sameRegions(old.Regions, cur.Regions) {
		return func(string) bool { return false }
	}
	// every agency compared once, here: the render and the open-data stage
	// both ask about every agency, and each agency is asked about again
	// for its head office and its branches
	same := make(map[string]bool, len(cur.Agencies))
	for _, a := range cur.Agencies {
		o := old.Agency(a.Code)
		same[a.Code] = o != nil && sameAgency(o, a)
	}
	unchanged := make(map[string]bool, len(cur.Agencies))
	for _, a := range cur.Agencies {
		ok := same[a.Code]
		// a head office missing from both registers is unchanged too
		if p := a.ParentCode; ok && p != "" && (old.Agency(p) != nil || cur.Agency(p) != nil) {
			ok = same[p]
		}
		for _, b := range a.Branches {
			ok = ok && same[b]
		}
		unchanged[a.Code] = ok
	}
	return func(code string) bool { return unchanged[code] }
}

func sameRegions(a, b map[string]*model.Region) bool {
	return maps.EqualFunc(a, b, func(x, y *model.Region) bool {
		return x.Code == y.Code && x.Name == y.Name && x.Parent == y.Parent
	})
}

// sameAgency compares two derivations of an agency field by field, rows
// without their Source (TestSameAgencyCoversEveryField keeps this list
// complete).
func sameAgency(a, b *Agency) bool {
	return a.Code == b.Code && a.Name == b.Name && slices.Equal(a.FormerNames, b.FormerNames) &&
		a.Status == b.Status && a.StatusSince == b.StatusSince &&
		a.LicenceNo == b.LicenceNo && slices.Equal(a.FormerLicenceNos, b.FormerLicenceNos) &&
		a.ValidFrom == b.ValidFrom && a.ValidTo == b.ValidTo && a.Authority == b.Authority &&
		a.RegionCode == b.RegionCode && a.ParentCode == b.ParentCode && a.LegalRep == b.LegalRep &&
		a.Address == b.Address && a.Capital == b.Capital && a.FirstLicensed == b.FirstLicensed &&
		slices.EqualFunc(a.Decisions, b.Decisions, sameRow[model.Decision]) &&
		slices.EqualFunc(a.Checks, b.Checks, sameRow[model.AnnualCheck]) &&
		slices.EqualFunc(a.Grades, b.Grades, sameRow[model.Grade]) &&
		slices.EqualFunc(a.Listings, b.Listings, sameRow[model.Listing]) &&
		slices.Equal(a.Branches, b.Branches) && slices.Equal(a.names, b.names) &&
		slices.EqualFunc(a.Spans, b.Spans, sameSpan)
}

// sameSpan compares two spans, their decisions without Source and their
// head office's span by its dates and status (Unchanged compares the head
// office itself); the verdict follows from these.
func sameSpan(x, y Span) bool {
	sameBy := x.By == y.By || x.By != nil && y.By != nil && sameRow(x.By, y.By)
	sameHead := x.Head == y.Head || x.Head != nil && y.Head != nil &&
		x.Head.From == y.Head.From && x.Head.Until == y.Head.Until && x.Head.Status == y.Head.Status && x.Head.Term == y.Head.Term
	return x.From == y.From && x.Until == y.Until && x.Status == y.Status && x.Term == y.Term && sameBy && sameHead
}

// row is a loaded row: comparable, with its Source.
type row interface {
	model.Decision | model.AnnualCheck | model.Grade | model.Listing
}

func sameRow[T row](x, y *T) bool {
	a, b := *x, *y
	*source(&a), *source(&b) = model.Source{}, model.Source{}
	return a == b
}

func source[T row](r *T) *model.Source {
	switch r := any(r).(type) {
	case *model.Decision:
		return &r.Src
	case *model.AnnualCheck:
		return &r.Src
	case *model.Grade:
		return &r.Src
	case *model.Listing:
		return &r.Src
	}
	panic("unreachable")
}
