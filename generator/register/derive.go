package register

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"portal/generator/calendar"
	"portal/generator/diag"
	"portal/generator/internal/par"
	"portal/generator/model"
)

// Register is every agency as of AsOf.
type Register struct {
	AsOf     model.Date
	Agencies []*Agency // by code
	Regions  map[string]*model.Region
	Data     *model.Dataset
	// Calendar is the working-day calendar deadlines were counted on
	// (its Uncovered years were counted Monday to Friday).
	Calendar *calendar.Calendar
	byCode   map[string]*Agency
	stats    struct { // Stats, counted once: stats.csv and /stats/ both read it
		once sync.Once
		rows []YearCity
	}
	named struct { // agenciesNamed's index, made when a row first names an agency otherwise
		once sync.Once
		by   map[string][]*Agency
	}
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
	// each agency's decisions, in the files' order, the agencies by code:
	// each code numbered as first met and its decisions counted, the codes
	// sorted, and the decisions placed in runs of one slice in that order
	// (sorting the decisions themselves by code compared their long common
	// prefixes four million times)
	ids := make(map[string]int32, len(ds.Decisions)/3+1)
	var seen []string
	var count []int
	gid := make([]int32, len(ds.Decisions))
	for i, dec := range ds.Decisions {
		gid[i] = -1
		if dec.Code == "" || dec.Type == 0 || dec.DecidedOn == 0 {
			continue
		}
		id, ok := ids[dec.Code]
		if !ok {
			id = int32(len(seen))
			ids[dec.Code] = id
			seen, count = append(seen, dec.Code), append(count, 0)
		}
		gid[i] = id
		count[id]++
	}
	byCode := make([]int32, len(seen))
	for i := range byCode {
		byCode[i] = int32(i)
	}
	slices.SortFunc(byCode, func(a, b int32) int { return strings.Compare(seen[a], seen[b]) })
	start, n := make([]int, len(seen)), 0
	for _, id := range byCode {
		start[id], n = n, n+count[id]
	}
	valid, next := make([]*model.Decision, n), slices.Clone(start)
	for i, dec := range ds.Decisions {
		if g := gid[i]; g >= 0 {
			valid[next[g]] = dec
			next[g]++
		}
	}
	codes, groups := make([]string, len(seen)), make([][]*model.Decision, len(seen))
	for k, id := range byCode {
		lo, hi := start[id], start[id]+count[id]
		codes[k], groups[k] = seen[id], valid[lo:hi:hi] // capped: an agency's appends never reach the next one's
	}
	// each agency is derived from its own decisions alone: on every core
	r.Agencies = make([]*Agency, len(codes))
	h := &hinter{codes: codes, runs: groups}
	orphans := make([][]*model.Decision, len(codes))
	var repeated repeatedRows
	var copied copiedRows // rows alike in two versions of a file (copies.go)
	par.Each(context.Background(), len(codes), func(_, i int) error {
		var repeats []*model.Decision
		groups[i], repeats = dropRepeats(ds, groups[i], &copied, d)
		repeated.addDecisions(repeats)
		r.Agencies[i], orphans[i] = derive(codes[i], groups[i], asOf, ds, d)
		return nil
	})
	repeated.dropFrom(ds) // counted, announced and published once
	// decisions with no licence to act on, reported with a hint at the
	// agency they were probably meant for (read once every agency is done)
	for _, list := range orphans {
		for _, dec := range list {
			errorAt(ds, d, dec, fmt.Sprintf("a %s for a code with no 新许可 or 备案 in the data: published, it would show an agency that was never licensed here", dec.Type),
				h.hint(dec))
		}
	}
	for _, a := range r.Agencies {
		r.byCode[a.Code] = a
	}
	r.linkHeads(d)
	r.crossCheck(&copied, d)
	copied.report(ds, d)
	r.Calendar = calendar.New(ds.Holidays)
	r.checkTimeliness(r.Calendar, d)
	return r
}

// grantedTo maps each licence number a 新许可 or 延续 granted to the codes
// it was granted to, in the rows' order: what a branch's number says of
// its head office (checkHeads), and who else held a number a decision
// ended (checkEndedElsewhere). crossCheck makes it once for both. It is
// keyed by model.LicenceKey: a number retyped on a branch's row is still
// its head office's (look it up with holdersOf).
func grantedTo(decs []*model.Decision) map[string][]string {
	granted := map[string][]string{}
	for _, g := range decs {
		if k := model.LicenceKey(g.LicenceNo); g.Type.Grant() && k != "" && !slices.Contains(granted[k], g.Code) {
			granted[k] = append(granted[k], g.Code)
		}
	}
	return granted
}

// holdersOf is the codes granted (grantedTo) says licence number no was
// granted to, however it is spelt.
func holdersOf(granted map[string][]string, no string) []string {
	return granted[model.LicenceKey(no)]
}

// at points a diagnostic at a field of a decision's row.
func at(ds *model.Dataset, src model.Source, field string) diag.Pos {
	return diag.Pos{File: src.File, Line: src.Line, Col: ds.Col(src.File, field)}
}

// periodChanged reports whether decs[i], a 变更, gives a licence's
// period (at most three years, TermTolerance allowed) ending after that
// of the licence in force (a.ValidTo, as the decisions before it left
// it) and other than that of every grant of its day (a 延续 of the same
// day may be ordered after it): a renewal a bureau tagged 变更, or a
// mistyped date. A 变更 keeps the licence's period, so the row's is not
// read; ignored without a word, it publishes a renewed licence as
// 已过期 — a licensed agency as one that may not operate. A row that
// leaves 有效期 empty, repeats the licence's own, ends earlier (the 变更
// document's own dates, which publish nothing longer than the licence),
// or ends past any licence's term (2099-12-31, the "no end" of 双公示
// exports) is read as before; a snapshot's row (model.Decision.Snapshot)
// carries the present licence's period, not the 变更's, and is left to
// the snapshot's rules.
func periodChanged(decs []*model.Decision, i int, a *Agency) bool {
	dec := decs[i]
	if dec.ValidTo == 0 || a.ValidTo == 0 || dec.ValidTo <= a.ValidTo || dec.Snapshot {
		return false
	}
	if from := cmp.Or(dec.ValidFrom, dec.DecidedOn); dec.ValidTo > from.AddYears(3).AddDays(model.TermTolerance) {
		return false // no licence's period: 2099-12-31, the 双公示 exports' "no end"
	}
	for _, o := range decs {
		if o.DecidedOn == dec.DecidedOn && o.Type.Grant() && o.ValidTo == dec.ValidTo {
			return false
		}
	}
	return true
}

// errorAt adds an error at the 公示类型 of dec.
func errorAt(ds *model.Dataset, d *diag.List, dec *model.Decision, msg, hint string) {
	p := at(ds, dec.Src, model.ColType.Title)
	d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: model.ColType.Title, Value: dec.Type.String(), Severity: diag.Error, Msg: msg, Hint: hint})
}

// derive works out one agency from its decisions; orphans are those that
// change, renew or end a licence the data never granted.
func derive(code string, decs []*model.Decision, asOf model.Date, ds *model.Dataset, d *diag.List) (a *Agency, orphans []*model.Decision) {
	order(ds, decs, d)
	a = &Agency{Code: code, Decisions: decs}
	earlier := earlierEndings(decs)    // the endings of an earlier licence only
	var ended *model.Decision          // the terminal decision in force, if any
	var cancelled *model.Decision      // the 注销 of the licence ended by a 撤销 or 吊销 (cancelsEnded)
	var granted, filed *model.Decision // the agency's first own grant and first 备案
	contradicted := false              // a grant and a 备案 reported
	for i, dec := range decs {
		tagPos := at(ds, dec.Src, model.ColType.Title)
		var name, no string // the agency's name and licence number its 变更事项 states, when the row gives the old ones (renamedTo, renumberedTo)
		if dec.DecidedOn > asOf {
			d.Errorf(at(ds, dec.Src, model.ColDecidedOn.Title), model.ColDecidedOn.Title, dec.DecidedOn.String(),
				"the decision is dated after the as-of date %s: fix the date, or build with --as-of set later", asOf)
		} else if dec.PublishedOn > asOf {
			// listed first among the announcements, and in the feeds, as
			// published on a day not yet come (most often a mistyped year)
			d.Errorf(at(ds, dec.Src, model.ColPublishedOn.Title), model.ColPublishedOn.Title, dec.PublishedOn.String(),
				"the 公示 is dated after the as-of date %s: fix the date, or build with --as-of set later", asOf)
		}
		twice := false // the decision before, listed again: said once, as that
		if i > 0 {
			prev := decs[i-1]
			if prev.Type == dec.Type && prev.DecidedOn == dec.DecidedOn && model.SameLicence(prev.LicenceNo, dec.LicenceNo) && prev.Changes == dec.Changes &&
				(prev.DocNo == "" || dec.DocNo == "" || model.SameDocNo(prev.DocNo, dec.DocNo)) { // two documents: two decisions
				twice = true
				switch {
				case (prev.ValidFrom != dec.ValidFrom || prev.ValidTo != dec.ValidTo) &&
					(dec.Type.Grant() || dec.Type == model.Filing && prev.ValidTo != 0 && dec.ValidTo != 0):
					// two exports of one grant that disagree on its period
					// (one of them corrected): one of them would be
					// published without a word, and the other may be right
					// (a 变更's or an ending's period is not read)
					p := at(ds, dec.Src, model.ColValidTo.Title)
					d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: model.ColValidTo.Title, Value: dec.ValidTo.String(), Severity: diag.Error,
						Msg: fmt.Sprintf("the same %s as %s:%d, listed again with another period (%s to %s there, %s to %s here): which one is the licence's cannot be told",
							dec.Type, prev.Src.File, prev.Src.Line, prev.ValidFrom, prev.ValidTo, dec.ValidFrom, dec.ValidTo),
						Hint: "keep the row with the period the decision gives, and remove the other"})
				case dec.Type == model.Filing && prev.ParentCode != dec.ParentCode:
					p := at(ds, dec.Src, model.ColParentCode.Title)
					d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: model.ColParentCode.Title, Value: dec.ParentCode, Severity: diag.Error,
						Msg: fmt.Sprintf("the same %s as %s:%d, listed again with another head office (%s there): which one the branch is filed under cannot be told",
							dec.Type, prev.Src.File, prev.Src.Line, prev.ParentCode),
						Hint: "keep the row with the head office the 备案 names, and remove the other"})
				default:
					d.Warnf(tagPos, model.ColType.Title, dec.Type.String(), "the same decision as %s:%d is listed twice", prev.Src.File, prev.Src.Line)
				}
			}
		}
		// after the day of the ending (a second ending on that day is the
		// same-day order's error, reported once there)
		if ended != nil && dec.DecidedOn > ended.DecidedOn && dec.Type != model.NewLicence && dec.Type != model.Filing {
			if last := cmp.Or(cancelled, ended); cancelled == nil && cancelsEnded(ended, dec) {
				cancelled = dec // the 注销 the law asks for: the licence stays 已吊销 or 已撤销
			} else if endsAgain(last, dec) {
				errorAt(ds, d, dec, fmt.Sprintf("the same %s as %s:%d (licence %s, document %s), dated %s there and %s here: a licence ends once, and which day it ended cannot be told",
					dec.Type, last.Src.File, last.Src.Line, cmp.Or(last.LicenceNo, dec.LicenceNo), cmp.Or(last.DocNo, dec.DocNo, "—"), last.DecidedOn, dec.DecidedOn),
					"correct the date of the row that is wrong (the decision document gives the day), or remove the row that repeats the other")
			} else {
				errorAt(ds, d, dec, fmt.Sprintf("the licence ended with %s on %s (%s:%d): only a 新许可 may follow", last.Type, last.DecidedOn, last.Src.File, last.Src.Line),
					"check the agency's 统一社会信用代码 and the decision dates")
			}
		}
		switch {
		case !contradicted && (dec.Type.Grant() && filed != nil || dec.Type == model.Filing && granted != nil):
			contradicted = true
			g, f := cmp.Or(granted, dec), cmp.Or(filed, dec)
			errorAt(ds, d, dec, fmt.Sprintf("this code has a licence of its own (%s at %s:%d) and is filed as a branch (%s at %s:%d): a 备案 branch works under its head office's licence and holds none itself",
				g.Type, g.Src.File, g.Src.Line, f.Type, f.Src.File, f.Src.Line),
				"check the 统一社会信用代码 of both rows: one of them belongs to another agency")
		case dec.Type != model.NewLicence && dec.Type != model.Filing && granted == nil && filed == nil:
			orphans = append(orphans, dec) // 变更, 延续, 撤销, 吊销, 注销 need a licence to change, renew or end
		}
		var status model.Status // before this decision, for the warnings of a grant
		if dec.Type.Grant() {
			status, _, _ = statusAt(decs[:i], earlier, dec.DecidedOn)
		}
		switch dec.Type {
		case model.NewLicence:
			cancelled = nil
			if status == model.StatusValid && !twice {
				d.Warnf(tagPos, model.ColType.Title, dec.Type.String(), "a 新许可 while licence %s is valid until %s: should it be a 延续?", a.LicenceNo, a.ValidTo)
			}
			a.ValidFrom, a.ValidTo = dec.ValidFrom, dec.ValidTo
			a.ParentCode = ""
			ended = nil
			if granted == nil {
				granted = dec
			}
		case model.Filing:
			cancelled = nil
			a.ParentCode = dec.ParentCode
			// a branch holds no licence period of its own: one its row
			// gives (most often its head office's, copied) is kept in its
			// history, not published as its licence's (checkFilingPeriods)
			ended = nil
			if filed == nil {
				filed = dec
			}
		case model.Renewal:
			if ended != nil {
				break
			}
			if status == model.StatusExpired {
				d.Warnf(tagPos, model.ColType.Title, dec.Type.String(), "the licence had expired on %s before this %s", a.ValidTo, dec.Type)
			}
			a.ValidFrom, a.ValidTo = dec.ValidFrom, dec.ValidTo
		case model.Change:
			if periodChanged(decs, i, a) {
				pos := at(ds, dec.Src, model.ColValidTo.Title)
				d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col,
					Field: model.ColValidTo.Title, Value: dec.ValidTo.String(), Severity: diag.Error,
					Msg:  fmt.Sprintf("this 变更 gives the licence a period ending %s, while the licence in force ends %s: a 变更 does not change the period, so the licence would be published as ending %s", dec.ValidTo, a.ValidTo, a.ValidTo),
					Hint: "if the licence was renewed, record the row as 延续 (公示类型); otherwise write the licence's own 有效期至 or leave 有效期 empty"})
			}
			if name = a.renamedTo(dec); name != "" {
				// the agency is known by its new name from this day on:
				// a search for the name on its business licence finds it
				d.Warnf(at(ds, dec.Src, model.ColChanges.Title), model.ColChanges.Title, dec.Changes,
					"says the name changed to %q, but 行政相对人名称 is still %q: the register names the agency %q from this 变更 on, with %q as a former name (曾用名)", name, dec.Name, name, a.Name)
			} else if strings.Contains(dec.Changes, changeOfName) && model.SameName(dec.Name, a.Name) {
				d.Warnf(at(ds, dec.Src, model.ColChanges.Title), model.ColChanges.Title, dec.Changes, "says the name changed, but 行政相对人名称 is still %q", a.Name)
			}
			if a.earlierNumber(dec) {
				d.Warnf(at(ds, dec.Src, model.ColLicenceNo.Title), model.ColLicenceNo.Title, dec.LicenceNo,
					"this 变更 names licence %s, which the agency held before %s: its licence number stays %s (if the licence was renumbered, write the new number)", dec.LicenceNo, a.LicenceNo, a.LicenceNo)
			}
			if no = a.renumberedTo(dec); no != "" {
				// the number on the certificate now: a search for it finds the agency
				pos := at(ds, dec.Src, model.ColChanges.Title)
				d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col,
					Field: model.ColChanges.Title, Value: dec.Changes, Severity: diag.Warning,
					Msg:  fmt.Sprintf("says the licence number changed to %s, but 许可证编号 is still %s: the register gives the agency licence number %s from this 变更 on, with %s as a former number", no, a.LicenceNo, no, a.LicenceNo),
					Hint: "write the new number in the row's 许可证编号, or correct the 变更事项"})
			}
		default: // 撤销 吊销 注销
			if earlier != nil && earlier[i] != 0 {
				lic := at(ds, dec.Src, model.ColLicenceNo.Title)
				if dec.Type != model.Cancellation {
					// a 吊销 or 撤销 is a sanction on the agency: of a licence
					// already replaced it is more likely a wrong number
					d.Add(diag.Diagnostic{File: lic.File, Line: lic.Line, Col: lic.Col, Field: model.ColLicenceNo.Title, Value: dec.LicenceNo, Severity: diag.Error,
						Msg:  fmt.Sprintf("this %s names licence %s, which a later 新许可 replaced with %s: it cannot be told whether it ends the licence in force or only the earlier one", dec.Type, dec.LicenceNo, a.LicenceNo),
						Hint: "write the 许可证编号 of the licence this decision ends"})
					earlier[i] = 0 // read as ending every licence, as before
				} else {
					d.Warnf(lic, model.ColLicenceNo.Title, dec.LicenceNo,
						"this 注销 names licence %s, which a later 新许可 replaced with %s: it is read as ending %s only, not %s (if that licence ended too, write its number)", dec.LicenceNo, a.LicenceNo, dec.LicenceNo, a.LicenceNo)
					break
				}
			}
			if dec.LicenceNo != "" && a.LicenceNo != "" && !model.SameLicence(dec.LicenceNo, a.LicenceNo) && !a.heldBefore(dec.LicenceNo) {
				// ended all the same: what the row says of the code wins
				d.Warnf(at(ds, dec.Src, model.ColLicenceNo.Title), model.ColLicenceNo.Title, dec.LicenceNo,
					"this %s names licence %s, which this agency was never granted (its licence is %s): it is read as ending %s; if the row is another agency's, correct its 统一社会信用代码", dec.Type, dec.LicenceNo, a.LicenceNo, a.LicenceNo)
			}
			if ended == nil {
				ended = dec
			}
		}
		if a.FirstLicensed == 0 && (dec.Type == model.NewLicence || dec.Type == model.Filing) {
			a.FirstLicensed = dec.DecidedOn
		}
		if renamed(a, dec) {
			d.Warnf(at(ds, dec.Src, model.ColName.Title), model.ColName.Title, dec.Name,
				"the agency was named %q until this %s, which is not a 变更 naming the change: add the 变更 (变更事项 名称：%s→%s) or correct the name", a.Name, dec.Type, a.Name, dec.Name)
		}
		a.apply(dec, cmp.Or(name, dec.Name), cmp.Or(no, dec.LicenceNo))
	}
	a.FormerNames = dedupeFormer(a.FormerNames, a.Name)
	a.Spans = ownSpans(decs, earlier) // linkHeads joins a branch's with its head office's
	return a, orphans
}

// cancelsEnded reports whether dec, on a day after ended, is the 注销 a
// licensing authority must record of a licence it withdrew (吊销) or
// annulled (撤销): 行政许可法 第七十条(四) and 劳务派遣行政许可实施办法
// ask for it, and the licensing system exports it — often beside the
// penalty system's 吊销 (data/penalties). It names the licence ended, or
// no licence. The licence stays ended as the 吊销 or 撤销 ended it: the
// agency is published 已吊销 or 已撤销, not 已注销, and the 注销 is in its
// history. A 注销 of the same day stays the same-day order's error (two
// endings of one day: one of them is wrong), and anything else after an
// ending derive's.
func cancelsEnded(ended, dec *model.Decision) bool {
	return dec.Type == model.Cancellation && (ended.Type == model.Withdrawal || ended.Type == model.Revocation) &&
		(dec.LicenceNo == "" || ended.LicenceNo == "" || model.SameLicence(dec.LicenceNo, ended.LicenceNo))
}

// endsAgain reports whether dec, of a later day, is the ending the licence
// already had (last) dated again: one decision exported by two systems (a
// penalty's 处罚决定日期 and the licensing system's day) or typed twice —
// the same kind, and the same 决定文书号, or, where a row gives none, the
// same licence (a licence ends once).
func endsAgain(last, dec *model.Decision) bool {
	if last.Type != dec.Type {
		return false
	}
	if last.DocNo != "" && dec.DocNo != "" {
		return model.SameDocNo(last.DocNo, dec.DocNo)
	}
	return last.LicenceNo != "" && dec.LicenceNo != "" && model.SameLicence(last.LicenceNo, dec.LicenceNo)
}

// changeOfName is the 变更事项 word a change of name is stated with.
const changeOfName = "名称"

// licenceNoWords are the 变更事项 words a change of licence number is
// stated with.
var licenceNoWords = []string{"许可证编号", "许可证号", "许可编号", "证书编号"} // 证书编号 within 许可证书编号 too

// arrows are the ways a 变更事项 says what a particular became.
var arrows = []string{"→", "->", "变更为", "变为", "改为"}

// statedChange is what a 变更事项 says the particular one of words names
// changed from and to: after the word, up to the next item (；;，,、 or a
// line break), the text before and after its last arrow (from without a
// leading 变更, 由 or 从: 名称由甲变更为乙); or, after a word written with
// 新, 现 or 变更后 before it (原名称：甲；变更后名称：乙), the item as to.
// of, when not nil, says whether the words before the word in its item
// (法定代表人 before 名称, 单位 before 名称) make it the particular asked
// for. "", "" when it states no new value.
func statedChange(changes string, words []string, of func(prefix string) bool) (from, to string) {
	const marks = " \t　：:。.“”\"'"
	const items = "；;，,、\n"
	for _, w := range words {
		for rest := changes; ; {
			i := strings.Index(rest, w)
			if i < 0 {
				break
			}
			before, item := rest[:i], rest[i+len(w):]
			rest = item
			if of != nil {
				prefix := before
				if j := strings.LastIndexAny(prefix, items); j >= 0 {
					_, n := utf8.DecodeRuneInString(prefix[j:])
					prefix = prefix[j+n:]
				}
				if !of(strings.Trim(prefix, marks)) {
					continue
				}
			}
			if j := strings.IndexAny(item, items); j >= 0 {
				item = item[:j]
			}
			for _, arrow := range arrows {
				if k := strings.LastIndex(item, arrow); k >= 0 {
					from = strings.Trim(item[:k], marks)
					for _, p := range []string{"变更", "由", "从"} {
						from = strings.Trim(strings.TrimPrefix(from, p), marks)
					}
					return from, strings.Trim(item[k+len(arrow):], marks)
				}
			}
			for _, p := range []string{"新", "现", "变更后", "变更后的"} {
				if strings.HasSuffix(before, p) {
					return "", strings.Trim(item, marks)
				}
			}
		}
	}
	return "", ""
}

// agencyName says whether the words before 名称 in a 变更事项's item make
// it the agency's own name — none, or 单位, 企业, 公司, 机构 or 劳务派遣单位,
// with 原, 新, 现 or 变更后 — and not another party's (法定代表人名称,
// 股东名称, 投资人名称, 上级单位名称).
func agencyName(prefix string) bool {
	for _, m := range []string{"变更后的", "变更后", "原", "新", "现"} {
		prefix = strings.TrimSuffix(strings.TrimPrefix(prefix, m), m)
	}
	switch prefix {
	case "", "单位", "企业", "公司", "机构", "劳务派遣单位", "派遣单位":
		return true
	}
	return false
}

// renumberedTo is, for a 变更 whose row still gives the agency's licence
// number, the new one its 变更事项 states (statedChange), when that is
// another number with a digit in it and, if it states the number changed
// from, that is the agency's; "" otherwise.
func (a *Agency) renumberedTo(dec *model.Decision) string {
	if dec.Type != model.Change || dec.LicenceNo == "" || !model.SameLicence(dec.LicenceNo, a.LicenceNo) {
		return ""
	}
	from, to := statedChange(dec.Changes, licenceNoWords, nil)
	if !strings.ContainsAny(to, "0123456789") || model.SameLicence(to, dec.LicenceNo) || from != "" && !model.SameLicence(from, a.LicenceNo) {
		return ""
	}
	return to
}

// renamedTo is the name a 变更 whose row still gives the agency's name, or
// a name it had before (行政相对人名称 written before the change, as exports
// often have it), says the agency took: its 变更事项's new 名称
// (statedChange), when it states one that is not the name it has and, if
// it states the name changed from, that is the agency's name; ""
// otherwise. A name is at least four characters, as any 劳务派遣 agency's
// is.
func (a *Agency) renamedTo(dec *model.Decision) string {
	if dec.Type != model.Change || !a.HadName(dec.Name) {
		return ""
	}
	from, to := statedChange(dec.Changes, []string{changeOfName}, agencyName)
	if utf8.RuneCountInString(to) < 4 || model.SameName(to, a.Name) || from != "" && !model.SameName(from, a.Name) {
		return ""
	}
	return to
}

// renamed reports whether dec names the agency differently without being
// a 变更 that states a change of 名称.
func renamed(a *Agency, dec *model.Decision) bool {
	if a.Name == "" || dec.Name == "" || model.SameName(dec.Name, a.Name) {
		return false
	}
	return dec.Type != model.Change || !strings.Contains(dec.Changes, changeOfName)
}

// earlierNumber reports whether dec, a 变更 or an ending, names the
// 许可证编号 of a licence the agency held before the one it holds: the
// number is that licence's, not the agency's now.
func (a *Agency) earlierNumber(dec *model.Decision) bool {
	return !dec.Type.Grant() && dec.Type != model.Filing && dec.LicenceNo != "" && !model.SameLicence(dec.LicenceNo, a.LicenceNo) &&
		a.heldBefore(dec.LicenceNo)
}

// heldBefore reports whether no, however it is spelt, is among the
// agency's former licence numbers.
func (a *Agency) heldBefore(no string) bool {
	return slices.ContainsFunc(a.FormerLicenceNos, func(n string) bool { return model.SameLicence(n, no) })
}

// apply takes the particulars a decision's row states as of its date
// (but a number earlierNumber says is an earlier licence's), the agency
// named name and its licence numbered no (the row's, or the ones its
// 变更事项 states: renamedTo, renumberedTo).
func (a *Agency) apply(dec *model.Decision, name, no string) {
	if a.Name == "" {
		a.names = append(a.names, datedName{dec.DecidedOn, name})
	} else if name != "" && !model.SameName(name, a.Name) {
		a.FormerNames = append(a.FormerNames, FormerName{Name: a.Name, Until: dec.DecidedOn})
		a.names = append(a.names, datedName{dec.DecidedOn, name})
	}
	if name != "" {
		a.Name = name
	}
	switch {
	case a.earlierNumber(dec):
		// the earlier licence's number: the agency's stays
	case no != "" && no != a.LicenceNo && dec.Type != model.Filing:
		// a number spelt another way is the same licence, no former one
		if a.LicenceNo != "" && !model.SameLicence(a.LicenceNo, no) && !a.heldBefore(a.LicenceNo) {
			a.FormerLicenceNos = append(a.FormerLicenceNos, a.LicenceNo)
		}
		// a number granted again is current, not former
		a.FormerLicenceNos = slices.DeleteFunc(a.FormerLicenceNos, func(n string) bool { return model.SameLicence(n, no) })
		a.LicenceNo = no
	case a.LicenceNo == "":
		a.LicenceNo = no
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

// linkHeads gives every agency its spans: its own, joined with its head office's (a
// branch's head office may be a branch itself), sets its status and date as
// of the register's date, and lists each head office's branches. A chain of
// head offices that comes back to itself is an error.
func (r *Register) linkHeads(d *diag.List) {
	const (
		todo = iota
		doing
		done
	)
	state := make(map[*Agency]int, len(r.Agencies))
	var link func(a *Agency) []Span
	link = func(a *Agency) []Span {
		switch state[a] {
		case done:
			return a.Spans
		case doing:
			return nil
		}
		state[a] = doing
		a.Spans = withHead(a.Spans, func(code string) []Span {
			p := r.byCode[code]
			if p == nil || p == a {
				return nil
			}
			head := link(p)
			if head == nil {
				errorAt(r.Data, d, a.Last(), fmt.Sprintf("the head office %s is, through its own 备案, filed under this agency: the chain of head offices goes round", p.Code),
					"check 上级单位统一社会信用代码 on the 备案 rows")
			}
			return head
		})
		state[a] = done
		return a.Spans
	}
	for _, a := range r.Agencies {
		link(a)
		s := a.On(r.AsOf)
		a.Status, a.StatusSince = s.Status, s.From
	}
	for _, a := range r.Agencies {
		if a.Status == model.StatusFiled && a.ParentCode != "" {
			if p := r.byCode[a.ParentCode]; p != nil && p != a {
				p.Branches = append(p.Branches, a.Code)
			}
		}
	}
}

// dedupeFormer keeps each former name once (its latest use) and drops the current name.
func dedupeFormer(fs []FormerName, current string) []FormerName {
	if len(fs) == 0 {
		return nil
	}
	out := fs[:0]
	seen := map[string]int{}
	for _, f := range fs {
		if model.SameName(f.Name, current) {
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
