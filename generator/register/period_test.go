package register

import (
	"fmt"
	"strings"
	"testing"

	"portal/generator/model"
)

// A licence's period on each day it can change: the one in force while a
// 延续 decided ahead waits (with that 延续 as Next), the new one in a gap
// or once begun, the last one once ended — whatever the agency's
// ValidFrom and ValidTo (the period last decided) say.
func TestPeriodOn(t *testing.T) {
	r, _ := deriveT(t, &model.Dataset{Decisions: []*model.Decision{
		dec(2, codeA, model.NewLicence, 20231210, period(20231210, 20261209)),
		dec(3, codeA, model.Renewal, 20261102, period(20261220, 20291219)), // ten days' gap
		dec(4, codeB, model.NewLicence, 20231220, period(20231220, 20261219)),
		dec(5, codeB, model.Renewal, 20261012, period(20261220, 20291219)), // the day after
		dec(6, codeC, model.NewLicence, 20201001, period(20201001, 20230930)),
		dec(7, codeC, model.Revocation, 20220301),
	}})
	for code, want := range map[string]string{
		codeA: "2026-11-21: 有效 2023-12-10–2026-12-09 next 延续 2026-12-20|2026-12-10: 未生效 2026-12-20–2029-12-19|2026-12-20: 有效 2026-12-20–2029-12-19|2029-12-20: 已过期 2026-12-20–2029-12-19",
		codeB: "2026-11-21: 有效 2023-12-20–2026-12-19 next 延续 2026-12-20|2026-12-20: 有效 2026-12-20–2029-12-19|2029-12-20: 已过期 2026-12-20–2029-12-19",
		codeC: "2026-11-21: 已撤销 2020-10-01–2023-09-30",
	} {
		a := r.Agency(code)
		days := append([]model.Date{asOf}, a.PeriodChanges(asOf)...)
		var got []string
		for _, d := range days {
			p := a.PeriodOn(d)
			s := fmt.Sprintf("%s: %s %s–%s", d, p.Status, p.From, p.To)
			if p.Next != nil {
				s += fmt.Sprintf(" next %s %s", p.Next.Type, p.Next.ValidFrom)
			}
			got = append(got, s)
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%s:\n%s\nwant\n%s", code, strings.Join(got, "\n"), strings.ReplaceAll(want, "|", "\n"))
		}
	}
}
