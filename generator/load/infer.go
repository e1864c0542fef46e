package load

import (
	"cmp"
	"fmt"
	"regexp"
	"strings"
	"sync"

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

// notMade matches the texts of a decision not made or undone, which name
// one by its action word: a proposal (拟吊销), a notice before a hearing
// (吊销前告知书, 听证告知), or a decision withdrawing an earlier one
// (撤销吊销劳务派遣经营许可证的决定). Read by its action word, such a row
// would end a licence in force.
var notMade = regexp.MustCompile(`拟(吊销|撤销|注销|变更|延续|准予|许可|新设|设立)|告知书|听证|撤销[^，,。；;]*?(吊销|注销)`)

// notMadeText reports whether t is such a text: the words the pattern
// needs are looked for first, as it runs on every row's texts.
func notMadeText(t string) bool {
	return strings.ContainsAny(t, "拟告听撤") && notMade.MatchString(t)
}

// A text may name a decision it does not state: one that follows if a
// condition is met (期满未申请延续的依法注销, 以欺骗手段取得许可的，应当予以
// 撤销, 逾期不改正的，吊销…), or the law's words it quotes (依据“……”的规定).
var (
	// quoted are quotations, whose words are the law's or another's
	quoted = regexp.MustCompile(`“[^”]*”|"[^"]*"|「[^」]*」|『[^』]*』|《[^》]*》`)
	// threatened are the words before a decision's word, in its sentence,
	// that make it a consequence to come or one the law allows: a
	// condition (……的，; a clause of 逾期, 期满, 拒不, 未申请, 不改正 … ending
	// in 的, or 的依法, 的予以, 的由…), 否则, 如不, 可以; or a negation right
	// before it (未申请延续, 无需办理注销). A finding is not one
	// (逾期不改正，决定吊销; 情节严重，吊销), nor a name's 的 (准予广州市未来
	// 人力资源有限公司的注销申请).
	threatened = regexp.MustCompile(`的[，,]|(逾期|期满|拒不|情节严重|未申请|未按|未在|不改正|未改正|不再)[^，,。；;]{0,30}的(依法|予以|由[^，,。；;]{0,20}|应当|将|即)?$|否则|如不|若不|可以|可并处|可处|(未|没有|无需|不需|不得)(申请|办理|予以)?$`)
)

// stated reports whether text states the decision word names: some
// occurrence of it outside quotation marks that its sentence does not
// make a consequence to come (threatened).
func stated(text, word string) bool {
	if !strings.Contains(text, word) {
		return false
	}
	text = quoted.ReplaceAllString(text, "")
	for _, sentence := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune("。；;\n", r) }) {
		for rest, before := sentence, ""; ; {
			i := strings.Index(rest, word)
			if i < 0 {
				break
			}
			before += rest[:i]
			if !threatened.MatchString(before) {
				return true
			}
			before += word
			rest = rest[i+len(word):]
		}
	}
	return false
}

// typeFromText infers a 公示类型 from the texts of a 双公示 row (许可内容,
// 许可证书名称, 行政许可决定文书名称, in that order): the most specific action
// word in any of them. For a 变更, changes is what the 许可内容 says after
// 变更 (or all of it): never a document's title. ok is false when no word
// is found, or a refusal is.
func typeFromText(texts ...string) (typ model.DecisionType, changes string, ok bool) {
	for _, t := range texts {
		for _, w := range cellRefusals {
			if strings.Contains(t, w) {
				return 0, "", false
			}
		}
		if notMadeText(t) {
			return 0, "", false
		}
	}
	for _, a := range actionWords {
		for _, t := range texts {
			// a decision named as what follows a condition (期满未申请延续的
			// 依法注销: neither a 延续 nor a 注销) is not the row's; the words
			// of a grant (准予, 新设 …) are the last read, and read as they are
			if !strings.Contains(t, a.word) || a.typ != model.NewLicence && !stated(t, a.word) {
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

// otherLicenceWords name the licences and approvals a 人社 bureau decides
// besides the 劳务派遣经营许可, as the texts of a 双公示 行政许可 export do
// (许可证书名称, 行政许可决定文书名称, 许可内容): such an export lists every
// licence the bureau decides. None is a word an agency's name holds, as a
// 变更's 许可内容 quotes its names.
var otherLicenceWords = []string{
	"人力资源服务许可",               // 人力资源服务许可证
	"职业中介活动",                 // 经营性人力资源服务机构从事职业中介活动许可
	"办学许可",                   // 民办职业培训学校办学许可证
	"职业培训学校", "技工学校", "培训机构", // their 设立, 变更, 终止
	"工作制",              // 企业实行不定时工作制和综合计算工时工作制审批
	"职业技能鉴定",           // 职业技能鉴定机构
	"外国人就业", "外国人来华工作", // 外国人就业许可, 外国人来华工作许可
}

// otherLicence returns the text of a 双公示 row that names a licence other
// than the 劳务派遣经营许可, when one does and none names 劳务派遣: the row
// is a decision on that licence, not on a dispatch licence. "" when the
// row is a dispatch licence's, or its texts do not say.
func otherLicence(texts ...string) string {
	for _, t := range texts {
		if strings.Contains(t, "劳务派遣") {
			return ""
		}
	}
	for _, t := range texts {
		for _, w := range otherLicenceWords {
			if strings.Contains(t, w) {
				return t
			}
		}
	}
	return ""
}

// otherRows counts the rows of a licences file left out as decisions on
// another licence (otherLicence).
type otherRows struct {
	mu    sync.Mutex
	n     int
	first int    // the line of the first, by line
	said  string // what it names its licence by
}

func (o *otherRows) add(line int, said string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.n++
	if o.first == 0 || line < o.first {
		o.first, o.said = line, said
	}
}

// summary says what was left out (o.n > 0), for the file's summary line.
func (o *otherRows) summary() string {
	if o.n == 1 {
		return fmt.Sprintf("1 row of another licence than the 劳务派遣经营许可 not read (line %d: %s)", o.first, o.said)
	}
	return fmt.Sprintf("%d rows of other licences than the 劳务派遣经营许可 not read (the first, line %d: %s)", o.n, o.first, o.said)
}
