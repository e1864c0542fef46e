package load

import (
	"strings"
	"testing"

	"portal/generator/model"
)

// A 公示类型 cell is read only when every word of it is understood: its
// decision's word among words that say nothing of what was decided, and a
// remark that does not say the decision is not in effect. A cell that says
// the decision was refused, proposed, undone or never took effect is
// refused — read by its decision word, it would end a licence in force.
func TestTypeFromCell(t *testing.T) {
	for cell, want := range map[string]model.DecisionType{
		// read
		"吊销许可证": model.Withdrawal, "吊销劳务派遣经营许可证": model.Withdrawal, "行政处罚-吊销": model.Withdrawal,
		"吊销（违法转派劳动者）": model.Withdrawal, "注销（依申请）": model.Cancellation, "许可注销": model.Cancellation,
		"注销登记": model.Cancellation, "依职权注销": model.Cancellation, "撤销许可": model.Revocation,
		"准予延续": model.Renewal, "延续申请": model.Renewal, "准予许可": model.NewLicence, "新设立许可": model.NewLicence,
		"变更名称": model.Change, "法定代表人变更": model.Change, "变更（住所）": model.Change, "变更及延续": model.Renewal,
		"分支机构设立备案": model.Filing, "首次申请劳务派遣经营许可": model.NewLicence,
		"新许可（首次申请）": model.NewLicence, "延续（到期换证）": model.Renewal, // a type's name with a remark
		"延续换证": model.Renewal, "期满注销": model.Cancellation, "自愿注销": model.Cancellation,
		"吊销营业执照":       0, // the business licence, not the dispatch licence: the bureau says which
		"注销（营业执照已被吊销）": 0, // two decisions' words: the bureau says which
		// refused: refusals, proposals, notices, undoing, not passed
		"撤销吊销决定": 0, "撤销吊销": 0, "吊销（已撤销）": 0, "拟吊销": 0, "吊销前告知": 0, "吊销听证告知": 0,
		"注销未通过": 0, "不予延续": 0, "不予许可": 0, "撤回注销申请": 0, "吊销（作废）": 0, "吊销(拟)": 0,
		"注销（待核实）": 0, "暂停": 0, "暂扣许可证": 0, "换证": 0, "新增": 0, "吊销撤回": 0, "恢复许可": 0,
		"": 0, "（吊销）": 0, "准予（吊销）": 0, "准予（依申请）": model.NewLicence,
	} {
		got, why, ok := typeFromCell(unspaced(cell))
		if want == 0 && ok || want != 0 && (!ok || got != want) {
			t.Errorf("typeFromCell(%q) = %v %q %v, want %v", cell, got, why, ok, want)
		}
	}
}

// Whatever a 公示类型 cell holds, it is read as a decision only when it
// names that decision (or is 准予 alone), and never when it refuses one.
func FuzzTypeFromCell(f *testing.F) {
	for _, s := range []string{"吊销许可证", "注销（依申请）", "撤销吊销决定", "拟吊销", "准予", "变更及延续", "吊销(", "）吊销（"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		typ, why, ok := typeFromCell(s)
		if !ok {
			if typ != 0 {
				t.Fatalf("%q: refused but typed %v", s, typ)
			}
			return
		}
		if why != "" {
			t.Fatalf("%q: read, with a reason %q", s, why)
		}
		for _, w := range cellRefusals {
			if strings.Contains(s, w) {
				t.Fatalf("%q: holds the refusal %q, read as %v", s, w, typ)
			}
		}
		named := strings.Contains(s, "准予") && typ == model.NewLicence
		for w, at := range cellActions {
			named = named || at == typ && strings.Contains(s, w)
		}
		if !named {
			t.Fatalf("%q: read as %v, which it does not name", s, typ)
		}
	})
}

// A 变更's 公示类型 that names what changed, in its brackets or beside
// the word, gives the 变更事项 an export left empty; other words give none.
func TestChangedInType(t *testing.T) {
	for cell, want := range map[string]string{
		"变更（名称）":       "名称",
		"变更(法定代表人、住所)": "法定代表人、住所",
		"变 更（ 名称 ）":    "名称",
		"变更":           "",
		"变更（依申请）":      "",
		"变更（名称、其他）":    "",
		"名称变更":         "名称",
		"变更住所":         "住所",
		"法定代表人及住所变更":   "法定代表人、住所",
		"变更登记":         "",
	} {
		if got := changedInType(cell); got != want {
			t.Errorf("changedInType(%q) = %q, want %q", cell, got, want)
		}
	}
}
