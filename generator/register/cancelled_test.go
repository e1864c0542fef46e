package register

import (
	"strings"
	"testing"

	"portal/generator/diag"
	"portal/generator/model"
)

// A licence withdrawn (吊销) or annulled (撤销) is then cancelled (注销) by
// the licensing authority, as 行政许可法 第七十条(四) asks: the 注销 is a
// decision of its own, published and kept in the history, and the licence
// stays ended as the 吊销 or 撤销 ended it. Anything else after an ending
// is still an error, as is a second 注销, one of another licence, and one
// 吊销 exported by two systems on two days.
func TestCancelledAfterEnding(t *testing.T) {
	penalty := func(d *model.Decision) {
		d.Src, d.Penalty, d.PublishedOn = model.Source{File: "penalties.csv", Line: d.Src.Line}, true, 0
	}
	for _, tc := range []struct {
		name   string
		decs   []*model.Decision
		status model.Status
		since  model.Date // the ending the agency is published with
		errs   []string   // substrings of the errors, in order; none: no error
	}{
		{name: "吊销 then 注销",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20230110), dec(3, codeA, model.Withdrawal, 20240820), dec(4, codeA, model.Cancellation, 20240910)},
			status: model.StatusWithdrawn, since: 20240820},
		{name: "撤销 then 注销 naming no licence",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20230110), dec(3, codeA, model.Revocation, 20240820), dec(4, codeA, model.Cancellation, 20250110, licence(""))},
			status: model.StatusRevoked, since: 20240820},
		{name: "a penalty's 吊销, the licensing system's 注销",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20230110), dec(2, codeA, model.Withdrawal, 20240820, licence(""), penalty), dec(4, codeA, model.Cancellation, 20240902)},
			status: model.StatusWithdrawn, since: 20240820},
		{name: "注销 then a new licence",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20200110), dec(3, codeA, model.Withdrawal, 20210820), dec(4, codeA, model.Cancellation, 20210901),
				dec(5, codeA, model.NewLicence, 20240301, licence("L2"))},
			status: model.StatusValid},
		{name: "注销 twice",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20230110), dec(3, codeA, model.Withdrawal, 20240820), dec(4, codeA, model.Cancellation, 20240910), dec(5, codeA, model.Cancellation, 20241010)},
			status: model.StatusWithdrawn, since: 20240820,
			errs: []string{`licences.csv:5: 公示类型 "注销": the same 注销 as licences.csv:4 (licence L1, document —), dated 2024-09-10 there and 2024-10-10 here`}},
		{name: "注销 of another licence",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20230110), dec(3, codeA, model.Withdrawal, 20240820), dec(4, codeA, model.Cancellation, 20240910, licence("L9"))},
			status: model.StatusWithdrawn, since: 20240820,
			errs: []string{`licences.csv:4: 公示类型 "注销": the licence ended with 吊销 on 2024-08-20`}},
		{name: "注销 then 吊销",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20230110), dec(3, codeA, model.Cancellation, 20240820), dec(4, codeA, model.Withdrawal, 20240910)},
			status: model.StatusCancelled, since: 20240820,
			errs: []string{`licences.csv:4: 公示类型 "吊销": the licence ended with 注销 on 2024-08-20`}},
		{name: "a 延续 after the 注销",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20230110), dec(3, codeA, model.Withdrawal, 20240820), dec(4, codeA, model.Cancellation, 20240910), dec(5, codeA, model.Renewal, 20250110)},
			status: model.StatusWithdrawn, since: 20240820,
			errs: []string{`licences.csv:5: 公示类型 "延续": the licence ended with 注销 on 2024-09-10`}},
		{name: "one 吊销 exported by two systems on two days",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20230110), dec(3, codeA, model.Withdrawal, 20240816, note("穗人社罚[2024]8号", ""), penalty),
				dec(4, codeA, model.Withdrawal, 20240820, note("穗人社罚〔2024〕8号", ""))},
			status: model.StatusWithdrawn, since: 20240816,
			errs: []string{`licences.csv:4: 公示类型 "吊销": the same 吊销 as penalties.csv:3 (licence L1, document 穗人社罚[2024]8号), dated 2024-08-16 there and 2024-08-20 here`}},
		{name: "one licence withdrawn on two days",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20230110), dec(3, codeA, model.Withdrawal, 20240816), dec(4, codeA, model.Withdrawal, 20240920)},
			status: model.StatusWithdrawn, since: 20240816,
			errs: []string{`licences.csv:4: 公示类型 "吊销": the same 吊销 as licences.csv:3 (licence L1, document —), dated 2024-08-16 there and 2024-09-20 here`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, diags := deriveT(t, &model.Dataset{Decisions: tc.decs})
			var errs []string
			for _, d := range diags {
				if d.Severity == diag.Error {
					errs = append(errs, d.String())
				}
			}
			if len(errs) != len(tc.errs) {
				t.Fatalf("errors:\n%s\nwant %d: %q", strings.Join(errs, "\n"), len(tc.errs), tc.errs)
			}
			for i, want := range tc.errs {
				if !strings.Contains(errs[i], want) {
					t.Errorf("error %d:\n%s\nwant %q", i, errs[i], want)
				}
			}
			a := r.Agency(codeA)
			if a.Status != tc.status {
				t.Errorf("status %s, want %s", a.Status, tc.status)
			}
			if len(a.Decisions) != len(tc.decs) {
				t.Errorf("%d decisions in the history, want all %d", len(a.Decisions), len(tc.decs))
			}
			if tc.since != 0 {
				if v := r.VerdictOn(a, a.On(asOf)); v.OK() || !strings.Contains(v.Headline, tc.since.String()) {
					t.Errorf("verdict %s %q, want not ok, since %s", v.Class, v.Headline, tc.since)
				}
			}
		})
	}
}
