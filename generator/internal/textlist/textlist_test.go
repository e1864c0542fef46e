package textlist

import (
	"strings"
	"testing"
)

func TestList(t *testing.T) {
	var l List
	in := []string{"index.html", "", "agencies/91440101MA5XXXXX0X/index.html", strings.Repeat("长", 100), "a"}
	for _, s := range in {
		l.Add(s)
	}
	if l.Len() != len(in) {
		t.Fatalf("len %d", l.Len())
	}
	for i, s := range in {
		if l.String(i) != s || string(l.At(i)) != s {
			t.Errorf("%d: %q, want %q", i, l.String(i), s)
		}
	}
	if b := append(l.At(0), 'x'); l.String(2) != in[2] || string(b) != "index.htmlx" { // At's capacity ends at its text
		t.Errorf("appending to At(0) changed a later text: %q", l.String(2))
	}
}
