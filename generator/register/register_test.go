package register

import (
	"strings"
	"testing"

	"portal/generator/diag"
	"portal/generator/model"
)

const (
	codeA = "91440106MA5C00010W"
	codeB = "91440106MA5C00020X"
	asOf  = model.Date(20261121)
)

// dec is a compact decision: "YYYYMMDD tag" plus options.
func dec(line int, code string, typ model.DecisionType, on model.Date, opts ...func(*model.Decision)) *model.Decision {
	d := &model.Decision{Src: model.Source{File: "licences.csv", Line: line}, Code: code, Name: "甲公司", Type: typ, DecidedOn: on, PublishedOn: on, LicenceNo: "L1", RegionCode: "440106"}
	if typ == model.NewLicence || typ == model.Renewal {
		d.ValidFrom, d.ValidTo = on, on.AddYears(3).AddDays(-1)
	}
	for _, o := range opts {
		o(d)
	}
	return d
}

func named(n string) func(*model.Decision)   { return func(d *model.Decision) { d.Name = n } }
func licence(n string) func(*model.Decision) { return func(d *model.Decision) { d.LicenceNo = n } }
func parent(c string) func(*model.Decision)  { return func(d *model.Decision) { d.ParentCode = c } }

func deriveT(t *testing.T, ds *model.Dataset) (*Register, []diag.Diagnostic) {
	t.Helper()
	var l diag.List
	if ds.Columns == nil {
		ds.Columns = map[string]map[string]int{}
	}
	return Derive(ds, asOf, &l), l.Sorted()
}

func TestStatusRules(t *testing.T) {
	for _, tc := range []struct {
		name   string
		decs   []*model.Decision
		status model.Status
		check  func(t *testing.T, a *Agency)
	}{
		{"新许可 → 有效", []*model.Decision{dec(2, codeA, model.NewLicence, 20250101)}, model.StatusValid, nil},
		{"有效 past 有效期至 → 已过期", []*model.Decision{dec(2, codeA, model.NewLicence, 20200101)}, model.StatusExpired, func(t *testing.T, a *Agency) {
			if a.StatusSince != 20230101 {
				t.Errorf("expired since %s", a.StatusSince)
			}
		}},
		{"延续 → 有效 with the new period", []*model.Decision{dec(2, codeA, model.NewLicence, 20210101), dec(3, codeA, model.Renewal, 20231101, func(d *model.Decision) { d.ValidFrom, d.ValidTo = 20240101, 20261231 })}, model.StatusValid, func(t *testing.T, a *Agency) {
			if a.ValidTo != 20261231 {
				t.Errorf("valid to %s", a.ValidTo)
			}
		}},
		{"变更 keeps 有效 and renames; the old name is 曾用名", []*model.Decision{dec(2, codeA, model.NewLicence, 20250101, named("旧名")), dec(3, codeA, model.Change, 20250601, named("新名"))}, model.StatusValid, func(t *testing.T, a *Agency) {
			if a.Name != "新名" || len(a.FormerNames) != 1 || a.FormerNames[0].Name != "旧名" || a.FormerNames[0].Until != 20250601 {
				t.Errorf("name %q former %+v", a.Name, a.FormerNames)
			}
			if a.NameOn(20250301) != "旧名" || a.NameOn(20250601) != "新名" {
				t.Errorf("NameOn wrong")
			}
		}},
		{"a name spelt with half- and full-width brackets or a space is one name: no 曾用名", []*model.Decision{dec(2, codeA, model.NewLicence, 20230101, named("甲(黄埔)公司")), dec(3, codeA, model.Renewal, 20251201, named("甲（黄埔） 公司"))}, model.StatusValid, func(t *testing.T, a *Agency) {
			if a.Name != "甲（黄埔） 公司" || len(a.FormerNames) != 0 || !a.HadName("甲(黄埔)公司") {
				t.Errorf("name %q former %+v", a.Name, a.FormerNames)
			}
		}},
		{"撤销 → 已撤销", []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeA, model.Revocation, 20250301)}, model.StatusRevoked, nil},
		{"吊销 → 已吊销", []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeA, model.Withdrawal, 20250301)}, model.StatusWithdrawn, nil},
		{"注销 → 已注销", []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeA, model.Cancellation, 20250301)}, model.StatusCancelled, nil},
		{"re-licence after 注销 with a new number", []*model.Decision{dec(2, codeA, model.NewLicence, 20180101), dec(3, codeA, model.Cancellation, 20190301), dec(4, codeA, model.NewLicence, 20250101, licence("L2"))}, model.StatusValid, func(t *testing.T, a *Agency) {
			if a.LicenceNo != "L2" || len(a.FormerLicenceNos) != 1 || a.FormerLicenceNos[0] != "L1" || a.FirstLicensed != 20180101 {
				t.Errorf("licence %s former %v first %s", a.LicenceNo, a.FormerLicenceNos, a.FirstLicensed)
			}
		}},
		{"备案 → 已备案 with its parent", []*model.Decision{dec(2, codeB, model.Filing, 20250101, parent(codeA))}, model.StatusFiled, func(t *testing.T, a *Agency) {
			if a.ParentCode != codeA {
				t.Errorf("parent %q", a.ParentCode)
			}
		}},
		{"input order does not matter: decisions are taken by date", []*model.Decision{dec(3, codeA, model.Cancellation, 20250301), dec(2, codeA, model.NewLicence, 20250101)}, model.StatusCancelled, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, diags := deriveT(t, &model.Dataset{Decisions: tc.decs})
			for _, d := range diags {
				if d.Severity == diag.Error {
					t.Errorf("unexpected: %s", d)
				}
			}
			a := r.Agency(tc.decs[0].Code)
			if a.Status != tc.status {
				t.Fatalf("status %s, want %s", a.Status, tc.status)
			}
			if tc.check != nil {
				tc.check(t, a)
			}
		})
	}
}

func TestInconsistencies(t *testing.T) {
	for _, tc := range []struct {
		name string
		ds   *model.Dataset
		want string // substring of the one expected diagnostic
		sev  diag.Severity
	}{
		{"a decision after a terminal state other than 新许可", &model.Dataset{Decisions: []*model.Decision{
			dec(2, codeA, model.NewLicence, 20240101), dec(3, codeA, model.Withdrawal, 20240601), dec(4, codeA, model.Change, 20240901, func(d *model.Decision) { d.Changes = "住所" })}},
			"licences.csv:4: 公示类型 \"变更\": the licence ended with 吊销 on 2024-06-01", diag.Error},
		{"变更 with no prior 新许可", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.Change, 20240101, func(d *model.Decision) { d.Changes = "住所" })}},
			"a 变更 for a code with no 新许可 or 备案", diag.Error},
		{"延续 with no prior 新许可", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.Renewal, 20240101)}},
			"a 延续 for a code with no 新许可 or 备案", diag.Error},
		{"a decision dated after the as-of date", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20261201)}},
			"after the as-of date 2026-11-21", diag.Error},
		{"a 公示 dated after the as-of date", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20261120, func(d *model.Decision) { d.PublishedOn = 20261123 })}},
			"licences.csv:2: 公示日期 \"2026-11-23\": the 公示 is dated after the as-of date 2026-11-21", diag.Error},
		{"an annual check for an unknown agency", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Checks: []*model.AnnualCheck{{Src: model.Source{File: "annual-checks.csv", Line: 2}, Year: 2024, Code: codeB, Name: "乙", Result: model.CheckPass}}},
			"annual-checks.csv:2: 统一社会信用代码 \"91440106MA5C00020X\": no agency", diag.Error},
		{"a grade for an unknown agency", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Grades: []*model.Grade{{Src: model.Source{File: "grades.csv", Line: 2}, Year: 2025, Code: codeB, Grade: "A"}}},
			"grades.csv:2: 统一社会信用代码", diag.Error},
		{"a listing for an unknown agency", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Listings: []*model.Listing{{Src: model.Source{File: "abnormal.csv", Line: 2}, Code: codeB, ListedOn: 20250101}}},
			"abnormal.csv:2: 统一社会信用代码", diag.Error},
		{"a listing dated after the as-of date", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Listings: []*model.Listing{{Src: model.Source{File: "abnormal.csv", Line: 2}, Code: codeA, Name: "甲公司", ListedOn: 20261201}}},
			"abnormal.csv:2: 列入日期 \"2026-12-01\": the listing is dated after the as-of date 2026-11-21", diag.Error},
		{"a removal from the listing dated after the as-of date", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Listings: []*model.Listing{{Src: model.Source{File: "abnormal.csv", Line: 2}, Code: codeA, Name: "甲公司", ListedOn: 20250101, RemovedOn: 20270101}}},
			"abnormal.csv:2: 移出日期 \"2027-01-01\": the removal is dated after the as-of date 2026-11-21", diag.Error},
		{"an annual check for a year after the as-of date", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Checks: []*model.AnnualCheck{{Src: model.Source{File: "c.csv", Line: 2}, Year: 2027, Code: codeA, Name: "甲公司", Result: model.CheckPass}}},
			"c.csv:2: 年度 \"2027\": the year is after the as-of date 2026-11-21", diag.Error},
		{"a grade for a year after the as-of date", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Grades: []*model.Grade{{Src: model.Source{File: "g.csv", Line: 2}, Year: 2030, Code: codeA, Name: "甲公司", Grade: "A"}}},
			"g.csv:2: 评价年度 \"2030\": the year is after the as-of date 2026-11-21", diag.Error},
		{"an annual check published after the as-of date", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Checks: []*model.AnnualCheck{{Src: model.Source{File: "c.csv", Line: 2}, Year: 2026, Code: codeA, Name: "甲公司", Result: model.CheckPass, PublishedOn: 20261201}}},
			"c.csv:2: 公布日期 \"2026-12-01\": the result is dated after the as-of date 2026-11-21", diag.Error},
		{"two results for one year", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Checks: []*model.AnnualCheck{{Src: model.Source{File: "c.csv", Line: 2}, Year: 2024, Code: codeA, Name: "甲公司", Result: model.CheckPass}, {Src: model.Source{File: "c.csv", Line: 3}, Year: 2024, Code: codeA, Name: "甲公司", Result: model.CheckFail}}},
			"c.csv:3: 年度 \"2024\": a second 2024 result", diag.Error},
		{"a name in a check that differs from the register's name at the time", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Checks: []*model.AnnualCheck{{Src: model.Source{File: "c.csv", Line: 2}, Year: 2024, Code: codeA, Name: "别名公司", Result: model.CheckPass}}},
			"c.csv:2: warning: 行政相对人名称 \"别名公司\": the register names", diag.Warning},
		{"a 不合格 under one agency's code, in another's name", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101), dec(3, codeB, model.NewLicence, 20240101, named("乙公司"), licence("L2"))},
			Checks: []*model.AnnualCheck{{Src: model.Source{File: "c.csv", Line: 2}, Year: 2024, Code: codeA, Name: "乙公司", Result: model.CheckFail, FailReasons: "违规经营"}}},
			"c.csv:2: 行政相对人名称 \"乙公司\": the register names 91440106MA5C00010W \"甲公司\" on 2025-06-30, and \"乙公司\" is the name of 91440106MA5C00020X then: which of the two agencies the row is of cannot be told", diag.Error},
		{"a listing in the name another agency took only later", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101), dec(3, codeB, model.NewLicence, 20250601, named("乙公司"), licence("L2"))},
			Listings: []*model.Listing{{Src: model.Source{File: "abnormal.csv", Line: 2}, Code: codeA, Name: "乙公司", ListedOn: 20250101}}},
			"abnormal.csv:2: warning: 行政相对人名称 \"乙公司\": the register names", diag.Warning},
		{"a 变更 that gives the licence another period", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20230101),
			dec(3, codeA, model.Change, 20251101, func(d *model.Decision) { d.Changes = "有效期"; d.ValidFrom, d.ValidTo = 20260101, 20281231 })}},
			"licences.csv:3: 有效期至 \"2028-12-31\": this 变更 gives the licence a period ending 2028-12-31, while the licence in force ends 2025-12-31", diag.Error},
		{"a 变更 renumbering the licence whose row keeps the old number", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101),
			dec(3, codeA, model.Change, 20250101, func(d *model.Decision) { d.Changes = "许可证编号：L1→L2" })}},
			"licences.csv:3: warning: 变更事项 \"许可证编号：L1→L2\": says the licence number changed to L2, but 许可证编号 is still L1", diag.Warning},
		{"one 新许可 listed twice with two periods", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101),
			dec(3, codeA, model.NewLicence, 20240101, period(20240101, 20261130))}},
			"licences.csv:3: 有效期至 \"2026-11-30\": the same 新许可 as licences.csv:2, listed again with another period (2024-01-01 to 2026-12-31 there, 2024-01-01 to 2026-11-30 here)", diag.Error},
		{"one 备案 listed twice under two head offices", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101), dec(3, codeC, model.NewLicence, 20240101, licence("L3")),
			dec(4, codeB, model.Filing, 20240601, parent(codeA), licence("")), dec(5, codeB, model.Filing, 20240601, parent(codeC), licence(""))}},
			"licences.csv:5: 上级单位统一社会信用代码 \"91440106MA5C00030Y\": the same 备案 as licences.csv:4, listed again with another head office (91440106MA5C00010W there)", diag.Error},
		{"one 变更 listed twice, one with the licence's period", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101),
			dec(3, codeA, model.Change, 20250101, changes("住所")), dec(4, codeA, model.Change, 20250101, changes("住所"), period(20240101, 20261231))}},
			"licences.csv:4: warning: 公示类型 \"变更\": the same decision as licences.csv:3 is listed twice", diag.Warning},
		{"one listing twice, removed in one row only", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Listings: []*model.Listing{{Src: model.Source{File: "abnormal.csv", Line: 2}, Code: codeA, Name: "甲公司", Reason: "住所无法联系", ListedOn: 20250101, RemovedOn: 20250601},
				{Src: model.Source{File: "abnormal.csv", Line: 3}, Code: codeA, Name: "甲公司", Reason: "住所无法联系", ListedOn: 20250101}}},
			"abnormal.csv:3: 移出日期 \"\": the same listing as abnormal.csv:2 (listed 2025-01-01 for the same reason), with another 移出日期 than that row's", diag.Error},
		{"one listing twice alike", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Listings: []*model.Listing{{Src: model.Source{File: "abnormal.csv", Line: 2}, Code: codeA, Name: "甲公司", Reason: "住所无法联系", ListedOn: 20250101},
				{Src: model.Source{File: "abnormal.csv", Line: 3}, Code: codeA, Name: "甲公司", Reason: "住所无法联系", ListedOn: 20250101}}},
			"abnormal.csv:3: warning: 列入日期 \"2025-01-01\": the same row as abnormal.csv:2, every field alike (exports that overlap list the rows they share in both): the row is published once", diag.Warning},
		{"one listing twice, the authority written two ways", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)},
			Listings: []*model.Listing{{Src: model.Source{File: "abnormal.csv", Line: 2}, Code: codeA, Name: "甲公司", Reason: "住所无法联系", ListedOn: 20250101, Authority: "天河区市场监督管理局"},
				{Src: model.Source{File: "abnormal.csv", Line: 3}, Code: codeA, Name: "甲公司", Reason: "住所无法联系", ListedOn: 20250101, Authority: "广州市天河区市场监督管理局"}}},
			"abnormal.csv:3: warning: 列入日期 \"2025-01-01\": the same listing as abnormal.csv:2 is listed twice", diag.Warning},
		{"a 新许可 while the licence is still valid", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101), dec(3, codeA, model.NewLicence, 20250101)}},
			"should it be a 延续?", diag.Warning},
		{"one licence number granted to two agencies", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101), dec(3, codeB, model.NewLicence, 20250101)}},
			"the same licence number is held by 91440106MA5C00010W", diag.Warning},
		{"a region code with no name", &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101)}, Regions: []*model.Region{{Code: "440100", Name: "广州市"}}},
			"no name for this region code", diag.Warning},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := deriveT(t, tc.ds)
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got %d: %v", len(diags), diags)
			}
			if got := diags[0].String(); !strings.Contains(got, tc.want) || diags[0].Severity != tc.sev {
				t.Fatalf("got  %s\nwant %s (%s)", got, tc.want, tc.sev)
			}
		})
	}
}

func TestBranchesAndCurrentState(t *testing.T) {
	r, _ := deriveT(t, &model.Dataset{
		Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeB, model.Filing, 20250201, parent(codeA))},
		Grades:    []*model.Grade{{Year: 2024, Code: codeA, Name: "甲公司", Grade: "B", ValidUntil: 20251231}},
		Listings:  []*model.Listing{{Code: codeA, Name: "甲公司", ListedOn: 20250301, RemovedOn: 20260101}, {Code: codeA, Name: "甲公司", ListedOn: 20260601}},
	})
	a := r.Agency(codeA)
	if len(a.Branches) != 1 || a.Branches[0] != codeB {
		t.Errorf("branches %v", a.Branches)
	}
	if a.CurrentGrade(asOf) != nil {
		t.Errorf("a grade valid until 2025-12-31 is not current on %s", asOf)
	}
	if !a.Abnormal(asOf) || a.Abnormal(20260301) != false {
		t.Errorf("abnormal state wrong")
	}
}

// A 变更 whose 有效期 is empty, repeats the licence's own (a 变更 dated
// from its own day, as some systems write it), ends earlier, ends past
// any licence's term, or is that of a 延续 of the same day, is no error:
// the licence keeps the period its grants give it.
func TestChangeKeepsThePeriod(t *testing.T) {
	for name, decs := range map[string][]*model.Decision{
		"empty": {dec(2, codeA, model.NewLicence, 20230101), dec(3, codeA, model.Change, 20250101, func(d *model.Decision) { d.Changes = "住所" })},
		"the licence's own": {dec(2, codeA, model.NewLicence, 20230101),
			dec(3, codeA, model.Change, 20250101, func(d *model.Decision) { d.Changes = "住所"; d.ValidFrom, d.ValidTo = 20250101, 20251231 })},
		"no end (2099-12-31, as 双公示 exports write it)": {dec(2, codeA, model.NewLicence, 20230101),
			dec(3, codeA, model.Change, 20250101, func(d *model.Decision) { d.Changes = "住所"; d.ValidFrom, d.ValidTo = 20250101, 20991231 })},
		"an earlier end (the 变更 document's own)": {dec(2, codeA, model.NewLicence, 20230101),
			dec(3, codeA, model.Change, 20250101, func(d *model.Decision) { d.Changes = "住所"; d.ValidFrom, d.ValidTo = 20250101, 20250131 })},
		"a 延续 of its day": {dec(2, codeA, model.NewLicence, 20230101),
			dec(3, codeA, model.Change, 20251101, func(d *model.Decision) { d.Changes = "住所"; d.ValidFrom, d.ValidTo = 20260101, 20281231 }),
			dec(4, codeA, model.Renewal, 20251101, func(d *model.Decision) { d.ValidFrom, d.ValidTo = 20260101, 20281231 })},
	} {
		t.Run(name, func(t *testing.T) {
			r, diags := deriveT(t, &model.Dataset{Decisions: decs})
			for _, x := range diags {
				if x.Severity == diag.Error {
					t.Errorf("unexpected error: %s", x)
				}
			}
			if a := r.Agencies[0]; a.ValidTo != decs[0].ValidTo && !(decs[len(decs)-1].Type == model.Renewal && a.ValidTo == decs[len(decs)-1].ValidTo) {
				t.Errorf("有效期至 %s, want the licence's or its 延续's", a.ValidTo)
			}
		})
	}
}

// The ways a 变更事项 states a new licence number.
func TestStatedNewLicenceNumber(t *testing.T) {
	for changes, want := range map[string]string{
		"许可证编号：440100202300901→440100202500777":    "440100202500777",
		"住所：天河路1号→天河路2号；许可证号: A1 -> B2":            "B2",
		"许可证编号由440100202300901变更为440100202500777。": "440100202500777",
		"名称：甲→乙，许可编号改为 “粤派许〔2025〕7号”":              "粤派许〔2025〕7号",
		"许可证书编号：X1→Y2":                             "Y2",
		"住所：天河路1号→天河路2号":                           "",
		"许可证编号不变":                                  "",
	} {
		if _, got := statedChange(changes, licenceNoWords, nil); got != want {
			t.Errorf("statedChange(%q, licenceNoWords) = %q, want %q", changes, got, want)
		}
	}
}

// The ways a 变更事项 states a new name, and the old one when it does.
func TestStatedChangeOfName(t *testing.T) {
	for changes, want := range map[string][2]string{
		"名称：广州市甲人力资源有限公司→广州市乙企业管理有限公司":               {"广州市甲人力资源有限公司", "广州市乙企业管理有限公司"},
		"名称由广州市甲人力资源有限公司变更为广州市乙企业管理有限公司。":            {"广州市甲人力资源有限公司", "广州市乙企业管理有限公司"},
		"单位名称变更：广州市甲人力资源有限公司 -> 广州市乙企业管理有限公司；住所：甲→乙": {"广州市甲人力资源有限公司", "广州市乙企业管理有限公司"},
		"原名称：广州市甲人力资源有限公司；变更后名称：广州市乙企业管理有限公司":        {"", "广州市乙企业管理有限公司"},
		"名称变更为“广州市乙企业管理有限公司”":                        {"", "广州市乙企业管理有限公司"},
		"住所：天河路1号→天河路2号":                             {"", ""},
		"名称变更":                                       {"", ""},
		// another party's name, not the agency's
		"投资人名称变更为广州市丙投资有限公司":                         {"", ""},
		"住所：天河路1号→天河路2号；股东名称：广州市丁投资有限公司→广州市戊投资有限公司":  {"", ""},
		"法定代表人：张三→李四；企业名称：广州市甲人力资源有限公司→广州市乙企业管理有限公司": {"广州市甲人力资源有限公司", "广州市乙企业管理有限公司"},
	} {
		if from, to := statedChange(changes, []string{changeOfName}, agencyName); from != want[0] || to != want[1] {
			t.Errorf("statedChange(%q) = %q, %q, want %q, %q", changes, from, to, want[0], want[1])
		}
	}
}

// A 变更 listed under the agency's old name whose 变更事项 states the new
// one renames the agency from its day (the old name its 曾用名), with a
// warning — a second one listed under the first name too; one stating
// another agency's old name, or no new name, does not.
func TestRenameStatedInAChange(t *testing.T) {
	r, ds := deriveT(t, &model.Dataset{Decisions: []*model.Decision{
		dec(2, codeA, model.NewLicence, 20240401, named("广州市甲人力资源有限公司"), period(20240401, 20270331)),
		dec(3, codeA, model.Change, 20260506, named("广州市甲人力资源有限公司"), changes("名称：广州市甲人力资源有限公司→广州市乙企业管理有限公司")),
		dec(4, codeB, model.NewLicence, 20240401, named("广州市丙人力资源有限公司"), period(20240401, 20270331)),
		dec(5, codeB, model.Change, 20260506, named("广州市丙人力资源有限公司"), changes("名称：广州市丁人力资源有限公司→广州市戊企业管理有限公司")),
		// a second renaming listed under the first name still
		dec(6, codeA, model.Change, 20260801, named("广州市甲人力资源有限公司"), changes("名称：广州市乙企业管理有限公司→广州市己企业管理有限公司")),
	}})
	a := r.Agency(codeA)
	if a.Name != "广州市己企业管理有限公司" || len(a.FormerNames) != 2 || a.FormerNames[0] != (FormerName{"广州市甲人力资源有限公司", 20260506}) ||
		a.NameOn(20260505) != "广州市甲人力资源有限公司" || a.NameOn(20260731) != "广州市乙企业管理有限公司" {
		t.Errorf("renamed by its 变更事项: %q, former %v", a.Name, a.FormerNames)
	}
	if b := r.Agency(codeB); b.Name != "广州市丙人力资源有限公司" || len(b.FormerNames) != 0 {
		t.Errorf("a 变更事项 naming another old name renamed the agency: %q, former %v", b.Name, b.FormerNames)
	}
	var got []string
	for _, x := range ds {
		got = append(got, x.String())
	}
	if s := strings.Join(got, "\n"); !strings.Contains(s, `licences.csv:3: warning: 变更事项 "名称：广州市甲人力资源有限公司→广州市乙企业管理有限公司": says the name changed to "广州市乙企业管理有限公司", but 行政相对人名称 is still "广州市甲人力资源有限公司"`) ||
		!strings.Contains(s, `licences.csv:5: warning: 变更事项 "名称：广州市丁人力资源有限公司→广州市戊企业管理有限公司": says the name changed, but 行政相对人名称 is still "广州市丙人力资源有限公司"`) {
		t.Errorf("diagnostics:\n%s", s)
	}
}
