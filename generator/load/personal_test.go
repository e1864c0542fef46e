package load

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"portal/generator/pii"
)

// testID is a resident ID number with a valid check character.
var testID = func() string {
	p := "44010619850312123"
	return p + string(pii.IDCheckChar(p))
}()

// bothID is a resident ID number that is a valid 统一社会信用代码 by its
// check character too.
const bothID = "440106199001011235"

// Personal data is found however it is written, in any published cell; the
// message masks it, and no other diagnostic of that row shows a raw value.
// A valid credit code is a code, not an ID; a column of a known export that
// is never published (证件号码, 联系电话) is dropped, not refused.
func TestPersonalDataInCells(t *testing.T) {
	ok := "甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06"
	spacedID := testID[:6] + " " + testID[6:14] + " " + testID[14:]
	for _, tc := range []struct {
		name, header, row string
		want              []string // substrings, one diagnostic each, in order
	}{
		{"ID with spaces in 法定代表人", licHeader, strings.Replace(ok, "张三", "张三 "+spacedID, 1),
			[]string{`licences.csv:2:3: 法定代表人 "张三 ****** ******** ` + testID[14:] + `": contains a resident ID number`}},
		{"ID after letters", licHeader, strings.Replace(ok, "住所", "ID"+testID, 1),
			[]string{`住所 "ID**************` + testID[14:] + `": contains a resident ID number`}},
		{"mobile in ideographic-space groups", licHeader, strings.Replace(ok, "住所", "电话138\u30001234\u30005678", 1),
			[]string{`住所 "电话***\u3000****\u30005678": contains a mobile phone number`}}, // %q shows the ideographic space escaped
		{"the row's other diagnostics show no raw value", licHeader, strings.Replace(strings.Replace(ok, "张三", "张三"+testID, 1), "2024-05-01,2024-05-01", "2024-02-30,2024-05-01", 1),
			[]string{`法定代表人 "张三**************`, `许可决定日期 "******2-30": 2024-02 has no day 30`}},
		{"a valid credit code is not an ID", licHeader, ok, nil},
		{"an ID in the credit-code column is", licHeader, strings.Replace(ok, "91440106MA5C00010W", testID, 1),
			[]string{`统一社会信用代码 "**************` + testID[14:] + `": contains a resident ID number`,
				`warning: 统一社会信用代码 "**************` + testID[14:] + `": check character is`}}, // the code's own problem, masked too
		// one ID number in 31 passes the code's check as well; it begins as
		// no organisation's code does (44: 文化, category 4)
		{"an ID in the credit-code column that passes the code's check too", licHeader, strings.Replace(ok, "91440106MA5C00010W", bothID, 1),
			[]string{`统一社会信用代码 "**************` + bothID[14:] + `": contains a resident ID number`}},
		{"non-public columns are dropped", licHeader + ",法定代表人证件号码,联系电话", ok + "," + testID + ",13812345678", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := licences(t, tc.header, tc.row)
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %d diagnostics", got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("got  %s\nwant %s", got[i], w)
				}
				if strings.Contains(got[i], testID) || strings.Contains(got[i], "13812345678") || strings.Contains(got[i], "138\u30001234") {
					t.Errorf("a message repeats the number: %s", got[i])
				}
			}
		})
	}
}

// Content is published text too: Markdown bodies, front matter and
// site.toml are guarded, a number broken across lines as well.
func TestPersonalDataInContent(t *testing.T) {
	dir := t.TempDir()
	write := writer(dir)
	write("site.toml", "name = \"门户\"\nbureau = \"局\"\ncontact = \"值班手机 139 0000 1234\"\naddress = \"传真\\u0031\\u00338 0000 4321\"\n")
	write("news/a.md", "---\ntitle: 通知\ndate: 2024-01-01\nsummary: 联系人身份证 "+testID+"\n---\n\n正文第一段。\n\n请拨打 138-1234-5678 咨询。\n")
	// a number broken across the lines of a paragraph is shown as one
	write("faq/b.md", "---\nquestion: 问\ncategory: 许可\norder: 1\n---\n联系人身份证"+testID[:6]+"\r\n"+testID[6:]+"，\n手机 138\n1234\u20095678。\n")
	// numbers whole only as published: split by emphasis, a code span or a
	// link, written as character references, in a link's address, escaped
	// in YAML
	write("faq/c.md", "---\nquestion: 问\ncategory: 许可\norder: 2\ntags: [\"\\u00313800138001\"]\n---\n甲：138**0013**8002。\n\n- 乙：`139`00138003\n\n> 丙：&#49;&#51;&#55;0013&#32;8004\n\n[电话](tel:&#49;3600138005)\n\n[查询](https://rsj.example.gov.cn/q?tel=%31%33%35%30%30%31%33%38%30%30%36&amp;p=50%)\n")
	_, _, got := loadContent(dir)
	wantIn(t, got,
		filepath.Join(dir, "faq/c.md")+":5: contains a mobile phone number (手机号码) once it is read as published (written in pieces, or as escapes or character references): personal data must never be published: *******8001",
		filepath.Join(dir, "faq/c.md")+":7: contains a mobile phone number (手机号码) once it is read as published (written in pieces, or as escapes or character references): personal data must never be published: 甲：*******8002。",
		filepath.Join(dir, "faq/c.md")+":9: contains a mobile phone number (手机号码) once it is read as published (written in pieces, or as escapes or character references): personal data must never be published: 乙：*******8003",
		filepath.Join(dir, "faq/c.md")+":11: contains a mobile phone number (手机号码) once it is read as published (written in pieces, or as escapes or character references): personal data must never be published: 丙：******* 8004",
		filepath.Join(dir, "faq/c.md")+":13: contains a mobile phone number (手机号码) once it is read as published (written in pieces, or as escapes or character references): personal data must never be published: <p><a href=\"tel:*******8005\">电话</a></p>",
		// in a link's address in percent escapes, as the browser sends it
		filepath.Join(dir, "faq/c.md")+":15: contains a mobile phone number (手机号码) once it is read as published (written in pieces, or as escapes or character references): personal data must never be published: <p><a href=\"https://rsj.example.gov.cn/q?tel=*******8006&p=50%\">查询</a></p>",
		filepath.Join(dir, "news/a.md")+":4: contains a resident ID number",
		filepath.Join(dir, "news/a.md")+":9: contains a mobile phone number (手机号码): personal data must never be published: 请拨打 ***-****-5678 咨询。",
		filepath.Join(dir, "site.toml")+":3: contains a mobile phone number",
		filepath.Join(dir, "site.toml")+": address \"传真*** **** 4321\": contains a mobile phone number (手机号码) once it is read as published",
		filepath.Join(dir, "faq/b.md")+":6: contains a resident ID number (居民身份证号码): personal data must never be published: 联系人身份证****** ********"+testID[14:]+"，",
		filepath.Join(dir, "faq/b.md")+":8: contains a mobile phone number (手机号码): personal data must never be published: 手机 *** **** 5678。",
	)
	if strings.Contains(got, testID) || strings.Contains(got, "1234 5678") || strings.Contains(got, "0000 1234\"") {
		t.Errorf("a message repeats a number:\n%s", got)
	}
}

// An address is decoded as net/url decodes it wherever net/url can; where
// it cannot (a stray %), every escape that is one is decoded still.
func FuzzPercentDecoded(f *testing.F) {
	f.Add("https://rsj.example.gov.cn/q?tel=%31%33%38&p=50%")
	f.Add("%E5%B9%BF%E5%B7%9E%ZZ%4")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // published text is valid: the loader refuses what is not
		}
		got := percentDecoded(s)
		if !utf8.ValidString(got) {
			t.Fatalf("%q decodes to invalid UTF-8 %q", s, got)
		}
		if want, err := url.PathUnescape(s); err == nil && utf8.ValidString(want) && got != want {
			t.Fatalf("%q decodes to %q, net/url gives %q", s, got, want)
		}
	})
}
