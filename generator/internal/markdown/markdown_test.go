package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// Links finds every link, image and autolink with the line its block
// starts on, and says which of them Engine publishes without an address:
// the same ones its HTML shows as href="" or src="".
func TestLinks(t *testing.T) {
	src := "# 标题\n\n见[通知](/policies/tongzhi/)。\n\n" + // 3
		"[点此](javascript:alert(1)) 与 [旧文](JavaScript:void(0))\n\n" + // 5
		"- 列表\n- ![图](data:text/html;base64,PHNjcmlwdD4=) ![图二](data:image/png;base64,iVBORw0KGgo=)\n\n" + // 7, 8: the item's line
		"> 引用 <https://rsj.example.gov.cn/> 与 <vbscript:msgbox>\n\n" + // 10
		"| 表 | 头 |\n| --- | --- |\n| [本地](file:///etc/passwd) | [邮件](mailto:a@example.cn) |\n" // 12–14: the row's line
	type want struct {
		line    int
		dest    string
		dropped bool
	}
	wants := []want{
		{3, "/policies/tongzhi/", false},
		{5, "javascript:alert(1)", true},
		{5, "JavaScript:void(0)", true},
		{8, "data:text/html;base64,PHNjcmlwdD4=", true},
		{8, "data:image/png;base64,iVBORw0KGgo=", false},
		{10, "https://rsj.example.gov.cn/", false},
		{10, "vbscript:msgbox", true},
		{14, "file:///etc/passwd", true},
		{14, "mailto:a@example.cn", false},
	}
	got := Links(src)
	if len(got) != len(wants) {
		t.Fatalf("%d links, want %d: %+v", len(got), len(wants), got)
	}
	var html bytes.Buffer
	if err := Engine.Convert([]byte(src), &html); err != nil {
		t.Fatal(err)
	}
	for i, w := range wants {
		if got[i] != (Link{Line: w.line, Dest: w.dest, Dropped: w.dropped}) {
			t.Errorf("link %d: %+v, want %+v", i, got[i], w)
		}
		// what the page shows agrees
		if shown := strings.Contains(html.String(), `="`+w.dest+`"`); shown == w.dropped && !strings.Contains(w.dest, "(") {
			t.Errorf("%s: in the page %v, but Dropped is %v", w.dest, shown, w.dropped)
		}
	}
}
