package load

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"portal/generator/model"
)

// A 公示类型 cell that is neither a type's name nor a known word (typeWords,
// the import settings) is read by its grammar: one decision's action word
// (吊销, 延续 …) among words that say nothing of what was decided (准予,
// 许可证, 劳务派遣, 登记, 行政处罚, 依申请, what a 变更 changed …), with a
// remark in brackets. Read by its action word alone, a cell that says the
// decision was not made, not yet made or undone — 拟吊销, 吊销前告知,
// 撤销吊销决定, 注销未通过, 吊销（已撤销） — would publish a licensed agency
// as ended, so a cell holding anything else is refused, naming what it was
// refused for; a bureau whose system means one decision by it maps the word
// in data/import.toml.

// cellActions are the action words of a 公示类型 cell and what each names:
// a 双公示 text's (actionWords) but 准予, which alone (准予许可) is a 新许可
// and beside another word says nothing (准予延续), and the words a cell
// uses besides.
var cellActions = func() map[string]model.DecisionType {
	m := map[string]model.DecisionType{"延期": model.Renewal, "新许可": model.NewLicence, "新设立": model.NewLicence, "新申请": model.NewLicence}
	for _, a := range actionWords {
		if a.word != "准予" {
			m[a.word] = a.typ
		}
	}
	return m
}()

// cellFiller are the words a 公示类型 cell may hold beside its action word:
// the licence's and the procedure's names, and what a 变更 changed.
var cellFiller = []string{
	"劳务派遣", "经营", "行政许可", "行政处罚", "许可证件", "许可证书", "许可证", "许可", "证件", "证书",
	"行政", "处罚", "登记", "决定书", "决定", "准予", "同意", "批准", "核准", "依申请", "依职权", "依法",
	"申请", "办理", "事项", "业务", "的", "分支机构", "分公司", "公示", "信息", "及", "和", "与", "并", "暨",
	// how, or with what, it was decided (延续换证, 期满注销, 自愿注销)
	"换证", "换发", "到期", "期满", "主动", "自愿",
	// what a 变更 changed (变更名称, 法定代表人变更)
	"企业名称", "单位名称", "名称", "法定代表人", "法人代表", "法人", "住所", "地址", "注册资本",
	"经营场所", "股东", "负责人",
}

// cellRefusals say no decision was made: such a cell grants nothing and
// ends nothing (refusals, and a check not passed).
var cellRefusals = append([]string{"未通过", "不通过", "未予", "未准予"}, refusals...)

// remarkMarkers, in a bracketed remark, say the decision is not (or no
// longer) in effect: proposed, announced before a hearing, voided,
// corrected, withdrawn or suspended.
var remarkMarkers = []string{
	"拟", "预", "告知", "听证", "作废", "无效", "撤回", "恢复", "更正", "纠正", "错误",
	"未生效", "不生效", "暂缓", "暂停", "暂扣", "待", "中止", "取消",
}

// cellWords are cellActions' and cellFiller's words, longest first, so a
// cell is read by its longest words (新设立, not 新设 and 立).
var cellWords = func() []string {
	var ws []string
	for w := range cellActions {
		ws = append(ws, w)
	}
	ws = append(ws, cellFiller...)
	slices.SortFunc(ws, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b))
	})
	return ws
}()

// typeFromCell reads a 公示类型 cell by its grammar. When it cannot, why
// is the words it was refused for (a refusal, words it does not know,
// two decisions, a remark that says the decision is not in effect), or ""
// when it names no decision at all.
func typeFromCell(s string) (typ model.DecisionType, why string, ok bool) {
	for _, w := range cellRefusals {
		if strings.Contains(s, w) {
			return 0, w, false
		}
	}
	head, remark := splitRemark(s)
	var found []cellAction // in the cell's order
	actions, unknown := cellWordsOf(head)
	for _, w := range actions {
		found = addAction(found, w)
	}
	if len(unknown) > 0 {
		if len(found) == 0 {
			return 0, "", false // no decision's word: 换证, 新增
		}
		return 0, strings.Join(unknown, "、"), false
	}
	for _, w := range remarkMarkers {
		if strings.Contains(remark, w) {
			return 0, w, false
		}
	}
	if len(found) == 0 {
		if inRemark, _ := cellWordsOf(remark); strings.Contains(head, "准予") && len(inRemark) == 0 {
			return model.NewLicence, "", true
		}
		return 0, "", false // a decision's word in a remark alone is not its type: （吊销）
	}
	inRemark, _ := cellWordsOf(remark)
	for _, w := range inRemark {
		found = addAction(found, w) // a remark naming another decision: 吊销（已撤销）
	}
	// one decision, or a grant's kinds together (分支机构设立备案, 变更及延续):
	// the most specific, as a 双公示 row's texts are read; a decision that
	// ends a licence beside any other is two decisions, or one undoing the
	// other (撤销吊销决定)
	var names []string
	terminal := false
	for _, a := range found {
		names = append(names, a.word)
		terminal = terminal || a.typ.Terminal()
	}
	if len(found) > 1 && terminal {
		return 0, strings.Join(names, "、"), false
	}
	for _, a := range actionWords {
		for _, f := range found {
			if f.typ == a.typ {
				return a.typ, "", true
			}
		}
	}
	return 0, "", false
}

// cellAction is an action word of a cell and the decision it names.
type cellAction struct {
	word string
	typ  model.DecisionType
}

// addAction adds the decision action word w names, unless one of its kind
// is there; a word that is not an action word adds nothing.
func addAction(found []cellAction, w string) []cellAction {
	t, ok := cellActions[w]
	if !ok || slices.ContainsFunc(found, func(a cellAction) bool { return a.typ == t }) {
		return found
	}
	return append(found, cellAction{w, t})
}

// cellWordsOf reads s as a 公示类型 cell's words: its action words, in
// order, and the words it does not know (runs of characters between known
// words, punctuation and spaces).
func cellWordsOf(s string) (actions, unknown []string) {
	var word strings.Builder // the unknown word being read
	flush := func() {
		if word.Len() > 0 {
			unknown = append(unknown, word.String())
			word.Reset()
		}
	}
	for s != "" {
		if w := wordAt(s); w != "" {
			flush()
			if _, ok := cellActions[w]; ok {
				actions = append(actions, w)
			}
			s = s[len(w):]
			continue
		}
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		if unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) {
			flush()
			continue
		}
		word.WriteRune(r)
	}
	flush()
	return actions, unknown
}

// wordAt is the cell word s begins with, or "".
func wordAt(s string) string {
	for _, w := range cellWords {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}

// splitRemark splits a cell into its words and the remarks in brackets
// (注销（依申请）, 吊销(已撤销)).
func splitRemark(s string) (head, remark string) {
	var h, rm strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '（', '(', '【', '[', '〔', '［':
			if depth == 0 {
				h.WriteByte(' ') // a bracket parts the words around it: 注（…）销 is no 注销
			}
			depth++
			continue
		case '）', ')', '】', ']', '〕', '］':
			if depth > 0 {
				depth--
			}
			if depth == 0 {
				h.WriteByte(' ')
			}
			continue
		}
		if depth > 0 {
			rm.WriteRune(r)
		} else {
			h.WriteRune(r)
		}
	}
	return h.String(), rm.String()
}

// changeFields are the items of a licence a 变更 changes, as a 公示类型
// names them (变更（名称）, 变更(法定代表人、住所), 名称变更).
var changeFields = []string{"名称", "单位名称", "企业名称", "住所", "经营场所", "办公场所", "经营地址", "法定代表人", "负责人",
	"注册资本", "许可证编号", "许可事项", "股东", "投资人"}

// changedInType is what a 变更's 公示类型 cell says changed — in its
// brackets (变更（名称）) or beside its decision word (名称变更, 变更住所,
// 法定代表人及住所变更) — the items joined by 、, when every word of the
// cell but 变更 is one of changeFields; "" otherwise.
func changedInType(cell string) string {
	rest := strings.ReplaceAll(unspaced(cell), "变更", " ")
	items := strings.FieldsFunc(rest, func(r rune) bool { return strings.ContainsRune("、，,/；; 及和与（）()", r) })
	if len(items) == 0 {
		return ""
	}
	for _, it := range items {
		if !slices.Contains(changeFields, it) {
			return ""
		}
	}
	return strings.Join(items, "、")
}
