package load

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"portal/generator/diag"
	"portal/generator/model"
)

// A decision row's own texts (备注, and 许可内容 beside a 公示类型) may say
// that the decision its 公示类型 names was not made, or no longer stands:
// proposed (拟注销), refused (不予注销), its application withdrawn
// (申请人撤回注销申请), the record voided (此条公示作废), the decision set
// aside (该注销决定已被撤销, 经复议撤销本注销决定) or, after an ending, the
// licence restored (已恢复许可). Read by its 公示类型 alone, such a row
// publishes a licensed agency as ended, or an unlicensed one as licensed.
//
// The words are looked for with the row's own decision word, so a remark
// that names another decision (期满不予延续，依法注销 on a 注销; 撤销原许可
// 决定 on a 撤销, which is how a 撤销 is worded) is not one.

// undoneWord is the word a remark names the row's decision by.
var undoneWord = map[model.DecisionType]string{
	model.NewLicence:   `(?:行政许可|许可|准予|批准|同意)`,
	model.Change:       `变更`,
	model.Renewal:      `延续`,
	model.Revocation:   `撤销`,
	model.Withdrawal:   `(?:吊销|行政处罚|处罚)`, // a 吊销 is a penalty: 该处罚决定已被撤销
	model.Cancellation: `注销`,
	model.Filing:       `备案`,
}

// undonePatterns are, for each decision type, the remarks that undo it.
var undonePatterns = func() map[model.DecisionType]*regexp.Regexp {
	out := map[model.DecisionType]*regexp.Regexp{}
	for typ, w := range undoneWord {
		voided := `作废|无效|有误|错误|撤回`
		if typ != model.Revocation {
			voided += `|撤销` // 该条许可被撤销 is how a 撤销 is worded
		}
		this := `(?:本|该|此)?` // which decision: this one
		if typ == model.NewLicence {
			this = `(?:本|该|此)` // 许可决定 alone may be an earlier licence's
		}
		parts := []string{
			`拟(?:予以|依法|作出)?` + w,                                                 // proposed
			`(?:不予|不准予|不同意|未予|未准予)(?:行政)?` + w,                                   // refused
			`(?:本|该|此)(?:条|条目|记录|信息|公示|数据)` + clause + `{0,6}(?:` + voided + `)`, // the record voided
			// the decision set aside (not an earlier one: 原许可决定被撤销后
			// 重新申请 on a 新许可, 撤销原许可决定 on a 撤销)
			this + w + `决定` + clause + `{0,4}(?:被|经|已)` + clause + `{0,10}?(?:撤销|撤回|确认无效|作废|纠正)`,
			this + w + `决定` + clause + `{0,4}(?:作废|无效)`,
			`(?:撤销|撤回)了?(?:本|该|此)(?:` + w + `)?决定`,
			// a bracketed remark after the decision's word: 注销（已撤回）
			w + `[（(][^）)]{0,6}(?:` + voided + `|暂缓|中止)[^）)]{0,4}[）)]?`,
		}
		if typ != model.Revocation && typ != model.Withdrawal {
			// made on application: the application withdrawn or dismissed
			parts = append(parts, `撤回`+clause+`{0,10}申请`, `申请`+clause+`{0,6}(?:已经?|被)?撤回`, `驳回`+clause+`{0,10}申请`,
				// the application refused: 延续申请不予批准
				w+`申请`+clause+`{0,4}(?:不予|不准予|未予|未获|不同意)(?:批准|许可|准予|通过|同意|受理)`)
		}
		out[typ] = regexp.MustCompile(strings.Join(parts, "|"))
	}
	return out
}()

// clause is a character of the same clause.
const clause = `[^，,。；;]`

// restored is a remark that the licence was restored, which undoes an
// ending; one negated (不得恢复, 不予恢复) does not.
var (
	restored       = regexp.MustCompile(`恢复` + clause + `{0,8}(?:许可|经营|资格|有效)`)
	restoreNegated = regexp.MustCompile(`(?:不得|不予|不能|无法|不再|不|未|无)(?:予以|依法)?$`)
)

// undoneBy is the part of text that says the row's decision of type typ
// was not made or no longer stands, or "".
func undoneBy(text string, typ model.DecisionType) string {
	p := undonePatterns[typ]
	if p == nil || text == "" {
		return ""
	}
	for _, loc := range p.FindAllStringIndex(text, -1) {
		if !strings.HasSuffix(text[:loc[0]], "原") { // 原注销决定: an earlier one
			return text[loc[0]:loc[1]]
		}
	}
	if typ.Terminal() {
		for _, loc := range restored.FindAllStringIndex(text, -1) {
			if !restoreNegated.MatchString(text[:loc[0]]) {
				return text[loc[0]:loc[1]]
			}
		}
	}
	return ""
}

// checkUndone reports a row whose 备注 (or, beside a 公示类型 column, whose
// 许可内容) says its decision was not made or no longer stands.
func (r *row) checkUndone(x *licenceRow, typ model.DecisionType, typed bool) {
	if typ == 0 {
		return // an unknown 公示类型, reported already
	}
	cells := []struct{ title, text string }{{model.ColNote.Title, x.Note}}
	if typed {
		cells = append(cells, struct{ title, text string }{fLicenceContent, x.Content})
	}
	for _, c := range cells {
		if w := undoneBy(c.text, typ); w != "" {
			r.errorf(c.title, c.text, "if the decision was not made or no longer stands, remove the row (and record what followed, e.g. a later 新许可); if the words are about another decision, reword them",
				"the %s says this %s was not made or no longer stands (%q): read by its 公示类型, the row would publish it as made", c.title, typ, w)
			return
		}
	}
	r.checkCommentUndoes(typ, func(text string) string { return undoneBy(text, typ) })
}

// checkCommentUndoes reports a row with a comment (批注) that says, as
// undoes finds it, its decision of type typ was not made or no longer
// stands: comments are not published, and the row would be.
func (r *row) checkCommentUndoes(typ model.DecisionType, undoes func(string) string) {
	for _, n := range r.t.notes[r.line] {
		if w := undoes(n.text); w != "" {
			r.d.Add(diag.Diagnostic{File: r.t.file, Line: r.line, Col: n.col, Field: n.field, Value: n.text, Severity: diag.Error,
				Msg:  fmt.Sprintf("a comment (批注) on cell %s says this %s was not made or no longer stands (%q): comments are not published, and the row would publish it as made", n.cell, typ, w),
				Hint: "if the decision was not made or no longer stands, remove the row (and record what followed, e.g. a later 新许可); if the comment is about another decision, reword it or delete it"})
			return
		}
	}
}

// rowNote is a comment (批注) on a cell of a table's data row.
type rowNote struct {
	cell, field, text string
	col               int
}

// rowNotes are the comments on the table's data rows (its first end rows)
// by line, nil when there are none.
func rowNotes(raw *rawTable, header []string, end int) map[int][]rowNote {
	var out map[int][]rowNote
	for _, c := range raw.comments {
		col, line, err := excelize.CellNameToCoordinates(c.cell)
		if err != nil || c.text == "" {
			continue
		}
		if _, ok := raw.bodyRow(line, end); !ok {
			continue // a comment on the header, a title or a footer
		}
		field := ""
		if col <= len(header) {
			field = header[col-1]
		}
		if out == nil {
			out = map[int][]rowNote{}
		}
		out[line] = append(out[line], rowNote{cell: c.cell, field: field, text: c.text, col: col})
	}
	return out
}
