package model

// Column titles of the input tables (DESIGN §4, after width folding), shared
// by the loader, which matches headers to them, and the later stages, which
// point diagnostics at the column of a field.
const (
	ColName          = "行政相对人名称"
	ColCode          = "统一社会信用代码"
	ColLegalRep      = "法定代表人"
	ColAddress       = "住所"
	ColCapital       = "注册资本(万元)"
	ColLicenceNo     = "许可证编号"
	ColType          = "公示类型"
	ColChanges       = "变更事项"
	ColDecidedOn     = "许可决定日期"
	ColValidFrom     = "有效期自"
	ColValidTo       = "有效期至"
	ColAuthority     = "许可机关"
	ColRegion        = "行政区划代码"
	ColPublishedOn   = "公示日期"
	ColDocNo         = "决定文书号"
	ColParentCode    = "上级单位统一社会信用代码"
	ColNote          = "备注"
	ColYear          = "年度"
	ColResult        = "核验结果"
	ColFailReasons   = "不合格情形"
	ColCheckAuth     = "核验机关"
	ColAnnounced     = "公布日期"
	ColGradeYear     = "评价年度"
	ColGrade         = "信用等级"
	ColEvaluator     = "评价机构"
	ColListedOn      = "列入日期"
	ColListReason    = "列入原因"
	ColListAuthority = "列入机关"
	ColRemovedOn     = "移出日期"
	ColRemovalReason = "移出原因"
	ColRegionName    = "名称"
	ColRegionParent  = "上级代码"
)
