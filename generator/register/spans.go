package register

import (
	"slices"
	"sort"

	"portal/generator/model"
)

// Span is a stretch of days over which what can be said of an agency is
// one thing: its own status and, for a 已备案 branch, its head office's
// span over those days. An agency's spans cover every day: the first starts
// at the zero date (before the first decision: no licence, status 0), the
// last is open-ended (Until 0), and each starts the day after the one
// before ends. They are what a verdict is judged from — as of the build's
// date, on the date a reader picks, and against the reader's clock when
// the page is read later than it was built.
type Span struct {
	From, Until model.Date // first and last day; Until 0: no end known
	Status      model.Status
	// Term is, for 有效, the last day of the licence period in force as
	// the data stood over the span (a 延续 decided later starts a new
	// span; a 吊销 cuts the span short of it).
	Term model.Date
	// By is the decision the status comes from: the grant in force or
	// not yet in force, the 撤销/吊销/注销, the 备案; nil for 已过期 and
	// before the first decision.
	By *model.Decision
	// Head is, for 已备案, the head office's span over these days; nil
	// when the head office is not in this register (licensed elsewhere).
	Head *Span
}

// Licensed reports whether the agency may dispatch workers over the span:
// it holds a licence in force, or it is a filed branch of a head office
// that may.
func (s *Span) Licensed() bool {
	switch s.Status {
	case model.StatusValid:
		return true
	case model.StatusFiled:
		return s.Head != nil && s.Head.Licensed()
	}
	return false
}

// On returns the span covering d.
func On(spans []Span, d model.Date) *Span {
	return &spans[SpanAt(len(spans), func(i int) model.Date { return spans[i].From }, d)]
}

// SpanAt is the number of the span covering d among n spans in order,
// the i-th starting on from(i) (the first span covers every day before the
// second's start): On for any list of spans, e.g. a cached copy.
func SpanAt(n int, from func(i int) model.Date, d model.Date) int {
	// the first span starting after d: the one before covers d
	i := sort.Search(n, func(i int) bool { return from(i) > d })
	return max(i-1, 0)
}

// grant is a licence period a 新许可 or 延续 put in force.
type grant struct {
	from, to model.Date
	dec      *model.Decision
}

// earlierEndings gives, for each of an agency's decisions in order, the
// day a later licence replaced the one a 撤销/吊销/注销 names, when its
// 许可证编号 is that of an earlier licence only: the first 新许可 dated after
// every grant (新许可, 延续) of that number, up to the ending's day. It is 0
// for every other decision, and the slice nil when no decision is such an
// ending (most agencies). A 注销 of the old certificate once a new licence
// was granted ends the periods granted before that day, not the licence in
// force.
func earlierEndings(decs []*model.Decision) []model.Date {
	licensed, ends := false, false
	for _, dec := range decs {
		licensed = licensed || dec.Type == model.NewLicence
		ends = ends || dec.Type.Terminal() && dec.LicenceNo != ""
	}
	if !licensed || !ends {
		return nil
	}
	var out []model.Date
	for i, end := range decs {
		if !end.Type.Terminal() || end.LicenceNo == "" {
			continue
		}
		last, granted := model.Date(0), false // the last grant of the number named
		for _, g := range decs[:i] {
			if g.Type.Grant() && model.SameLicence(g.LicenceNo, end.LicenceNo) {
				last, granted = max(last, g.DecidedOn), true
			}
		}
		if !granted {
			continue
		}
		for _, n := range decs[:i] { // in date order: the first is the replacement
			if n.Type == model.NewLicence && n.DecidedOn > last {
				if out == nil {
					out = make([]model.Date, len(decs))
				}
				out[i] = n.DecidedOn
				break
			}
		}
	}
	return out
}

// statusAt is the agency's own status on day d, from its decisions in the
// order they took effect (order): a 撤销/吊销/注销 ends every period granted
// before it — but one naming an earlier licence only (earlier, from
// earlierEndings; nil when there is none) ends the periods granted before
// the licence that replaced it; a
// 延续 renews only a licence granted by a 新许可; a period is in force from
// its 有效期自 (not before its decision) to its 有效期至; after the last one
// ends the licence has expired; a 备案 files a branch.
func statusAt(decs []*model.Decision, earlier []model.Date, d model.Date) (model.Status, *model.Decision, model.Date) {
	var buf [8]grant // most agencies have a few periods: no allocation
	live := buf[:0]
	var ended, filed *model.Decision
	licensed := false // a 新许可 since the last end: what a 延续 renews
	for i, dec := range decs {
		if dec.DecidedOn > d {
			break
		}
		switch {
		case dec.Type == model.NewLicence, dec.Type == model.Renewal && licensed:
			if dec.Type == model.NewLicence {
				ended, filed, licensed = nil, nil, true
			}
			if dec.ValidTo != 0 { // no 有效期至 (an error already reported): no period
				live = append(live, grant{max(dec.ValidFrom, dec.DecidedOn), dec.ValidTo, dec})
			}
		case dec.Type == model.Filing:
			ended, filed = nil, dec
		case earlier != nil && earlier[i] != 0:
			cut := earlier[i]
			live = slices.DeleteFunc(live, func(g grant) bool { return g.dec.DecidedOn < cut })
		case dec.Type.Terminal() && ended == nil:
			ended, live, filed, licensed = dec, nil, nil, false
		}
	}
	if ended != nil {
		return model.TerminalStatus(ended.Type), ended, 0
	}
	var in, pending *model.Decision
	var inTo model.Date
	for _, g := range live {
		switch {
		case g.from <= d && d <= g.to && g.to >= inTo:
			in, inTo = g.dec, g.to
		case g.from > d:
			pending = g.dec
		}
	}
	switch {
	case in != nil:
		return model.StatusValid, in, coveredUntil(live, d)
	case pending != nil:
		return model.StatusPending, pending, 0
	case len(live) > 0:
		return model.StatusExpired, nil, 0
	case filed != nil:
		return model.StatusFiled, filed, 0
	}
	return 0, nil, 0
}

// coveredUntil is the last day of the run of periods that covers d without
// a gap (a 延续 continues a licence the day after it ends).
func coveredUntil(live []grant, d model.Date) model.Date {
	end := d
	for grew := true; grew; {
		grew = false
		for _, g := range live {
			if g.from <= end.AddDays(1) && g.to > end {
				end, grew = g.to, true
			}
		}
	}
	return end
}

// ownSpans are the agency's spans from its own decisions alone: the
// status is evaluated on every day it can change (a decision, the start of
// a period, the day after one ends) and runs of one status are joined.
func ownSpans(decs []*model.Decision, earlier []model.Date) []Span {
	points := make([]model.Date, 0, 3*len(decs))
	for _, dec := range decs {
		points = append(points, dec.DecidedOn)
		if dec.Type.Grant() && dec.ValidTo != 0 {
			points = append(points, max(dec.ValidFrom, dec.DecidedOn), dec.ValidTo.AddDays(1))
		}
	}
	slices.Sort(points)
	points = slices.Compact(points)
	spans := []Span{{}} // before the first decision
	for _, p := range points {
		st, by, term := statusAt(decs, earlier, p)
		last := &spans[len(spans)-1]
		if st == last.Status && term == last.Term && (st == model.StatusValid || st == model.StatusExpired || by == last.By) {
			continue
		}
		spans = append(spans, Span{From: p, Status: st, By: by, Term: term})
	}
	closeSpans(spans)
	return spans
}

// closeSpans sets each span's Until to the day before the next begins.
func closeSpans(spans []Span) {
	for i := range spans {
		if i+1 < len(spans) {
			spans[i].Until = spans[i+1].From.AddDays(-1)
		} else {
			spans[i].Until = 0
		}
	}
}

// withHead splits a branch's own spans where its head office's change, so
// that every 已备案 span has one head office span: the head office its 备案
// names (headOf gives its spans; nil: it is not in this register).
func withHead(own []Span, headOf func(code string) []Span) []Span {
	if !slices.ContainsFunc(own, func(s Span) bool { return s.Status == model.StatusFiled }) {
		return own // not a branch
	}
	var out []Span
	for _, s := range own {
		var head []Span
		if s.Status == model.StatusFiled {
			head = headOf(s.By.ParentCode)
		}
		if head == nil {
			out = append(out, s)
			continue
		}
		for from := s.From; ; {
			h := On(head, from)
			piece := s
			piece.From, piece.Head = from, h
			out = append(out, piece)
			if h.Until == 0 || (s.Until != 0 && h.Until >= s.Until) {
				break
			}
			from = h.Until.AddDays(1)
		}
	}
	closeSpans(out)
	return out
}
