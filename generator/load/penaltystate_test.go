package load

import (
	"strings"
	"testing"

	"portal/generator/diag"
)

// A 吊销 whose 当前状态 (the 2016 双公示 layout's) says the penalty is not in
// force as decided — 1 撤销, 2 异议, 3 其他, or words saying so — is an error
// at the cell; one that says it is in force (0, 正常, 有效, or no state) is
// read. A bare 1 is not taken for 有效, as a licence's state would be.
func TestPenaltyState(t *testing.T) {
	const head = "行政处罚决定书文号,处罚类别1,处罚类别2,行政相对人名称,行政相对人代码_1(统一社会信用代码),处罚结果,处罚决定日期,处罚机关,当前状态\n"
	for state, bad := range map[string]bool{"": false, "0": false, "正常": false, "有效": false,
		"1": true, "2": true, "3": true, "撤销": true, "异议": true, "已撤销": true} {
		var d diag.List
		tb := parseTable("penalties.csv", PenaltiesSchema, []byte(head+
			"穗人社罚〔2025〕3号,罚款,吊销许可证,甲公司,91440106MA5C00010W,罚款5万元，吊销劳务派遣经营许可证,2026-05-06,天河局,"+state+"\n"), false, &d)
		decs, err := decodePenalties(tb, &d)
		if err != nil || len(decs) != 1 {
			t.Fatalf("%q: %d decisions, %v", state, len(decs), err)
		}
		got := d.Format(0)
		if has := strings.Contains(got, `penalties.csv:2:9: 当前状态 "`+state+`": the penalty's 当前状态 is not 0 (正常)`); has != bad {
			t.Errorf("当前状态 %q: error %v, want %v\n%s", state, has, bad, got)
		}
	}
}
