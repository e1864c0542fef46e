package register

import "testing"

func TestOtherVersion(t *testing.T) {
	for _, c := range []struct {
		a, b, cp string // cp "": not a file and its copy
	}{
		{"data/licences/2024 (1).csv", "data/licences/2024.csv", "data/licences/2024 (1).csv"},
		{"data/licences/2024.csv", "data/licences/2024 (1).csv", "data/licences/2024 (1).csv"},
		{"data/licences/2024.xlsx", "data/licences/2024(2).csv", "data/licences/2024(2).csv"},
		{"data/licences/2024.csv", "data/licences/2024.xlsx", "data/licences/2024.xlsx"}, // saved twice
		{"data/licences/2024.XLSX", "data/licences/2024.csv", "data/licences/2024.csv"},  // (the later named)
		{"data/licences/2024.xlsx", "data/licences/2024.csv", "data/licences/2024.xlsx"},
		{"data/licences/导出(1).xlsx", "data/licences/导出(2).xlsx", "data/licences/导出(2).xlsx"},
		{"data/licences/导出（2）.xlsx", "data/licences/导出(1).xlsx", "data/licences/导出（2）.xlsx"},
		{"data/annual-checks.xlsx[2025年 (2)]", "data/annual-checks.xlsx[2025年]", "data/annual-checks.xlsx[2025年 (2)]"},
		{"data/licences/a.xlsx[Sheet1]", "data/licences/a (1).xlsx[Sheet1]", "data/licences/a (1).xlsx[Sheet1]"},
		{"data/licences/2024.csv", "data/licences/2025.csv", ""},                 // two exports
		{"data/licences/2024 (1).csv", "data/other/2024.csv", ""},                // two folders
		{"data/licences/a.xlsx[Sheet1]", "data/licences/a (1).xlsx[Sheet2]", ""}, // other sheets
		{"data/licences.xlsx[天河区]", "data/licences.xlsx[越秀区]", ""},
		{"data/licences/2024.csv", "data/licences/2024.csv", ""},
		{"data/licences/2024 (1).csv", "data/licences/2025 (1).csv", ""},
		{"data/licences/2024（旧）.csv", "data/licences/2024.csv", "data/licences/2024（旧）.csv"},
		{"data/licences/2024.csv", "data/licences/2024_v2.csv", "data/licences/2024_v2.csv"},
		{"data/licences/2024_v1.csv", "data/licences/2024_v2.csv", "data/licences/2024_v2.csv"},
		{"data/licences/许可决定更正后.xlsx", "data/licences/许可决定.xlsx", "data/licences/许可决定更正后.xlsx"},
		{"data/licences/许可决定-最终版.xlsx", "data/licences/许可决定.xlsx", "data/licences/许可决定-最终版.xlsx"},
		{"data/licences/2024 old.csv", "data/licences/2024.csv", "data/licences/2024 old.csv"},
		{"data/licences/2024 Final.csv", "data/licences/2024.csv", "data/licences/2024 Final.csv"},
		{"data/licences/2024上半年.csv", "data/licences/2024.csv", ""}, // a period, not a version
		{"data/licences/2024-2025.csv", "data/licences/2024.csv", ""},
		{"data/licences/2024-2.csv", "data/licences/2024-1.csv", ""}, // parts
		{"data/licences/天河区.csv", "data/licences/天河.csv", ""},
		{"data/licences/新区.csv", "data/licences/区.csv", ""},
	} {
		cp, orig, ok := otherVersion(c.a, c.b)
		if ok != (c.cp != "") || ok && (cp != c.cp || orig != map[bool]string{true: c.b, false: c.a}[cp == c.a]) {
			t.Errorf("otherVersion(%q, %q) = %q, %q, %v; want the copy %q", c.a, c.b, cp, orig, ok, c.cp)
		}
	}
}
