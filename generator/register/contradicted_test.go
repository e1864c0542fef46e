package register

import (
	"strings"
	"testing"

	"portal/generator/diag"
	"portal/generator/model"
)

func stated(w string) func(*model.Decision) {
	return func(d *model.Decision) { d.Stated = model.ParseStated(w) }
}

// wantError derives decs and wants one error holding msg, and holding
// want too — or, when want is "", none holding msg.
func wantError(t *testing.T, decs []*model.Decision, msg, want string) {
	t.Helper()
	_, diags := deriveT(t, &model.Dataset{Decisions: decs})
	var got []diag.Diagnostic
	for _, d := range diags {
		if d.Severity == diag.Error && strings.Contains(d.String(), msg) {
			got = append(got, d)
		}
	}
	switch {
	case want == "" && len(got) > 0:
		t.Errorf("want no error, got %v", got)
	case want != "" && (len(got) != 1 || !strings.Contains(got[0].String(), want)):
		t.Errorf("want one error holding %s, got %v (all: %v)", want, got, diags)
	}
}

// A licence the export's own 当前状态 calls not in force, while no
// decision ends it, is an error at the agency's last row: published as
// derived, it would say 有效. A record a later row replaced, a row that
// ends the licence, and a licence whose period is over are not held to it.
func TestStatedNotInForce(t *testing.T) {
	const msg = "is not in force, but no decision in the data ends it"
	for _, tc := range []struct {
		name string
		decs []*model.Decision
		want string // the diagnostic's place and value; "" for none
	}{
		{"2 on the licence in force", []*model.Decision{dec(2, codeA, model.NewLicence, 20250101, stated("2"))}, `licences.csv:2: 当前状态 "2"`},
		{"已吊销 on the last 变更", []*model.Decision{dec(2, codeA, model.NewLicence, 20250101, stated("1")), dec(3, codeA, model.Change, 20250601, changes("住所"), stated("已吊销"))}, `licences.csv:3: 当前状态 "已吊销"`},
		{"a 备案 the export calls 注销", []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeB, model.Filing, 20250201, parent(codeA), stated("注销"))}, `licences.csv:3: 当前状态 "注销"`},
		{"a 备案 marked 2 as its head office's licence was revoked", []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeB, model.Filing, 20250201, parent(codeA), stated("2")), dec(4, codeA, model.Withdrawal, 20250601)}, ""},
		{"2 on a record a 延续 replaced", []*model.Decision{dec(2, codeA, model.NewLicence, 20230101, stated("2")), dec(3, codeA, model.Renewal, 20251201, period(20260101, 20281231), stated("1"))}, ""},
		{"有效 on a row a 注销 followed", []*model.Decision{dec(2, codeA, model.NewLicence, 20250101, stated("有效")), dec(3, codeA, model.Cancellation, 20250601, stated("1"))}, ""},
		{"已注销 on a licence whose period is over", []*model.Decision{dec(2, codeA, model.NewLicence, 20200101, stated("已注销"))}, ""},
		{"未注销", []*model.Decision{dec(2, codeA, model.NewLicence, 20250101, stated("未注销"))}, ""},
		{"1 on a licence whose period is over", []*model.Decision{dec(2, codeA, model.NewLicence, 20200101, stated("1"))}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) { wantError(t, tc.decs, msg, tc.want) })
	}
}

// A licence number ended under one code while another code held it in
// force the day before, and is published as holding it still, is an
// error at the ending: the same licence would be both 已吊销 and 有效.
func TestEndedElsewhere(t *testing.T) {
	const msg = "held in force that day"
	for _, tc := range []struct {
		name string
		decs []*model.Decision
		want string
	}{
		{"a 吊销 of the number another code holds", []*model.Decision{
			dec(2, codeA, model.NewLicence, 20210101), dec(3, codeB, model.NewLicence, 20231201), dec(4, codeA, model.Withdrawal, 20250301)},
			`licences.csv:4: 许可证编号 "L1": this 吊销 ends licence L1, which ` + codeB},
		{"a 注销 with no number, of the one another code holds", []*model.Decision{
			dec(2, codeA, model.NewLicence, 20240101), dec(3, codeB, model.NewLicence, 20240201), dec(4, codeA, model.Cancellation, 20250301, licence(""))},
			`licences.csv:4: 公示类型 "注销": this 注销 ends licence L1`},
		{"the number given again on the day it ended", []*model.Decision{
			dec(2, codeA, model.NewLicence, 20240101), dec(3, codeA, model.Cancellation, 20250301), dec(4, codeB, model.NewLicence, 20250301)}, ""},
		{"the number granted ahead, its period beginning as it ended", []*model.Decision{
			dec(2, codeA, model.NewLicence, 20240101), dec(3, codeB, model.NewLicence, 20250220, period(20250301, 20280229)), dec(4, codeA, model.Cancellation, 20250301)}, ""},
		{"the number given again later", []*model.Decision{
			dec(2, codeA, model.NewLicence, 20220101), dec(3, codeA, model.Withdrawal, 20230301), dec(4, codeB, model.NewLicence, 20240301)}, ""},
		{"the other code's licence over since", []*model.Decision{
			dec(2, codeA, model.NewLicence, 20230101), dec(3, codeB, model.NewLicence, 20230201), dec(4, codeA, model.Withdrawal, 20230301), dec(5, codeB, model.Cancellation, 20240101)}, ""},
		{"a branch's 注销, carrying its head office's number", []*model.Decision{
			dec(2, codeA, model.NewLicence, 20240101), dec(3, codeB, model.Filing, 20240201, parent(codeA)), dec(4, codeB, model.Cancellation, 20250301)}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) { wantError(t, tc.decs, msg, tc.want) })
	}
}

// A decision whose row carries one agency's code but the name of another
// — one that held that name and a licence in force the day before, and is
// published as holding it still — is an error at the name: which of the
// two the decision is of cannot be told. The agency's own former name, a
// name no other agency had, another agency whose licence had ended, and
// an ending naming the other's licence number too (TestEndedElsewhere's)
// are not.
func TestNamedElsewhere(t *testing.T) {
	const msg = "which of the two agencies"
	a := func(line int, typ model.DecisionType, on model.Date, opts ...func(*model.Decision)) *model.Decision {
		return dec(line, codeA, typ, on, append([]func(*model.Decision){named("甲公司"), licence("L1")}, opts...)...)
	}
	b := func(line int, typ model.DecisionType, on model.Date, opts ...func(*model.Decision)) *model.Decision {
		return dec(line, codeB, typ, on, append([]func(*model.Decision){named("乙公司"), licence("L2")}, opts...)...)
	}
	for _, tc := range []struct {
		name string
		decs []*model.Decision
		want string
	}{
		{"a 吊销 under A's code naming B", []*model.Decision{
			a(2, model.NewLicence, 20240101), b(3, model.NewLicence, 20240201), a(4, model.Withdrawal, 20250301, named("乙公司"))},
			`licences.csv:4: 行政相对人名称 "乙公司": this 吊销 names 乙公司, the name of ` + codeB},
		{"a 注销 naming B's name written full-width", []*model.Decision{
			a(2, model.NewLicence, 20240101), b(3, model.NewLicence, 20240201, named("乙公司（广州）")), a(4, model.Cancellation, 20250301, named("乙公司(广州)"))},
			`this 注销 names 乙公司(广州), the name of ` + codeB},
		{"A's own former name", []*model.Decision{
			a(2, model.NewLicence, 20240101, named("丙公司")), a(3, model.Change, 20240601, changes("名称：丙公司→甲公司")), a(4, model.Withdrawal, 20250301, named("丙公司"))}, ""},
		{"a name no other agency had", []*model.Decision{
			a(2, model.NewLicence, 20240101), b(3, model.NewLicence, 20240201), a(4, model.Withdrawal, 20250301, named("丁公司"))}, ""},
		{"B's licence ended before", []*model.Decision{
			a(2, model.NewLicence, 20240101), b(3, model.NewLicence, 20240201), b(4, model.Cancellation, 20250101), a(5, model.Withdrawal, 20250301, named("乙公司"))}, ""},
		{"B's licence number too", []*model.Decision{
			a(2, model.NewLicence, 20240101), b(3, model.NewLicence, 20240201), a(4, model.Withdrawal, 20250301, named("乙公司"), licence("L2"))}, ""},
		{"B's 延续 under A's code, A's licence expired", []*model.Decision{
			a(2, model.NewLicence, 20200101), b(3, model.NewLicence, 20240201), a(4, model.Renewal, 20250301, named("乙公司"), licence("L2"))},
			`licences.csv:4: 行政相对人名称 "乙公司": this 延续 names 乙公司, the name of ` + codeB},
		{"a 变更 naming B", []*model.Decision{
			a(2, model.NewLicence, 20240101), b(3, model.NewLicence, 20240201), a(4, model.Change, 20250301, named("乙公司"), changes("住所"))},
			`this 变更 names 乙公司`},
		{"A's first row in B's name", []*model.Decision{
			b(2, model.NewLicence, 20240201), a(3, model.NewLicence, 20250301, named("乙公司"))}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) { wantError(t, tc.decs, msg, tc.want) })
	}
}
