package render

import (
	"encoding/json"
	"html/template"

	"portal/generator/model"
	"portal/generator/register"
)

// verdictTag is a verdict's short label as a badge: icon, words and colour
// together, never colour alone.
func verdictTag(v Verdict) template.HTML {
	return template.HTML(`<span class="status status-` + v.Class + `"><span class="icon" aria-hidden="true">` + esc(v.Icon) + `</span>` + esc(v.Label) + `</span>`)
}

// AgencyRef is another agency an agency page names — a head office or a
// branch — with its verdict.
type AgencyRef struct {
	*register.Agency
	V Verdict
}

func (r *Renderer) ref(a *register.Agency) AgencyRef {
	if a == nil {
		return AgencyRef{}
	}
	return AgencyRef{a, r.reg.Verdict(a)}
}

// spanVerdict is one span's verdict as templates/static/verdict.js reads it
// from the agency page's data-spans: it re-judges the banner against the
// reader's clock, and answers "was it licensed on this day?".
type spanVerdict struct {
	From    string `json:"f,omitempty"` // first day; "" for the span before the first decision
	Until   string `json:"u,omitempty"` // last day; "" when no end is known
	Class   string `json:"c"`
	Icon    string `json:"i"`
	Head    string `json:"h"`
	Detail  string `json:"d,omitempty"` // only for the span of the as-of date and later ones (the banner may become one of them)
	Grounds string `json:"g,omitempty"`
}

// spansJSON is every span's verdict of a, for data-spans.
func (r *Renderer) spansJSON(a *register.Agency) string {
	out := make([]spanVerdict, len(a.Spans))
	for i := range a.Spans {
		s := &a.Spans[i]
		v := r.reg.VerdictOn(a, s)
		out[i] = spanVerdict{From: s.From.String(), Until: s.Until.String(), Class: v.Class, Icon: v.Icon, Head: v.Headline, Grounds: v.Grounds}
		if s.Until == 0 || s.Until >= r.asOf {
			out[i].Detail = v.Detail
		}
	}
	b, _ := json.Marshal(out) // strings only: cannot fail
	return string(b)
}

// termNote says, beside a licence's 有效期 on its page, when the period no
// longer (or not yet) means the agency is licensed.
func termNote(a *register.Agency) string {
	switch a.Status {
	case model.StatusExpired:
		return "（已届满）"
	case model.StatusPending:
		return "（尚未开始）"
	case model.StatusWithdrawn, model.StatusRevoked, model.StatusCancelled:
		return "（许可" + a.Status.String() + "，有效期不再适用）"
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

// flags are the risk badges a list row or search result shows beside the
// name: 重点监控 (latest annual check 不合格) and 经营异常.
func (r *Renderer) flags(a *register.Agency) string {
	s := ""
	if a.Watch() != nil {
		s += ` <span class="flag flag-watch">重点监控</span>`
	}
	if a.Abnormal(r.asOf) {
		s += ` <span class="flag flag-abnormal">经营异常</span>`
	}
	return s
}
