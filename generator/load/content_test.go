package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/diag"
)

// writer writes files (slash paths, their directories made) below dir.
func writer(dir string) func(name, text string) {
	return func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
}

func TestContentDiagnostics(t *testing.T) {
	dir := t.TempDir()
	write := writer(dir)
	write("site.toml", "name = \"门户\"\nbureau = \"局\"\ngrade_scale = [\"AAA\", \"AA\"]\ncolour = \"red\"\n")
	write("policies/good.md", "---\ntitle: 政策\nissuer: 局\npublished_on: 2024年7月30日\neffective_from: 2024-07-30\neffective_to: 2029-07-29\n---\n\n正文\n")
	write("policies/bad.md", "---\ntitle: 政策\nissuer: 局\npublished_on: 2024-02-30\nefective_to: 2029-07-29\n---\n正文\n")
	write("faq/broken.md", "---\nquestion: 问题\ncategory: [未闭合\n---\n答案\n")
	write("news/notitle.md", "---\ndate: 2024-01-01\ndate: 2024-01-02\n---\n内容\n")
	write("pages/nofront.md", "# 无前言\n")
	write("pages/register.md", "---\ntitle: 名录说明\n---\n正文\n")
	c, _, got := loadContent(dir)
	wantIn(t, got,
		filepath.Join(dir, "faq/broken.md")+":2: front matter is not valid YAML: did not find expected ',' or ']'",
		filepath.Join(dir, "news/notitle.md")+":3: front matter key \"date\" appears twice (also line 2)",
		filepath.Join(dir, "news/notitle.md")+":1: title \"\": front matter needs title",
		filepath.Join(dir, "pages/nofront.md")+":1: the file must start with front matter",
		filepath.Join(dir, "pages/register.md")+":1: the page would be published at /register/",
		filepath.Join(dir, "policies/bad.md")+":4: published_on \"2024-02-30\": 2024-02 has no day 30",
		// a mistyped date key is no warning: ignored, the policy's status would be its other dates'
		filepath.Join(dir, "policies/bad.md")+":5: efective_to \"2029-07-29\": unknown front matter key \"efective_to\": it seems to say whether the document is in force",
		"(hint: did you mean effective_to?",
		filepath.Join(dir, "site.toml")+": warning: unknown setting \"colour\"",
	)
	if len(c.Site.GradeScale) != 2 || len(c.Policies) != 2 {
		t.Fatalf("scale %v, %d policies", c.Site.GradeScale, len(c.Policies))
	}
	p := c.Policies[1]
	if p.Slug != "good" || p.PublishedOn.String() != "2024-07-30" || p.BodyLine != 8 || strings.TrimSpace(p.Body) != "正文" {
		t.Fatalf("policy %+v", p)
	}
	if p.StatusAsOf(20240729).String() != "尚未施行" || p.StatusAsOf(20261121).String() != "现行有效" || p.StatusAsOf(20300101).String() != "已失效" {
		t.Fatal("policy status")
	}
}

func TestConditionalColumn(t *testing.T) {
	h := "行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,许可机关,行政区划代码"
	_, got := licences(t, h, "乙分公司,91440112MA5G000602,L1,备案,2024-06-03,黄埔局,440112")
	if len(got) != 1 || !strings.Contains(got[0], "licences.csv:2: 上级单位统一社会信用代码 \"\": this row needs a 上级单位统一社会信用代码, and the table has no such column") {
		t.Fatalf("got %q", got)
	}
}

// A site.toml setting outside what it may be is an error naming it: a
// negative number of releases to keep, a coding the portal cannot
// precompress in, a footer link that is not an http(s) address.
func TestSiteSettingsOutOfRange(t *testing.T) {
	dir := t.TempDir()
	writer(dir)("site.toml", "name = \"门户\"\nbureau = \"局\"\nkeep_releases = -1\nprecompress = [\"gzip\", \"zstd\"]\nerror_report_url = \"javascript:alert(1)\"\n")
	c, d, got := loadContent(dir)
	site := filepath.Join(dir, "site.toml")
	wantIn(t, got,
		site+`: keep_releases "-1": keep_releases is how many releases`,
		site+`: precompress "zstd": precompress lists the codings`,
		site+`: error_report_url "javascript:alert(1)": error_report_url must be an http(s) address`,
	)
	if e, _ := d.Count(); e != 3 {
		t.Errorf("%d errors, want 3:\n%s", e, got)
	}
	if cs := c.Site.Codings(); len(cs) != 2 {
		t.Errorf("codings %v", cs)
	}
}

// policySite is a content directory with a site.toml, and a function
// that writes a policy of it: its slug, and front matter lines beside a
// title and an issuer.
func policySite(t *testing.T) (dir string, policy func(slug, front string)) {
	dir = t.TempDir()
	write := writer(dir)
	write("site.toml", "name = \"门户\"\nbureau = \"局\"\n")
	return dir, func(slug, front string) {
		write("policies/"+slug+".md", "---\ntitle: 政策"+slug+"\nissuer: 局\n"+front+"---\n正文\n")
	}
}

// A policy another replaces is 已废止 from the day the replacing one takes
// effect, though it gives no 废止日期 of its own; a replacement that has not
// taken effect, or a 征求意见稿, leaves it in force.
func TestReplacedPolicyIsAbolished(t *testing.T) {
	dir, policy := policySite(t)
	policy("old", "published_on: 2019-03-01\n")
	policy("new", "published_on: 2025-03-01\neffective_from: 2025-04-01\nreplaces: [old, older]\n")
	policy("newer", "published_on: 2024-01-01\nreplaces: older\n") // the first to take effect
	policy("older", "published_on: 2010-01-01\n")
	policy("kept", "published_on: 2019-03-01\n")
	policy("draft", "draft: true\nreplaces: kept\n")
	var d diag.List
	c := Content(OSDir(dir), &d)
	if d.HasErrors(false) {
		t.Fatal(d.Format(0))
	}
	status := map[string]string{}
	for _, p := range c.Policies {
		status[p.Slug] = p.StatusAsOf(20250331).String() + "/" + p.StatusAsOf(20250401).String()
	}
	for slug, want := range map[string]string{"old": "现行有效/已废止", "older": "已废止/已废止", "kept": "现行有效/现行有效", "new": "尚未施行/现行有效"} {
		if status[slug] != want {
			t.Errorf("%s: %s on 2025-03-31/2025-04-01, want %s", slug, status[slug], want)
		}
	}
}

// 长期 (or 长期有效, 无固定期限) as a policy's effective_to is the way
// document registers write "no end date": an error that says to leave the
// key out, not a bare "not a date".
func TestNoEndDateWords(t *testing.T) {
	dir := t.TempDir()
	write := writer(dir)
	write("site.toml", "name = \"门户\"\nbureau = \"局\"\n")
	write("policies/a.md", "---\ntitle: 政策\nissuer: 局\neffective_from: 2024-07-30\neffective_to: 长期有效\n---\n正文\n")
	var d diag.List
	Content(OSDir(dir), &d)
	want := filepath.Join(dir, "policies/a.md") + `:5: effective_to "长期有效": not a date: a document in force with no end date has no effective_to (hint: delete the effective_to line`
	if got := d.Format(0); !strings.Contains(got, want) {
		t.Errorf("missing %q in\n%s", want, got)
	}
}

// A policy's dates run in the order a document's life does: written,
// published, ended. Published before it was written, or ended (失效, 废止)
// before it was written or published, is an error at the later key: a
// mistyped year that would publish it 已废止 or 已失效 from the day it came
// out. A period set back before it was written (执行期限 2024-01-01 至
// 2024-02-29, of a subsidy), even one over by then, is a document's to
// say, and read.
func TestPolicyDatesInOrder(t *testing.T) {
	dir, policy := policySite(t)
	policy("abolished-early", "written_on: 2026-01-05\npublished_on: 2026-01-06\nabolished_on: 2025-06-01\n")
	policy("expired-early", "published_on: 2026-01-06\neffective_to: 2025-12-31\n")
	policy("published-early", "written_on: 2026-03-05\npublished_on: 2026-01-06\n")
	policy("set-back", "written_on: 2024-03-05\npublished_on: 2024-03-10\neffective_from: 2024-01-01\neffective_to: 2024-02-29\n")
	_, d, got := loadContent(dir)
	wantIn(t, got,
		`abolished-early.md:6: abolished_on "2025-06-01": abolished_on (废止日期) is before the document was written or published (2026-01-05)`,
		`expired-early.md:5: effective_to "2025-12-31": effective_to (失效日期) is before the document was written or published (2026-01-06)`,
		`published-early.md:5: published_on "2026-01-06": published_on (发布日期) is before written_on (成文日期) 2026-03-05`,
	)
	if e, _ := d.Count(); e != 3 {
		t.Errorf("%d errors, want 3:\n%s", e, got)
	}
}

// One document in two files — a copy beside its file (… - 副本.md), or
// the document filed twice under another name (its 文号 bracketed another
// way) — was published twice, and the page of the file not corrected
// stayed as it was: a document abolished in one still in force in the
// other. Both are errors; a copy whose file is not there is a page.
func TestOneDocumentInTwoFiles(t *testing.T) {
	dir := t.TempDir()
	write := writer(dir)
	write("site.toml", "name = \"门户\"\nbureau = \"局\"\n")
	policy := "---\ntitle: 关于本市劳务派遣若干问题的实施意见\ndoc_no: %s\nissuer: 局\npublished_on: 2023-12-05\n---\n\n正文\n"
	write("policies/hu-2023-32.md", strings.Replace(policy, "%s", "沪人社规〔2023〕32号", 1))
	write("policies/shanghai-2023-32.md", strings.Replace(policy, "%s", "沪人社规[2023]32号", 1))
	write("faq/licence.md", "---\nquestion: 问题\ncategory: 许可\n---\n答案\n")
	write("faq/licence - 副本.md", "---\nquestion: 问题\ncategory: 许可\n---\n答案\n")
	write("news/launch_备份.md", "---\ntitle: 上线\ndate: 2025-01-01\n---\n内容\n")
	_, _, got := loadContent(dir)
	wantIn(t, got,
		filepath.Join(dir, "policies/shanghai-2023-32.md")+`:3: doc_no "沪人社规[2023]32号": `+filepath.Join(dir, "policies/hu-2023-32.md")+" has this 文号 too (沪人社规〔2023〕32号)",
		filepath.Join(dir, "faq/licence - 副本.md")+": the file's name says it is a copy of licence.md, which is in faq/ too",
	)
	if strings.Contains(got, "launch_备份.md") {
		t.Errorf("a copy whose file is not there is a page: %q", got)
	}
}
