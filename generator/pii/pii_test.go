package pii

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// id builds a resident ID with a correct check character.
func id(first17 string) string { return first17 + string(IDCheckChar(first17)) }

// spaced writes s in groups of the given sizes joined by sep.
func spaced(s, sep string, sizes ...int) string {
	var parts []string
	for _, n := range sizes {
		parts = append(parts, s[:n])
		s = s[n:]
	}
	return strings.Join(append(parts, s), sep)
}

func TestFind(t *testing.T) {
	goodID := id("44010619900101123")
	xID := ""
	for _, p := range []string{"44010619900101124", "44010619900101125", "44010619900101126", "44010619900101127", "44010619900101128", "44010619900101129", "44010619900101120", "44010619900101121", "44010619900101122", "44010619900101130", "44010619900101131"} {
		if IDCheckChar(p) == 'X' {
			xID = p + "X"
			break
		}
	}
	if xID == "" {
		t.Fatal("no test ID ending in X")
	}
	badCheck := goodID[:17] + string("10X98765432"[("10X98765432"[0]+1)%11])
	if badCheck == goodID {
		badCheck = goodID[:17] + "0"
	}
	fullWidth := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, goodID)
	for _, tc := range []struct {
		in   string
		want Kind
		opt  Options
	}{
		{in: "联系人身份证" + goodID, want: ResidentID},
		{in: goodID, want: ResidentID},
		{in: xID, want: ResidentID},
		{in: strings.ToLower(xID), want: ResidentID},
		{in: id("11010520000229002"), want: ResidentID}, // leap day
		// the residence permits of Hong Kong, Macao and Taiwan residents
		{in: "居住证号码" + id("81000019900307123"), want: ResidentID},
		{in: id("82000019900307123"), want: ResidentID},
		{in: id("83000019900307123"), want: ResidentID},
		{in: spaced(goodID, " ", 6, 8), want: ResidentID},
		{in: spaced(goodID, " ", 4, 4, 4, 4), want: ResidentID},
		{in: spaced(goodID, "\u3000", 6, 8), want: ResidentID}, // ideographic space
		{in: spaced(goodID, "-", 6, 8), want: ResidentID},
		{in: spaced(goodID, ".", 6, 4, 4), want: ResidentID},
		{in: spaced(xID, " ", 6, 8), want: ResidentID},
		// the check character apart, or typed as a character like X
		{in: spaced(xID, " ", 6, 8, 3), want: ResidentID},
		{in: spaced(xID, "-", 17), want: ResidentID},
		{in: "备注：" + spaced(strings.ToLower(xID), " ", 17) + "。", want: ResidentID},
		{in: xID[:17] + "×", want: ResidentID},
		// groups joined by a mark that also parts the numbers of a list:
		// an ID number by its own check character, never a mobile number
		{in: spaced(goodID, "*", 6, 8), want: ResidentID},
		{in: spaced(goodID, "＊", 6, 8), want: ResidentID},
		{in: spaced(goodID, "+", 6, 8), want: ResidentID},
		{in: spaced(goodID, "、", 6, 8), want: ResidentID},
		{in: spaced(goodID, "，", 6, 4, 4), want: ResidentID},
		{in: spaced(goodID, ",", 6, 8), want: ResidentID},
		{in: spaced(goodID, ":", 6, 8), want: ResidentID},
		{in: spaced(goodID, "；", 6, 8), want: ResidentID},
		{in: spaced(goodID, "# ", 6, 8), want: ResidentID},
		{in: "身份证" + spaced(xID, "*", 6, 8), want: ResidentID},
		{in: spaced(goodID, "|", 6, 8), want: None},            // the cells of a table of figures
		{in: spaced(badCheck, "*", 6, 8), want: None},          // not an ID by its check character
		{in: "身份证：" + spaced(badCheck, "*", 6, 8), want: None}, // nor by its label alone
		{in: "138*1234*5678", want: None},
		{in: "138、1234、5678", want: None},
		{in: "第13、81、234、5678条", want: None},
		{in: "138****5678", want: None}, // masked: not the number
		{in: goodID[:6] + "********" + goodID[14:], want: None},
		{in: xID[:17] + "Ⅹ", want: ResidentID},
		{in: xID[:17] + "Х", want: ResidentID}, // Cyrillic
		{in: xID[:17] + "χ", want: ResidentID}, // Greek
		{in: xID[:17] + " Xiamen", want: None}, // a word, not a check character
		{in: goodID[:17] + "×", want: None},    // its check character is not X
		{in: "面积 12×34 平方米", want: None},
		{in: "ID" + goodID, want: ResidentID},
		{in: "身份证号:" + fullWidth, want: ResidentID},
		{in: "备注：手机13812345678请联系", want: Mobile}, // between Chinese text
		{in: "电话 138-1234-5678", want: Mobile},
		{in: "电话 138 1234 5678", want: Mobile},
		{in: "电话 138\u30001234\u30005678", want: Mobile},
		{in: "138.1234.5678", want: Mobile},
		{in: "138 - 1234 - 5678", want: Mobile},
		{in: "+8613812345678", want: Mobile},
		{in: "+86 138 1234 5678", want: Mobile},
		{in: "0086-13812345678", want: Mobile},
		{in: "TEL13812345678", want: Mobile},
		{in: "A13812345678", want: Mobile},
		{in: "0755-13812345678", want: Mobile},
		{in: "１３８１２３４５６７８", want: Mobile},                               // full-width
		{in: "13812345678", want: None, opt: Options{SkipMobile: true}}, // licence-number column
		{in: id("99010619900101123"), want: None},                       // no such province
		{in: id("44010619901301123"), want: None},                       // month 13
		{in: id("44010620230229123"), want: None},                       // 2023-02-29
		{in: "91440106MA5CXYZ013812345678", want: None},                 // 12 digits in a row
		{in: "138123456789", want: None},                                // 12 digits
		{in: "备注：440106199001011040", want: ResidentID},                 // its check digit is 0…
		{in: "备注：44010619900101104O。", want: ResidentID},                // …typed as the letter O
		{in: "1380013800Oct", want: None},                               // an O before a word is no 0
		{in: "440106202400012", want: None},                             // licence number
		{in: "914401063210012345", want: None},                          // 18-digit credit code, province 91 does not exist
		{in: "91440106MA5C00010W", want: None},                          // a credit code is not an ID
		{in: "12" + goodID[2:], want: None},                             // 20 digits in a row
		{in: "2024-05-01 至 2027-04-30", want: None},                     // dates
		{in: "2024-05-01 2027-04-30", want: None},
		{in: "020-12345678", want: None}, // landline
		{in: "注册资本 200 万元，1116 室", want: None},
		{in: "粤人社规〔2023〕32号 第13条", want: None},
		// labelled as an ID: a mistyped check character, none, or the 15 digits of a first-generation ID
		{in: "身份证号：" + badCheck, want: ResidentID},
		{in: "证件号码（身份证）" + goodID[:17], want: ResidentID},
		{in: "法定代表人身份证号码为 110105 491231 002，", want: ResidentID},
		{in: "公民身份号码:440106900101123", want: ResidentID},
		{in: "ID No. 440106900101123", want: ResidentID},
		// …but not unlabelled, nor when the label is another number's
		{in: "许可证编号 440106201012345", want: None},
		{in: "身份证已核验，许可证号 440106201012345", want: None},
		{in: "身份证号：440106901301123", want: None}, // month 13
		{in: "身份证号：990106900101123", want: None}, // no such province
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

// TestFindHowever writes one ID number and one mobile number every way a
// hostile or careless export might — separators of every kind between any
// groups, an invisible character anywhere, the digits of another script —
// and requires each found, and masked to its last four digits.
func TestFindHowever(t *testing.T) {
	goodID, mobile := id("11010519491231002"), "13800138000"
	seps := []string{" ", "\u3000", "\u00a0", "\u2009", "\u202f", "\n", "\r\n", "\t", "-", "—", "－", ".", "·", "/", "／", "_", "＿", "\\", " - ", ")-", "）", "~", "～", "〜",
		"\u2212", "\u2012", "\u2015", "\ufe63", "\u2e3a", " \u2012 "} // minus, figure dash, horizontal bar, small hyphen-minus, two-em dash
	var cases []string
	for _, sep := range seps {
		cases = append(cases, spaced(goodID, sep, 6, 8), spaced(goodID, sep, 6, 4, 4), spaced(mobile, sep, 3, 4))
	}
	// the letter O typed for a 0 between digits
	cases = append(cases, goodID[:2]+"O"+goodID[3:], goodID[:14]+"o"+goodID[15:], mobile[:3]+"OO"+mobile[5:], mobile[:3]+"Ｏ"+mobile[4:], mobile[:8]+"OOO", mobile[:8]+"OOO转")
	cases = append(cases, "("+goodID[:6]+")"+goodID[6:], "（"+mobile[:3]+"）"+mobile[3:], "[86]"+mobile, "(+86)"+mobile, "【"+mobile+"】")
	for _, inv := range []string{"\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u0301", "\ufe0f"} {
		for _, at := range []int{1, 6, 10, 17} {
			cases = append(cases, goodID[:at]+inv+goodID[at:])
		}
		cases = append(cases, mobile[:3]+inv+mobile[3:], mobile[:10]+inv+mobile[10:])
	}
	for _, zero := range []rune{'０', '٠', '۰', '०', '০', '𝟎', '𝟘'} { // full-width, Arabic-Indic, Persian, Devanagari, Bengali, mathematical
		other := func(s string) string {
			return strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return zero + r - '0'
				}
				return r
			}, s)
		}
		cases = append(cases, other(goodID), other(mobile))
	}
	// s with its digits written as numerals, 0 to 9
	written := func(s, numerals string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return []rune(numerals)[r-'0']
			}
			return r
		}, s)
	}
	chinese := func(s string) string { return written(s, "〇一二三四五六七八九") }
	cases = append(cases, chinese(goodID), chinese(mobile), "手机"+strings.ReplaceAll(chinese(mobile), "〇", "零"), "身份证号"+chinese(goodID[:9])+goodID[9:])
	// in 大写 numerals, as a sum is written against alteration, and 1 read out as 幺
	upper := func(s string) string { return written(s, "零壹贰叁肆伍陆柒捌玖") }
	cases = append(cases, upper(goodID), upper(mobile), "手机"+strings.ReplaceAll(chinese(mobile), "一", "幺"), "电话"+strings.NewReplacer("贰", "貳", "叁", "參", "陆", "陸").Replace(upper(mobile)))
	// a number cell as a spreadsheet shows it, grouped by thousands
	cases = append(cases, "13,800,138,000", "电话１３，８００，１３８，０００", "8,613,800,138,000", "13'800'138'000", "13’800’138’000")
	// a name or word that ends in a numeral, right before the number
	cases = append(cases, mobile+"X", mobile+"x", mobile+"ｘ1")
	cases = append(cases, "张三"+goodID, "李四"+mobile, "第一"+spaced(goodID, " ", 6, 8), "王五"+chinese(mobile), "一"+goodID+"二")
	for _, c := range cases {
		in := "备注：" + c + "。"
		ms := FindAll(in, Options{})
		if len(ms) != 1 {
			t.Errorf("FindAll(%q) = %+v; want the one number", in, ms)
			continue
		}
		m := ms[0]
		masked := Mask(in[m.Start:m.End], []Match{{m.Kind, 0, m.End - m.Start}})
		if left := len([]rune(masked)) - strings.Count(masked, "*") - nonNumber(masked); left > 4 {
			t.Errorf("Mask(%q) = %q: %d digits left", in, masked, left)
		}
	}
	for _, in := range []string{
		"二〇二四年五月一日", "第一二三四五六七八九〇一号", "一二三四五六七八九〇一二三四五六七八九", // not a valid number
		"第13,15,17,19,100条", "13,80013,8000", "138,0013,8000", "1,380,013,800,0", "138'0013'8000", // a list, not thousands
		"穗人社派许〔2024〕28号（2024/05/01）", "2024/05/01-2027/04/30", "2024_05_01", "(020)12345678", // dates, a landline
	} {
		if m, ok := Find(in, Options{}); ok {
			t.Errorf("Find(%q) found %v at %d:%d", in, m.Kind, m.Start, m.End)
		}
	}
}

// Every number in a text is found and masked but for its last four digits.
func TestMask(t *testing.T) {
	goodID := id("44010619900101123")
	s := "身份证" + goodID + "，手机 138 1234 5678。"
	ms := FindAll(s, Options{})
	if len(ms) != 2 || ms[0].Kind != ResidentID || ms[1].Kind != Mobile {
		t.Fatalf("found %+v", ms)
	}
	want := "身份证**************" + goodID[14:] + "，手机 *** **** 5678。"
	if got := Mask(s, ms); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if got := MaskAll("无号码"); got != "无号码" {
		t.Errorf("MaskAll changed %q", got)
	}
}

func FuzzFind(f *testing.F) {
	f.Add("备注：手机13812345678")
	f.Add(id("44010619900101123"))
	f.Add("138-1234-5678")
	f.Add("440106 19900101 123X")
	f.Add("ＩＤ４４０１０６１９９００１０１１２３４")
	f.Add("(1101)05\u200b19491231/002X 一三八〇〇一三八〇〇〇")
	f.Add("身份证号：110105 491231 002，证件号码11010519491231002")
	f.Add("4.40106199001011E+17 ４，４０１０６１９９００１Ｅ１７")
	f.Fuzz(func(t *testing.T, s string) {
		ms := FindAll(s, Options{})
		end := 0
		for _, m := range ms {
			if m.Start < end || m.End > len(s) || m.Start >= m.End {
				t.Fatalf("bad span %+v in %q", m, s)
			}
			end = m.End
		}
		// outside the numbers nothing changes; of each, four digits at most are left
		var want strings.Builder
		last := 0
		for _, m := range ms {
			want.WriteString(s[last:m.Start])
			one := Mask(s[m.Start:m.End], []Match{{m.Kind, 0, m.End - m.Start}})
			if left := len([]rune(one)) - strings.Count(one, "*") - nonNumber(one); left > 4 {
				t.Fatalf("masking %q left %d digits: %q", s, left, one)
			}
			want.WriteString(one)
			last = m.End
		}
		want.WriteString(s[last:])
		if got := Mask(s, ms); got != want.String() {
			t.Fatalf("Mask(%q) = %q, want %q", s, got, want.String())
		}
	})
}

// nonNumber counts the runes of s that are neither digits nor X.
func nonNumber(s string) int {
	n := 0
	for _, r := range s {
		if r != '*' && !isNumberRune(r) {
			n++
		}
	}
	return n
}

// A numeral before a number is not part of what is masked.
func TestNumeralBeforeNumber(t *testing.T) {
	goodID := id("11010519491231002")
	ms := FindAll("张三"+goodID, Options{})
	if len(ms) != 1 || ms[0].Start != len("张三") {
		t.Fatalf("FindAll = %+v; want the ID alone, from byte %d", ms, len("张三"))
	}
	if got, want := Mask("张三"+goodID, ms), "张三**************"+goodID[14:]; got != want {
		t.Errorf("Mask = %q, want %q", got, want)
	}
}

// enoughDigits, which reads bytes, counts what digitValue counts.
func FuzzEnoughDigits(f *testing.F) {
	for _, s := range []string{"广州市天河区天河路123号", "一三八〇〇一三八〇〇〇", "１３８", "٠١٢", "𝟏𝟐", "零一二三四五六七八九", "壹贰叁肆伍陆柒捌玖貳參陸幺", "丁丂七丄丅丆万", "\xe4\xb8", "a\xef\xbc"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, need int) {
		if need < 1 || need > 40 || !utf8.ValidString(s) {
			return
		}
		n := 0
		for _, r := range s {
			if _, ok := digitValue(r); ok || r == 'O' || r == 'o' || r == 'Ｏ' || r == 'ｏ' {
				n++
			}
		}
		if got := enoughDigits(s, need); got != (n >= need) {
			t.Fatalf("enoughDigits(%q, %d) = %v; it has %d digits and letters O", s, need, got, n)
		}
	})
}

// A run of letters O after a digit is decided once: a megabyte of them
// between two digits (no number: far too long) is read in one pass.
func TestLongRunOfO(t *testing.T) {
	for _, s := range []string{"1" + strings.Repeat("O", 1<<20) + "1", "1" + strings.Repeat("O", 1<<20), strings.Repeat("1O", 1<<19)} {
		if ms := FindAll(s, Options{}); len(ms) != 0 {
			t.Errorf("%d bytes: found %v", len(s), ms)
		}
	}
}
