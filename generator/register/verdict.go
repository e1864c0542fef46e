package register

import (
	"fmt"

	"portal/generator/model"
)

// Verdict is the plain-words answer to "may this agency dispatch workers?"
// over one Span: as of the register's date (Register.Verdict), or on any
// day (Register.VerdictOn).
type Verdict struct {
	// Class is the style: ok (may dispatch), neutral (cannot be told
	// here: filed under a head office licensed elsewhere, or no record),
	// warn (not yet or no longer licensed) or bad (ended, or a branch of a
	// head office that may not dispatch). Icon goes with it: status is
	// never shown by colour alone.
	Class, Icon string
	Headline    string // 许可有效（有效期至 2027-03-04）
	Detail      string // what it means for the reader
	Label       string // short, for lists and search results: 有效, 已备案·总公司许可已吊销 …
	// Grounds is what the data says of a 撤销/吊销/注销: its 决定文书号 and
	// 备注 (reason), when given.
	Grounds string
	// HeadCode is the head office a branch's verdict depends on, to link
	// to when it is in this register (Head).
	HeadCode string
	Head     *Agency
	// From and Until bound the span the verdict holds for (Until 0: no end known).
	From, Until model.Date
	// Status is the agency's own status over the span.
	Status model.Status
}

// OK reports whether the verdict is that the agency may dispatch workers.
func (v Verdict) OK() bool { return v.Class == "ok" }

// Dispatch is the answer to "may this agency dispatch workers?"
// (可否经营劳务派遣) as the open data and search results give it.
type Dispatch uint8

const (
	MayNot       Dispatch = iota // 不得经营
	May                          // 可以经营
	AskElsewhere                 // 需向外地核实: a branch of a head office licensed elsewhere
)

// Dispatches is every answer, in the order summaries and the open data's
// enum list them.
var Dispatches = [...]Dispatch{May, AskElsewhere, MayNot}

func (d Dispatch) String() string {
	return [...]string{"不得经营", "可以经营", "需向外地核实"}[d]
}

// Dispatch is the verdict's answer: May when OK, AskElsewhere when it
// cannot be told here, MayNot otherwise.
func (v Verdict) Dispatch() Dispatch {
	switch {
	case v.OK():
		return May
	case v.Class == "neutral" && v.HeadCode != "":
		return AskElsewhere
	}
	return MayNot
}

// Verdict gives an agency's verdict as of the register's date.
func (r *Register) Verdict(a *Agency) Verdict { return r.VerdictOn(a, a.On(r.AsOf)) }

// VerdictsFrom is a's verdict on day d, then the verdict of every span
// after it, in order: what a page or a search result read on a later day
// may have to say (the as-of date's verdict first, then each from the day
// after the one before it ends).
func (r *Register) VerdictsFrom(a *Agency, d model.Date) []Verdict {
	at := SpanAt(len(a.Spans), func(i int) model.Date { return a.Spans[i].From }, d)
	out := make([]Verdict, 0, len(a.Spans)-at)
	for i := at; i < len(a.Spans); i++ {
		out = append(out, r.VerdictOn(a, &a.Spans[i]))
	}
	return out
}

// VerdictOn gives the verdict over span s of agency a. It is worked out
// each time it is asked for, not kept: kept for every span it was a tenth
// of the register's memory (120 MB at 200,000 agencies), which the
// collector marked again and again over the whole build, while working it
// out is a few words joined.
func (r *Register) VerdictOn(a *Agency, s *Span) Verdict {
	v := Verdict{From: s.From, Until: s.Until, Status: s.Status}
	switch s.Status {
	case model.StatusValid:
		v.Class, v.Icon, v.Label = "ok", "✓", "有效"
		v.Headline = model.Dated("许可有效（有效期至 ", s.Term, "）")
		v.Detail = "该单位持有有效的劳务派遣经营许可证，可以依法经营劳务派遣业务。"
	case model.StatusPending:
		v.Class, v.Icon, v.Label = "warn", "!", "未生效"
		v.Headline = model.Dated("许可尚未生效（自 ", s.Until.AddDays(1), " 起有效）")
		v.Detail = "该单位已获准劳务派遣经营许可，但许可有效期尚未开始，生效前不得经营劳务派遣业务。"
	case model.StatusExpired:
		v.Class, v.Icon, v.Label = "warn", "!", "已过期"
		v.Headline = model.Dated("许可已过期（", s.From.AddDays(-1), " 到期，未延续）")
		v.Detail = "该单位的许可有效期已届满且未延续，不得继续经营劳务派遣业务。"
	case model.StatusWithdrawn, model.StatusRevoked, model.StatusCancelled:
		v.Class, v.Icon, v.Label = "bad", "✕", s.Status.String()
		v.Headline = model.Dated(EndedWhat(a, s.Status)+s.Status.String()+"（", s.From, "）")
		switch {
		case s.Status == model.StatusWithdrawn:
			v.Detail = "该单位的劳务派遣经营许可证已被依法吊销，不得经营劳务派遣业务。"
		case EndedWhat(a, s.Status) == "备案":
			v.Detail = "该单位是分支机构，其劳务派遣备案" + s.Status.String() + "，不得再以该分支机构的名义经营劳务派遣业务。"
		case s.Status == model.StatusRevoked:
			v.Detail = "该单位的劳务派遣行政许可已被依法撤销，不得经营劳务派遣业务。"
		default:
			v.Detail = "该单位的劳务派遣经营许可已注销，不得经营劳务派遣业务。"
		}
		v.Grounds = grounds(s.By)
	case model.StatusFiled:
		r.filedVerdict(&v, a, s)
	default:
		v.Class, v.Icon, v.Label = "neutral", "–", s.Status.String()
		v.Headline = "尚无许可或备案记录"
		v.Detail = "本机关的数据中，该单位在这一日期之前没有劳务派遣经营许可或备案记录。"
	}
	return v
}

// EndedWhat is what an ending (撤销, 吊销, 注销) of the agency ended: "备案"
// for a branch's own 注销 or 撤销 — a 备案 branch holds no licence (a code
// is a branch or a licence holder, never both), so what ended is its
// filing under its head office's — and "许可" otherwise (a 吊销 names a
// licence).
func EndedWhat(a *Agency, ending model.Status) string {
	if a.ParentCode != "" && ending != model.StatusWithdrawn {
		return "备案"
	}
	return "许可"
}

// grounds is what a terminal decision's row says of it.
func grounds(d *model.Decision) string {
	if d == nil {
		return ""
	}
	switch {
	case d.DocNo != "" && d.Note != "":
		return fmt.Sprintf("决定文书号：%s；原因：%s", d.DocNo, d.Note)
	case d.DocNo != "":
		return "决定文书号：" + d.DocNo
	case d.Note != "":
		return "原因：" + d.Note
	}
	return ""
}

// filedVerdict is a 已备案 branch's verdict: it may dispatch only while its
// head office may.
func (r *Register) filedVerdict(v *Verdict, a *Agency, s *Span) {
	v.HeadCode = s.By.ParentCode // the head office of the 备案 in force
	v.Head = r.Agency(v.HeadCode)
	// A branch of a branch works under the licence of the top head office:
	// the verdict follows the chain to it, and its detail names that
	// office, not the branch in between (which holds no licence).
	h, holder := s.Head, v.HeadCode
	for h != nil && h.Status == model.StatusFiled {
		if h.By != nil {
			holder = h.By.ParentCode
		}
		h = h.Head
	}
	headName := "总公司"
	if top := r.Agency(holder); top != nil {
		headName = "总公司" + top.Name
	}
	switch {
	case h == nil:
		v.Class, v.Icon, v.Label = "neutral", "?", "已备案·总公司在外地"
		v.Headline = "已备案（总公司的许可不在本地名录中，请向发证机关核实）"
		v.Detail = fmt.Sprintf("该单位是分支机构，已在本地备案，凭总公司的劳务派遣经营许可证经营。总公司（统一社会信用代码 %s）的许可不在本地许可名录中，由其他地区的人力资源社会保障部门核发，本站无法判断该许可是否仍然有效：请通过国家企业信用信息公示系统或向总公司所在地的人力资源社会保障部门核实。", holder)
	case h.Status == model.StatusValid:
		v.Class, v.Icon, v.Label = "ok", "✓", "已备案"
		v.Headline = model.Dated("已备案（总公司许可有效至 ", h.Term, "）")
		v.Detail = fmt.Sprintf("该单位是分支机构，已在本地备案，凭%s的劳务派遣经营许可证经营。", headName)
	default:
		what := headState(h)
		v.Class, v.Icon, v.Label = "bad", "✕", "已备案·总公司许可"+h.Status.String()
		v.Headline = "已备案，但总公司许可" + what
		v.Detail = fmt.Sprintf("分支机构凭总公司的劳务派遣经营许可证经营。%s的许可%s，该分支机构也不得经营劳务派遣业务。", headName, what)
	}
}

// headState says what a head office's licence is over span h, with its date.
func headState(h *Span) string {
	switch h.Status {
	case model.StatusExpired:
		return model.Dated("已过期（", h.From.AddDays(-1), " 到期）")
	case model.StatusPending:
		return model.Dated("尚未生效（自 ", h.Until.AddDays(1), " 起有效）")
	case model.StatusWithdrawn, model.StatusRevoked, model.StatusCancelled:
		return model.Dated(h.Status.String()+"（", h.From, "）")
	}
	return "不在有效期内（当时尚无许可记录）"
}

// Watch returns the agency's latest annual check when it was 不合格: the
// agency is under 重点监控 (the licence status itself does not change).
func (a *Agency) Watch() *model.AnnualCheck {
	if c := a.LatestCheck(); c != nil && c.Result == model.CheckFail {
		return c
	}
	return nil
}
