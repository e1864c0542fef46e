package load

import (
	"strings"
	"testing"

	"portal/generator/model"
)

// A policy's front matter written with the Chinese names of its keys
// (废止日期, 施行日期) is read by them; a key that speaks of whether the
// policy is in force and is no key of the contract (status: 已废止, a
// mistyped abolished) is an error — ignored with a warning, it left an
// abolished policy published as 现行有效 with exit 0. Other unknown keys
// stay warnings.
func TestPolicyValidityKeys(t *testing.T) {
	dir, write := policySite(t)
	write("cn", "发布日期: 2020-01-05\n施行日期: 2020-02-01\n废止日期: 2025-03-01\n")
	write("status", "published_on: 2020-01-05\nstatus: 已废止\n")
	write("cnkey", "published_on: 2020-01-05\n效力: 失效\n")
	write("typo", "published_on: 2020-01-05\nabolished: 2025-03-01\n")
	write("both", "published_on: 2020-01-05\nabolished_on: 2025-03-01\n废止日期: 2025-03-02\n")
	write("other", "published_on: 2020-01-05\nauthor: 办公室\ndescription: 为有效规范劳务派遣用工，保障被派遣劳动者合法权益\n")
	c, _, got := loadContent(dir)
	wantIn(t, got,
		"status.md:5: status \"已废止\": unknown front matter key \"status\": it seems to say whether the document is in force",
		"cnkey.md:5: 效力 \"失效\": unknown front matter key \"效力\"",
		"typo.md:5: abolished \"2025-03-01\": unknown front matter key \"abolished\"",
		"(hint: did you mean abolished_on?",
		"both.md:6: 废止日期 \"2025-03-02\": 废止日期 is abolished_on, which the front matter has too (line 5): keep one",
		"other.md:5: warning: unknown front matter key \"author\" is ignored",
		"other.md:6: warning: unknown front matter key \"description\" is ignored", // a sentence using 有效 says no status
	)
	if strings.Contains(got, "cn.md") {
		t.Errorf("the Chinese names of the keys were not read:\n%s", got)
	}
	for _, p := range c.Policies {
		if p.Slug == "cn" && (p.AbolishedOn != model.MakeDate(2025, 3, 1) || p.EffectiveFrom != model.MakeDate(2020, 2, 1) || p.PublishedOn != model.MakeDate(2020, 1, 5)) {
			t.Errorf("read %+v", p)
		}
	}
}
