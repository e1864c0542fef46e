package model

import (
	"strings"
	"testing"
)

func TestCheckCreditCode(t *testing.T) {
	valid := "91440106MA5C" + "XYZ" // 15 chars, completed below
	valid = valid[:12] + "XY1" + "01"
	valid += string(CreditCheckChar(valid))
	if p := CheckCreditCode(valid); p != nil {
		t.Fatalf("%s: %v", valid, p.Msg)
	}
	wrongCheck := valid[:17] + string("0123456789ABCDEFGHJKLMNPQRTUWXY"[(strings.IndexByte("0123456789ABCDEFGHJKLMNPQRTUWXY", valid[17])+1)%31])
	for _, tc := range []struct {
		code     string
		msg      string
		checksum bool
	}{
		{code: valid[:17], msg: "has 17 characters"},
		{code: valid + "0", msg: "has 19 characters"},
		{code: "91440106MA5CXYZIO0", msg: "character 'Z' is not allowed; 'I' is not allowed; 'O' is not allowed (GB 32100 uses 0-9 and A-Y without I O S V Z)"},
		{code: wrongCheck, msg: "check character", checksum: true},
		// an all-digit code kept to 15 digits by a numeric cell: an error
		{code: "914401010026048000", msg: "went through a numeric cell"},
		// the same zeros with letters in it: no number did that, so only the check fails
		{code: "91440101MA5C000000", msg: "check character", checksum: true},
	} {
		p := CheckCreditCode(tc.code)
		if p == nil || !strings.Contains(p.Msg, tc.msg) || p.Checksum != tc.checksum {
			t.Errorf("CheckCreditCode(%q) = %+v, want %q (checksum %v)", tc.code, p, tc.msg, tc.checksum)
		}
	}
}

// An all-digit code ending in 000 whose check character holds is a code,
// not a rounded number.
func TestCreditCodeEndingInZeros(t *testing.T) {
	if p := CheckCreditCode("914401010100002000"); p != nil {
		t.Fatalf("a valid code ending in 000: %s", p.Msg)
	}
}

// A published real code: 国家电网有限公司 9111000071093123XX is not used; this
// one is computed by hand from the standard's worked example weights.
func TestCreditCheckCharKnown(t *testing.T) {
	// GB 32100-2015 Appendix example: 91350100M000100Y4 → check 3.
	if c := CreditCheckChar("91350100M000100Y4"); c != '3' {
		t.Fatalf("got %c, want 3", c)
	}
}

func TestNormalizeCreditCode(t *testing.T) {
	if got := NormalizeCreditCode(" ９１３５０１００ｍ000100y43\u3000"); got != "91350100M000100Y43" {
		t.Fatalf("got %q", got)
	}
}

func FuzzCheckCreditCode(f *testing.F) {
	f.Add("91350100M000100Y43")
	f.Add("91440106MA5CXYZIO0")
	f.Add("９１３５０１００Ｍ000100Y43")
	f.Fuzz(func(t *testing.T, s string) {
		code := NormalizeCreditCode(s)
		p := CheckCreditCode(code)
		if ValidCreditCode(s) != (CheckCreditCode(s) == nil) || ValidCreditCode(code) != (p == nil) {
			t.Fatalf("%q: ValidCreditCode and CheckCreditCode disagree", s)
		}
		if p == nil {
			if len(code) != 18 || code[17] != CreditCheckChar(code[:17]) {
				t.Fatalf("accepted %q", code)
			}
		}
	})
}

// A code's first two characters name its 登记管理部门 and 机构类别: a code
// that begins as a resident ID number of most provinces does (44, 36, 65…)
// is no organisation's.
func TestKnownCreditKind(t *testing.T) {
	for code, want := range map[string]bool{
		"91440106MA5C00010W": true,  // 工商, 企业
		"12440000455858021X": true,  // 机构编制, 事业单位
		"52440000MJL1234567": true,  // 民政, 民办非企业单位
		"Y1440106MA5C00010W": true,  // a letter: no ID number begins so
		"440106199001011235": false, // 文化 has no category 4
		"360102198501011234": false,
		"650102198501011234": false,
		"82":                 false,
		"9":                  true,
	} {
		if got := KnownCreditKind(code); got != want {
			t.Errorf("KnownCreditKind(%q) = %v, want %v", code, got, want)
		}
	}
}
