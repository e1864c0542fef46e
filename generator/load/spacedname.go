package load

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"portal/generator/diag"
)

// A registered name (企业名称, 机关名称) is written in Chinese characters
// with no space between them; an export that holds one (广州市壬 人力资源有限
// 公司: a typing slip, a no-break or ideographic space pasted from a
// document) published the name with it, and a person who typed 壬人力, as
// the business licence writes it, was told 未查到: the search reads the
// space as the end of a word. The name is published without the spaces
// between its Chinese characters, with a warning; a space beside a Latin
// letter or a digit (广州市ABC 人力资源) stays.

// spacedAt is the byte offset of the first run of white space in v that
// stands between two Chinese characters (unicode.Han), -1 when there is
// none.
func spacedAt(v string) int {
	prevHan := false
	for i := 0; i < len(v); {
		r, w := utf8.DecodeRuneInString(v[i:])
		if unicode.IsSpace(r) && prevHan {
			j := i + w
			for j < len(v) {
				s, sw := utf8.DecodeRuneInString(v[j:])
				if !unicode.IsSpace(s) {
					break
				}
				j += sw
			}
			if next, _ := utf8.DecodeRuneInString(v[j:]); j < len(v) && unicode.Is(unicode.Han, next) {
				return i
			}
			i = j
			prevHan = false
			continue
		}
		prevHan = unicode.Is(unicode.Han, r)
		i += w
	}
	return -1
}

// joinHan is v without the runs of white space between two Chinese
// characters.
func joinHan(v string) string {
	for at := spacedAt(v); at >= 0; at = spacedAt(v) {
		v = v[:at] + strings.TrimLeftFunc(v[at:], unicode.IsSpace)
	}
	return v
}

// orgName is the name v of an agency or an authority as it is published:
// without the spaces between its Chinese characters, said with a warning
// (spacedAt), and refused when a character of it was lost
// (lostCharacter).
func orgName(file string, line, col int, field, v string, d *diag.List) string {
	if at := spacedAt(v); at >= 0 {
		d.Add(diag.Diagnostic{File: file, Line: line, Col: col, Field: field, Value: v, Severity: diag.Warning,
			Msg:  fmt.Sprintf("holds a space between two Chinese characters at its character %d, which a registered name does not have: it is published without it, so that the name is found as the business licence writes it", utf8.RuneCountInString(v[:at])+1),
			Hint: "remove the space in the system the table is exported from"})
		v = joinHan(v)
	}
	lostCharacter(file, line, col, field, v, d)
	statusMarked(file, line, col, field, v, d)
	return v
}

// statusMark is a mark of a status at the end of a name, as some systems
// export the name of an agency that has one: 广州市甲人力资源有限公司（已吊销）,
// …公司(注销), …公司【吊销，未注销】, …公司 已过期. No registered name ends
// so (（广州）, （普通合伙） name no status).
var statusMark = regexp.MustCompile(`(?:[（(\[【〔［]\s*[^（()）\]】〕［］]{0,4}?(?:已经?|被)?(?:注销|吊销|撤销|撤回|过期|到期|失效|停业|歇业|迁出|关闭|解散|终止|作废)[^（()）\]】〕［］]{0,10}[)）\]】〕］]|[\s\-—_/|]+(?:已经?|被)?(?:注销|吊销|撤销|撤回|过期|到期|失效|停业|歇业|迁出|关闭|解散|终止|作废)\S{0,4})\s*$`)

// mayEndMarked reports whether v may end with a statusMark: its last
// character closes a bracket, or one of its last eight is a character of
// a status word (销 回 期 效 业 迁 闭 散 止 废: one at least in each).
func mayEndMarked(v string) bool {
	end := strings.TrimRightFunc(v, unicode.IsSpace)
	if len(end) > 8*3 {
		end = end[len(end)-8*3:]
		for len(end) > 0 && !utf8.RuneStart(end[0]) {
			end = end[1:]
		}
	}
	for i, r := range end {
		switch r {
		case '销', '回', '期', '效', '业', '迁', '闭', '散', '止', '废':
			return true
		case ')', '）', ']', '】', '〕', '］':
			if i+utf8.RuneLen(r) == len(end) {
				return true
			}
		}
	}
	return false
}

// statusMarked refuses a name that ends with a mark of a status
// (statusMark). Published as written, the name says 已吊销 beside the
// verdict the register derives from the decisions — 许可有效 when no row of
// its own records the 吊销 — and a reader cannot tell which to believe;
// with the mark taken off, the export's word for it would be lost.
func statusMarked(file string, line, col int, field, v string, d *diag.List) {
	// the mark ends the name: in a bracket, or as a word of its last few
	// characters. The pattern is tried only on the end of a name that may
	// have one (it runs on every name cell, and tried at every start of a
	// name it took 1.5 µs a name).
	if !mayEndMarked(v) {
		return
	}
	tail := v
	for len(tail) > 96 { // the longest mark is some 30 characters
		_, w := utf8.DecodeRuneInString(tail)
		tail = tail[w:]
	}
	m := statusMark.FindString(tail)
	if m == "" {
		return
	}
	d.Add(diag.Diagnostic{File: file, Line: line, Col: col, Field: field, Value: v, Severity: diag.Error,
		Msg:  fmt.Sprintf("ends with a mark of a status, %q, which no registered name has: published, the name would say it beside the verdict the register derives from the decisions (许可有效, when no row of its own records the decision the mark speaks of)", strings.TrimSpace(m)),
		Hint: "remove the mark from the name; if the licence ended (吊销, 注销, 撤销), export the decision that ended it as a row of its own"})
}

// lostCharacter refuses a name with a question mark in it: no registered
// name has one, and an export whose encoding cannot hold a character of
// the name (GBK has no 𠮷, GB2312 no 喆) writes ? in its place — published,
// the name is one no one can find by what the business licence writes.
func lostCharacter(file string, line, col int, field, v string, d *diag.List) {
	at := strings.IndexAny(v, "?？")
	if at < 0 {
		return
	}
	d.Add(diag.Diagnostic{File: file, Line: line, Col: col, Field: field, Value: v, Severity: diag.Error,
		Msg:  fmt.Sprintf("holds a question mark at its character %d, which no registered name has: a character the export's encoding could not hold (a rare one, such as 𠮷 or 喆) was most likely written as ? in its place", utf8.RuneCountInString(v[:at])+1),
		Hint: "export the table again as CSV UTF-8 or .xlsx, and check the name against the business licence"})
}
