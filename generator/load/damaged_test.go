package load

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"portal/generator/diag"
	"portal/generator/model"
)

// A cell no one typed so is an error at its cell, not a name, address or
// number published wrong: a control character (a NUL from a damaged
// export, an escape — a line break in a multi-line cell, a tab, a vertical
// tab stay: they are white space), or a licence number in the scientific notation Excel shows a
// number in once it has lost its digits.
func TestDamagedCells(t *testing.T) {
	ok := "甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06"
	for _, tc := range []struct {
		name, row string
		want      string // "" for no diagnostic
	}{
		{"NUL before a name", strings.Replace(ok, "甲公司", "\x00甲公司", 1), `licences.csv:2:1: 行政相对人名称 "\x00甲公司": holds the control character U+0000 at its character 1`},
		{"escape inside an address", strings.Replace(ok, "住所", "住\x1b所", 1), `licences.csv:2:4: 住所 "住\x1b所": holds the control character U+001B at its character 2`},
		{"C1 control in a name", strings.Replace(ok, "甲公司", "甲\u0090公司", 1), `licences.csv:2:1: 行政相对人名称 "甲\u0090公司": holds the control character U+0090`},
		{"DEL in a licence number", strings.Replace(ok, "L1", "L\x7f1", 1), `licences.csv:2:6: 许可证编号 "L\x7f1": holds the control character U+007F`},
		{"a line break in a quoted cell stays", strings.Replace(ok, "住所", `"住所`+"\n"+`1号"`, 1), ""},
		{"a tab stays", strings.Replace(ok, "住所", "住所\t1号", 1), ""},
		{"a vertical tab (Word's manual line break) stays", strings.Replace(ok, "住所", "住所\v1号", 1), ""},
		// a licence number that went through a numeric cell in Excel
		{"licence number in scientific notation", strings.Replace(ok, "L1", "4.40100201470009E+14", 1), `licences.csv:2:6: 许可证编号 "4.40100201470009E+14": the number was stored as a number in Excel`},
		{"short scientific notation", strings.Replace(ok, "L1", "4.4e+14", 1), `许可证编号 "4.4e+14": the number was stored as a number in Excel`},
		{"a licence number with E+ in it stays", strings.Replace(ok, "L1", "GDE+2024001", 1), ""},
		// the same number saved from a numeric cell shown with every digit
		{"an 18-digit licence number ending in zeros after the 15th", strings.Replace(ok, "L1", "440106202200000000", 1), `licences.csv:2:6: warning: 许可证编号 "440106202200000000": the number has 18 digits and every one after the 15th is 0`},
		{"a 16-digit one", strings.Replace(ok, "L1", "4401062022000010", 1), `warning: 许可证编号 "4401062022000010": the number has 16 digits`},
		{"15 digits ending in zeros stay", strings.Replace(ok, "L1", "440100201470000", 1), ""},
		{"18 digits with a digit after the 15th stay", strings.Replace(ok, "L1", "440106202200000010", 1), ""},
		{"a number with letters ending in zeros stays", strings.Replace(ok, "L1", "粤440106202200000000", 1), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := licences(t, licHeader, tc.row)
			if tc.want == "" {
				if len(got) != 0 {
					t.Fatalf("got %q, want no diagnostic", got)
				}
				return
			}
			if len(got) != 1 || !strings.Contains(got[0], tc.want) {
				t.Fatalf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// control finds what unicode.Is(unicode.Cc) && !unicode.IsSpace finds,
// reading bytes.
func FuzzControl(f *testing.F) {
	for _, s := range []string{"甲公司", "\x00甲", "住\x1b所", "甲\u0085公司", "甲\u0090公司", "L\x7f1", "a\tb\nc\vd\fe\rf", "\xc2", "\xc2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Cc, r) && !unicode.IsSpace(r) })
		if got := control(s); utf8.ValidString(s) && got != want {
			t.Fatalf("control(%q) = %d, want %d", s, got, want)
		}
	})
}

// A code or licence number kept as text in a spreadsheet comes with the
// mark that kept it so — a leading apostrophe, a ="…" formula — which is
// no part of it: read without it, so that searches and branches' 备案 match
// the number (it was one character too long, or published with the mark).
func TestExcelTextMarks(t *testing.T) {
	ok := "甲公司,91440106MA5C00010W,张三,住所,300,440106202400001,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06"
	for _, tc := range []struct{ name, from, to string }{
		{"apostrophe before a code", "91440106MA5C00010W", "'91440106MA5C00010W"},
		{"formula around a code", "91440106MA5C00010W", `"=""91440106MA5C00010W"""`},
		{"apostrophe before a licence number", "440106202400001", "'440106202400001"},
		{"formula around a licence number", "440106202400001", `"=""440106202400001"""`},
		{"formula with spaces inside", "440106202400001", `"="" 440106202400001 """`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			decs, got := licences(t, licHeader, strings.Replace(ok, tc.from, tc.to, 1))
			if len(got) != 0 || len(decs) != 1 {
				t.Fatalf("got %d decisions, diagnostics %q", len(decs), got)
			}
			if d := decs[0]; d.Code != "91440106MA5C00010W" || d.LicenceNo != "440106202400001" {
				t.Errorf("read code %q, licence number %q", d.Code, d.LicenceNo)
			}
		})
	}
	// a mark inside a name or an address is text, kept as written
	decs, _ := licences(t, licHeader, strings.Replace(ok, "住所", "'住所", 1))
	if len(decs) != 1 || decs[0].Address != "'住所" {
		t.Errorf("an address's apostrophe was dropped: %+v", decs)
	}
}

// A code written in groups, as on a certificate or typed by hand — with
// spaces, ideographic spaces or dashes — is its 18 characters (search reads
// it so too); it was refused as 22 characters long.
func TestCodeInGroups(t *testing.T) {
	ok := "甲公司,91440106MA5C00010W,张三,住所,300,440106202400001,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06"
	for _, typed := range []string{"9144 0106 MA5C 0001 0W", "9144\u30000106\u3000MA5C\u30000001\u30000W", "91440106-MA5C00010W", "９１４４ ０１０６ ＭＡ５Ｃ ０００１ ０Ｗ", "9144 0106 ma5c 0001 0w"} {
		decs, got := licences(t, licHeader, strings.Replace(ok, "91440106MA5C00010W", typed, 1))
		if len(got) != 0 || len(decs) != 1 || decs[0].Code != "91440106MA5C00010W" {
			t.Errorf("%q: read %d decisions (%+v), diagnostics %q", typed, len(decs), decs, got)
		}
	}
	// a valid code whose 18 digits also read as an ID number is a code,
	// in groups too (the personal-data guard normalises it the same way)
	if decs, got := licences(t, licHeader, strings.Replace(ok, "91440106MA5C00010W", "1178 6920 0209 1807 31", 1)); len(got) != 0 || len(decs) != 1 || decs[0].Code != "117869200209180731" {
		t.Errorf("an all-digit code in groups: read %+v, diagnostics %q", decs, got)
	}
	// the characters still have to make a code
	if _, got := licences(t, licHeader, strings.Replace(ok, "91440106MA5C00010W", "9144 0106 MA5C 0001", 1)); len(got) != 1 || !strings.Contains(got[0], "has 16 characters") {
		t.Errorf("a short code in groups: %q", got)
	}
}

// A 公示类型 written in a decision's own words is read by its action word,
// the most specific first (准予延续 is a 延续, not a 新许可); a refusal
// grants nothing and stays an error.
func TestTypeInTheDecisionsWords(t *testing.T) {
	ok := "甲公司,91440106MA5C00010W,张三,住所,300,440106202400001,TYPE,名称：甲→乙,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06"
	for typed, want := range map[string]model.DecisionType{
		"准予许可": model.NewLicence, "准予延续": model.Renewal, "延期": model.Renewal, "准予变更": model.Change,
		"变更登记": model.Change, "吊销许可证": model.Withdrawal, "撤销许可": model.Revocation, "注销登记": model.Cancellation,
	} {
		decs, got := licences(t, licHeader, strings.Replace(ok, "TYPE", typed, 1))
		if len(decs) != 1 || decs[0].Type != want {
			t.Errorf("%s: read %+v (diagnostics %q), want %v", typed, decs, got, want)
		}
	}
	for _, typed := range []string{"不予许可", "换证", "新增"} {
		if _, got := licences(t, licHeader, strings.Replace(ok, "TYPE", typed, 1)); len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), "unknown 公示类型") {
			t.Errorf("%s: %q, want it refused", typed, got)
		}
	}
}

// A 核验结果 written as some exports write it is read whole — 核验不合格
// holds 合格 and is a 不合格 — and anything else stays an error.
func TestCheckResultWords(t *testing.T) {
	for typed, want := range map[string]model.CheckResult{
		"核验合格": model.CheckPass, "通过": model.CheckPass, "核验不合格": model.CheckFail, "未通过": model.CheckFail,
		"未开展劳务派遣业务": model.CheckNoBusiness, "基本合格": 0, "暂缓核验": 0,
	} {
		var d diag.List
		body := "年度,行政相对人名称,统一社会信用代码,许可证编号,核验结果,不合格情形,核验机关,公布日期\n2025,甲公司,91440106MA5C00010W,L1," + typed + ",未报送,天河局,2026-05-15\n"
		tb := parseTable("annual-checks.csv", ChecksSchema, []byte(body), false, &d)
		checks, err := decodeChecks(tb, &d)
		if err != nil {
			t.Fatal(err)
		}
		unknown := strings.Contains(d.Format(0), "unknown 核验结果")
		if want == 0 && !unknown || want != 0 && (unknown || len(checks) != 1 || checks[0].Result != want) {
			t.Errorf("%s: read %+v, diagnostics %s", typed, checks, d.Format(0))
		}
	}
}

// A grade written with 级 (A级) is the scale's grade (A), and the other
// way round when the scale itself says 级; a word of neither stays an error.
func TestGradeWithLevelSuffix(t *testing.T) {
	for _, tc := range []struct {
		scale       []string
		typed, want string
	}{
		{[]string{"A+", "A", "B"}, "A级", "A"},
		{[]string{"A+", "A", "B"}, "A+ 级", "A+"},
		{[]string{"A+", "A", "B"}, "Ａ级", "A"},
		{[]string{"A级", "B级"}, "B", "B级"},
		{[]string{"A级", "B级"}, "A级", "A级"},
		{[]string{"A+", "A", "B"}, "AAA级", ""},
		{[]string{"A+", "A", "B"}, "级", ""},
	} {
		var d diag.List
		body := "评价年度,行政相对人名称,统一社会信用代码,信用等级,评价机构,有效期至\n2024,甲公司,91440106MA5C00010W," + tc.typed + ",天河局,2025-12-31\n"
		grades, err := decodeGrades(parseTable("grades.csv", GradesSchema, []byte(body), false, &d), tc.scale, &d)
		if err != nil {
			t.Fatal(err)
		}
		refused := strings.Contains(d.Format(0), "not a grade of this site's scale")
		if tc.want == "" && !refused || tc.want != "" && (refused || len(grades) != 1 || grades[0].Grade != tc.want) {
			t.Errorf("%q on %v: read %+v, diagnostics %s", tc.typed, tc.scale, grades, d.Format(0))
		}
	}
}
