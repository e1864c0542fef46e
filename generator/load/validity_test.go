package load

import (
	"strings"
	"testing"
	"unicode/utf8"

	"portal/generator/diag"
	"portal/generator/model"
)

// readLicencesCSV loads a data directory of the licences given (and the
// regions they name): the licences' diagnostics and the dataset.
func readLicencesCSV(t *testing.T, licences string) ([]string, *model.Dataset) {
	t.Helper()
	dir := t.TempDir()
	write := writer(dir)
	write("licences.csv", licences)
	write("regions.csv", "行政区划代码,名称,上级代码\n440106,天河区,\n")
	var d diag.List
	ds := Data(OSDir(dir), nil, &d)
	var out []string
	for _, x := range d.Sorted() {
		if strings.Contains(x.File, "licences") {
			out = append(out, x.String())
		}
	}
	return out, ds
}

// A licence's period written in one cell, as 公示 tables write it, splits
// into its two dates; what is not two dates does not.
func TestSplitPeriod(t *testing.T) {
	for _, tc := range []struct{ in, from, to string }{
		{"2023-03-01至2026-02-28", "2023-03-01", "2026-02-28"},
		{"2023年3月1日至2026年2月28日", "2023年3月1日", "2026年2月28日"},
		{"自2023年3月1日起至2026年2月28日止", "2023年3月1日", "2026年2月28日"},
		{"2023.03.01-2026.02.28", "2023.03.01", "2026.02.28"},
		{"20230301-20260228", "20230301", "20260228"},
		{"2023-03-01 - 2026-02-28", "2023-03-01", "2026-02-28"},
		{"2023-03-01-2026-02-28", "2023-03-01", "2026-02-28"},
		{"2023/3/1～2026/2/28", "2023/3/1", "2026/2/28"},
		{"2023-03-01—2026-02-28", "2023-03-01", "2026-02-28"},
		{"2023-03-01到2026-02-28", "2023-03-01", "2026-02-28"},
		{"2026-03-01到期", "", ""},
		{"2026-02-28", "", ""},
		{"长期", "", ""},
		{"至2026-02-28", "", ""},
	} {
		from, to, ok := splitPeriod(tc.in)
		if want := tc.from != ""; ok != want || ok && (from != tc.from || to != tc.to) {
			t.Errorf("splitPeriod(%q) = %q, %q, %v; want %q, %q", tc.in, from, to, ok, tc.from, tc.to)
		}
	}
}

// A licences file with its period in one 有效期限 column reads as the
// same file with 有效期自 and 有效期至 columns; a cell that is no period is
// an error at it. A 有效期至 written 至…止 reads as its date.
func TestPeriodInOneColumn(t *testing.T) {
	const head = "行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期限,许可机关,行政区划代码,公示日期\n"
	got, tb := readLicencesCSV(t, head+
		"甲公司,91440106MA5C00010W,L1,新许可,2023-03-01,自2023年3月1日起至2026年2月28日止,天河局,440106,2023-03-03\n"+
		"乙公司,91440106MA5C00020X,L2,新许可,2023-05-04,2026-05-03到期,天河局,440106,2023-05-08\n")
	if len(got) != 1 || !strings.Contains(got[0], `licences.csv:3:6: 有效期限 "2026-05-03到期": not a period from one date to another`) {
		t.Fatalf("diagnostics %q", got)
	}
	if d := tb.Decisions[0]; d.ValidFrom.String() != "2023-03-01" || d.ValidTo.String() != "2026-02-28" {
		t.Errorf("read %s to %s", d.ValidFrom, d.ValidTo)
	}
	got, tb = readLicencesCSV(t, strings.Replace(head, "有效期限", "有效期自,有效期至", 1)+
		"甲公司,91440106MA5C00010W,L1,新许可,2023-03-01,自2023年3月1日起,至2026年2月28日止,天河局,440106,2023-03-03\n")
	if len(got) != 0 || tb.Decisions[0].ValidTo.String() != "2026-02-28" {
		t.Fatalf("diagnostics %q, %+v", got, tb.Decisions[0])
	}
}

// A 有效期限 that gives the licence's term (三年, 3年, 36个月), beside a
// 有效期自, as 双公示 exports often write it, was refused for want of a
// 有效期至: the period ends the day before the term's anniversary, as the
// certificate's does (2024-02-29 + 三年 → 2027-02-28). What is no term is
// not read as one.
func TestPeriodFromTerm(t *testing.T) {
	for _, tc := range []struct {
		in            string
		years, months int
		ok            bool
	}{
		{"三年", 3, 0, true}, {"3年", 3, 0, true}, {"叁年", 3, 0, true}, {"3 年整", 3, 0, true}, {"36个月", 0, 36, true},
		{"长期", 0, 0, false}, {"三", 0, 0, false}, {"0年", 0, 0, false}, {"99年", 0, 0, false}, {"2026年", 0, 0, false},
	} {
		y, m, ok := term(tc.in)
		if ok != tc.ok || y != tc.years || m != tc.months {
			t.Errorf("term(%q) = %d, %d, %v; want %d, %d, %v", tc.in, y, m, ok, tc.years, tc.months, tc.ok)
		}
	}
	const head = "行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期限,许可机关,行政区划代码,公示日期\n"
	got, ds := readLicencesCSV(t, head+
		"甲公司,91440106MA5C00010W,L1,新许可,2024-02-29,2024-02-29,三年,天河局,440106,2024-03-01\n"+
		"乙公司,91440106MA5C00020X,L2,新许可,2023-05-04,2023-05-04,36个月,天河局,440106,2023-05-08\n"+
		"丙公司,91440106MA5C00030Y,L3,新许可,2023-05-04,2023-05-04,长期,天河局,440106,2023-05-08\n")
	if len(got) != 1 || !strings.Contains(got[0], `licences.csv:4:`) {
		t.Fatalf("diagnostics %q", got)
	}
	for i, want := range []string{"2027-02-28", "2026-05-03"} {
		if d := ds.Decisions[i]; d.ValidTo.String() != want {
			t.Errorf("%s: %s to %s, want to %s", d.Name, d.ValidFrom, d.ValidTo, want)
		}
	}
	if how := ds.ReadAs[ds.Decisions[0].Src.File]; !strings.Contains(how, "有效期至 worked out from 有效期自 and the term 有效期限 gives") {
		t.Errorf("the summary does not say so: %q", how)
	}
}

func FuzzSplitPeriod(f *testing.F) {
	f.Add("自2023年3月1日起至2026年2月28日止")
	f.Add("2023-03-01-2026-02-28")
	f.Add("2023.03.01-2026.02.28")
	f.Add("叁年整")
	f.Fuzz(func(t *testing.T, s string) {
		// a term read is one a licence may have: up to ten years
		if y, m, ok := term(s); ok && (y < 0 || m < 0 || y*12+m == 0 || y > 10 || m > 120) {
			t.Fatalf("term(%q) = %d years %d months", s, y, m)
		}
		from, to, ok := splitPeriod(s)
		if !ok {
			return
		}
		if !utf8.ValidString(from) && utf8.ValidString(s) || len(from)+len(to) > len(s) {
			t.Fatalf("splitPeriod(%q) = %q, %q", s, from, to)
		}
	})
}
