package load

import (
	"strings"
	"testing"

	"portal/generator/diag"
)

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

// A name exported with a mark of its status after it is refused; a name
// whose brackets name a place or a form of partnership, or whose words
// hold a status word inside them, is a name.
func TestStatusMarked(t *testing.T) {
	for _, v := range []string{
		"广州市甲人力资源有限公司（已吊销）", "广州市甲人力资源有限公司(注销)", "广州市甲人力资源有限公司【吊销，未注销】",
		"广州市甲人力资源有限公司 已过期", "广州市甲人力资源有限公司-已注销", "广州市甲人力资源有限公司（被撤销许可）",
		"广州市甲人力资源有限公司（许可已过期）", "广州市甲人力资源有限公司[歇业]", "广州市甲人力资源有限公司（已迁出） ",
	} {
		var d diag.List
		statusMarked("licences.csv", 2, 1, "行政相对人名称", v, &d)
		if got := d.Sorted(); len(got) != 1 || !strings.Contains(got[0].String(), "ends with a mark of a status") {
			t.Errorf("%q: got %v", v, got)
		}
	}
	for _, v := range []string{
		"壬人力资源（广州）有限公司", "广州市甲人力资源有限公司", "广州市甲企业管理咨询合伙企业（有限合伙）",
		"广州市注销代理服务有限公司", "广州市甲人力资源有限公司清算组", "广州市天河区人力资源和社会保障局",
		"广州市甲人力资源有限公司（普通合伙）", "ABC Staffing (Guangzhou) Co., Ltd.",
	} {
		var d diag.List
		statusMarked("licences.csv", 2, 1, "行政相对人名称", v, &d)
		if got := d.Sorted(); len(got) != 0 {
			t.Errorf("%q: got %v", v, got)
		}
	}
}

// BenchmarkStatusMarked: the check runs on every name cell; a name that
// cannot end with a mark is passed over without the pattern.
func BenchmarkStatusMarked(b *testing.B) {
	names := []string{"广州市天河区某某人力资源服务有限公司", "广州市天河区人力资源和社会保障局", "壬人力资源（广州）有限公司", "广东省某某企业管理咨询有限公司越秀分公司"}
	for b.Loop() {
		for _, n := range names {
			statusMarked("licences.csv", 2, 1, "行政相对人名称", n, nil)
		}
	}
}
