package register

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"portal/generator/diag"
	"portal/generator/model"
)

var fuzzCodes = [...]string{codeA, codeB, codeC}

// fuzzDays are few, so that decisions often share a day.
var fuzzDays = [...]model.Date{20190301, 20200615, 20211231, 20220101, 20230710, 20250101, 20260301, 20261121}

// decisionsFrom reads four bytes a decision: which agency, which tag, which
// day, and a byte of variations (licence number and how it is spelt, a
// period starting later or lasting too long, which head office a 备案 names,
// a 变更 stating a new name or licence number).
func decisionsFrom(b []byte) []*model.Decision {
	var out []*model.Decision
	for i := 0; i+4 <= len(b) && len(out) < 24; i += 4 {
		code := fuzzCodes[int(b[i])%len(fuzzCodes)]
		typ := model.DecisionTypes[int(b[i+1])%len(model.DecisionTypes)]
		on := fuzzDays[int(b[i+2])%len(fuzzDays)]
		v := b[i+3]
		d := &model.Decision{Src: model.Source{File: "licences.csv", Line: len(out) + 2}, Code: code, Name: "公司" + code[16:], Type: typ,
			DecidedOn: on, LicenceNo: []string{"L1", "L2"}[v&1], RegionCode: "440106"}
		if v&8 != 0 { // the same number retyped (model.SameLicence)
			d.LicenceNo = []string{"第L-0001号", "l 2"}[v&1]
		}
		if typ.Grant() {
			from := on
			if v&2 != 0 {
				from = on.AddDays(40) // a period starting after its decision
			}
			d.ValidFrom, d.ValidTo = from, from.AddYears(3).AddDays(-1)
			if v&4 != 0 {
				d.ValidTo = from.AddDays(200)
			}
		}
		if typ == model.Change {
			d.Changes = "住所：甲→乙"
			if v&64 != 0 { // a new name stated while the row gives the old one (renamedTo)
				d.Changes = "名称：" + d.Name + "→新" + d.Name + "有限公司"
			}
			if v&128 != 0 { // a new licence number stated so (renumberedTo)
				d.Changes += "；许可证编号：" + d.LicenceNo + "→L9"
			}
		}
		if typ == model.Filing {
			d.ParentCode = []string{codeA, codeB, codeC, "91110000MA00000000"}[v>>4&3]
		}
		out = append(out, d)
	}
	return out
}

// coveredByGrant reports whether an agency's own grants cover d with no
// 撤销/吊销/注销 ending it up to d — one dated after the grant, or the same
// day naming the grant's licence number (a 延续 only after a 新许可): what
// "holds a licence on d" means,
// worked out without the register's code.
func coveredByGrant(decs []*model.Decision, d model.Date) bool {
	for _, g := range decs {
		if !g.Type.Grant() || g.DecidedOn > d || max(g.ValidFrom, g.DecidedOn) > d || g.ValidTo < d {
			continue
		}
		if g.Type == model.Renewal && !slices.ContainsFunc(decs, func(n *model.Decision) bool { return n.Type == model.NewLicence && n.DecidedOn <= g.DecidedOn }) {
			continue // a 延续 of nothing
		}
		ended := false
		for _, t := range decs {
			ended = ended || t.Type.Terminal() && t.DecidedOn <= d &&
				(t.DecidedOn > g.DecidedOn || t.DecidedOn == g.DecidedOn && model.SameLicence(t.LicenceNo, g.LicenceNo)) &&
				!endsOnlyEarlier(decs, t, g)
		}
		if !ended {
			return true
		}
	}
	return false
}

// endsOnlyEarlier reports whether t is a 注销 naming a licence number that a
// later 新许可 replaced by t's day — the first 新许可 dated after the number's
// last grant — while g was decided on or after that 新许可: t ends the
// earlier licence only.
func endsOnlyEarlier(decs []*model.Decision, t, g *model.Decision) bool {
	if t.Type != model.Cancellation || t.LicenceNo == "" {
		return false
	}
	last, granted := model.Date(0), false
	for _, x := range decs {
		if x.Type.Grant() && model.SameLicence(x.LicenceNo, t.LicenceNo) && x.DecidedOn <= t.DecidedOn {
			last, granted = max(last, x.DecidedOn), true
		}
	}
	replaced := model.Date(0)
	for _, n := range decs {
		if n.Type == model.NewLicence && n.DecidedOn > last && n.DecidedOn <= t.DecidedOn && (replaced == 0 || n.DecidedOn < replaced) {
			replaced = n.DecidedOn
		}
	}
	return granted && replaced != 0 && g.DecidedOn >= replaced
}

// licensedOn is coveredByGrant for an agency with a licence of its own,
// and for a branch: filed on d under a head office that is licensed on d.
func licensedOn(byCode map[string][]*model.Decision, code string, d model.Date, depth int) bool {
	rows := byCode[code]
	if slices.ContainsFunc(rows, func(r *model.Decision) bool { return r.Type == model.NewLicence }) {
		return coveredByGrant(rows, d)
	}
	f := filingOn(rows, d)
	return f != nil && depth < 8 && byCode[f.ParentCode] != nil && f.ParentCode != code && licensedOn(byCode, f.ParentCode, d, depth+1)
}

// filingOn returns the latest 备案 dated up to d that no 撤销/吊销/注销 up to d
// ended (as coveredByGrant), or nil.
func filingOn(decs []*model.Decision, d model.Date) *model.Decision {
	var in *model.Decision
	for _, f := range decs {
		if f.Type != model.Filing || f.DecidedOn > d || in != nil && f.DecidedOn < in.DecidedOn {
			continue
		}
		ended := false
		for _, t := range decs {
			ended = ended || t.Type.Terminal() && t.DecidedOn <= d &&
				(t.DecidedOn > f.DecidedOn || t.DecidedOn == f.DecidedOn && model.SameLicence(t.LicenceNo, f.LicenceNo))
		}
		if !ended {
			in = f
		}
	}
	return in
}

// contradicted reports whether some code has both a licence of its own and
// a 备案 — rows that contradict each other about what the agency is (an
// error): what it "holds" cannot be told from them.
func contradicted(byCode map[string][]*model.Decision) bool {
	for _, rows := range byCode {
		if slices.ContainsFunc(rows, func(r *model.Decision) bool { return r.Type.Grant() }) &&
			slices.ContainsFunc(rows, func(r *model.Decision) bool { return r.Type == model.Filing }) {
			return true
		}
	}
	return false
}

// FuzzDerive derives random decision sequences and checks what a reader
// must be able to trust:
//   - an agency is never shown as ok unless it holds a licence covering the
//     date, or is a filed branch of a head office that does (for rows that
//     do not make one code both licensed and a branch);
//   - an agency whose own grant covers the date, and that no decision ever
//     ended, is shown as ok;
//   - the order of the input rows never changes a verdict (for inputs
//     without errors: with errors nothing is published);
//   - the spans cover every day, one after another.
func FuzzDerive(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 1, 6, 1, 0, 0, 5, 4, 0})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 5, 1, 0, 6, 5, 0, 1, 6, 2, 0})
	f.Add([]byte{0, 0, 1, 2, 0, 2, 6, 0, 2, 6, 3, 0x10, 1, 6, 2, 0x30})
	f.Fuzz(func(t *testing.T, b []byte) {
		decs := decisionsFrom(b)
		if len(decs) == 0 {
			return
		}
		byCode := map[string][]*model.Decision{}
		for i, d := range decs {
			// a row alike in every field to one before it is that row
			// read again (exports that overlap): the register keeps the first
			if !slices.ContainsFunc(decs[:i], func(p *model.Decision) bool { return sameButSrc(p, d) }) {
				byCode[d.Code] = append(byCode[d.Code], d)
			}
		}
		if contradicted(byCode) {
			return
		}
		var l diag.List
		r := Derive(&model.Dataset{Decisions: clones(decs), Columns: map[string]map[string]int{}}, 20261121, &l)
		days := append(fuzzDays[:], 20180101, 20240101, 20280601, 20300101)
		for _, a := range r.Agencies {
			for i, s := range a.Spans {
				if i > 0 && s.From != a.Spans[i-1].Until.AddDays(1) || i == 0 && s.From != 0 {
					t.Fatalf("%s: spans do not follow each other: %+v", a.Code, a.Spans)
				}
			}
			for _, d := range days {
				s := a.On(d)
				v := r.VerdictOn(a, s)
				if v.OK() != s.Licensed() {
					t.Fatalf("%s on %s: verdict %s but Licensed %v", a.Code, d, v.Class, s.Licensed())
				}
				own := byCode[a.Code]
				holds := coveredByGrant(own, d)
				if s.Status == model.StatusFiled {
					holds = licensedOn(byCode, a.Code, d, 0)
				}
				if v.OK() && !holds {
					t.Fatalf("%s on %s shown ok (%s) without a licence covering the day", a.Code, d, v.Headline)
				}
				neverEnded, filed := true, false
				for _, x := range own {
					neverEnded = neverEnded && !x.Type.Terminal()
					filed = filed || x.Type == model.Filing
				}
				if holds && neverEnded && !filed && !v.OK() {
					t.Fatalf("%s on %s holds a licence no decision ended, but is shown %s (%s)", a.Code, d, v.Class, v.Headline)
				}
			}
		}
		if e, _ := l.Count(); e > 0 {
			return
		}
		rng := rand.New(rand.NewPCG(uint64(len(b)), uint64(b[0])))
		shuffled := clones(decs)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		var l2 diag.List
		r2 := Derive(&model.Dataset{Decisions: shuffled, Columns: map[string]map[string]int{}}, 20261121, &l2)
		for _, a := range r.Agencies {
			a2 := r2.Agency(a.Code)
			for _, d := range days {
				v, v2 := r.VerdictOn(a, a.On(d)), r2.VerdictOn(a2, a2.On(d))
				if v.Class != v2.Class || v.Headline != v2.Headline || v.From != v2.From || v.Until != v2.Until {
					t.Fatalf("%s on %s: %s %q, but %s %q with the rows shuffled", a.Code, d, v.Class, v.Headline, v2.Class, v2.Headline)
				}
			}
		}
	})
}

// sameButSrc reports whether a and b are alike in every field but where
// they stand and when they were published (the fuzzer's rows have no
// 公示日期, so the first row read is the one kept).
func sameButSrc(a, b *model.Decision) bool {
	x, y := *a, *b
	x.Src, y.Src, x.PublishedOn, y.PublishedOn = model.Source{}, model.Source{}, 0, 0
	return x == y
}

// statedChange never panics, says no more than the 变更事项 holds — each
// value a piece of it, within one item — and finds nothing where the word
// is not written.
func FuzzStatedChange(f *testing.F) {
	for _, c := range []string{"名称：甲→乙", "名称由甲变更为乙。", "原名称：甲；变更后名称：乙", "许可证编号：L1 -> L2，住所：x→y", "名称变更", "名称→", "→名称"} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, changes string) {
		for i, words := range [][]string{{changeOfName}, licenceNoWords} {
			from, to := statedChange(changes, words, [...]func(string) bool{agencyName, nil}[i])
			if !strings.Contains(changes, from) || !strings.Contains(changes, to) {
				t.Fatalf("statedChange(%q) = %q, %q: not pieces of it", changes, from, to)
			}
			if strings.ContainsAny(from, "；;，,、\n") || strings.ContainsAny(to, "；;，,、\n") {
				t.Fatalf("statedChange(%q) = %q, %q: across items", changes, from, to)
			}
			if !slices.ContainsFunc(words, func(w string) bool { return strings.Contains(changes, w) }) && from+to != "" {
				t.Fatalf("statedChange(%q) = %q, %q without the word", changes, from, to)
			}
		}
	})
}
