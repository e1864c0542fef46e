package register

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"portal/generator/diag"
	"portal/generator/model"
)

// Register is every agency as of AsOf.
type Register struct {
	AsOf     model.Date
	Agencies []*Agency // by code
	Regions  map[string]*model.Region
	Data     *model.Dataset
	byCode   map[string]*Agency
}

// Agency returns the agency with the credit code, or nil.
func (r *Register) Agency(code string) *Agency { return r.byCode[code] }

// RegionName returns the name of a region code, or the code itself.
func (r *Register) RegionName(code string) string {
	if g := r.Regions[code]; g != nil {
		return g.Name
	}
	return code
}

// Derive builds the register as of asOf from the dataset, adding every
// inconsistency to d. Rows that failed to load (no code, tag or date) have
// already been reported and are left out of the derivation so they do not
// cause a cascade of follow-on errors.
func Derive(ds *model.Dataset, asOf model.Date, d *diag.List) *Register {
	r := &Register{AsOf: asOf, Data: ds, byCode: make(map[string]*Agency, len(ds.Decisions)/3+1), Regions: make(map[string]*model.Region, len(ds.Regions))}
	for _, g := range ds.Regions {
		r.Regions[g.Code] = g
	}
	groups := make(map[string][]*model.Decision, len(ds.Decisions)/3+1)
	for _, dec := range ds.Decisions {
		if dec.Code == "" || dec.Type == 0 || dec.DecidedOn == 0 {
			continue
		}
		groups[dec.Code] = append(groups[dec.Code], dec)
	}
	codes := make([]string, 0, len(groups))
	for c := range groups {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	r.Agencies = make([]*Agency, 0, len(codes))
	for _, code := range codes {
		a := derive(code, groups[code], asOf, ds, d)
		r.Agencies = append(r.Agencies, a)
		r.byCode[code] = a
	}
	r.crossCheck(d)
	return r
}

// at points a diagnostic at a field of a decision's row.
func at(ds *model.Dataset, src model.Source, field string) diag.Pos {
	return diag.Pos{File: src.File, Line: src.Line, Col: ds.Col(src.File, field)}
}

func derive(code string, decs []*model.Decision, asOf model.Date, ds *model.Dataset, d *diag.List) *Agency {
	slices.SortStableFunc(decs, func(a, b *model.Decision) int {
		return cmp.Or(cmp.Compare(a.DecidedOn, b.DecidedOn), cmp.Compare(a.Src.File, b.Src.File), cmp.Compare(a.Src.Line, b.Src.Line))
	})
	a := &Agency{Code: code, Decisions: decs}
	var ended *model.Decision // the terminal decision in force, if any
	opened := false           // a 新许可 or 备案 has been seen
	for i, dec := range decs {
		if dec.DecidedOn > asOf {
			d.Errorf(at(ds, dec.Src, model.ColDecidedOn), model.ColDecidedOn, dec.DecidedOn.String(),
				"the decision is dated after the as-of date %s: fix the date, or build with --as-of set later", asOf)
		}
		if i > 0 {
			prev := decs[i-1]
			if prev.Type == dec.Type && prev.DecidedOn == dec.DecidedOn && prev.LicenceNo == dec.LicenceNo && prev.Changes == dec.Changes {
				d.Warnf(at(ds, dec.Src, model.ColType), model.ColType, dec.Type.String(), "the same decision as %s:%d is listed twice", prev.Src.File, prev.Src.Line)
			}
		}
		tagPos := at(ds, dec.Src, model.ColType)
		if ended != nil && dec.Type != model.NewLicence {
			d.Add(diag.Diagnostic{File: tagPos.File, Line: tagPos.Line, Col: tagPos.Col, Field: model.ColType, Value: dec.Type.String(), Severity: diag.Error,
				Msg:  fmt.Sprintf("the licence ended with %s on %s (%s:%d): only a 新许可 may follow", ended.Type, ended.DecidedOn, ended.Src.File, ended.Src.Line),
				Hint: "check the agency's 统一社会信用代码 and the decision dates"})
		}
		switch dec.Type {
		case model.NewLicence:
			if opened && ended == nil && a.Status == model.StatusValid && a.ValidTo >= dec.DecidedOn {
				d.Warnf(tagPos, model.ColType, dec.Type.String(), "a 新许可 while licence %s is valid until %s: should it be a 延续?", a.LicenceNo, a.ValidTo)
			}
			a.setPeriod(dec)
			a.Status, a.StatusSince = model.StatusValid, dec.DecidedOn
			if a.FirstLicensed == 0 {
				a.FirstLicensed = dec.DecidedOn
			}
			a.ParentCode = ""
			opened, ended = true, nil
		case model.Filing:
			if ended == nil {
				a.Status, a.StatusSince = model.StatusFiled, dec.DecidedOn
				a.ParentCode = dec.ParentCode
				if dec.ValidTo != 0 {
					a.setPeriod(dec)
				}
				if a.FirstLicensed == 0 {
					a.FirstLicensed = dec.DecidedOn
				}
			}
			opened = true
		case model.Change, model.Renewal:
			if !opened {
				d.Add(diag.Diagnostic{File: tagPos.File, Line: tagPos.Line, Col: tagPos.Col, Field: model.ColType, Value: dec.Type.String(), Severity: diag.Error,
					Msg:  fmt.Sprintf("a %s with no earlier 新许可 for this agency in the data", dec.Type),
					Hint: "add the agency's 新许可 row, or check the 统一社会信用代码"})
			}
			if ended != nil {
				break
			}
			if a.Status == model.StatusValid && a.ValidTo != 0 && a.ValidTo < dec.DecidedOn {
				d.Warnf(tagPos, model.ColType, dec.Type.String(), "the licence had expired on %s before this %s", a.ValidTo, dec.Type)
			}
			if dec.Type == model.Renewal {
				if a.Status == model.StatusFiled {
					d.Warnf(tagPos, model.ColType, dec.Type.String(), "a 延续 for a 备案 branch, which holds no licence of its own")
				}
				a.setPeriod(dec)
				a.Status, a.StatusSince = model.StatusValid, dec.DecidedOn
			} else if strings.Contains(dec.Changes, model.ColRegionName) && dec.Name == a.Name {
				d.Warnf(at(ds, dec.Src, model.ColChanges), model.ColChanges, dec.Changes, "says the name changed, but 行政相对人名称 is still %q", a.Name)
			}
		default: // 撤销 吊销 注销
			if !opened {
				d.Warnf(tagPos, model.ColType, dec.Type.String(), "a %s with no earlier 新许可 or 备案 for this agency in the data", dec.Type)
			}
			if ended == nil {
				a.Status, a.StatusSince = model.TerminalStatus(dec.Type), dec.DecidedOn
				ended = dec
			}
		}
		a.apply(dec)
	}
	if a.Status == model.StatusValid && a.ValidTo != 0 && a.ValidTo < asOf {
		a.Status, a.StatusSince = model.StatusExpired, a.ValidTo.AddDays(1)
	}
	a.FormerNames = dedupeFormer(a.FormerNames, a.Name)
	return a
}

// setPeriod takes a licence's number and validity from a 新许可 or 延续.
func (a *Agency) setPeriod(dec *model.Decision) {
	a.ValidFrom, a.ValidTo = dec.ValidFrom, dec.ValidTo
}

// apply takes the particulars a decision's row states as of its date.
func (a *Agency) apply(dec *model.Decision) {
	if a.Name == "" {
		a.names = append(a.names, datedName{dec.DecidedOn, dec.Name})
	} else if dec.Name != "" && dec.Name != a.Name {
		a.FormerNames = append(a.FormerNames, FormerName{Name: a.Name, Until: dec.DecidedOn})
		a.names = append(a.names, datedName{dec.DecidedOn, dec.Name})
	}
	if dec.Name != "" {
		a.Name = dec.Name
	}
	if dec.LicenceNo != "" && dec.LicenceNo != a.LicenceNo && dec.Type != model.Filing {
		if a.LicenceNo != "" && !slices.Contains(a.FormerLicenceNos, a.LicenceNo) {
			a.FormerLicenceNos = append(a.FormerLicenceNos, a.LicenceNo)
		}
		a.LicenceNo = dec.LicenceNo
	} else if a.LicenceNo == "" {
		a.LicenceNo = dec.LicenceNo
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&a.LegalRep, dec.LegalRep)
	set(&a.Address, dec.Address)
	set(&a.Capital, dec.Capital)
	set(&a.Authority, dec.Authority)
	set(&a.RegionCode, dec.RegionCode)
}

// dedupeFormer keeps each former name once (its latest use) and drops the current name.
func dedupeFormer(fs []FormerName, current string) []FormerName {
	if len(fs) == 0 {
		return nil
	}
	out := fs[:0]
	seen := map[string]int{}
	for _, f := range fs {
		if f.Name == current {
			continue
		}
		if i, ok := seen[f.Name]; ok {
			out[i].Until = f.Until
			continue
		}
		seen[f.Name] = len(out)
		out = append(out, f)
	}
	return out
}
