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
// separated by tabs — first day, class, icon, label. "" when no span
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
		for j, f := range [...]string{v.From.String(), v.Class, v.Icon, v.Label} {
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
// longer (or not yet) means the agency is licensed.
func termNote(a *register.Agency) string {
	switch a.Status {
	case model.StatusExpired:
		return "（已届满）"
	case model.StatusPending:
		return "（尚未开始）"
	case model.StatusWithdrawn, model.StatusRevoked, model.StatusCancelled:
		return "（" + register.EndedWhat(a, a.Status) + a.Status.String() + "，有效期不再适用）"
	}
	return ""
}

// validCell is what a register list shows under 有效期至: the last day a
// licence (or a branch's head office's) is in force, never the end of a
// period that no longer counts.
func validCell(v Verdict, s model.Status) string {
	switch {
	case v.OK():
		return v.Until.String()
	case s == model.StatusPending:
		return "自 " + v.Until.AddDays(1).String() + " 起"
	case s == model.StatusExpired:
		return "已于 " + v.From.AddDays(-1).String() + " 届满"
	}
	return "—"
}
