package register

import (
	"slices"
	"sync"

	"portal/generator/diag"
	"portal/generator/model"
)

// A folder of exports often holds one decision twice: exports of periods
// that overlap (2024年.xlsx and 2024-2025.xlsx), or the whole history
// exported again beside this month's. Both rows say the same, field by
// field; kept both, the decision would be counted twice in the statistics,
// announced twice, and shown twice in the agency's history — a 吊销
// listed twice was even refused as two endings of one day; an annual
// check so was refused as a second result of its year, and a listing shown
// twice. So a row alike in every field to one read before it — of any
// table of an agency's — is published once, and said so.
// A decision two exports published on their own days is one too (its
// rows alike but for the 公示日期: dropRepeats). Rows of one decision that
// differ otherwise (another period, another head office, a remark of their
// own) are not alike: derive and the same-day order say what they make of
// them.

// dropRepeats returns decs without the rows alike in every field to a row
// read before them (in file and line order, however decs is ordered), and
// the rows it left out, each warned of at its 公示类型. Rows alike but for
// their 公示日期 are one decision too, published by two exports (a city's
// and the province's that gathers it) on their own days: it is published
// once, dated by the first 公示 — the day the public could first read it,
// by which its promptness is judged.
func dropRepeats(ds *model.Dataset, decs []*model.Decision, copied *copiedRows, d *diag.List) (kept, repeats []*model.Decision) {
	decs, repeats = dropAlike(decs, func(x *model.Decision) { x.Src, x.PublishedOn = model.Source{}, 0 },
		func(a, b *model.Decision) bool { return publishedFirst(a.PublishedOn, b.PublishedOn, a.Src, b.Src) },
		func(x *model.Decision) int64 { return int64(x.DecidedOn)<<8 | int64(x.Type) },
		func(dup, first *model.Decision) {
			if copied.add(dup.Src, first.Src, model.ColType.Title, dup.Type.String()) {
				return // two versions of a file: one error for the pair
			}
			if dup.PublishedOn != first.PublishedOn {
				d.Warnf(at(ds, dup.Src, model.ColPublishedOn.Title), model.ColPublishedOn.Title, dup.PublishedOn.String(),
					"the same decision as %s:%d, every field alike but the 公示日期 (%s there): it is published once, dated by the first 公示", first.Src.File, first.Src.Line, first.PublishedOn)
				return
			}
			d.Warnf(at(ds, dup.Src, model.ColType.Title), model.ColType.Title, dup.Type.String(),
				"the same row as %s:%d, every field alike (exports that overlap list the decisions they share in both): the decision is published once", first.Src.File, first.Src.Line)
		})
	decs, echoes := dropPenaltyEchoes(ds, decs, d)
	return decs, append(repeats, echoes...)
}

// A 吊销 is decided once and may be exported twice: by the licensing
// system, as a row of the licences export, and by the penalty system, as a
// 双公示 行政处罚 row (data/penalties), which a bureau is invited to give
// too. Read as two decisions, they were refused as two endings of one day.
// A 吊销 of the penalties export is the one the licences export lists when
// both are of one day and neither's 许可证编号 or 决定文书号 says otherwise
// (one left blank says nothing): it is published once, as the licences
// export has it (with its 公示日期, region and remarks). One whose number
// or document differs is another decision, and the same-day order says so.

// dropPenaltyEchoes returns decs without the 吊销 of a penalties export
// that a 吊销 of the licences export lists, and those it left out, each
// warned of at its date.
func dropPenaltyEchoes(ds *model.Dataset, decs []*model.Decision, d *diag.List) (kept, echoes []*model.Decision) {
	for _, p := range decs {
		if !p.Penalty || p.Type != model.Withdrawal {
			continue
		}
		for _, o := range decs {
			if o.Penalty || o.Type != model.Withdrawal || o.DecidedOn != p.DecidedOn ||
				o.LicenceNo != "" && p.LicenceNo != "" && !model.SameLicence(o.LicenceNo, p.LicenceNo) ||
				o.DocNo != "" && p.DocNo != "" && !model.SameDocNo(o.DocNo, p.DocNo) {
				continue
			}
			echoes = append(echoes, p)
			d.Warnf(at(ds, p.Src, penaltyDate), penaltyDate, p.DecidedOn.String(),
				"the same 吊销 as %s:%d, which the licences export lists too: published once, as that row has it", o.Src.File, o.Src.Line)
			break
		}
	}
	if echoes == nil {
		return decs, nil
	}
	return slices.DeleteFunc(decs, func(x *model.Decision) bool { return slices.Contains(echoes, x) }), echoes
}

// penaltyDate is the heading of a 行政处罚 export's date column.
const penaltyDate = "处罚决定日期"

// dropAlike returns rows without those alike in every field but the ones
// ignore clears (where a row stands, at least) to another row, the one of
// them first kept; and the rows it left out, each given to warn with the
// row kept. Rows of another day (pre, cheap to compare) are not alike; an
// agency's rows are few, so those are compared in pairs first, and only
// rows that may be alike are looked up by all their fields.
func dropAlike[T comparable](rows []*T, ignore func(*T), first func(a, b *T) bool, pre func(*T) int64, warn func(dup, kept *T)) (kept, repeats []*T) {
	if !maybeAlike(rows, pre) {
		return rows, nil
	}
	key := func(x *T) T {
		k := *x
		ignore(&k)
		return k
	}
	keep := make(map[T]*T, len(rows)) // a row's fields → the row kept of them
	for _, x := range rows {
		k := key(x)
		if p, ok := keep[k]; !ok || first(x, p) {
			keep[k] = x
		}
	}
	for _, x := range rows {
		if p := keep[key(x)]; p != x {
			repeats = append(repeats, x)
			warn(x, p)
		}
	}
	if repeats == nil {
		return rows, nil
	}
	return slices.DeleteFunc(rows, func(x *T) bool { return slices.Contains(repeats, x) }), repeats
}

// publishedFirst reports whether a row published on aOn and read at aSrc is
// kept over one alike but for its publication date: the first published (a
// row two exports published on their own days is dated by its first 公示
// or 公布; one with no date is published by neither), else the first read.
func publishedFirst(aOn, bOn model.Date, aSrc, bSrc model.Source) bool {
	if aOn != bOn {
		return aOn != 0 && (bOn == 0 || aOn < bOn)
	}
	return readBefore(aSrc, bSrc)
}

// maybeAlike reports whether two of rows may be alike: two with the same
// pre (many rows are left to the map).
func maybeAlike[T any](rows []*T, pre func(*T) int64) bool {
	if len(rows) > 16 {
		return true
	}
	for i, a := range rows {
		for _, b := range rows[:i] {
			if pre(a) == pre(b) {
				return true
			}
		}
	}
	return false
}

// readBefore reports whether a row at a is read before one at b.
func readBefore(a, b model.Source) bool {
	return a.File < b.File || a.File == b.File && a.Line < b.Line
}

// repeatedRows are the rows dropAlike left out of the agencies, from
// every core: most builds have none, and nothing is made for them.
type repeatedRows struct {
	mu        sync.Mutex
	decisions []*model.Decision
	checks    []*model.AnnualCheck
	grades    []*model.Grade
	listings  []*model.Listing
}

// addDecisions adds an agency's repeated decisions.
func (r *repeatedRows) addDecisions(decs []*model.Decision) {
	if len(decs) > 0 {
		r.mu.Lock()
		r.decisions = append(r.decisions, decs...)
		r.mu.Unlock()
	}
}

// add adds an agency's repeated checks, grades and listings.
func (r *repeatedRows) add(checks []*model.AnnualCheck, grades []*model.Grade, listings []*model.Listing) {
	if len(checks)+len(grades)+len(listings) > 0 {
		r.mu.Lock()
		r.checks, r.grades, r.listings = append(r.checks, checks...), append(r.grades, grades...), append(r.listings, listings...)
		r.mu.Unlock()
	}
}

// dropFrom leaves the repeated rows out of the dataset's tables, as they
// are counted and published.
func (r *repeatedRows) dropFrom(ds *model.Dataset) {
	ds.Decisions = without(ds.Decisions, r.decisions)
	ds.Checks = without(ds.Checks, r.checks)
	ds.Grades = without(ds.Grades, r.grades)
	ds.Listings = without(ds.Listings, r.listings)
}

// without is all without the rows of drop.
func without[T any](all, drop []*T) []*T {
	if len(drop) == 0 {
		return all
	}
	set := make(map[*T]bool, len(drop))
	for _, x := range drop {
		set[x] = true
	}
	return slices.DeleteFunc(slices.Clone(all), func(x *T) bool { return set[x] })
}

// alikeWarning warns of a row of a check, a grade or a listing alike in
// every field to one read before it, at its field col: what says which
// row it is (the year, the 列入日期), as where gives it — or, when the two
// are of two versions of one file (copies.go), leaves it to copied.
func alikeWarning[T any](ds *model.Dataset, col model.Column, where func(*T) (model.Source, string), copied *copiedRows, d *diag.List) func(dup, first *T) {
	return func(dup, first *T) {
		src, value := where(dup)
		firstSrc, _ := where(first)
		if copied.add(src, firstSrc, col.Title, value) {
			return // two versions of a file: one error for the pair
		}
		d.Warnf(at(ds, src, col.Title), col.Title, value,
			"the same row as %s:%d, every field alike (exports that overlap list the rows they share in both): the row is published once", firstSrc.File, firstSrc.Line)
	}
}
