package load

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// The strings of a PDF are read as a viewer shows them: escapes and octal
// codes decoded, hex strings and UTF-16 too, the pieces of a kerned line
// joined, compressed streams inflated; a string of glyph numbers, and
// anything outside a string, is no text.
func TestPDFStrings(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`(a\(b\)c (nested\)) x) Tj`, "a(b)c (nested)) x\n"},
		{`(\061\063\70x) Tj`, "138x\n"},
		{`(line \
on) Tj`, "line on\n"},
		{`<31 33 3> Tj`, "130\n"},
		{`<FEFF0031003300385F20> Tj`, "138张\n"},
		{`(\376\377\000A\000B) Tj`, "AB\n"},
		{`<FEFF0031000000380009> Tj`, "1 8\t\n"},
		{`[(138) -20 (1234) 10 (5678)] TJ`, "13812345678\n"},
		{`<0003001A0104> Tj (ok) Tj`, "ok\n"},
		{`% (a comment)
13812345678 0 obj << /A (x) >>`, "x\n"},
		{`<< /Length 3 >>stream
abc
endstream (after) Tj`, "after\n"},
	} {
		var s pdfScan
		s.scan([]byte(tc.in), 0)
		if got := s.out.String(); got != tc.want {
			t.Errorf("%s\ngot  %q\nwant %q", tc.in, got, tc.want)
		}
	}
	var s pdfScan
	s.scan(minimalPDF(`BT (ID `+testID+`) Tj ET`, "/Title (t)", true, true), 0)
	if !strings.Contains(s.out.String(), "ID "+testID+"\n") || !strings.Contains(s.out.String(), "t\n") {
		t.Errorf("a compressed page and the properties: got %q", s.out.String())
	}
}

// FuzzPDFScan: any bytes are scanned without a panic, and every string
// read is text.
func FuzzPDFScan(f *testing.F) {
	f.Add(minimalPDF(`BT [(138) -20 (1234)] TJ ET`, "/Author <FEFF0031>", true, false))
	f.Add([]byte(`(\0612\\) <3> [(` + "\n" + `stream` + "\n" + `x`))
	f.Add(readTestdata(f, "id.pdf"))
	f.Add([]byte(`<FEFF0000> Tj`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var s pdfScan
		s.scan(b, 0)
		for _, c := range s.out.String() {
			if c < ' ' && c != '\n' && c != '\t' && c != '\r' {
				t.Fatalf("a control character %q in the text", c)
			}
		}
	})
}

// A damaged page tree — a page its own parent, a node among its own kids —
// is read without going round it: the pages that can be read are, within
// the library's budget (a loop would spend all of it, and give none).
func TestPDFPageTreeLoops(t *testing.T) {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 5 0 R 2 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> >>",
		"<< /Length 33 >>\nstream\nBT /F1 12 Tf (first page) Tj ET\nendstream",
		"<< /Type /Page /Parent 5 0 R /Contents 4 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offsets []int
	for i, o := range objs {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	parts := pdfPages(b.Bytes())
	if len(parts) == 0 || !strings.Contains(parts[0].text, "first page") {
		t.Fatalf("got %+v, want the first page's text", parts)
	}
}

// BenchmarkPDFText reads a policy notice as a browser prints it to PDF
// (one page, a Chinese font, a table): what each PDF attachment costs a
// build.
func BenchmarkPDFText(b *testing.B) {
	pdf := readTestdata(b, "clean.pdf")
	b.SetBytes(int64(len(pdf)))
	for b.Loop() {
		pdfText(pdf)
	}
}
