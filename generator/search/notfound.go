package search

import (
	"portal/generator/model"
)

// NotFound is what every search surface — the search box, `portal search`
// and /api/search — says when nothing in the register matches a query:
// what the register covers and where else to look, and nothing more. It
// never says the agency is unlicensed: an agency licensed in another
// province may lawfully dispatch workers here without a local record
// (沪人社规〔2023〕32号 五; 粤人社 2020 征求意见稿 十（五）), and a name may be
// typed other than the licence has it.
func NotFound(asOf model.Date, province, report string) []string {
	who := "本地"
	if province != "" {
		who = province + "各级"
	}
	if report == "" {
		report = "发现未经许可经营劳务派遣业务的，可向当地劳动保障监察机构举报，或拨打 12333 咨询。"
	}
	return []string{
		"本站许可名录收录" + who + "人力资源社会保障部门作出并公示的劳务派遣经营许可和分支机构备案（数据截至 " + asOf.String() + "），其中没有与查询相符的记录。",
		"请核对营业执照上的单位全称，或改用统一社会信用代码、许可证编号查询。",
		"查不到不等于没有许可：在外省（自治区、直辖市）取得劳务派遣经营许可的单位，可以依法到本地开展劳务派遣业务，本站不一定有其记录。请在国家企业信用信息公示系统查询，或向作出许可的人力资源社会保障部门核实。",
		report,
	}
}
