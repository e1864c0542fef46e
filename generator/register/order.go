package register

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"portal/generator/diag"
	"portal/generator/model"
)

// order sorts one agency's decisions into the order they took effect: by
// date and, within a day, by meaning (model.DecisionType.Rank: what opens a
// record, then what changes it, then what ends it), never by where the
// rows stand in the files — only rows of one type on one day keep their
// file order, which decides nothing about the licence status (a period's
// grants are joined, two endings on a day are an error).
//
// A 撤销/吊销/注销 dated the same day as a 新许可 or 备案 is an error — the
// order would be a guess about whether the agency is licensed — but for
// one case the licence numbers settle: the ending names a licence the
// agency held before that day and the grant another (the old licence
// ended, a new one began the same day); the ending then goes first. Two
// decisions ending the licence on one day are an error too.
func order(ds *model.Dataset, decs []*model.Decision, d *diag.List) {
	slices.SortStableFunc(decs, byEffect)
	for i := 0; i < len(decs); {
		j := i + 1
		for j < len(decs) && decs[j].DecidedOn == decs[i].DecidedOn {
			j++
		}
		if j-i > 1 {
			resolveDay(ds, decs[i:j], decs[:i], d)
		}
		i = j
	}
}

// byEffect orders decisions by date, then meaning, then tag, then where
// they stand in the files (early returns: it runs for every pair of
// 220,000 decisions' comparisons).
func byEffect(a, b *model.Decision) int {
	switch {
	case a.DecidedOn != b.DecidedOn:
		return cmp.Compare(a.DecidedOn, b.DecidedOn)
	case a.Type != b.Type:
		if ra, rb := a.Type.Rank(), b.Type.Rank(); ra != rb {
			return ra - rb
		}
		return cmp.Compare(a.Type, b.Type)
	case a.Src.File != b.Src.File:
		return strings.Compare(a.Src.File, b.Src.File)
	}
	return a.Src.Line - b.Src.Line
}

// resolveDay orders the decisions of one day (sorted by rank) where a
// terminal decision meets a grant, and reports what cannot be ordered;
// before are the decisions of the days before.
func resolveDay(ds *model.Dataset, day, before []*model.Decision, d *diag.List) {
	var ends, opens []*model.Decision
	for _, dec := range day {
		switch {
		case dec.Type.Terminal():
			ends = append(ends, dec)
		case dec.Type.Rank() == 0:
			opens = append(opens, dec)
		}
	}
	if len(ends) > 1 {
		for _, e := range ends[1:] {
			msg := fmt.Sprintf("a second decision ending the licence on %s (%s at %s:%d): one of them is wrong", e.DecidedOn, ends[0].Type, ends[0].Src.File, ends[0].Src.Line)
			hint := "keep the decision that was taken and correct or remove the other row"
			if f := ends[0]; f.Type == e.Type && model.SameLicence(f.LicenceNo, e.LicenceNo) && (f.DocNo == e.DocNo || model.SameDocNo(f.DocNo, e.DocNo)) {
				// one decision in two rows: exports that overlap (a folder
				// of them, one a period), or a row pasted twice
				msg = fmt.Sprintf("the same %s as %s:%d, listed twice: it would be counted, announced and published twice", e.Type, f.Src.File, f.Src.Line)
				hint = "remove one of the rows (exports of periods that overlap list the decisions they share in both)"
			}
			d.Add(diag.Diagnostic{Severity: diag.Error, File: e.Src.File, Line: e.Src.Line, Col: ds.Col(e.Src.File, model.ColType.Title),
				Field: model.ColType.Title, Value: e.Type.String(), Msg: msg, Hint: hint})
		}
	}
	if len(ends) == 0 || len(opens) == 0 {
		return
	}
	end := ends[0]
	namesOpen := false // a grant of the day has the terminal decision's number
	for _, o := range opens {
		namesOpen = namesOpen || model.SameLicence(o.LicenceNo, end.LicenceNo)
	}
	held := slices.ContainsFunc(before, func(x *model.Decision) bool { return model.SameLicence(x.LicenceNo, end.LicenceNo) }) // a licence the agency held before
	switch {
	case held && !namesOpen:
		// it ends the licence held before: what else the day says of that
		// licence comes before it, the rest (the new grant) after it
		old := slices.DeleteFunc(slices.Clone(day), func(x *model.Decision) bool { return x == end || !model.SameLicence(x.LicenceNo, end.LicenceNo) })
		rest := slices.DeleteFunc(slices.Clone(day), func(x *model.Decision) bool { return x == end || model.SameLicence(x.LicenceNo, end.LicenceNo) })
		copy(day, append(append(old, end), rest...))
	default:
		// a licence granted and ended the same day, or an ending whose
		// number says nothing of which licence it ends: a guess either way
		o := opens[0]
		d.Add(diag.Diagnostic{Severity: diag.Error, File: end.Src.File, Line: end.Src.Line, Col: ds.Col(end.Src.File, model.ColType.Title),
			Field: model.ColType.Title, Value: end.Type.String(),
			Msg: fmt.Sprintf("a %s (licence %s) on the same day as the %s at %s:%d (licence %s), and the licence numbers do not tell which came first, so whether the agency is licensed cannot be known",
				end.Type, end.LicenceNo, o.Type, o.Src.File, o.Src.Line, o.LicenceNo),
			Hint: "a 撤销/吊销/注销 names the licence it ends: the number held before (then the new licence follows it) or the number granted that day"})
	}
}
