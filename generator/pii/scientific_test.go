package pii

import (
	"strings"
	"testing"
)

// An ID number or a mobile number typed into a spreadsheet cell and saved
// as the cell shows it — in scientific notation, 15 significant digits
// at most — still carries the holder's region and birth date: it is found
// and masked. A short mantissa (the cell's display, 4.40106E+17) and
// numbers that are no such thing are not.
func TestFindScientific(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Kind
		opt  Options
	}{
		{in: "4.40106199001011E+17", want: ResidentID},
		{in: "备注：4.40106199001011e+17。", want: ResidentID},
		{in: "4.4010619900101E17", want: ResidentID},   // no plus
		{in: "4,40106199001011E+17", want: ResidentID}, // a decimal comma
		{in: "４．４０１０６１９９００１０１１Ｅ＋１７", want: ResidentID}, // full width
		{in: "1.10105194912E+17", want: ResidentID},    // the birth year and month only
		{in: "4.40106199001011E+17", want: ResidentID, opt: Options{SkipMobile: true}},
		{in: "法定代表人身份证 4.40106900101E+14", want: ResidentID}, // a first-generation ID, labelled
		{in: "手机 1.38001380E+10", want: Mobile},
		{in: "4.40106E+17", want: None},                                    // as the cell shows it: a region code
		{in: "4.40106199013011E+17", want: None},                           // month 30
		{in: "9.90106199001011E+17", want: None},                           // no such province
		{in: "4.40106900101E+14", want: None},                              // 15 digits, unlabelled: perhaps a licence number
		{in: "1.38001380E+10", want: None, opt: Options{SkipMobile: true}}, // a licence-number column
		{in: "2.5E+10", want: None},
		{in: "44.0106199001011E+16", want: None}, // not a spreadsheet's notation
		{in: "4.40106199001011E+170", want: None},
		{in: "注册资本 1.2E+7 元，登记号 4.40106199001011", want: None},
	} {
		ms := FindAll(tc.in, tc.opt)
		if tc.want == None {
			if len(ms) > 0 {
				t.Errorf("FindAll(%q) found %+v", tc.in, ms)
			}
			continue
		}
		if len(ms) != 1 || ms[0].Kind != tc.want {
			t.Errorf("FindAll(%q) = %+v; want one %v", tc.in, ms, tc.want)
			continue
		}
		masked := Mask(tc.in, ms)
		if left := len([]rune(masked[ms[0].Start:])) - strings.Count(masked[ms[0].Start:], "*") - nonNumber(masked[ms[0].Start:]); left > 4 {
			t.Errorf("Mask(%q) = %q: %d digits left", tc.in, masked, left)
		}
	}
	// beside a number written out, both are found, left to right
	s := "身份证 4.40106199001011E+17，手机13800138000"
	ms := FindAll(s, Options{})
	if len(ms) != 2 || ms[0].Kind != ResidentID || ms[1].Kind != Mobile || ms[0].End > ms[1].Start {
		t.Errorf("FindAll(%q) = %+v", s, ms)
	}
}
