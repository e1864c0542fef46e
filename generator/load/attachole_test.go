package load

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Whatever bytes a stream holds, its runs of text are text of at least
// oleMinRun characters, one a line, and its number records numbers.
func FuzzOLEStreams(f *testing.F) {
	f.Add(readTestdata(f, "phone-id.xls"))
	f.Add([]byte("\x03\x02\x0e\x00\x00\x00\x00\x00\x00\x00\x00\x00\xa0\x9f\xb8\x09\x42\x00\x00\x00"))
	f.Add([]byte("\xbd\x00\x12\x00\x01\x00\x00\x00\x0f\x00\x02\x00\x00\x00\x0f\x00\x03\x00\x00\x00\x01\x00"))
	f.Fuzz(func(t *testing.T, s []byte) {
		var out strings.Builder
		oleStrings(s, &out)
		for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
			if line == "" && out.Len() == 0 {
				continue
			}
			if !utf8.ValidString(line) || utf8.RuneCountInString(line) < oleMinRun {
				t.Fatalf("run %q: not text of %d characters or more", line, oleMinRun)
			}
		}
		out.Reset()
		biffNumbers(s, &out)
		for _, line := range strings.Fields(out.String()) {
			if _, err := strconv.ParseFloat(line, 64); err != nil {
				t.Fatalf("number record read as %q", line)
			}
		}
	})
}

// A number record is read as Excel shows the number in a General cell: a
// whole number as its digits, one of more than 15 digits in scientific
// notation — which is how the personal-data scan finds a mobile number
// typed as a number, and an ID number Excel rounded.
func TestBIFFNumbers(t *testing.T) {
	record := func(typ uint16, data ...byte) []byte {
		return append([]byte{byte(typ), byte(typ >> 8), byte(len(data)), byte(len(data) >> 8)}, data...)
	}
	f64 := func(v uint64) []byte {
		b := make([]byte, 8)
		for i := range b {
			b[i] = byte(v >> (8 * i))
		}
		return b
	}
	var s []byte
	s = append(s, record(biffNumber, append(make([]byte, 6), f64(0x4209BA3D5A700000)...)...)...) // 13812345678
	s = append(s, record(biffNumber, append(make([]byte, 6), f64(0x43986E49065B9C51)...)...)...) // 440106199001011235, rounded
	s = append(s, record(biffRK, 0, 0, 0, 0, 0, 0, 0xA2, 0x1F, 0, 0)...)                         // 2024 (an integer RK): too short for one
	var out strings.Builder
	biffNumbers(s, &out)
	if got := out.String(); got != "13812345678\n4.40106199001011E+17\n" {
		t.Errorf("got %q", got)
	}
}

// A policy seed saved as a Word 97–2003 document (16 KB): how long its
// streams take to read.
func BenchmarkOLEText(b *testing.B) {
	doc := readTestdata(b, "clean.doc")
	for b.Loop() {
		oleText(doc)
	}
}

// An Office file that is text reads as text: valid UTF-8 whatever its
// bytes, and a file with no markup as itself.
func FuzzMarkupText(f *testing.F) {
	f.Add(readTestdata(f, "id.rtf"))
	f.Add(readTestdata(f, "phone-id.html"))
	f.Add([]byte("{\\rtf1 \\u-3913?\\u36523\\'3f 138{\\b 1234}\r\n5678\\par}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got := markupText(b)
		if !utf8.ValidString(got) {
			t.Fatalf("%q reads as invalid UTF-8 %q", b, got)
		}
		if text, _, err := decodeText(b); err == nil && !bytes.ContainsAny(text, "<{\\") && got != string(text) {
			t.Fatalf("%q, with no markup, reads as %q", text, got)
		}
	})
}
