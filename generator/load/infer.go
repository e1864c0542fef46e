package load

import (
	"cmp"
	"strings"

	"portal/generator/model"
)

// What the summary says of a required column a file lacks but the value is
// worked out for (Field.InferredFrom).
var inferredHow = map[string]string{
	model.ColType.Title:   "公示类型 inferred from " + fLicenceContent + ", " + fCertName + " and " + fDocTitle + " (吊销 撤销 注销 延续 变更 备案, then 新设 新办 设立 首次 准予 → 新许可)",
	model.ColRegion.Title: "行政区划代码 taken from characters 3–8 of the 统一社会信用代码 (the registering authority's region)",
}

// actionWords are the words a 双公示 export's texts name a decision by, the
// most specific first: "准予劳务派遣经营许可延续" is a 延续, not a 新许可.
var actionWords = []struct {
	word string
	typ  model.DecisionType
}{
	{"吊销", model.Withdrawal}, {"撤销", model.Revocation}, {"注销", model.Cancellation},
	{"延续", model.Renewal}, {"变更", model.Change}, {"备案", model.Filing},
	{"新设", model.NewLicence}, {"新办", model.NewLicence}, {"设立", model.NewLicence},
	{"首次", model.NewLicence}, {"准予", model.NewLicence},
}

// refusals are words of decisions that grant nothing: such a row must not
// be read as a 新许可 for its 准予 or 许可.
var refusals = []string{"不予", "不准予", "驳回", "撤回", "不同意"}

// typeFromText infers a 公示类型 from the texts of a 双公示 row (许可内容,
// 许可证书名称, 行政许可决定文书名称, in that order): the most specific action
// word in any of them. For a 变更, changes is what the 许可内容 says after
// 变更 (or all of it): never a document's title. ok is false when no word
// is found, or a refusal is.
func typeFromText(texts ...string) (typ model.DecisionType, changes string, ok bool) {
	for _, t := range texts {
		for _, w := range refusals {
			if strings.Contains(t, w) {
				return 0, "", false
			}
		}
	}
	for _, a := range actionWords {
		for _, t := range texts {
			if !strings.Contains(t, a.word) {
				continue
			}
			if a.typ == model.Change && len(texts) > 0 {
				content := texts[0]
				if _, after, found := strings.Cut(content, a.word); found {
					content = cmp.Or(strings.Trim(after, " ：:，,、"), content)
				}
				changes = content
			}
			return a.typ, changes, true
		}
	}
	return 0, "", false
}

// regionFromCode is characters 3–8 of a 统一社会信用代码: the registering
// authority's GB/T 2260 region.
func regionFromCode(code string) (string, bool) {
	if len(code) != 18 {
		return "", false
	}
	r := code[2:8]
	return r, strings.Trim(r, "0123456789") == ""
}
