package register

import (
	"slices"

	"portal/generator/diag"
	"portal/generator/model"
)

// A folder of exports often holds one decision twice: exports of periods
// that overlap (2024年.xlsx and 2024-2025.xlsx), or the whole history
// exported again beside this month's. Both rows say the same, field by
// field; kept both, the decision would be counted twice in the statistics,
// announced twice, and shown twice in the agency's history — a 吊销
// listed twice was even refused as two endings of one day. So a row alike
// in every field to one read before it is published once, and said so.
// Rows of one decision that differ (another period, another head office, a
// 公示日期 or a remark of their own) are not alike: derive and the same-day
// order say what they make of them.

// dropRepeats returns decs without the rows alike in every field to a row
// read before them (in file and line order, however decs is ordered), and
// the rows it left out, each warned of at its 公示类型.
func dropRepeats(ds *model.Dataset, decs []*model.Decision, d *diag.List) (kept, repeats []*model.Decision) {
	if !maybeRepeated(decs) {
		return decs, nil
	}
	first := make(map[model.Decision]*model.Decision, len(decs)) // a row's fields → the first row of them
	for _, dec := range decs {
		k := rowKey(dec)
		if p, ok := first[k]; !ok || readBefore(dec.Src, p.Src) {
			first[k] = dec
		}
	}
	for _, dec := range decs {
		if p := first[rowKey(dec)]; p != dec {
			repeats = append(repeats, dec)
			d.Warnf(at(ds, dec.Src, model.ColType.Title), model.ColType.Title, dec.Type.String(),
				"the same row as %s:%d, every field alike (exports that overlap list the decisions they share in both): the decision is published once", p.Src.File, p.Src.Line)
		}
	}
	if repeats == nil {
		return decs, nil
	}
	return slices.DeleteFunc(decs, func(x *model.Decision) bool { return slices.Contains(repeats, x) }), repeats
}

// maybeRepeated reports whether two of decs may be one row twice: two of
// one day and type (an agency's decisions are few: compared in pairs; many
// are left to the map).
func maybeRepeated(decs []*model.Decision) bool {
	if len(decs) > 16 {
		return true
	}
	for i, a := range decs {
		for _, b := range decs[:i] {
			if a.DecidedOn == b.DecidedOn && a.Type == b.Type {
				return true
			}
		}
	}
	return false
}

// rowKey is what a row says: its fields but where it stands.
func rowKey(dec *model.Decision) model.Decision {
	k := *dec
	k.Src = model.Source{}
	return k
}

// readBefore reports whether a row at a is read before one at b.
func readBefore(a, b model.Source) bool {
	return a.File < b.File || a.File == b.File && a.Line < b.Line
}

// withoutRepeats is ds.Decisions without the repeated rows dropRepeats
// left out of the agencies (each list an agency's).
func withoutRepeats(all []*model.Decision, repeats [][]*model.Decision) []*model.Decision {
	drop := map[*model.Decision]bool{}
	for _, list := range repeats {
		for _, dec := range list {
			drop[dec] = true
		}
	}
	if len(drop) == 0 {
		return all
	}
	return slices.DeleteFunc(slices.Clone(all), func(x *model.Decision) bool { return drop[x] })
}
