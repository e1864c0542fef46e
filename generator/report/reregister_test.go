package report

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// TestFolded: every rune folded says normText keeps is one width.Fold and
// strings.Fields keep.
func TestFolded(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		s := string(r)
		if folded(s) && strings.Join(strings.Fields(width.Fold.String(s)), "") != s {
			t.Errorf("U+%04X: folded, but normText changes it", r)
		}
	}
}

// dropPlacesAsWritten is dropPlaces as first written, over rune slices:
// what the faster one must agree with.
func dropPlacesAsWritten(s string, places map[string]bool) string {
	for {
		r := []rune(s)
		cut := 0
		for n := min(len(r)-1, 8); n >= 2 && cut == 0; n-- {
			if p := string(r[:n]); places[p] || n <= 4 && strings.ContainsRune("省市区县", r[n-1]) && n >= 3 {
				cut = len(p)
			}
		}
		if cut == 0 {
			return s
		}
		s = s[cut:]
	}
}

var corePlaces = map[string]bool{"广东省": true, "广州市": true, "天河区": true, "深圳": true, "东莞市": true}

var coreNames = []string{
	"广东省广州市天河区锐博人力资源有限公司", "广州市人力资源有限公司", "深圳锐博劳务派遣有限公司",
	"广州 市 锐博 （集团）有限公司", "ＡＢＣ人力资源服务有限公司", "东莞市东莞市宏图劳务", "市", "", "广州",
	"佛山市南海区锐博", "黄埔区\u3000锐博科技有限公司", "锐博分公司",
}

func TestDropPlaces(t *testing.T) {
	for _, n := range coreNames {
		n = normText(n)
		if got, want := dropPlaces(n, corePlaces), dropPlacesAsWritten(n, corePlaces); got != want {
			t.Errorf("dropPlaces(%q) = %q, as first written %q", n, got, want)
		}
	}
	for n, want := range map[string]string{"广东省广州市天河区锐博人力资源有限公司": "锐博人力资源", "广州市人力资源有限公司": "", "佛山市南海区锐博": "锐博"} {
		if got := nameCore(n, corePlaces); got != want {
			t.Errorf("nameCore(%q) = %q, want %q", n, got, want)
		}
	}
}

func FuzzDropPlaces(f *testing.F) {
	for _, n := range coreNames {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n string) {
		if !utf8.ValidString(n) {
			nameCore(n, corePlaces) // load decodes every file to UTF-8: only no panic is asked
			return
		}
		if got, want := dropPlaces(n, corePlaces), dropPlacesAsWritten(n, corePlaces); got != want {
			t.Errorf("dropPlaces(%q) = %q, as first written %q", n, got, want)
		}
		if got, want := normText(n), strings.Join(strings.Fields(width.Fold.String(n)), ""); got != want {
			t.Errorf("normText(%q) = %q, want %q", n, got, want)
		}
	})
}
