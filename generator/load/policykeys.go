package load

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"portal/generator/diag"
)

// A policy's status (现行有效, 尚未施行, 已失效, 已废止) comes from its
// front matter's dates. A bureau's web team writes those keys as its
// 政府信息公开 metadata block names them (废止日期, 施行日期), or mistypes
// one (efective_to); ignored with a warning, such a key left an abolished
// policy published as 现行有效 with exit 0. So the Chinese names are read
// as their keys, and any other key that speaks of whether the policy is in
// force is an error.

// policyKeyNames are the Chinese names of a policy's keys, each read as
// its key.
var policyKeyNames = map[string]string{
	"标题": "title", "文号": "doc_no", "发文字号": "doc_no", "发文机关": "issuer", "发布机关": "issuer",
	"成文日期": "written_on", "发布日期": "published_on", "公布日期": "published_on",
	"施行日期": "effective_from", "实施日期": "effective_from", "生效日期": "effective_from",
	"失效日期": "effective_to", "有效期至": "effective_to", "废止日期": "abolished_on",
	"索引号": "index_no", "主题分类": "topic", "摘要": "summary",
}

// policyDates are the keys a policy's status is judged from.
var policyDates = []string{"effective_from", "effective_to", "abolished_on"}

// validityWords, in a key's name or value, speak of whether a document is
// in force.
var validityWords = []string{"废止", "失效", "有效", "施行", "实施", "生效", "状态", "时效", "效力",
	"status", "valid", "abolish", "repeal", "expir", "effective", "force", "revoke"}

// alias reads each key written by one of names as the key it names; a
// file that has both is an error at the name.
func (fm *frontMatter) alias(names map[string]string) {
	for name, key := range names {
		n := fm.keys[name]
		if n == nil {
			continue
		}
		if fm.keys[key] != nil {
			fm.used[name] = true
			fm.errorf(name, "%s is %s, which the front matter has too (line %d): keep one", name, key, fm.keyLines[key])
			continue
		}
		fm.keys[key], fm.keyLines[key] = n, fm.keyLines[name]
		delete(fm.keys, name)
	}
}

// refuseValidityKeys makes an error of every key no one asked for that a
// reader could take to say whether the document is in force — its name or
// its value holds one of validityWords, or it is a date key mistyped —
// since ignored, the document is published by the keys of dates alone.
func (fm *frontMatter) refuseValidityKeys(dates []string) {
	for k, n := range fm.keys {
		if fm.used[k] {
			continue
		}
		near := ""
		key := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(k))
		for _, d := range dates {
			if near == "" && (editDistance(key, d) <= 2 || len(key) >= 5 && strings.HasPrefix(d, key)) {
				near = d // efective_to, abolished
			}
		}
		// a value as short as a status (已废止, 失效, 现行有效), not a
		// sentence that uses the word (为有效规范劳务派遣…)
		short := utf8.RuneCountInString(n.Value) <= 12
		speaks := near != ""
		for _, w := range validityWords {
			speaks = speaks || strings.Contains(strings.ToLower(k), w) || short && strings.Contains(strings.ToLower(n.Value), w)
		}
		if !speaks {
			continue
		}
		fm.used[k] = true
		hint := "write the dates as effective_from (施行日期), effective_to (失效日期) and abolished_on (废止日期): the status is worked out from them"
		if near != "" {
			hint = fmt.Sprintf("did you mean %s? the status is worked out from effective_from (施行日期), effective_to (失效日期) and abolished_on (废止日期)", near)
		}
		pos := fm.pos(k)
		fm.d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Field: k, Value: n.Value, Severity: diag.Error, Hint: hint,
			Msg: fmt.Sprintf("unknown front matter key %q: it seems to say whether the document is in force, and ignored, the document would be published as its dates alone say", k)})
	}
}

// editDistance is the Levenshtein distance between a and b, by bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
