package load

import (
	"strings"
	"testing"
)

// FuzzHasLineBreak: the byte-wise scan finds a line break exactly where
// strings.ContainsAny does, on any bytes (valid UTF-8 or not).
func FuzzHasLineBreak(f *testing.F) {
	for _, s := range []string{"", "广州市乙劳务派遣有限公司", "a\nb", "甲\r\n乙", "x\vy", "\f",
		"名\u0085称", "名\u2028称", "名\u2029称", "名\u2027称", "\u202a", "\xc2", "\xe2\x80", "\xe2\x80\xa8", "\xc2\x86", "—“”"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if got, want := hasLineBreak(v), strings.ContainsAny(v, lineBreaks); got != want {
			t.Errorf("hasLineBreak(%q) = %v, strings.ContainsAny says %v", v, got, want)
		}
	})
}
