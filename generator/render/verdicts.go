package render

import (
	"strings"

	"portal/generator/model"
	"portal/generator/register"
)

// AgencyRef is another agency an agency page names — a head office or a
// branch — with its verdict, and the tag's later forms (tagData).
type AgencyRef struct {
	*register.Agency
	V   Verdict
	Tag string
}

func (r *Renderer) ref(a *register.Agency) AgencyRef {
	if a == nil {
		return AgencyRef{}
	}
	return AgencyRef{a, r.reg.Verdict(a), r.tagData(a)}
}

// tagData is a's status tag (class, icon, label) from the span holding the
// as-of date on, as templates/static/verdict.js re-judges a tag on an
// agency page against the reader's clock: one line a span, its fields
// separated by tabs — first day, class, icon, label, and what a register
// list shows under 有效期至 (validCell). "" when no span
// follows the as-of date's (the tag cannot change). The page's banner
// carries whole verdicts (spansData), its own status tag goes with them;
// the tags of its head office and its branches, a register list's rows
// and a 许可公示牌 carry this, so that a page read after a licence ended
// does not say 已过期 of one agency and 有效 of the head office it follows.
func (r *Renderer) tagData(a *register.Agency) string {
	vs := r.reg.VerdictsFrom(a, r.asOf)
	if len(vs) < 2 {
		return ""
	}
	var b strings.Builder
	for i, v := range vs {
		if i > 0 {
			b.WriteByte('\n')
		}
		for j, f := range [...]string{v.From.String(), v.Class, v.Icon, v.Label, validCell(v)} {
			if j > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(flat.Replace(f))
		}
	}
	return b.String()
}

// spansData is every span's verdict of a as templates/static/verdict.js
// reads it from the agency page's data-spans: one line a span, its fields
// separated by tabs — first day ("" for the span before the first
// decision), last day ("" when no end is known), class, icon, headline,
// detail, grounds, label (the page's own status tag re-judged with the
// banner, so it needs no tagData of its own). The detail is given only for spans after the as-of
// date: the banner may become one of them; the as-of span's is on the
// page. Not JSON: html/template would write each of its quotes as &#34;,
// on 50,000 pages. Tabs and line breaks inside a text become spaces.
func (r *Renderer) spansData(a *register.Agency) string {
	var b strings.Builder
	b.Grow(160 * len(a.Spans))
	for i := range a.Spans {
		s := &a.Spans[i]
		v := r.reg.VerdictOn(a, s)
		if i > 0 {
			b.WriteByte('\n')
		}
		detail := ""
		if s.From > r.asOf {
			detail = v.Detail
		}
		for j, f := range [...]string{s.From.String(), s.Until.String(), v.Class, v.Icon, v.Headline, detail, v.Grounds, v.Label} {
			if j > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(flat.Replace(f))
		}
	}
	return b.String()
}

// flat turns the separators of spansData into spaces within a field.
var flat = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

// termNote says, beside a licence's 有效期 on its page, when the period no
// longer (or not yet) means the agency is licensed. Kept for themes
// written before TermView, which show the agency's ValidFrom and ValidTo
// with it.
func termNote(a *register.Agency) string { return periodNote(a, a.Status) }

// periodNote is termNote for the agency's status on some day.
func periodNote(a *register.Agency, s model.Status) string {
	switch s {
	case model.StatusExpired:
		return "（已届满）"
	case model.StatusPending:
		return "（尚未开始）"
	case model.StatusWithdrawn, model.StatusRevoked, model.StatusCancelled:
		return "（" + register.EndedWhat(a, s) + s.String() + "，有效期不再适用）"
	}
	return ""
}

// TermView is what an agency page and its 许可公示牌 say under 有效期:
// Text on the as-of date, and Later its forms on later days for
// verdict.js (data-term: a line a form, tab-separated: the first day it
// holds, its text), "" when the text stays as it is.
type TermView struct {
	Text, Later string
}

// term is a's TermView as of the build's date.
func (r *Renderer) term(a *register.Agency) TermView {
	t := TermView{Text: periodText(a, a.PeriodOn(r.asOf))}
	var b strings.Builder
	last := t.Text
	for _, d := range a.PeriodChanges(r.asOf) {
		text := periodText(a, a.PeriodOn(d))
		if text == last {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String() + "\t" + flat.Replace(text))
		last = text
	}
	t.Later = b.String()
	return t
}

// periodText words a period: its dates, and what they mean on its day
// (periodNote), or the later period already decided.
func periodText(a *register.Agency, p register.Period) string {
	text := p.From.String() + " 至 " + p.To.String()
	if n := p.Next; n != nil {
		if n.Type == model.Renewal {
			return text + "（已延续，新的有效期 " + n.ValidFrom.String() + " 至 " + n.ValidTo.String() + "）"
		}
		return text + "（新的许可有效期 " + n.ValidFrom.String() + " 至 " + n.ValidTo.String() + "，尚未开始）"
	}
	return text + periodNote(a, p.Status)
}

// validCell is what a register list shows under 有效期至: the last day a
// licence (or a branch's head office's) is in force, never the end of a
// period that no longer counts.
func validCell(v Verdict) string {
	switch {
	case v.OK():
		return v.Until.String()
	case v.Status == model.StatusPending:
		return "自 " + v.Until.AddDays(1).String() + " 起"
	case v.Status == model.StatusExpired:
		return "已于 " + v.From.AddDays(-1).String() + " 届满"
	}
	return "—"
}
