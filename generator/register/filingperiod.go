package register

import (
	"context"
	"fmt"

	"portal/generator/diag"
	"portal/generator/internal/par"
	"portal/generator/model"
)

// checkFilingPeriods reports a 备案 whose row gives the branch a period of
// its own (有效期自/有效期至) that ends while the branch is still shown as
// able to dispatch under its head office's licence.
//
// A branch holds no licence period: it works under its head office's
// licence, and its verdict follows that licence. Exports give a 备案 row a
// period for two reasons. Most copy the head office's licence period onto
// the branch's row, and some write a far date for "no end"; both are safe
// to publish as a filing under the head office. A period that ends on a
// day none of the head office's licences ends, while that licence runs on,
// says something else: the filing itself may have ended. Which is meant
// cannot be told, and published as it stands, the branch would be shown
// as able to dispatch after the day its own row says its filing ends.
func (r *Register) checkFilingPeriods(d *diag.List) {
	par.Each(context.Background(), len(r.Agencies), func(_, i int) error {
		a := r.Agencies[i]
		for _, dec := range a.Decisions {
			if dec.Type != model.Filing || dec.ValidTo == 0 {
				continue
			}
			after := a.On(dec.ValidTo.AddDays(1))
			if after.By != dec || !after.Licensed() || r.headEndsOn(dec.ParentCode, dec.ValidTo) {
				continue
			}
			head := r.byCode[dec.ParentCode]
			pos := at(r.Data, dec.Src, model.ColValidTo.Title)
			d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col, Field: model.ColValidTo.Title, Value: dec.ValidTo.String(), Severity: diag.Error,
				Msg: fmt.Sprintf("this 备案 gives the branch a period ending %s, but a branch works under its head office's licence, and the licence of %s (%s) is in force after that day: published so, the branch would be shown as able to dispatch after the day its own row says it ends",
					dec.ValidTo, head.Code, head.Name),
				Hint: "if the filing has ended, add the branch's 注销 (公示类型) on the day it ended; if the period is not the filing's, leave 有效期自 and 有效期至 empty on the 备案 row, or write the head office's licence period"})
		}
		return nil
	})
}

// headEndsOn reports whether a licence of the head office code, or of a
// head office above it, ends on day: a 备案 row that copies its head
// office's licence period (one since renewed, perhaps) says nothing of
// its own.
func (r *Register) headEndsOn(code string, day model.Date) bool {
	// a chain of heads is short; a loop in it is reported elsewhere
	for h, n := r.byCode[code], 0; h != nil && n < 16; h, n = r.byCode[h.ParentCode], n+1 {
		for _, by := range h.Decisions {
			if by.Type.Grant() && by.ValidTo == day {
				return true
			}
		}
	}
	return false
}
