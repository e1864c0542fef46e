package pii

import "testing"

// id builds a resident ID with a correct check character.
func id(first17 string) string { return first17 + string(IDCheckChar(first17)) }

func TestFind(t *testing.T) {
	goodID := id("44010619900101123")
	badCheck := goodID[:17] + string("10X98765432"[("10X98765432"[0]+1)%11])
	if badCheck == goodID {
		badCheck = goodID[:17] + "0"
	}
	for _, tc := range []struct {
		in   string
		want Kind
		opt  Options
	}{
		{in: "联系人身份证" + goodID, want: ResidentID},
		{in: goodID, want: ResidentID},
		{in: id("11010520000229002"), want: ResidentID}, // leap day
		{in: "备注：手机13812345678请联系", want: Mobile},       // between Chinese text
		{in: "电话 138-1234-5678", want: Mobile},
		{in: "电话 138 1234 5678", want: Mobile},
		{in: "+8613812345678", want: Mobile},
		{in: "１３８１２３４５６７８", want: Mobile},                               // full-width
		{in: "13812345678", want: None, opt: Options{SkipMobile: true}}, // licence-number column
		{in: id("99010619900101123"), want: None},                       // no such province
		{in: id("44010619901301123"), want: None},                       // month 13
		{in: id("44010620230229123"), want: None},                       // 2023-02-29
		{in: "91440106MA5CXYZ013812345678", want: None},                 // inside a longer run
		{in: "A13812345678", want: None},
		{in: "138123456789", want: None},            // 12 digits
		{in: "440106202400012", want: None},         // licence number
		{in: "914401063210012345", want: None},      // 18-digit credit code, province 91 does not exist
		{in: "2024-05-01 至 2027-04-30", want: None}, // dates
		{in: "020-12345678", want: None},            // landline
		{in: "注册资本 200 万元，1116 室", want: None},
	} {
		m, ok := Find(tc.in, tc.opt)
		if tc.want == None {
			if ok {
				t.Errorf("Find(%q) found %v at %d:%d", tc.in, m.Kind, m.Start, m.End)
			}
			continue
		}
		if !ok || m.Kind != tc.want {
			t.Errorf("Find(%q) = %v, %v; want %v", tc.in, m.Kind, ok, tc.want)
		}
	}
	if _, ok := Find(badCheck, Options{}); ok {
		t.Errorf("a wrong check character must not count as an ID: %s", badCheck)
	}
}

func TestMask(t *testing.T) {
	s := "身份证440106199001011234号"
	m, ok := Find(id("44010619900101123"), Options{})
	if !ok {
		t.Fatal("not found")
	}
	_ = s
	if got := Mask(id("44010619900101123"), m); got[:4] != "4401" || got[4:14] != "**********" {
		t.Fatalf("got %s", got)
	}
}

func FuzzFind(f *testing.F) {
	f.Add("备注：手机13812345678")
	f.Add(id("44010619900101123"))
	f.Add("138-1234-5678")
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := Find(s, Options{})
		if !ok {
			return
		}
		if m.Start < 0 || m.End > len(s) || m.Start >= m.End {
			t.Fatalf("bad span %+v in %q", m, s)
		}
		_ = Mask(s, m)
	})
}
