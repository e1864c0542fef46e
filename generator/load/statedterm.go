package load

import (
	"fmt"
	"regexp"
	"strings"

	"portal/generator/diag"
	"portal/generator/model"
)

// A policy's text most often states its own term in its last article:
// 本意见自2024年1月1日起施行，有效期至2028年12月31日 — or 本通知自印发之日起
// 实施，有效期5年, or 本办法自2024年1月1日起试行，试行期两年. The status a reader sees (现行有效, 已失效) is worked out
// from the front matter's effective_to alone; with none, a document whose
// text says it ended would be published as in force for ever. So a stated
// end is held to the front matter: missing, or another day, is an error.
// A term given in years is held the same way from the day it runs from
// (effective_from; 印发之日 is written_on), when the front matter gives it,
// and only a missing effective_to is an error: the day such a term ends
// depends on how its first day is counted, so another day is a warning.

var (
	// ownTerm finds, in a sentence about the document itself (本通知,
	// 本意见 … or 自…起施行), the term it gives: an end date or a number of
	// years.
	ownTerm = regexp.MustCompile(`(?:有效期|试行期)(?:限)?(?:为|是)?\s*(?:至|到)\s*([0-9０-９〇零一二三四五六七八九]{4})\s*年\s*([0-9０-９一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９一二三四五六七八九十]{1,3})\s*日|(?:(?:有效期|试行期)(?:限)?(?:为|是)?|试行)\s*([0-9０-９]{1,2}|[一二两三四五六七八九十])\s*年`)
	// ownStart is the day the document says it takes effect.
	ownStart = regexp.MustCompile(`自\s*([0-9０-９〇零一二三四五六七八九]{4})\s*年\s*([0-9０-９一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９一二三四五六七八九十]{1,3})\s*日\s*起\s*(?:施行|实施|执行|生效|试行)`)
	// aboutItself is a sentence that speaks of the document (本办法自…起
	// 施行), not of a licence or of another document (《许可证》有效期为3年).
	aboutItself = regexp.MustCompile(`本(?:实施)?(?:意见|通知|办法|规定|细则|规则|决定|方案|措施|指引|公告|通告|标准|规范|制度|指南)|起(?:施行|实施|执行|生效|试行)`)
	// aboutALicence is a sentence about a licence's or a certificate's
	// term (许可证有效期为3年，自作出许可决定之日起生效).
	aboutALicence = regexp.MustCompile(`许可证|证书|资质|执照|证件`)
	// fromIssue is a term that runs from the day the document was issued.
	fromIssue = regexp.MustCompile(`自(?:印发|发布|公布|签发|下发)之日起`)
)

// checkStatedTerm holds the term a policy's text gives itself to its
// front matter's effective_to.
func (fm *frontMatter) checkStatedTerm(p *model.Policy) {
	if p.Draft {
		return // a 征求意见稿 is in force on no day
	}
	line := fm.bodyLine
	start, term := false, false // the first the text gives of each
	for _, text := range strings.Split(p.Body, "\n") {
		for _, sentence := range strings.FieldsFunc(text, func(r rune) bool { return r == '。' || r == '；' || r == ';' }) {
			if !aboutItself.MatchString(sentence) || aboutALicence.MatchString(sentence) || strings.Contains(sentence, "《") && !strings.Contains(sentence, "本") {
				continue
			}
			if m := ownStart.FindStringSubmatch(sentence); m != nil && !start {
				start = true
				fm.statedStart(p, line, m[0], m[1], m[2], m[3])
			}
			if m := ownTerm.FindStringSubmatch(sentence); m != nil && !term {
				term = true
				if m[1] != "" {
					fm.statedEnd(p, line, m[0], m[1], m[2], m[3])
				} else {
					fm.statedYears(p, line, m[0], m[4], fromIssue.MatchString(sentence))
				}
			}
		}
		line++
	}
}

// statedStart holds the day the text says the document takes effect
// (自2024年1月1日起施行) to effective_from: with none, a document published
// before that day would be published as 现行有效 from its publication.
func (fm *frontMatter) statedStart(p *model.Policy, line int, words, y, m, d string) {
	from, ok := hanDate(y, m, d)
	if !ok {
		return
	}
	at := diag.Pos{File: fm.path, Line: line}
	switch {
	case p.EffectiveFrom == 0 && p.PublishedOn != 0 && from > p.PublishedOn:
		fm.d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: words, Severity: diag.Error,
			Msg:  fmt.Sprintf("the text says the document takes effect on %s, but its front matter has no effective_from: from its publication on %s it would be published as 现行有效, not 尚未施行", from, p.PublishedOn),
			Hint: fmt.Sprintf("add effective_from: %s to the front matter", from)})
	case p.EffectiveFrom != 0 && p.EffectiveFrom != from:
		fm.d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: words, Severity: diag.Error,
			Msg:  fmt.Sprintf("the text says the document takes effect on %s, but its front matter's effective_from is %s (line %d): the page would give the status by the front matter's day", from, p.EffectiveFrom, fm.keyLines["effective_from"]),
			Hint: "correct effective_from, or the text if it is the one mistyped"})
	}
}

// hanDate is the date of a year, month and day written as model.HanNumber reads.
func hanDate(y, m, d string) (model.Date, bool) {
	yy, ok1 := model.HanNumber(y)
	mm, ok2 := model.HanNumber(m)
	dd, ok3 := model.HanNumber(d)
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	day, err := model.ValidDate(yy, mm, dd)
	return day, err == nil
}

// statedEnd holds an end date the text states (有效期至2028年12月31日).
func (fm *frontMatter) statedEnd(p *model.Policy, line int, words, y, m, d string) {
	end, ok := hanDate(y, m, d)
	if !ok {
		return
	}
	at := diag.Pos{File: fm.path, Line: line}
	switch {
	case p.EffectiveTo == 0:
		fm.d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: words, Severity: diag.Error,
			Msg:  fmt.Sprintf("the text says the document is in force until %s, but its front matter has no effective_to: from %s it would still be published as 现行有效", end, end.AddDays(1)),
			Hint: fmt.Sprintf("add effective_to: %s to the front matter", end)})
	case p.EffectiveTo != end:
		fm.d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: words, Severity: diag.Error,
			Msg:  fmt.Sprintf("the text says the document is in force until %s, but its front matter's effective_to is %s (line %d): the page would give the status by the front matter's day", end, p.EffectiveTo, fm.keyLines["effective_to"]),
			Hint: "correct effective_to, or the text if it is the one mistyped"})
	}
}

// statedYears holds a term in years the text states (有效期5年), counted
// from effective_from, or from written_on when it runs from the day the
// document was issued (自印发之日起).
func (fm *frontMatter) statedYears(p *model.Policy, line int, words, n string, issued bool) {
	years, ok := model.HanNumber(n)
	if !ok || years <= 0 {
		return
	}
	from, key := p.EffectiveFrom, "effective_from"
	if issued && p.WrittenOn != 0 {
		from, key = p.WrittenOn, "written_on"
	}
	if from == 0 && p.WrittenOn != 0 {
		from, key = p.WrittenOn, "written_on"
	}
	if from == 0 {
		from, key = p.PublishedOn, "published_on"
	}
	at := diag.Pos{File: fm.path, Line: line}
	if from == 0 {
		if p.EffectiveTo == 0 {
			fm.d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: words, Severity: diag.Error,
				Msg:  fmt.Sprintf("the text gives the document a term of %d years, but its front matter has neither the day it runs from nor effective_to: it would be published as 现行有效 for ever", years),
				Hint: "add effective_to (the term's last day) to the front matter"})
		}
		return
	}
	end := from.AddYears(years).AddDays(-1)
	switch {
	case p.EffectiveTo == 0:
		fm.d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: words, Severity: diag.Error,
			Msg:  fmt.Sprintf("the text gives the document a term of %d years, from %s (%s): it ends %s, but the front matter has no effective_to, so from %s it would still be published as 现行有效", years, from, key, end, end.AddDays(1)),
			Hint: fmt.Sprintf("add effective_to: %s to the front matter (or the term's last day, if it is counted otherwise)", end)})
	case p.EffectiveTo != end && p.EffectiveTo != end.AddDays(1):
		fm.d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: words, Severity: diag.Warning,
			Msg:  fmt.Sprintf("the text gives the document a term of %d years, from %s (%s), which ends %s; its front matter's effective_to is %s (line %d)", years, from, key, end, p.EffectiveTo, fm.keyLines["effective_to"]),
			Hint: "check effective_to: the page gives the status by it"})
	}
}
