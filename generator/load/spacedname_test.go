package load

import "testing"

func TestJoinHan(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"广州市壬 人力资源有限公司", "广州市壬人力资源有限公司"},
		{"广州市壬\u00a0人力\u3000资源  有限公司", "广州市壬人力资源有限公司"},
		{"广州市ABC 人力资源有限公司", "广州市ABC 人力资源有限公司"},
		{"广州市 ABC 人力资源", "广州市 ABC 人力资源"},
		{"广州市甲人力资源有限公司", "广州市甲人力资源有限公司"},
		{"广州市天河区人力资源和社会保障局 (天河)", "广州市天河区人力资源和社会保障局 (天河)"},
		{"中智 2号 人力", "中智 2号人力"},
	} {
		got := joinHan(c.in)
		if got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
		if spacedAt(got) >= 0 {
			t.Errorf("%q: %q still has a space between Chinese characters", c.in, got)
		}
	}
}

func FuzzJoinHan(f *testing.F) {
	for _, s := range []string{"广州市壬 人力资源有限公司", "甲 乙　丙\u00a0丁", "A 甲 B", " 甲 ", "甲 \xff 乙"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if spacedAt(s) < 0 {
			if joinHan(s) != s {
				t.Errorf("%q: changed with no space between Chinese characters", s)
			}
			return
		}
		got := joinHan(s)
		if spacedAt(got) >= 0 {
			t.Errorf("%q: %q still has a space between Chinese characters", s, got)
		}
		if len(got) >= len(s) {
			t.Errorf("%q: %q is no shorter", s, got)
		}
	})
}
