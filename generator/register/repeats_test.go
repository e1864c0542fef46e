package register

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"portal/generator/diag"
	"portal/generator/model"
)

// Two exports that overlap hold the rows they share in both: each such
// row is one decision, counted, announced and shown in the history once,
// whichever order the rows come in; the row read later (by file, then
// line) is the one warned of. An agency of many rows is compared by a map.
func TestRowsAlikePublishedOnce(t *testing.T) {
	in := func(file string, line int) func(*model.Decision) {
		return func(d *model.Decision) { d.Src = model.Source{File: file, Line: line} }
	}
	grant := dec(0, codeA, model.NewLicence, 20240101, in("licences/2024.csv", 5))
	again := dec(0, codeA, model.NewLicence, 20240101, in("licences/all.csv", 2))
	end := dec(0, codeA, model.Withdrawal, 20250301, in("licences/2025.csv", 9), note("穗人社罚〔2025〕1号", "违法转派"))
	endAgain := dec(0, codeA, model.Withdrawal, 20250301, in("licences/all.csv", 3), note("穗人社罚〔2025〕1号", "违法转派"))
	other := dec(0, codeB, model.NewLicence, 20240101, licence("L2"), in("licences/all.csv", 4))
	ds := &model.Dataset{Decisions: []*model.Decision{again, endAgain, other, grant, end}}
	r, diags := deriveT(t, ds)
	if len(ds.Decisions) != 3 {
		t.Errorf("the dataset keeps %d decisions, want 3", len(ds.Decisions))
	}
	a := r.Agency(codeA)
	if len(a.Decisions) != 2 || a.Status != model.StatusWithdrawn {
		t.Errorf("agency: %d decisions, %s", len(a.Decisions), a.Status)
	}
	for _, dup := range []*model.Decision{again, endAgain} {
		for _, d := range append(ds.Decisions, a.Decisions...) {
			if d == dup {
				t.Errorf("%s:%d is still published", dup.Src.File, dup.Src.Line)
			}
		}
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`licences/all.csv:2: warning: 公示类型 "新许可": the same row as licences/2024.csv:5`,
		`licences/all.csv:3: warning: 公示类型 "吊销": the same row as licences/2025.csv:9`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in\n%s", want, all)
		}
	}
	if strings.Contains(all, "error") || len(got) != 2 {
		t.Errorf("want the two warnings only, got\n%s", all)
	}

	// one decision published by two exports on their own days (or one
	// with no 公示日期): kept once, dated by the first 公示
	city := dec(0, codeA, model.NewLicence, 20240101, in("licences/guangzhou.csv", 4), func(d *model.Decision) { d.PublishedOn = 20240105 })
	province := dec(0, codeA, model.NewLicence, 20240101, in("licences/guangdong.csv", 8), func(d *model.Decision) { d.PublishedOn = 20240112 })
	undated := dec(0, codeA, model.NewLicence, 20240101, in("licences/all.csv", 8), func(d *model.Decision) { d.PublishedOn = 0 })
	ds = &model.Dataset{Decisions: []*model.Decision{undated, province, city}}
	r, _ = deriveT(t, ds)
	if a := r.Agency(codeA); len(ds.Decisions) != 1 || len(a.Decisions) != 1 || a.Decisions[0] != city {
		t.Errorf("published by two exports: %d decisions kept, want the city's (published 2024-01-05)", len(ds.Decisions))
	}

	// many rows: 20 weekly 变更 of one agency, each exported twice
	decs := []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)}
	for y := range 20 {
		on := model.Date(20250101).AddDays(7 * y)
		for _, line := range []int{100 + y, 200 + y} {
			decs = append(decs, dec(line, codeA, model.Change, on, changes(fmt.Sprintf("住所：%d", y))))
		}
	}
	ds = &model.Dataset{Decisions: decs}
	r, diags = deriveT(t, ds)
	if n := len(r.Agency(codeA).Decisions); n != 21 || len(ds.Decisions) != 21 || len(diags) != 20 {
		t.Errorf("many rows: %d decisions (%d in the dataset), %d diagnostics; want 21, 21, 20: %v", n, len(ds.Decisions), len(diags), diags)
	}
}

// So are the rows of the other tables: an annual check, a grade or a
// listing alike in every field to one read before it is published once,
// with a warning; a second result of the year that differs is still an
// error.
func TestOtherRowsAlikePublishedOnce(t *testing.T) {
	check := func(file string, line int, result model.CheckResult) *model.AnnualCheck {
		return &model.AnnualCheck{Src: model.Source{File: file, Line: line}, Year: 2024, Name: "甲公司", Code: codeA, Result: result, Authority: "天河局"}
	}
	grade := func(file string, line int) *model.Grade {
		return &model.Grade{Src: model.Source{File: file, Line: line}, Year: 2024, Name: "甲公司", Code: codeA, Grade: "A", Evaluator: "天河局"}
	}
	listing := func(file string, line int) *model.Listing {
		return &model.Listing{Src: model.Source{File: file, Line: line}, Code: codeA, Name: "甲公司", ListedOn: 20250101, Reason: "住所无法联系", Authority: "天河局"}
	}
	ds := &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
		Checks:   []*model.AnnualCheck{check("checks/all.csv", 2, model.CheckPass), check("checks/2024.csv", 7, model.CheckPass)},
		Grades:   []*model.Grade{grade("grades/all.csv", 3), grade("grades/2024.csv", 4)},
		Listings: []*model.Listing{listing("abnormal/all.csv", 5), listing("abnormal/2025.csv", 6)}}
	r, diags := deriveT(t, ds)
	a := r.Agency(codeA)
	if len(a.Checks) != 1 || len(a.Grades) != 1 || len(a.Listings) != 1 || len(ds.Checks) != 1 || len(ds.Grades) != 1 || len(ds.Listings) != 1 {
		t.Errorf("agency: %d checks, %d grades, %d listings; dataset: %d, %d, %d; want one of each", len(a.Checks), len(a.Grades), len(a.Listings), len(ds.Checks), len(ds.Grades), len(ds.Listings))
	}
	if a.Checks[0].Src.File != "checks/2024.csv" || a.Grades[0].Src.File != "grades/2024.csv" || a.Listings[0].Src.File != "abnormal/2025.csv" {
		t.Errorf("kept %s, %s, %s; want the rows read first", a.Checks[0].Src.File, a.Grades[0].Src.File, a.Listings[0].Src.File)
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		`abnormal/all.csv:5: warning: 列入日期 "2025-01-01": the same row as abnormal/2025.csv:6`,
		`checks/all.csv:2: warning: 年度 "2024": the same row as checks/2024.csv:7`,
		`grades/all.csv:3: warning: 评价年度 "2024": the same row as grades/2024.csv:4`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got  %s\nwant %s…", got[i], want[i])
		}
	}

	ds = &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
		Checks: []*model.AnnualCheck{check("checks/all.csv", 2, model.CheckPass), check("checks/2024.csv", 7, model.CheckFail)}}
	_, diags = deriveT(t, ds)
	if len(diags) != 1 || !strings.Contains(diags[0].String(), "a second 2024 result for this agency") {
		t.Errorf("two results of a year that differ: got %v", diags)
	}
}

// A 吊销 exported by the penalty system (data/penalties) and by the
// licensing system (a row of the licences export) is one decision,
// published as the licences export has it, whatever brackets either
// document number is written with; one whose document differs is another
// decision, and one of the two endings of the day is refused.
func TestPenaltyListedInLicencesToo(t *testing.T) {
	penalty := func(doc string) *model.Decision {
		return dec(0, codeA, model.Withdrawal, 20250301, licence("L1"), note(doc, ""), func(d *model.Decision) {
			d.Src, d.Penalty, d.PublishedOn = model.Source{File: "penalties.csv", Line: 2}, true, 0
		})
	}
	for _, tc := range []struct {
		name, doc string
		once      bool
	}{
		{"the same document", "穗人社罚〔2025〕1号", true},
		{"brackets of another kind", "穗人社罚[2025]1号", true},
		{"no document in the penalty", "", true},
		{"another document", "穗人社罚〔2025〕2号", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			row := dec(3, codeA, model.Withdrawal, 20250301, note("穗人社罚〔2025〕1号", "违法转派"))
			ds := &model.Dataset{Decisions: []*model.Decision{penalty(tc.doc), dec(2, codeA, model.NewLicence, 20240101), row}}
			r, diags := deriveT(t, ds)
			a := r.Agency(codeA)
			if a.Status != model.StatusWithdrawn {
				t.Errorf("status %s", a.Status)
			}
			errs := 0
			for _, d := range diags {
				if d.Severity == diag.Error {
					errs++
				}
			}
			if tc.once {
				if len(a.Decisions) != 2 || len(ds.Decisions) != 2 || !slices.Contains(a.Decisions, row) || errs > 0 ||
					len(diags) != 1 || !strings.Contains(diags[0].String(), `penalties.csv:2: warning: 处罚决定日期 "2025-03-01": the same 吊销 as licences.csv:3, which the licences export lists too`) {
					t.Errorf("%d decisions (%d in the dataset), diagnostics %v", len(a.Decisions), len(ds.Decisions), diags)
				}
			} else if errs != 1 || len(ds.Decisions) != 3 {
				t.Errorf("%d decisions in the dataset, diagnostics %v", len(ds.Decisions), diags)
			}
		})
	}
}

// An annual check two exports published on their own days is one result,
// dated by its first 公布; one that differs otherwise is a second result.
func TestCheckPublishedTwice(t *testing.T) {
	check := func(file string, on model.Date) *model.AnnualCheck {
		return &model.AnnualCheck{Src: model.Source{File: file, Line: 2}, Year: 2024, Name: "甲公司", Code: codeA, Result: model.CheckPass, Authority: "天河局", PublishedOn: on}
	}
	city, province := check("checks/guangzhou.csv", 20250620), check("checks/guangdong.csv", 20250701)
	ds := &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)}, Checks: []*model.AnnualCheck{province, city}}
	r, diags := deriveT(t, ds)
	if a := r.Agency(codeA); len(a.Checks) != 1 || a.Checks[0] != city || len(ds.Checks) != 1 {
		t.Errorf("%d checks kept, want the city's (published 2025-06-20)", len(ds.Checks))
	}
	if len(diags) != 1 || !strings.Contains(diags[0].String(), `checks/guangdong.csv:2: warning: 公布日期 "2025-07-01": the same result as checks/guangzhou.csv:2, every field alike but the 公布日期 (2025-06-20 there)`) {
		t.Errorf("diagnostics %v", diags)
	}
}
