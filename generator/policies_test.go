package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testsite"
)

// A policy keeps its attachments and its relations: the files its body and
// front matter link to are published beside its page, a policy it replaces
// links back to it, and its 解读, 图解 and 适用地区 are shown. A link to a
// missing file, a 替代 of no policy and a 废止日期 before the 施行日期 are
// errors at their lines (issue 16); so are a key that speaks of whether
// the policy is in force and is none of its own (status: 已废止), and a
// mistyped date key, while one written by its Chinese name (废止日期) is read.
func TestPolicyAttachmentsAndRelations(t *testing.T) {
	dir, _, sections := testsite.Extract(t, filepath.Join(root, "testdata", "build", "policies.txtar"))
	out := filepath.Join(dir, "public")
	build := func() (*Result, error) {
		res, _, err := Build(context.Background(), siteConfig(dir, "data", "https://rsj.example.gov.cn/", out))
		return res, err
	}
	if res, err := build(); err != nil {
		t.Fatalf("%v\n%s", err, res.Diags.Format(0))
	}
	for name, want := range map[string]string{"附件1.pdf": "%PDF-1.4 a test attachment\n", "附件 2.xlsx": "a test workbook\n", "申请表.docx": "a test form\n", "图解/流程.png": "a test image\n"} {
		if got := read(t, filepath.Join(out, "policies", "new-rules", filepath.FromSlash(name))); got != want {
			t.Errorf("policies/new-rules/%s = %q, want %q", name, got, want)
		}
	}
	page := read(t, filepath.Join(out, "policies", "new-rules", "index.html"))
	for _, want := range []string{
		`<th scope="row">适用地区</th><td>广州市、深圳市</td>`,
		`<th scope="row">替代</th><td><a href="/policies/old-rules/">《关于劳务派遣的旧通知》</a>`,
		`<th scope="row">解读</th><td><a href="/policies/new-rules-explained/">《《关于规范劳务派遣的通知》政策解读》</a>`,
		`<th scope="row">图解</th><td><a href="/policies/new-rules/%e5%9b%be%e8%a7%a3/%e6%b5%81%e7%a8%8b.png">图解</a>`,
		`<a href="/policies/new-rules/%e9%99%84%e4%bb%b61.pdf">附件1.pdf</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the policy page lacks %s", want)
		}
	}
	if old := read(t, filepath.Join(out, "policies", "old-rules", "index.html")); !strings.Contains(old, `<th scope="row">已被替代</th><td><a href="/policies/new-rules/">《关于规范劳务派遣的通知》</a>`) {
		t.Errorf("the replaced policy does not link to the one replacing it")
	}
	// replaced by a policy not yet in force: in force until then
	// (and says so, from that day, to a reader of a later day: policy.js)
	if interim := read(t, filepath.Join(out, "policies", "interim-rules", "index.html")); !strings.Contains(interim, `<th scope="row" class="replaced-on" data-from="2027-01-01">将被替代</th><td><a href="/policies/final-rules/">《劳务派遣办法》</a>`) ||
		!strings.Contains(interim, "data-changes=\"2027-01-01\t已废止\"") || !strings.Contains(interim, "<strong>现行有效</strong>") {
		t.Errorf("a policy a later one will replace is not shown in force until then, nor 已废止 from that day")
	}

	// front matter written by the Chinese names of its keys (废止日期): read
	if cn := read(t, filepath.Join(out, "policies", "cn-keys", "index.html")); !strings.Contains(cn, "<strong>已废止</strong>") || !strings.Contains(cn, "2024-12-31") {
		t.Errorf("a policy whose 废止日期 is written by its Chinese name is not shown 已废止")
	}

	for _, line := range strings.Split(strings.TrimSpace(sections["broken"]), "\n") {
		f := strings.Split(line, "\t")
		file, from, to, want := filepath.Join(dir, filepath.FromSlash(f[0])), f[1], f[2], f[3]
		b, err := os.ReadFile(file)
		if err != nil || !strings.Contains(string(b), from) {
			t.Fatalf("%s has no %q", f[0], from)
		}
		os.WriteFile(file, []byte(strings.Replace(string(b), from, to, 1)), 0o644)
		res, err := build()
		if err == nil || !strings.Contains(res.Diags.Format(0), want) {
			t.Errorf("%s with %q: want an error %q, got %v\n%s", f[0], to, want, err, res.Diags.Format(0))
		}
		os.WriteFile(file, b, 0o644)
	}
}
