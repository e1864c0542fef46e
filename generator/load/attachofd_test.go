package load

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// ofd is an OFD package as a writer of 版式文档 makes one: OFD.xml with
// the document's properties info (DocInfo elements), Doc_0/Document.xml
// listing the pages, and each page's Content.xml holding the TextObjects
// of pages[i]; extra parts besides.
func ofd(t *testing.T, info string, pages []string, extra map[string][]byte) []byte {
	files := map[string][]byte{
		"OFD.xml": []byte(`<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>6f1d3b8e13812a4c9d0e1f2a3b4c5d6e</ofd:DocID><ofd:CreationDate>2024-07-30</ofd:CreationDate>` +
			info + `</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`),
	}
	var list strings.Builder
	for i, p := range pages {
		fmt.Fprintf(&list, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, i+10, i)
		files[fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i)] = []byte(`<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2">` +
			p + `</ofd:Layer></ofd:Content></ofd:Page>`)
	}
	files["Doc_0/Document.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>138123456789</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>` +
		list.String() + `</ofd:Pages></ofd:Document>`)
	for k, v := range extra {
		files[k] = v
	}
	return zipOf(t, files)
}

// textObject is a TextObject at (x, y) mm whose runs are each at their
// own X within it, on its baseline.
func textObject(x, y float64, runs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<ofd:TextObject ID="3" Boundary="%g %g 170 6" Font="4" Size="3.5">`, x, y)
	for i, r := range runs {
		fmt.Fprintf(&b, `<ofd:TextCode X="%d" Y="3.2" DeltaX="g %d 3.5">%s</ofd:TextCode>`, 10*i, len([]rune(r))-1, r)
	}
	b.WriteString(`</ofd:TextObject>`)
	return b.String()
}

// A page is read as lines: the runs on one baseline, left to right,
// whatever order the writer put them in; runs on other baselines are other
// lines.
func TestOFDPageLines(t *testing.T) {
	page := `<ofd:PageBlock>` + textObject(20, 40, "联系电话", "138") + `</ofd:PageBlock>` +
		textObject(20, 50, "第二行") + // a line below, written between
		textObject(60.4, 40.3, "1234", "5678") // the same baseline, further right
	got := ofdPageText([]byte(`<ofd:Page xmlns:ofd="x"><ofd:Content><ofd:Layer>` + page + `</ofd:Layer></ofd:Content></ofd:Page>`))
	if want := "联系电话138 1234 5678\n第二行\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// However a page's XML is damaged, its lines hold every character of its
// runs, no more and no fewer: grouping and ordering them loses nothing.
func FuzzOFDPage(f *testing.F) {
	f.Add([]byte(`<ofd:Page><ofd:Content><ofd:Layer>` + textObject(20, 40, "联系电话", "138") + textObject(20, 40.5, "1234") +
		`<ofd:TextObject Boundary="x"><ofd:TextCode>无坐标</ofd:TextCode><ofd:TextCode X="NaN" Y="-1e308">&#49;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`))
	f.Add([]byte(`<TextCode Y="3">a<TextCode Y="1">b</TextCode>c</TextCode>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got := ofdPageText(b)
		// every character inside a TextCode, however deep
		var want []rune
		dec := xml.NewDecoder(bytes.NewReader(b))
		dec.Strict = false
		depth := 0
		for {
			tok, err := dec.RawToken()
			if err != nil {
				break
			}
			switch t := tok.(type) {
			case xml.StartElement:
				if t.Name.Local == "TextCode" {
					depth++
				}
			case xml.EndElement:
				if t.Name.Local == "TextCode" && depth > 0 {
					depth--
				}
			case xml.CharData:
				if depth > 0 {
					for _, c := range string(t) {
						if !unicode.IsSpace(c) {
							want = append(want, c)
						}
					}
				}
			}
		}
		var have []rune
		for _, c := range got {
			if !unicode.IsSpace(c) {
				have = append(have, c)
			}
		}
		slices.Sort(want)
		slices.Sort(have)
		if !slices.Equal(want, have) {
			t.Fatalf("the lines %q hold other characters than the runs %q", got, string(want))
		}
	})
}
