package diag

import (
	"fmt"
	"testing"
)

func TestTranslate(t *testing.T) {
	for _, c := range [][2]string{
		{"required value is empty", "必填的值为空"},
		{"2024-02 has no day 30", "2024-02 没有 30 日"},
		{`character 'Z' is not allowed; 'I' is not allowed (GB 32100 uses 0-9 and A-Y without I O S V Z)`, `字符 'Z' 不允许使用；'I' 不允许使用（GB 32100 只用 0-9 和除 I、O、S、V、Z 以外的 A-Y）`},
		{"read as UTF-8 with BOM; columns read as: 单位名称→行政相对人名称", "按 带 BOM 的 UTF-8 读取；列的对应：单位名称→行政相对人名称"},
		{`sheet "许可", the first visible of 2 (hidden, not read: 旧表), 1904 date system`, `工作表 "许可"（2 个工作表中第一个可见的）（隐藏未读：旧表），1904 日期系统`},
		// a value left empty (a 注销 row without its licence number) is still the message
		{"a 注销 (licence ) on the same day as the 新许可 at data/licences.csv:3 (licence 440112202500007), and the licence numbers do not tell which came first, so whether the agency is licensed cannot be known",
			"注销（许可证 ）与 data/licences.csv:3 的新许可（许可证 440112202500007）同一天，且从许可证编号看不出先后，因此无法判断该单位是否持有许可"},
		{"something the catalogue does not know", "something the catalogue does not know"},
		// a quoted value is the input's own, shown as it is, even when it reads as a message
		{`the register names 91440106MA5C00010W "Alpha or Beta" on 2026-01-01`, `名录中 91440106MA5C00010W 在 2026-01-01 的名称为 "Alpha or Beta"`},
		{`the register names 91440106MA5C00010W "required value is empty" on 2026-01-01`, `名录中 91440106MA5C00010W 在 2026-01-01 的名称为 "required value is empty"`},
	} {
		if got := Translate(c[0]); got != c[1] {
			t.Errorf("Translate(%q)\n got %q\nwant %q", c[0], got, c[1])
		}
	}
}

func ExampleDiagnostic_In() {
	d := Diagnostic{File: "data/licences.csv", Line: 7, Col: 9, Field: "许可决定日期", Value: "2024-02-30", Msg: "2024-02 has no day 30", Severity: Error}
	fmt.Println(d.In(Chinese))
	fmt.Println(d.In(English))
	// Output:
	// data/licences.csv:7:9: 许可决定日期 "2024-02-30"：2024-02 没有 30 日
	// data/licences.csv:7:9: 许可决定日期 "2024-02-30": 2024-02 has no day 30
}
