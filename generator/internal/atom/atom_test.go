package atom

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// AppendText escapes exactly as encoding/xml.EscapeText.
func FuzzAppendText(f *testing.F) {
	for _, s := range []string{"", "华夏人力资源（广州）有限公司", `<img src=x onerror="a">&'`, "a\tb\nc\rd\x00e\x7f", "\uFFFD\uFFFE\uFFFF", "\xff\xe4\xb8", "𠀀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		xml.EscapeText(&want, []byte(s))
		if got := AppendText(nil, s); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("AppendText(%q) = %q, EscapeText gives %q", s, got, want.Bytes())
		}
	})
}

// A feed reads back, as a feed reader reads it, with what was written.
func TestFeedReadsBack(t *testing.T) {
	in := Feed{Lang: "zh-CN", Title: `甲 & "乙"`, ID: "https://x/feed.xml", Updated: "2026-11-21T00:00:00+08:00", Author: "局",
		Links: []Link{{Rel: "self", Href: "https://x/feed.xml", Type: "application/atom+xml"}, {Rel: "alternate", Href: "https://x/"}},
		Entries: []Entry{{Title: "<一>", ID: "https://x/#1", Updated: "2026-11-20T00:00:00+08:00", Link: Link{Href: "https://x/a?b=1&c=2"}, Summary: "第一行\n第二行"},
			{Title: "二", ID: "https://x/#2", Updated: "2026-11-19T00:00:00+08:00", Link: Link{Href: "https://x/b"}, Content: "内容"}}}
	var out struct {
		Lang  string `xml:"lang,attr"`
		Title string `xml:"title"`
		Links []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
			Type string `xml:"type,attr"`
		} `xml:"link"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Summary string `xml:"summary"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Content struct {
				Type string `xml:"type,attr"`
				Text string `xml:",chardata"`
			} `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(Append(nil, &in), &out); err != nil {
		t.Fatal(err)
	}
	if out.Lang != "zh-CN" || out.Title != in.Title || len(out.Links) != 2 || out.Links[0].Type != "application/atom+xml" || len(out.Entries) != 2 ||
		out.Entries[0].Title != "<一>" || out.Entries[0].Summary != "第一行\n第二行" || out.Entries[0].Link.Href != "https://x/a?b=1&c=2" ||
		out.Entries[1].Content.Type != "text" || out.Entries[1].Content.Text != "内容" {
		t.Fatalf("read back %+v", out)
	}
}
