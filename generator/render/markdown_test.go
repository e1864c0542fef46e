package render

import (
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	html, toc, err := Markdown("## 一、政策对象范围\n\n在广东省行政辖区取得\n劳务派遣行政许可的单位。\n\n## 一、政策对象范围\n\n| 类型 | 含义 |\n| --- | --- |\n| 新许可 | 首次 |\n\n<script>alert(1)</script>\n")
	if err != nil {
		t.Fatal(err)
	}
	h := string(html)
	for _, want := range []string{`<h2 id="一-政策对象范围">`, `<h2 id="一-政策对象范围-2">`, "取得劳务派遣行政许可", "<table>"} {
		if !strings.Contains(h, want) {
			t.Errorf("missing %q in\n%s", want, h)
		}
	}
	if strings.Contains(h, "<script>") || strings.Contains(h, "取得\n劳务") || strings.Contains(h, "取得 劳务") {
		t.Errorf("raw HTML or a line break between Chinese characters survived:\n%s", h)
	}
	if len(toc) != 2 || toc[0].ID != "一-政策对象范围" || toc[0].Text != "一、政策对象范围" {
		t.Errorf("toc %+v", toc)
	}
}
