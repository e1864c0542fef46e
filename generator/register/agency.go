// Package register derives every agency's current state from its published
// decisions as of a date (DESIGN §5): status, current and former names
// (曾用名), licence number, validity, authority, region, parent of a branch,
// and attaches the agency's annual checks, grades and abnormal listings. It
// also cross-checks the tables against each other and reports what does not
// add up as diagnostics.
package register

import (
	"portal/generator/model"
)

// Agency is one 劳务派遣单位 as of the register's date.
type Agency struct {
	Code        string // 统一社会信用代码: the key, stable across renames
	Name        string // current name
	FormerNames []FormerName
	// Status is the agency's own status as of the register's date, and
	// StatusSince the day it began (the first day of its Span).
	Status           model.Status
	StatusSince      model.Date
	LicenceNo        string
	FormerLicenceNos []string // earlier numbers, e.g. before a re-licence
	ValidFrom        model.Date
	ValidTo          model.Date
	Authority        string // 许可机关 of the latest decision
	RegionCode       string
	ParentCode       string // for 备案 branches: the licensed parent
	LegalRep         string
	Address          string
	Capital          string // 注册资本（万元）as written
	FirstLicensed    model.Date
	Decisions        []*model.Decision // in date order
	Checks           []*model.AnnualCheck
	Grades           []*model.Grade
	Listings         []*model.Listing
	Branches         []string // codes of branches filed under this agency
	// Spans say what can be said of the agency on every day (Span); a
	// 已备案 branch's carry its head office's.
	Spans []Span
	names []datedName
}

// On returns the span covering d.
func (a *Agency) On(d model.Date) *Span { return On(a.Spans, d) }

// FormerName is a name the agency used until a decision renamed it.
type FormerName struct {
	Name  string
	Until model.Date // date of the decision that changed it
}

type datedName struct {
	from model.Date
	name string
}

// Last returns the latest decision.
func (a *Agency) Last() *model.Decision { return a.Decisions[len(a.Decisions)-1] }

// NameOn returns the name the agency had on d (its first name before its first decision).
func (a *Agency) NameOn(d model.Date) string {
	name := a.names[0].name
	for _, n := range a.names {
		if n.from > d {
			break
		}
		name = n.name
	}
	return name
}

// HadName reports whether name is the current or a former name.
func (a *Agency) HadName(name string) bool {
	if model.SameName(name, a.Name) {
		return true
	}
	for _, f := range a.FormerNames {
		if model.SameName(f.Name, name) {
			return true
		}
	}
	return false
}

// LatestCheck returns the most recent annual check, or nil.
func (a *Agency) LatestCheck() *model.AnnualCheck {
	if len(a.Checks) == 0 {
		return nil
	}
	return a.Checks[len(a.Checks)-1]
}

// CurrentGrade returns the latest grade if it is still valid on d, or nil.
func (a *Agency) CurrentGrade(d model.Date) *model.Grade {
	if len(a.Grades) == 0 {
		return nil
	}
	g := a.Grades[len(a.Grades)-1]
	if !g.ValidUntil.IsZero() && g.ValidUntil < d {
		return nil
	}
	return g
}

// Abnormal reports whether the agency is on the 经营异常名录 on d.
func (a *Agency) Abnormal(d model.Date) bool {
	for _, l := range a.Listings {
		if l.ListedOn <= d && !l.Removed(d) {
			return true
		}
	}
	return false
}

// FromSnapshot reports whether all the register knows of the agency is a
// current-licences snapshot's row (model.Decision.Snapshot): its present
// licence, without the decisions before it.
func (a *Agency) FromSnapshot() bool {
	for _, d := range a.Decisions {
		if !d.Snapshot {
			return false
		}
	}
	return len(a.Decisions) > 0
}
