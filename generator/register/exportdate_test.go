package register

import (
	"strings"
	"testing"

	"portal/generator/diag"
	"portal/generator/model"
)

// An export that says it is of a day before the as-of date is warned of
// when a licence whose period ended on that day or since is published as
// 已过期 (a 延续 granted after the export was made is not in it). Not when
// no licence of that export ended since (another file's may, in a folder
// of city exports), when the day is not before the as-of date, or when a
// row of the export is dated after it (then it is not the export's).
func TestCheckExportDates(t *testing.T) {
	stated := func(day model.Date) []model.StatedDate {
		return []model.StatedDate{{File: "licences.csv", Line: 1, Text: "导出时间：" + day.String(), Date: day}}
	}
	for _, tc := range []struct {
		name   string
		decs   []*model.Decision
		stated []model.StatedDate
		want   string
	}{
		{"a licence ended after the export", []*model.Decision{dec(2, codeA, model.NewLicence, 20231020)}, stated(20260901),
			`licences.csv:1: warning: the export says it is of 2026-09-01 ("导出时间：2026-09-01"), 81 days before the as-of date 2026-11-21: 1 licences whose period ended since (one: ` + codeA + ` 甲公司, ended 2026-10-19)`},
		{"ended before the export", []*model.Decision{dec(2, codeA, model.NewLicence, 20231020)}, stated(20261101), ""},
		{"no day stated", []*model.Decision{dec(2, codeA, model.NewLicence, 20231020)}, nil, ""},
		{"stated as of the as-of date", []*model.Decision{dec(2, codeA, model.NewLicence, 20231020)}, stated(20261121), ""},
		{"another file's agency ended since", []*model.Decision{dec(2, codeA, model.NewLicence, 20231020, func(d *model.Decision) { d.Src.File = "licences/深圳.csv" }), dec(2, codeB, model.NewLicence, 20250101)}, stated(20260901), ""},
		{"a row dated after the stated day", []*model.Decision{dec(2, codeA, model.NewLicence, 20231020), dec(3, codeB, model.NewLicence, 20261001)}, stated(20260901), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := deriveT(t, &model.Dataset{Decisions: tc.decs, Stated: tc.stated})
			var l diag.List
			r.CheckExportDates(&l)
			got := ""
			for _, d := range l.Sorted() {
				got += d.String() + "\n"
			}
			if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}
