package register

import (
	"fmt"

	"portal/generator/model"
)

// Verdict is the plain-words answer to "is this agency licensed?".
type Verdict struct {
	Headline string // 许可有效（有效期至 2027-03-04）
	Detail   string // what it means for the reader
	Icon     string // a text symbol shown with the colour, never colour alone
	Class    string // ok, warn, bad
}

// Verdict gives an agency's verdict as of the register's date, naming a
// branch's parent when the register holds it.
func (r *Register) Verdict(a *Agency) Verdict {
	switch a.Status {
	case model.StatusValid:
		return Verdict{fmt.Sprintf("许可有效（有效期至 %s）", a.ValidTo), "该单位持有有效的劳务派遣经营许可证，可以依法经营劳务派遣业务。", "✓", "ok"}
	case model.StatusFiled:
		parent := a.ParentCode
		if p := r.Agency(a.ParentCode); p != nil {
			parent = p.Name
		}
		return Verdict{fmt.Sprintf("已备案（总公司：%s，许可证编号 %s）", parent, a.LicenceNo), "该单位是分支机构，凭总公司的劳务派遣经营许可证经营，已在本地备案。", "✓", "ok"}
	case model.StatusExpired:
		return Verdict{fmt.Sprintf("许可已过期（%s 到期，未延续）", a.ValidTo), "该单位的许可有效期已届满且未延续，不得继续经营劳务派遣业务。", "!", "warn"}
	case model.StatusWithdrawn:
		return Verdict{fmt.Sprintf("许可已吊销（%s）", a.StatusSince), "该单位的劳务派遣经营许可证已被依法吊销，不得经营劳务派遣业务。", "✕", "bad"}
	case model.StatusRevoked:
		return Verdict{fmt.Sprintf("许可已撤销（%s）", a.StatusSince), "该单位的劳务派遣行政许可已被依法撤销，不得经营劳务派遣业务。", "✕", "bad"}
	case model.StatusCancelled:
		return Verdict{fmt.Sprintf("许可已注销（%s）", a.StatusSince), "该单位的劳务派遣经营许可已注销，不得经营劳务派遣业务。", "✕", "bad"}
	}
	return Verdict{Headline: "状态不明", Icon: "?", Class: "warn"}
}
