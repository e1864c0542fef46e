package load

import (
	"strings"
	"testing"

	"portal/generator/diag"
)

// The term a policy's text gives itself is held to its front matter's
// effective_to: missing, a document that says it ended would be published
// as 现行有效 for ever.
func TestStatedTerm(t *testing.T) {
	const (
		until = "本意见自2024年1月1日起施行，有效期至2028年12月31日。\n"
		years = "本通知自印发之日起实施，有效期5年。国家另有规定的，从其规定。\n"
		han   = "本办法自二〇二四年一月一日起施行，有效期至二〇二八年十二月三十一日。\n"
	)
	for _, c := range []struct {
		name, front, body string
		want              string // in the diagnostics; "" for none
	}{
		{"end, none in front matter", "effective_from: 2024-01-01\n", until, "the text says the document is in force until 2028-12-31, but its front matter has no effective_to"},
		{"end, another in front matter", "effective_from: 2024-01-01\neffective_to: 2028-12-30\n", until, "its front matter's effective_to is 2028-12-30"},
		{"end, the same", "effective_from: 2024-01-01\neffective_to: 2028-12-31\n", until, ""},
		{"end in Chinese numerals", "effective_from: 2024-01-01\n", han, "in force until 2028-12-31"},
		{"years from issue, none in front matter", "written_on: 2024-07-30\n", years, "a term of 5 years, from 2024-07-30 (written_on): it ends 2029-07-29"},
		{"years, the last day", "written_on: 2024-07-30\neffective_to: 2029-07-29\n", years, ""},
		{"years, counted to the anniversary", "written_on: 2024-07-30\neffective_to: 2029-07-30\n", years, ""},
		{"years, another end", "written_on: 2024-07-30\neffective_to: 2030-01-01\n", years, "warning: the text gives the document a term of 5 years"},
		{"a licence's term", "effective_from: 2024-01-01\n", "劳务派遣经营许可证有效期为3年，自作出许可决定之日起生效。\n", ""},
		{"another document's term", "effective_from: 2024-01-01\n", "《劳务派遣经营许可证》有效期为3年，期满应当延续。\n", ""},
		{"a draft", "draft: true\n", until, ""},
		{"start after publication, none in front matter", "", "本办法自2025年1月1日起施行。\n", "takes effect on 2025-01-01, but its front matter has no effective_from"},
		{"start, another in front matter", "effective_from: 2024-02-01\n", until, "its front matter's effective_from is 2024-02-01"},
		{"start before publication, none in front matter", "", "本办法自2024年7月1日起施行。\n", ""},
		{"a trial term, none in front matter", "effective_from: 2024-08-01\n", "本办法自2024年8月1日起试行，试行期两年。\n", "a term of 2 years, from 2024-08-01 (effective_from): it ends 2026-07-31"},
		{"a trial of years", "effective_from: 2024-08-01\n", "本细则自2024年8月1日起试行二年。\n", "a term of 2 years"},
		{"a trial that starts after publication", "", "本办法自2024年9月1日起试行。\n", "takes effect on 2024-09-01, but its front matter has no effective_from"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write := writer(dir)
			write("site.toml", "name = \"门户\"\nbureau = \"局\"\n")
			write("policies/p.md", "---\ntitle: 政策\nissuer: 局\npublished_on: 2024-07-30\n"+c.front+"---\n第一条 总则。\n\n"+c.body)
			var d diag.List
			Content(OSDir(dir), &d)
			got := d.Format(0)
			if c.want == "" {
				if strings.Contains(got, "the text") {
					t.Errorf("want no diagnostic of the stated term, got\n%s", got)
				}
				return
			}
			if !strings.Contains(got, c.want) {
				t.Errorf("missing %q in\n%s", c.want, got)
			}
			if !strings.Contains(got, "p.md:") {
				t.Errorf("no position in\n%s", got)
			}
		})
	}
}

// A policy whose text abolishes another of the portal's policies by its
// 文号 must say so in a front matter: the old one was published as 现行有效.
func TestAbolishedByText(t *testing.T) {
	for _, c := range []struct {
		name, front, body string
		want              bool
	}{
		{"abolished, not said", "", "本办法自2025年1月1日起施行，《广东省劳务派遣管理办法》（粤人社规[2019]1号）同时废止。\n", true},
		{"abolished, replaces said", "replaces: [old]\n", "本办法自2025年1月1日起施行，《广东省劳务派遣管理办法》（粤人社规〔2019〕1号）同时废止。\n", false},
		{"cited as a ground", "", "根据《广东省劳务派遣管理办法》（粤人社规〔2019〕1号），制定本细则，原有规定同时废止。\n", false},
		{"proposed", "", "建议对《广东省劳务派遣管理办法》（粤人社规〔2019〕1号）予以废止。\n", false},
		{"another document", "", "本办法自2025年1月1日起施行，《某办法》（粤人社规〔2018〕3号）同时废止。\n", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write := writer(dir)
			write("site.toml", "name = \"门户\"\nbureau = \"局\"\n")
			write("policies/old.md", "---\ntitle: 广东省劳务派遣管理办法\ndoc_no: 粤人社规〔2019〕1号\nissuer: 局\npublished_on: 2019-03-01\n---\n正文。\n")
			write("policies/new.md", "---\ntitle: 新办法\ndoc_no: 粤人社规〔2024〕9号\nissuer: 局\npublished_on: 2024-12-01\neffective_from: 2025-01-01\n"+c.front+"---\n第一条 总则。\n"+c.body)
			var d diag.List
			Content(OSDir(dir), &d)
			got := d.Format(0)
			said := strings.Contains(got, "new.md:9: replaces \"粤人社规〔2019〕1号\": the text abolishes 粤人社规〔2019〕1号")
			if said != c.want {
				t.Errorf("reported %v, want %v:\n%s", said, c.want, got)
			}
		})
	}
}

func TestDraftWord(t *testing.T) {
	for title, want := range map[string]string{
		"关于进一步规范劳务派遣管理的意见（征求意见稿）":              "征求意见稿",
		"广东省劳务派遣管理办法(送审稿)":                     "送审稿",
		"劳务派遣行政许可实施办法（草案）":                     "草案",
		"关于进一步规范劳务派遣管理的意见征求意见稿":                "征求意见稿",
		"关于公开征求《劳务派遣管理办法》意见的通知":                "",
		"关于进一步规范劳务派遣管理的意见":                     "",
		"关于印发《劳务派遣行政许可实施办法》的通知（沪人社规〔2023〕32号）": "",
	} {
		if got := draftWord(title); got != want {
			t.Errorf("draftWord(%q) = %q, want %q", title, got, want)
		}
	}
}
