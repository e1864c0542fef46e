package register

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"portal/generator/diag"
	"portal/generator/internal/par"
	"portal/generator/model"
)

// crossCheck attaches checks, grades and listings to their agencies and
// reports what does not add up across the tables. The rows' agencies are
// found on every core, then each agency's rows are checked on every core:
// a second result or grade for a year (the first in the files is kept),
// and a name other than the register's on the day.
func (r *Register) crossCheck(copied *copiedRows, d *diag.List) {
	ds := r.Data
	granted := grantedTo(ds.Decisions) // licence number → the codes it was granted to
	r.checkRegionsAndNumbers(d)
	r.checkEndedElsewhere(granted, d)
	r.checkNamedElsewhere(d)
	attach(r, ds.Checks, func(c *model.AnnualCheck) (model.Source, string, bool) { return c.Src, c.Code, c.Year != 0 },
		func(a *Agency, c *model.AnnualCheck) { a.share(&c.Code, &c.Name, &c.LicenceNo) },
		func(a *Agency, c *model.AnnualCheck) { a.Checks = append(a.Checks, c) }, d)
	attach(r, ds.Grades, func(g *model.Grade) (model.Source, string, bool) { return g.Src, g.Code, g.Year != 0 },
		func(a *Agency, g *model.Grade) { a.share(&g.Code, &g.Name) },
		func(a *Agency, g *model.Grade) { a.Grades = append(a.Grades, g) }, d)
	attach(r, ds.Listings, func(l *model.Listing) (model.Source, string, bool) { return l.Src, l.Code, true },
		func(a *Agency, l *model.Listing) { a.share(&l.Code, &l.Name) },
		func(a *Agency, l *model.Listing) { a.Listings = append(a.Listings, l) }, d)
	// rows alike in every field (exports that overlap): published once
	var repeated repeatedRows
	alikeCheck := alikeWarning(ds, model.ColYear, func(c *model.AnnualCheck) (model.Source, string) { return c.Src, strconv.Itoa(c.Year) }, copied, d)
	checkAgain := func(dup, kept *model.AnnualCheck) {
		if dup.PublishedOn == kept.PublishedOn {
			alikeCheck(dup, kept)
			return
		}
		if copied.add(dup.Src, kept.Src, model.ColYear.Title, strconv.Itoa(dup.Year)) {
			return // two versions of a file: one error for the pair
		}
		d.Warnf(at(ds, dup.Src, model.ColAnnounced.Title), model.ColAnnounced.Title, dup.PublishedOn.String(),
			"the same result as %s:%d, every field alike but the 公布日期 (%s there): it is published once, dated by the first 公布", kept.Src.File, kept.Src.Line, kept.PublishedOn)
	}
	gradeAgain := alikeWarning(ds, model.ColGradeYear, func(g *model.Grade) (model.Source, string) { return g.Src, strconv.Itoa(g.Year) }, copied, d)
	listingAgain := alikeWarning(ds, model.ColListedOn, func(l *model.Listing) (model.Source, string) { return l.Src, l.ListedOn.String() }, copied, d)
	par.Each(context.Background(), len(r.Agencies), func(_, i int) error {
		a := r.Agencies[i]
		var checks []*model.AnnualCheck
		var grades []*model.Grade
		var listings []*model.Listing
		a.Checks, checks = dropAlike(a.Checks, func(c *model.AnnualCheck) { c.Src, c.PublishedOn = model.Source{}, 0 },
			func(x, y *model.AnnualCheck) bool { return publishedFirst(x.PublishedOn, y.PublishedOn, x.Src, y.Src) }, func(c *model.AnnualCheck) int64 { return int64(c.Year) }, checkAgain)
		a.Grades, grades = dropAlike(a.Grades, func(g *model.Grade) { g.Src = model.Source{} }, func(x, y *model.Grade) bool { return readBefore(x.Src, y.Src) }, func(g *model.Grade) int64 { return int64(g.Year) }, gradeAgain)
		a.Listings, listings = dropAlike(a.Listings, func(l *model.Listing) { l.Src = model.Source{} }, func(x, y *model.Listing) bool { return readBefore(x.Src, y.Src) }, func(l *model.Listing) int64 { return int64(l.ListedOn) }, listingAgain)
		repeated.add(checks, grades, listings)
		a.Checks = yearly(r, a, a.Checks, func(c *model.AnnualCheck) (model.Source, int) { return c.Src, c.Year }, model.ColYear,
			"a second %d result for this agency (also %s:%d): keep one",
			"a %d result, but the agency held no licence and was no filed branch at any time in %d: is it another agency's (check the 统一社会信用代码), or another year's?", d)
		for _, c := range a.Checks {
			if c.PublishedOn > r.AsOf {
				d.Errorf(at(ds, c.Src, model.ColAnnounced.Title), model.ColAnnounced.Title, c.PublishedOn.String(),
					"the result is dated after the as-of date %s: fix the date, or build with --as-of set later", r.AsOf)
			}
			when := c.PublishedOn
			if when == 0 {
				when = model.MakeDate(c.Year+1, time.June, 30) // results are due by the end of June
			}
			r.checkName(c.Src, a, c.Name, when, d)
		}
		a.Grades = yearly(r, a, a.Grades, func(g *model.Grade) (model.Source, int) { return g.Src, g.Year }, model.ColGradeYear,
			"a second %d grade for this agency (also %s:%d): keep one",
			"a %d grade, but the agency held no licence and was no filed branch at any time in %d: is it another agency's (check the 统一社会信用代码), or another year's?", d)
		for _, g := range a.Grades {
			r.checkName(g.Src, a, g.Name, model.MakeDate(g.Year, time.December, 31), d)
		}
		for _, l := range a.Listings {
			if l.ListedOn > r.AsOf {
				// not shown as listed until then, and no reader would
				// know why: the same as a decision dated so
				d.Errorf(at(ds, l.Src, model.ColListedOn.Title), model.ColListedOn.Title, l.ListedOn.String(),
					"the listing is dated after the as-of date %s: fix the date, or build with --as-of set later", r.AsOf)
			}
			if l.RemovedOn > r.AsOf {
				// shown as still listed, on a removal that cannot have
				// been recorded yet: most likely a mistyped year
				d.Errorf(at(ds, l.Src, model.ColRemovedOn.Title), model.ColRemovedOn.Title, l.RemovedOn.String(),
					"the removal is dated after the as-of date %s: fix the date, or build with --as-of set later", r.AsOf)
			}
			if l.ListedOn != 0 {
				r.checkName(l.Src, a, l.Name, l.ListedOn, d)
			}
		}
		r.checkListedTwice(a, d)
		r.checkStated(a, d)
		slices.SortStableFunc(a.Checks, func(x, y *model.AnnualCheck) int { return cmp.Compare(x.Year, y.Year) })
		slices.SortStableFunc(a.Grades, func(x, y *model.Grade) int { return cmp.Compare(x.Year, y.Year) })
		slices.SortStableFunc(a.Listings, func(x, y *model.Listing) int { return cmp.Compare(x.ListedOn, y.ListedOn) })
		return nil
	})
	repeated.dropFrom(ds)
	r.checkHeads(granted, d)
	r.checkRevivedFilings(d)
	r.checkFilingPeriods(d)
}

// checkListedTwice reports a listing (经营异常名录) of the agency listed
// again — the same 列入日期 and 列入原因, as two exports of the list hold it
// — as a warning, and as an error when the two disagree on its removal
// (one export made after the agency was removed, one before): read as
// two listings, the one not removed would show the agency listed still.
func (r *Register) checkListedTwice(a *Agency, d *diag.List) {
	for i, l := range a.Listings {
		for _, o := range a.Listings[:i] {
			if o.ListedOn != l.ListedOn || o.ListedOn == 0 || !model.SameName(o.Reason, l.Reason) {
				continue
			}
			if o.RemovedOn != l.RemovedOn {
				p := at(r.Data, l.Src, model.ColRemovedOn.Title)
				d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: model.ColRemovedOn.Title, Value: l.RemovedOn.String(), Severity: diag.Error,
					Msg:  fmt.Sprintf("the same listing as %s:%d (listed %s for the same reason), with another 移出日期 than that row's: whether the agency is still listed cannot be told", o.Src.File, o.Src.Line, l.ListedOn),
					Hint: "keep the row as the list stands now, and remove the other"})
			} else {
				p := at(r.Data, l.Src, model.ColListedOn.Title)
				d.Warnf(p, model.ColListedOn.Title, l.ListedOn.String(), "the same listing as %s:%d is listed twice", o.Src.File, o.Src.Line)
			}
			break
		}
	}
}

// filedSince reports whether the agency has a 备案 decided after d.
func (a *Agency) filedSince(d model.Date) bool {
	return slices.ContainsFunc(a.Decisions, func(dec *model.Decision) bool { return dec.Type == model.Filing && dec.DecidedOn > d })
}

// checkRevivedFilings warns of a 备案 whose head office's licence ended
// (撤销, 吊销, 注销) after it and which the head office's later licence
// brings back: as DESIGN §5 has it, a branch may dispatch while its head
// office may, so the branch is shown as filed and licensed again — while
// its row was filed under the licence that ended. The bureau is told at
// the 备案 row, once for each such ending, with what to add.
func (r *Register) checkRevivedFilings(d *diag.List) {
	for _, a := range r.Agencies {
		var ended *Span // the head office's ending under the 备案 being read
		var by *model.Decision
		for i := range a.Spans {
			s := &a.Spans[i]
			if s.Status != model.StatusFiled || s.Head == nil || s.By == nil {
				ended, by = nil, nil
				continue
			}
			if s.By != by {
				ended, by = nil, s.By
			}
			switch {
			case s.Head.Status.Terminal():
				ended = s.Head
			case ended != nil && s.Head.Licensed() && !a.filedSince(ended.From):
				pos := at(r.Data, s.By.Src, model.ColParentCode.Title)
				d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col, Field: model.ColParentCode.Title, Value: s.By.ParentCode, Severity: diag.Warning,
					Msg: fmt.Sprintf("the head office's licence was %s on %s, after this 备案, and the head office holds a licence again from %s: the branch is shown as filed under it, and licensed, from then on",
						ended.Status, ended.From, s.From),
					Hint: "if the branch's filing ended with that licence, add its 注销; if it filed again under the new licence, add that 备案"})
				ended = nil // once an ending: a later one is told again
			}
		}
	}
}

// heldIn reports whether the agency held a licence in force, or was a
// filed branch, on some day of year y: an annual result or a grade for a
// year it did neither is most likely another agency's or another year's.
func (a *Agency) heldIn(y int) bool {
	from, to := model.MakeDate(y, time.January, 1), model.MakeDate(y, time.December, 31)
	for _, s := range a.Spans {
		if s.From <= to && (s.Until == 0 || s.Until >= from) && (s.Status == model.StatusValid || s.Status == model.StatusFiled) {
			return true
		}
	}
	return false
}

// attach gives each row to its agency, in the rows' order: row says where
// a row is, its code, and whether it is to be attached; an unknown code is
// reported (known). own is called with each attached row and its agency on
// every core (it may change the row, not the agency), add then in the
// rows' order, on one.
func attach[T any](r *Register, rows []*T, row func(*T) (model.Source, string, bool), own, add func(*Agency, *T), d *diag.List) {
	owners := make([]*Agency, len(rows))
	const chunk = 4096
	par.Each(context.Background(), (len(rows)+chunk-1)/chunk, func(_, k int) error {
		for i := k * chunk; i < min(len(rows), (k+1)*chunk); i++ {
			src, code, ok := row(rows[i])
			if a := r.known(src, code, d); a != nil && ok {
				owners[i] = a
				own(a, rows[i])
			}
		}
		return nil
	})
	for i, a := range owners {
		if a != nil {
			add(a, rows[i])
		}
	}
}

// share points a row's texts (its code, name, licence number) at the same
// texts of the agency's decisions, so that the row's own copy of them (one
// string per row, load's texts) is left to the collector: at 200,000
// agencies the checks' copies alone were ~50 MB kept for the whole build.
func (a *Agency) share(fs ...*string) {
	for _, f := range fs {
		switch {
		case *f == "":
		case *f == a.Code:
			*f = a.Code
		default:
			for _, dec := range a.Decisions {
				if *f == dec.Name {
					*f = dec.Name
					break
				}
				if *f == dec.LicenceNo {
					*f = dec.LicenceNo
					break
				}
			}
		}
	}
}

// yearly checks an agency's rows that are one a year (its annual checks'
// results, its grades): of says where a row is and its year, col is the
// year's column; second (year, first file, first line) and unheld (year,
// year) are the messages for a later row of a year and a year without a
// licence, written out at the call for diag's catalogue. It keeps the first
// row of each year in the files' order and reports a later one, a year
// after the as-of date (not begun, so it has no result: most likely a
// mistyped year), and a year in which the agency held no licence.
func yearly[T any](r *Register, a *Agency, rows []*T, of func(*T) (model.Source, int), col model.Column, second, unheld string, d *diag.List) []*T {
	ds := r.Data
	kept := rows[:0]
	for _, x := range rows {
		src, year := of(x)
		i := slices.IndexFunc(kept, func(k *T) bool { _, y := of(k); return y == year })
		if i >= 0 {
			first, _ := of(kept[i])
			d.Errorf(at(ds, src, col.Title), col.Title, fmt.Sprint(year), second, year, first.File, first.Line)
			continue
		}
		kept = append(kept, x)
	}
	for _, x := range kept {
		src, year := of(x)
		if year > r.AsOf.Year() {
			d.Errorf(at(ds, src, col.Title), col.Title, fmt.Sprint(year),
				"the year is after the as-of date %s: a year's result is known only after it, so check the year, or build with --as-of set later", r.AsOf)
		} else if !a.heldIn(year) {
			d.Warnf(at(ds, src, col.Title), col.Title, fmt.Sprint(year), unheld, year, year)
		}
	}
	return kept
}

// checkHeads warns once per head office that branches name but this
// register does not hold: their verdict can only send the reader to the
// authority that licensed the head office.
//
// A head office named outside the register while the branch's row points
// at an agency in it is an error, not a warning: the branch would send the
// reader elsewhere, while the agency it belongs to may be revoked here.
// It points at one when the branch carries that agency's licence number
// (a branch is filed under its head office's licence), or when the code
// named fails its check character and is one character from that
// agency's code (a typo).
//
// A branch whose head office is in the register but whose 许可证编号 was
// granted to another agency of it — not the branch, not one of its head
// offices — is an error too: the row says two things, and the verdict
// taken from the head office named may be the wrong one.
func (r *Register) checkHeads(granted map[string][]string, d *diag.List) {
	warned := map[string]bool{}
	for _, dec := range r.Data.Decisions {
		if dec.ParentCode == "" || r.byCode[dec.Code] == nil {
			continue
		}
		if dec.Type.Grant() {
			if h, by := r.headsGrant(dec, holdersOf(granted, dec.LicenceNo)); h != nil {
				errorAt(r.Data, d, dec, fmt.Sprintf("this %s names %s (%s) as its head office (上级单位统一社会信用代码), and its 许可证编号 %s is the licence of %s (%s at %s:%d): a branch works under its head office's licence and holds none of its own; published as a %s, the agency would stay licensed after that licence ends",
					dec.Type, dec.ParentCode, r.byCode[dec.ParentCode].Name, dec.LicenceNo, h.Code, by.Type, by.Src.File, by.Src.Line, dec.Type),
					"if the agency is a branch, write 备案 as its 公示类型 (it then follows its head office's licence); if it holds a licence of its own, write that licence's 许可证编号 and leave 上级单位统一社会信用代码 empty")
			}
			continue
		}
		if dec.Type != model.Filing {
			continue
		}
		if r.byCode[dec.ParentCode] != nil {
			if o := r.licenceOfOther(dec, granted); o != nil {
				pos := at(r.Data, dec.Src, model.ColLicenceNo.Title)
				head := r.byCode[dec.ParentCode]
				d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col, Field: model.ColLicenceNo.Title, Value: dec.LicenceNo, Severity: diag.Error,
					Msg: fmt.Sprintf("this licence number was granted to %s (%s), which is %s here, but the branch names %s (%s) as its head office, which is %s: published so, the branch's verdict would come from one of them while its row also points at the other",
						o.Code, o.Name, o.Status, head.Code, head.Name, head.Status),
					Hint: "correct the branch's 许可证编号 (a branch is filed under its head office's licence) or its 上级单位统一社会信用代码"})
			}
			continue
		}
		if h := r.headPointedAt(dec, granted); h != nil {
			pos := at(r.Data, dec.Src, model.ColParentCode.Title)
			d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col, Field: model.ColParentCode.Title, Value: dec.ParentCode, Severity: diag.Error,
				Msg:  fmt.Sprintf("the head office is not in this register, but the branch's row points at %s (%s), which is: published so, the branch would send readers to another authority while that agency is %s here", h.Code, h.Name, h.Status),
				Hint: "correct 上级单位统一社会信用代码 (or the branch's 许可证编号, if the head office really is licensed elsewhere)"})
			continue
		}
		if warned[dec.ParentCode] {
			continue
		}
		warned[dec.ParentCode] = true
		d.Warnf(at(r.Data, dec.Src, model.ColParentCode.Title), model.ColParentCode.Title, dec.ParentCode,
			"the head office is not in this register (licensed in another province?): its branches are shown as filed here, with a reminder to check the head office's licence with the authority that issued it (further branches of it are not reported)")
	}
}

// headsGrant is, for a 新许可 or 延续 that names a 上级单位 of this
// register, the head office up that chain among holders (the codes the
// row's licence number was granted to) and that head office's grant of
// it; nil when there is none.
// Such a row says both that the agency holds a licence and that it works
// under its head office's: read as a grant, a branch would stay licensed
// after its head office's licence ends; read as a 备案, the period it gives
// would be dropped. Neither is safe to guess (checkHeads reports it).
func (r *Register) headsGrant(dec *model.Decision, holders []string) (*Agency, *model.Decision) {
	if !dec.Type.Grant() || dec.ParentCode == "" || len(holders) == 0 {
		return nil, nil
	}
	// a chain of heads is short; a loop in it is reported elsewhere
	for h, n := r.byCode[dec.ParentCode], 0; h != nil && h.Code != dec.Code && n < 16; h, n = r.byCode[h.ParentCode], n+1 {
		if !slices.Contains(holders, h.Code) {
			continue
		}
		for _, by := range h.Decisions {
			if by.Type.Grant() && model.SameLicence(by.LicenceNo, dec.LicenceNo) {
				return h, by
			}
		}
	}
	return nil, nil
}

// licenceOfOther is the agency of this register that a filing's licence
// number was granted to when that is neither the branch nor one of its
// head offices up the chain, or nil (checkHeads).
func (r *Register) licenceOfOther(dec *model.Decision, granted map[string][]string) *Agency {
	holders := holdersOf(granted, dec.LicenceNo)
	if len(holders) == 0 || slices.Contains(holders, dec.Code) {
		return nil
	}
	// a chain of heads is short; a loop in it is reported elsewhere
	for h, n := r.byCode[dec.ParentCode], 0; h != nil && n < 16; h, n = r.byCode[h.ParentCode], n+1 {
		if slices.Contains(holders, h.Code) {
			return nil
		}
	}
	return r.byCode[holders[0]]
}

// headPointedAt is the agency in this register that a filing naming a
// head office outside it points at instead, or nil (checkHeads).
func (r *Register) headPointedAt(dec *model.Decision, granted map[string][]string) *Agency {
	if holders := holdersOf(granted, dec.LicenceNo); len(holders) > 0 && !slices.Contains(holders, dec.Code) && !slices.Contains(holders, dec.ParentCode) {
		return r.byCode[holders[0]]
	}
	if model.ValidCreditCode(dec.ParentCode) {
		return nil
	}
	return r.oneTypoFrom(dec.ParentCode, dec.Code)
}

// oneTypoFrom is the one agency of this register, other than not, whose
// valid code is typed with one character mistyped or two neighbours
// swapped, or nil when there is none or more than one (the row does not
// say which). It looks each such spelling up — 30 characters in each of
// 18 places, 17 swaps — rather than comparing every code of the register,
// which a file of such rows would make quadratic.
func (r *Register) oneTypoFrom(typed, not string) *Agency {
	if len(typed) != 18 {
		return nil
	}
	var near *Agency
	two := false
	b := []byte(typed)
	look := func() {
		if a := r.byCode[string(b)]; a != nil && a.Code != not && model.ValidCreditCode(a.Code) {
			two = two || near != nil && near != a
			near = a
		}
	}
	for i := range b {
		was := b[i]
		for j := 0; j < len(model.CreditAlphabet); j++ {
			if b[i] = model.CreditAlphabet[j]; b[i] != was {
				look()
			}
		}
		b[i] = was
	}
	for i := 0; i+1 < len(b); i++ {
		if b[i] != b[i+1] {
			b[i], b[i+1] = b[i+1], b[i]
			look()
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
	if two {
		return nil
	}
	return near
}

// known returns the agency for a check, grade or listing, reporting an unknown code.
func (r *Register) known(src model.Source, code string, d *diag.List) *Agency {
	if code == "" {
		return nil
	}
	a := r.byCode[code]
	if a == nil && !r.Data.Unreadable["licences"] { // else the cause is reported, not its consequences
		p := at(r.Data, src, model.ColCode.Title)
		d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: model.ColCode.Title, Value: code, Severity: diag.Error,
			Msg:  "no agency with this 统一社会信用代码 in the licence decisions",
			Hint: "check the code, or add the agency's 新许可 to licences"})
	}
	return a
}

// checkName warns when a table (annual checks, grades, the 经营异常名录)
// names an agency differently from the register on that date. When the
// name is another agency's on that date, it is an error: the row is as
// likely that agency's, its code copied from the row above, and read by
// the code a 不合格 or a listing would mark the wrong agency's banner and
// leave the named one's clear.
func (r *Register) checkName(src model.Source, a *Agency, name string, on model.Date, d *diag.List) {
	if name == "" {
		return
	}
	want := a.NameOn(on)
	if model.SameName(name, want) {
		return
	}
	p := at(r.Data, src, model.ColName.Title)
	for _, b := range r.agenciesNamed(name) {
		if b != a && len(b.names) > 0 && b.names[0].from <= on && model.SameName(b.NameOn(on), name) {
			d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: model.ColName.Title, Value: name, Severity: diag.Error,
				Msg:  fmt.Sprintf("the register names %s %q on %s, and %q is the name of %s then: which of the two agencies the row is of cannot be told", a.Code, want, on, name, b.Code),
				Hint: "correct the row's 统一社会信用代码 or its 行政相对人名称, so that both name one agency"})
			return
		}
	}
	hint := ""
	if a.HadName(name) {
		hint = "it is one of the agency's names, but not the one it had then"
	}
	d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: model.ColName.Title, Value: name, Severity: diag.Warning,
		Msg: fmt.Sprintf("the register names %s %q on %s", a.Code, want, on), Hint: hint})
}

// branchesGrant reports whether one of two grants of a licence number
// names the other's agency (or one above it) as its 上级单位: a branch's
// row typed as a grant, which checkHeads reports as an error of its own.
func (r *Register) branchesGrant(x, y *model.Decision) bool {
	h, _ := r.headsGrant(x, []string{y.Code})
	g, _ := r.headsGrant(y, []string{x.Code})
	return h != nil || g != nil
}

// checkRegionsAndNumbers reports region codes without a name and licence
// numbers granted (新许可, 延续) to two agencies; branches carry their
// parent's number and are not counted.
func (r *Register) checkRegionsAndNumbers(d *diag.List) {
	ds := r.Data
	missing := map[string]bool{}
	holder := map[string]*model.Decision{}
	for _, dec := range ds.Decisions {
		if dec.RegionCode != "" && len(r.Regions) > 0 && !ds.Unreadable["regions"] && r.Regions[dec.RegionCode] == nil && !missing[dec.RegionCode] {
			missing[dec.RegionCode] = true
			d.Warnf(at(ds, dec.Src, model.ColRegion.Title), model.ColRegion.Title, dec.RegionCode, "no name for this region code: add it to regions (further rows with it are not reported)")
		}
		if dec.LicenceNo == "" || dec.Code == "" || (dec.Type != model.NewLicence && dec.Type != model.Renewal) {
			continue
		}
		k := model.LicenceKey(dec.LicenceNo)
		if k == "" {
			continue // marks alone (—, /): no number two agencies could hold
		}
		if h, ok := holder[k]; !ok {
			holder[k] = dec
		} else if h.Code != dec.Code && !r.branchesGrant(h, dec) {
			d.Warnf(at(ds, dec.Src, model.ColLicenceNo.Title), model.ColLicenceNo.Title, dec.LicenceNo, "the same licence number is held by %s (%s:%d)", h.Code, h.Src.File, h.Src.Line)
		}
	}
}

// checkEndedElsewhere reports a licence number ended (撤销, 吊销, 注销)
// under one code while another code held it in force that day and is
// published as holding it still: the same licence both 已吊销 and 有效,
// and one agency's page telling a reader it may dispatch workers on a
// licence the bureau ended. Most often one agency's rows carry two
// codes (a mistyped code on a 延续 typed as 新许可, a penalty export
// with another code). The number counts as held elsewhere only when it
// was the day before the ending (one given again on that day or later is
// the bureau's to reuse); a branch's rows carry their head office's
// number, and neither grant it nor end it.
func (r *Register) checkEndedElsewhere(granted map[string][]string, d *diag.List) {
	ds := r.Data
	for _, a := range r.Agencies {
		for _, end := range a.Decisions {
			own := heldOn(a, end.DecidedOn)
			if !end.Type.Terminal() || own == "" {
				continue // a branch's ending ends its 备案, not the number it carries
			}
			no := cmp.Or(end.LicenceNo, own)
			for _, code := range holdersOf(granted, no) {
				b := r.byCode[code]
				if code == a.Code || b == nil || !model.SameLicence(b.LicenceNo, no) {
					continue
				}
				// held the day before: a number passed on the day it ends
				// (an agency registered anew) is the bureau's to pass on
				before := end.DecidedOn.AddDays(-1)
				then, now := b.On(before), b.On(r.AsOf)
				if then.Status != model.StatusValid || now.Status != model.StatusValid || !model.SameLicence(heldOn(b, before), no) {
					continue
				}
				g := firstGrant(b, no)
				if r.branchesGrant(g, end) {
					continue
				}
				field, value := model.ColLicenceNo.Title, end.LicenceNo
				if value == "" {
					field, value = model.ColType.Title, end.Type.String()
				}
				p := at(ds, end.Src, field)
				d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: field, Value: value, Severity: diag.Error,
					Msg: fmt.Sprintf("this %s ends licence %s, which %s (%s) held in force that day (its %s at %s:%d) and is published as holding still: one licence would be published both as ended and as %s",
						end.Type, no, b.Code, b.Name, g.Type, g.Src.File, g.Src.Line, now.Status),
					Hint: "if both codes are one agency, give all its rows the same 统一社会信用代码; otherwise correct the 许可证编号 of the row that names another agency's licence"})
			}
		}
	}
}

// checkNamedElsewhere reports a decision whose row carries this agency's
// code but the name of another agency of the register — one that held
// that name the day before, a licence in force too (or a filing: a
// branch's 注销 under its head office's code), and is published as
// holding it still. Which of the two the decision is for cannot be told:
// read by its code, a 吊销 copied under the wrong code publishes a
// licensed agency as revoked and leaves the revoked one 有效, and a 延续
// renews an expired licence while the agency renewed is shown expiring (a
// code copied from the row above in a spreadsheet). The name is what a
// person searches for, and the register holds it for another agency; only
// the bureau knows which is right. An ending that also names the other's
// licence number is checkEndedElsewhere's to report; an agency's first
// row, whose name is its own by definition, is not held to it. Each
// agency is looked at on some core.
func (r *Register) checkNamedElsewhere(d *diag.List) {
	ds := r.Data
	par.Each(context.Background(), len(r.Agencies), func(_, i int) error {
		a := r.Agencies[i]
		for _, dec := range a.Decisions {
			if dec.Name == "" || dec.DecidedOn > r.AsOf {
				continue
			}
			before := dec.DecidedOn.AddDays(-1)
			if len(a.names) == 0 || model.SameName(dec.Name, a.NameOn(before)) {
				continue
			}
			for _, b := range r.agenciesNamed(dec.Name) {
				if b == a || !model.SameName(b.NameOn(before), dec.Name) {
					continue
				}
				if dec.Type.Terminal() && dec.LicenceNo != "" && model.SameLicence(dec.LicenceNo, b.LicenceNo) {
					// the other's licence number, not its own: checkEndedElsewhere's
					// (a branch's number is its head office's, and neither's to report there)
					if own := heldOn(a, dec.DecidedOn); own != "" && !model.SameLicence(dec.LicenceNo, own) {
						continue
					}
				}
				then, now := b.On(before), b.On(r.AsOf)
				p := at(ds, dec.Src, model.ColName.Title)
				const hint = "correct the row's 行政相对人名称, or its 统一社会信用代码 and 许可证编号, so that all of them name one agency"
				switch {
				case then.Status == model.StatusValid && now.Status == model.StatusValid:
					d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: model.ColName.Title, Value: dec.Name, Severity: diag.Error,
						Msg: fmt.Sprintf("this %s names %s, the name of %s, which held a licence in force that day and is published as holding it still, while its 统一社会信用代码 is %s's (%s): which of the two agencies the %s is of cannot be told",
							dec.Type, dec.Name, b.Code, a.Code, a.NameOn(before), dec.Type),
						Hint: hint})
				case then.Status == model.StatusFiled && now.Status == model.StatusFiled:
					// a branch's 注销 typed under its head office's code
					// published the head office as 已注销, its branch filed
					d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: model.ColName.Title, Value: dec.Name, Severity: diag.Error,
						Msg: fmt.Sprintf("this %s names %s, the name of %s, a branch filed that day and published as filed still, while its 统一社会信用代码 is %s's (%s): which of the two the %s is of cannot be told",
							dec.Type, dec.Name, b.Code, a.Code, a.NameOn(before), dec.Type),
						Hint: hint})
				}
			}
		}
		return nil
	})
}

// agenciesNamed are the agencies that had name at some time (SameName):
// an index of every agency's names, made the first time it is asked for
// (a row naming its agency otherwise is rare) and safe on every core.
func (r *Register) agenciesNamed(name string) []*Agency {
	r.named.once.Do(func() {
		r.named.by = map[string][]*Agency{}
		for _, b := range r.Agencies {
			for _, n := range b.names {
				k := model.NameKey(n.name)
				if !slices.Contains(r.named.by[k], b) {
					r.named.by[k] = append(r.named.by[k], b)
				}
			}
		}
	})
	return r.named.by[model.NameKey(name)]
}

// heldOn is the licence number of the agency's latest grant (新许可, 延续)
// decided on or before day, "" when it had none.
func heldOn(a *Agency, day model.Date) string {
	no := ""
	for _, dec := range a.Decisions {
		if dec.DecidedOn > day {
			break
		}
		if dec.Type.Grant() && dec.LicenceNo != "" {
			no = dec.LicenceNo
		}
	}
	return no
}

// firstGrant is the agency's first grant of licence number no.
func firstGrant(a *Agency, no string) *model.Decision {
	for _, dec := range a.Decisions {
		if dec.Type.Grant() && model.SameLicence(dec.LicenceNo, no) {
			return dec
		}
	}
	return nil
}

// checkStated holds what the register publishes against what the export's
// own 当前状态 says of the licence, on the agency's last row up to asOf
// (a 双公示 export marks a record a later one superseded 无效, so only the
// last row speaks of the licence as it is). A row that says the licence
// is not in force, while the agency is published as one that may dispatch
// workers (or a branch to ask its head office's licensing authority
// about), would publish as licensed an agency whose licence or 备案 the
// bureau's own system says ended (a branch's row marked so because its
// head office's licence ended is not, when the data holds that ending):
// the 注销 or 吊销 is missing from the export (a 吊销 is often only in the
// 行政处罚 one). Rows that end a licence, and a snapshot's rows, whose
// 当前状态 is read when loading, are not held to it. The other way round
// (1 or 有效 on a licence whose period is over, published as 已过期) is
// not reported: exports leave 当前状态 as it was at expiry too often for
// it to say that a 延续 is missing.
func (r *Register) checkStated(a *Agency, d *diag.List) {
	ds, asOf := r.Data, r.AsOf
	var last *model.Decision
	for _, dec := range a.Decisions {
		if !dec.Snapshot && dec.DecidedOn <= asOf {
			last = dec
		}
	}
	if last == nil || last.Stated == 0 || last.Type.Terminal() {
		return
	}
	s := a.On(asOf)
	if last.Stated.NotInForce() && (s.Status == model.StatusValid || s.Status == model.StatusFiled) && r.VerdictOn(a, s).Dispatch() != MayNot {
		what := "licence"
		if s.Status == model.StatusFiled {
			what = "备案"
		}
		if c := int(last.StatedCol); c > 0 {
			// another column than 当前状态: the agency's 经营状态, or one
			// that dates an ending (注销日期)
			heading := ""
			if hs := ds.Headings[last.Src.File]; c <= len(hs) {
				heading = strings.TrimSpace(hs[c-1])
			}
			d.Add(diag.Diagnostic{File: last.Src.File, Line: last.Src.Line, Col: c, Field: heading, Value: last.Stated.String(), Severity: diag.Error,
				Msg:  fmt.Sprintf("the export's column %s says the agency's licence or business ended (%s), but no decision in the data ends its %s: the agency would be published as %s", heading, last.Stated, what, s.Status),
				Hint: "add the 注销, 撤销 or 吊销 decision of the licence with its date (a 吊销 may be in the 行政处罚 export: put that file in data/ as penalties.csv), or clear the cell if the licence is in force"})
			return
		}
		pos := at(ds, last.Src, model.ColState.Title)
		d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col, Field: model.ColState.Title, Value: last.Stated.String(), Severity: diag.Error,
			Msg:  fmt.Sprintf("the export says the %s is not in force, but no decision in the data ends it: the agency would be published as %s", what, s.Status),
			Hint: "add the 注销, 撤销 or 吊销 decision with its date (a 吊销 may be in the 行政处罚 export: put that file in data/ as penalties.csv), or correct 当前状态 if the licence is in force (or build with --as-of the export's date, if it is later)"})
	}
}
