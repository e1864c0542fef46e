package load

import (
	"testing"

	"portal/generator/model"
)

func TestUndoneBy(t *testing.T) {
	undone := []struct {
		typ  model.DecisionType
		text string
	}{
		{model.Cancellation, "申请人撤回注销申请"},
		{model.Cancellation, "不予注销"},
		{model.Cancellation, "拟注销，公示期7天"},
		{model.Cancellation, "该注销决定已被依法撤销"},
		{model.Cancellation, "经复议，撤销本注销决定"},
		{model.Cancellation, "注销（已撤回）"},
		{model.Cancellation, "已恢复许可"},
		{model.Cancellation, "此条公示作废"},
		{model.NewLicence, "拟准予许可"},
		{model.NewLicence, "不予行政许可"},
		{model.NewLicence, "申请人撤回申请"},
		{model.NewLicence, "本许可决定已被撤销"},
		{model.NewLicence, "此条信息有误，以更正后为准"},
		{model.NewLicence, "驳回其许可申请"},
		{model.Renewal, "不予延续"},
		{model.Renewal, "延续申请已撤回"},
		{model.Renewal, "延续申请不予批准"},
		{model.Renewal, "该延续决定已撤销"},
		{model.Renewal, "延续决定作废"},
		{model.Cancellation, "注销申请未予受理"},
		{model.Change, "拟变更"},
		{model.Filing, "不予备案"},
		{model.Withdrawal, "拟吊销"},
		{model.Withdrawal, "吊销决定经行政复议被撤销"},
		{model.Withdrawal, "吊销(暂缓执行)"},
		{model.Withdrawal, "该处罚决定已被行政复议撤销"},
		{model.Withdrawal, "不予处罚"},
		{model.Revocation, "撤销决定已被法院撤销"},
		{model.Revocation, "经复议恢复其劳务派遣经营许可"},
	}
	for _, c := range undone {
		if undoneBy(c.text, c.typ) == "" {
			t.Errorf("%s %q: not seen as undoing the decision", c.typ, c.text)
		}
	}
	// remarks that name another decision, or state this one
	stands := []struct {
		typ  model.DecisionType
		text string
	}{
		{model.Cancellation, "依申请注销"},
		{model.Cancellation, "期满不予延续，依法注销"},
		{model.Cancellation, "注销后不得恢复经营"},
		{model.Cancellation, "原许可证作废"},
		{model.Cancellation, "营业执照被吊销，依法注销"},
		{model.Cancellation, "原注销决定被复议撤销，现重新作出注销决定"},
		{model.NewLicence, "原许可决定被撤销后重新申请"},
		{model.NewLicence, "首次申请"},
		{model.NewLicence, "许可证编号变更后重新许可"},
		{model.NewLicence, "同意设立"},
		{model.Withdrawal, "经听证，决定吊销"},
		{model.Withdrawal, "当事人未申请听证，依法吊销"},
		{model.Withdrawal, "吊销其劳务派遣经营许可证，原证作废"},
		{model.Revocation, "以欺骗手段取得许可，撤销原许可决定"},
		{model.Revocation, "该项许可被依法撤销"},
		{model.Revocation, "本条记录为撤销决定"},
		{model.Revocation, "撤销许可并注销许可证"},
		{model.Filing, "外省劳务派遣单位分支机构备案"},
		{model.Cancellation, "注销后不予受理其新的许可申请"},
		{model.Cancellation, "注销决定已送达"},
		{model.Renewal, "延续决定已于2026年10月13日公示"},
		{model.NewLicence, "原许可决定已撤销，重新许可"},
	}
	for _, c := range stands {
		if w := undoneBy(c.text, c.typ); w != "" {
			t.Errorf("%s %q: seen as undoing the decision (%q)", c.typ, c.text, w)
		}
	}
}
