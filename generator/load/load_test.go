package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"portal/generator/diag"
	"portal/generator/model"
)

const licHeader = "行政相对人名称,统一社会信用代码,法定代表人,住所,注册资本（万元）,许可证编号,公示类型,变更事项,许可决定日期,有效期自,有效期至,许可机关,行政区划代码,公示日期"

// licences parses a licences.csv body (after the header) and returns the
// decisions and the diagnostics as strings.
func licences(t *testing.T, header, body string) ([]*model.Decision, []string) {
	t.Helper()
	var d diag.List
	tb := parseTable("licences.csv", LicencesSchema, []byte(header+"\n"+body), false, &d)
	var decs []*model.Decision
	if tb != nil {
		var err error
		if decs, err = decodeLicences(tb, &d); err != nil {
			t.Fatal(err)
		}
	}
	var out []string
	for _, x := range d.Sorted() {
		out = append(out, x.String())
	}
	return decs, out
}

func TestLicenceRowRules(t *testing.T) {
	ok := "甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06"
	for _, tc := range []struct {
		name, row, want string
	}{
		{"clean row", ok, ""},
		{"missing required value", strings.Replace(ok, "天河局", "", 1), `licences.csv:2:12: 许可机关 "": required value is empty`},
		{"bad code length", strings.Replace(ok, "91440106MA5C00010W", "91440106MA5C0001", 1), `licences.csv:2:2: 统一社会信用代码 "91440106MA5C0001": has 16 characters`},
		{"an old registration number", strings.Replace(ok, "91440106MA5C00010W", "440106000123456", 1), `licences.csv:2:2: 统一社会信用代码 "440106000123456": has 15 characters; a 统一社会信用代码 has 18 (hint: 15 digits are a 工商注册号`},
		{"checksum mismatch is a warning", strings.Replace(ok, "91440106MA5C00010W", "91440106MA5C00010X", 1), `licences.csv:2:2: warning: 统一社会信用代码 "91440106MA5C00010X": check character is 'X', GB 32100 gives 'W'`},
		{"code stored as a number in Excel", strings.Replace(ok, "91440106MA5C00010W", "9.14401E+17", 1), `the code was stored as a number`},
		{"unknown 公示类型", strings.Replace(ok, "新许可", "新批", 1), `licences.csv:2:7: 公示类型 "新批": unknown 公示类型`},
		{"变更 without 变更事项", strings.Replace(strings.Replace(ok, "新许可", "变更", 1), "2024-05-01,2027-04-30", ",", 1), `licences.csv:2:8: 变更事项 "": a 变更 must state its 变更事项`},
		{"新许可 needs a period", strings.Replace(ok, ",2027-04-30,", ",,", 1), `licences.csv:2:11: 有效期至 "": required value is empty`},
		{"有效期至 before 有效期自", strings.Replace(ok, "2027-04-30", "2023-04-30", 1), `licences.csv:2:11: 有效期至 "2023-04-30": 有效期至 is before 有效期自 2024-05-01`},
		{"validity not 3 years", strings.Replace(ok, "2027-04-30", "2026-04-30", 1), `warning: 有效期至 "2026-04-30": validity 2024-05-01 to 2026-04-30 is not 3 years`},
		{"capital below 200万元", strings.Replace(ok, ",300,", ",150,", 1), `licences.csv:2:5: warning: 注册资本（万元） "150": registered capital is below the statutory 200万元`},
		{"capital written in 元", strings.Replace(ok, ",300,", ",3000000,", 1), `licences.csv:2:5: warning: 注册资本（万元） "3000000": 3000000 万元 is 300亿元: was it written in 元?`},
		{"capital not a number", strings.Replace(ok, ",300,", ",三百,", 1), `注册资本（万元） "三百": not an amount`},
		{"validity over 3 years is an error", strings.Replace(ok, "2027-04-30", "2029-04-30", 1), `licences.csv:2:11: 有效期至 "2029-04-30": validity 2024-05-01 to 2029-04-30 is longer than the statutory 3 years`},
		{"validity a few days over 3 years is a warning", strings.Replace(ok, "2027-04-30", "2027-05-06", 1), `warning: 有效期至 "2027-05-06": validity 2024-05-01 to 2027-05-06 is not 3 years`},
		{"validity over 3 years and a week", strings.Replace(ok, "2027-04-30", "2027-05-09", 1), `is longer than the statutory 3 years`},
		{"a blank 公示日期 is left blank (register warns)", strings.TrimSuffix(ok, "2024-05-06"), ""},
		{"published before decided", strings.Replace(ok, "2024-05-06", "2024-04-06", 1), `公示日期 is before the 许可决定日期`},
		{"impossible date", strings.Replace(ok, "2024-05-01,2024-05-01", "2024-02-30,2024-05-01", 1), `licences.csv:2:9: 许可决定日期 "2024-02-30": 2024-02 has no day 30`},
		{"bad region code", strings.Replace(ok, ",440106,", ",4401,", 1), `行政区划代码 "4401": not a 6-digit GB/T 2260 region code`},
		{"mobile number in an address", strings.Replace(ok, "住所", "住所 联系13812345678", 1), `licences.csv:2:4: 住所 "住所 联系*******5678": contains a mobile phone number`},
		{"all-digit licence number is not a mobile", strings.Replace(ok, ",L1,", ",13912345678,", 1), ""},
		{"extra fields", ok + ",多余", `licences.csv:2:15: row has 15 fields but the header has 14`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := licences(t, licHeader, tc.row)
			switch {
			case tc.want == "" && len(got) != 0:
				t.Fatalf("want no diagnostics, got %q", got)
			case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)):
				t.Fatalf("got %q\nwant one containing %q", got, tc.want)
			}
		})
	}
}

// A value holding an unquoted comma moves the cells after it a column
// right; with the last column empty, the row's extra field is empty too.
// It is named as the cause at that row, beside what the moved cells break.
// A file whose every row ends in a comma the header has not is read as it
// was: the extra field is the file's, not a row's; so are two exports of
// different widths joined into one file.
func TestUnquotedSeparator(t *testing.T) {
	ok := "甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06"
	shifted := strings.Replace(ok, "住所", "天河路1号,2号楼", 1) + ","
	_, got := licences(t, licHeader, ok+",\n"+shifted+"\n"+ok+",")
	if !strings.Contains(strings.Join(got, "\n"), "licences.csv:3:15: row has 16 fields but the header has 14: a value with a comma must be quoted") {
		t.Errorf("the moved row is not named:\n%s", strings.Join(got, "\n"))
	}
	for _, g := range got {
		if !strings.HasPrefix(g, "licences.csv:3:") {
			t.Errorf("a row that is not moved has a diagnostic: %s", g)
		}
	}
	if _, got := licences(t, licHeader, ok+",\n"+ok+","); len(got) != 0 {
		t.Errorf("a comma at every row's end: %q", got)
	}
	// two exports joined, one of them with a comma at each row's end
	joined := strings.Repeat(ok+"\n", 4) + strings.Repeat(ok+",\n", 3)
	if _, got := licences(t, licHeader, joined); len(got) != 0 {
		t.Errorf("exports of two widths joined: %q", got)
	}
}

func TestHeaders(t *testing.T) {
	// order free, full-width parentheses, spaces, invisible characters, English aliases, an unknown column
	h := "credit_code, 行政相对人名称\u200b ,*许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码,注册资本(万元),备用栏"
	decs, got := licences(t, h, "91440106MA5C00010W,甲公司,L1,新许可,2024-05-01,2024-05-01,2027-04-30,天河局,440106,150,x")
	if len(decs) != 1 || decs[0].Name != "甲公司" || decs[0].CapitalWan != 150 {
		t.Fatalf("decoded %+v", decs[0])
	}
	want := []string{
		`licences.csv:1:11: warning: unknown column "备用栏" is ignored`,
		`licences.csv:2:10: warning: 注册资本（万元） "150"`,
	}
	if len(got) != 2 || !strings.HasPrefix(got[0], want[0]) || !strings.HasPrefix(got[1], want[1]) {
		t.Fatalf("got %q", got)
	}
	// the 2016 双公示 layout's headings, beside a licence number; its
	// 当前状态 1 is 撤销, not the later layout's 有效
	decs, got = licences(t, "行政许可决定书文号,审批类别,行政相对人名称,行政相对人代码_1(统一社会信用代码),法定代表人姓名,许可编号,许可决定日期,有效期自,许可截止期,许可机关,当前状态,数据更新时间戳",
		"穗天人社许〔2024〕1号,普通,甲公司,91440106MA5C00010W,王一,L1,2024-05-01,2024-05-01,2027-04-30,天河局,1,2024-05-02 10:00:00\n"+
			"穗天人社许〔2024〕2号,普通,乙公司,91440106MA5C00020X,王二,L2,2024-05-01,2024-05-01,2027-04-30,天河局,0,2024-05-02 10:00:00")
	if len(decs) != 2 || decs[0].DocNo != "穗天人社许〔2024〕1号" || decs[0].LegalRep != "王一" || decs[0].ValidTo.String() != "2027-04-30" || strings.Contains(strings.Join(got, "\n"), "unknown column") {
		t.Fatalf("the 2016 layout: %+v\n%q", decs, got)
	}
	if decs[0].Stated.Class() != model.StatedEnded || decs[1].Stated.Class() != model.StatedInForce {
		t.Errorf("the 2016 layout's 当前状态 1 and 0 read as %s and %s", decs[0].Stated, decs[1].Stated)
	}
	decs, _ = licences(t, "行政相对人名称,统一社会信用代码,许可编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,当前状态", "甲公司,91440106MA5C00010W,L1,新许可,2024-05-01,2024-05-01,2027-04-30,天河局,1")
	if len(decs) != 1 || decs[0].Stated.Class() != model.StatedInForce {
		t.Errorf("the later layout's 当前状态 1 read as %v", decs)
	}
	_, got = licences(t, "行政相对人名称,统一社会信用代码", "甲,91440106MA5C00010W")
	if !strings.Contains(strings.Join(got, "\n"), `licences.csv:1: missing required column "许可证编号"`) {
		t.Fatalf("got %q", got)
	}
}

func TestEncodings(t *testing.T) {
	body := licHeader + "\n𠀾甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	quoted := `"` + strings.ReplaceAll(licHeader, ",", `","`) + `"` + body[len(licHeader):]
	for name, tc := range map[string]struct {
		b       []byte
		assumed string
	}{
		"utf8":            {[]byte(body), ""},
		"bom+quoted head": {append([]byte("\ufeff"), quoted...), "read as UTF-8 with BOM"},
		"gb18030":         {gb, "read as GB18030"},
		// Excel's 文本文件(制表符分隔) and Unicode 文本, and CSV where the list
		// separator is a semicolon, named .csv: the same rows
		"tab-separated":       {[]byte(strings.ReplaceAll(body, ",", "\t")), "read as tab-separated"},
		"semicolon-separated": {[]byte(strings.ReplaceAll(body, ",", ";")), "read as semicolon-separated"},
		"Unicode 文本":          {utf16le(strings.ReplaceAll(body, ",", "\t")), "read as UTF-16 with BOM, tab-separated"},
	} {
		var d diag.List
		tb := parseTable("licences.csv", LicencesSchema, tc.b, false, &d)
		if d.Len() != 0 || tb == nil {
			t.Fatalf("%s: %s", name, d.Format(0))
		}
		decs, _ := decodeLicences(tb, &d)
		if decs[0].Name != "𠀾甲公司" || tb.how != tc.assumed {
			t.Errorf("%s: name %q, encoding %q", name, decs[0].Name, tb.how)
		}
	}
	var d diag.List
	parseTable("licences.csv", LicencesSchema, []byte{0xff, 0x81, 0x20, 0x0a}, false, &d)
	if !strings.Contains(d.Format(0), "neither") {
		t.Errorf("undecodable bytes: %s", d.Format(0))
	}
	// a workbook saved under a .csv name is said to be one, not garbled text
	for want, b := range map[string][]byte{
		"Excel 97–2003 workbook (.xls)": append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, gb...),
		"a ZIP archive":                 append([]byte("PK\x03\x04"), gb...),
	} {
		var d diag.List
		parseTable("licences.csv", LicencesSchema, b, false, &d)
		if !strings.Contains(d.Format(0), want) {
			t.Errorf("a file starting as %s: %s", want, d.Format(0))
		}
	}
}

// A row that does not fit its header is told to quote the value holding
// the file's own separator: a tab in a tab-separated file, not a comma.
func TestQuotingAdviceNamesTheSeparator(t *testing.T) {
	row := "甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,"
	for sep, word := range map[string]string{",": "comma", "\t": "tab", ";": "semicolon"} {
		for name, body := range map[string]string{
			"extra field": row + ",多出",
			"stray quote": strings.Replace(row, "住所", `住"所`, 1),
		} {
			var d diag.List
			parseTable("licences.csv", LicencesSchema, []byte(strings.ReplaceAll(licHeader+"\n"+body+"\n", ",", sep)), false, &d)
			got := d.Format(0)
			if !strings.Contains(got, "a value with a "+word+" must be quoted") && !strings.Contains(got, "a field with a "+word+", quote") {
				t.Errorf("%q-separated, %s: %s", sep, name, got)
			}
		}
	}
}

// utf16le is s as Excel saves Unicode 文本: UTF-16LE after a byte-order mark.
func utf16le(s string) []byte {
	b := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func TestXLSX(t *testing.T) {
	f := excelize.NewFile()
	var head []any
	for _, h := range strings.Split(licHeader, ",") {
		head = append(head, h)
	}
	rows := [][]any{
		head,
		{"甲公司", "91440106MA5C00010W", "张三", "住所", 300, "L1", "新许可", "", 45413, "2024/5/1", "2027年4月30日", "天河局", "440106", nil},
		{},
		{"乙公司", "91440106MA5C00020X", "李四", "住所", 300, "L2", "新许可", "", 45413, 45413, 46507, "天河局", "440106", nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "licences.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	var d diag.List
	tb, _ := readOne(OSDir(dir), LicencesSchema, &d)
	decs, _ := decodeLicences(tb, &d)
	if d.Len() != 0 {
		t.Fatal(d.Format(0))
	}
	if len(decs) != 2 || decs[0].DecidedOn.String() != "2024-05-01" || decs[0].ValidTo.String() != "2027-04-30" || decs[1].Src.Line != 4 || decs[1].ValidTo.String() != "2027-04-30" {
		t.Fatalf("decoded %+v %+v", decs[0], decs[1])
	}
	// both formats present is an error
	os.WriteFile(filepath.Join(dir, "licences.csv"), []byte(licHeader), 0o644)
	var d2 diag.List
	if tb, _ := readOne(OSDir(dir), LicencesSchema, &d2); tb != nil || !strings.Contains(d2.Format(0), "licences.csv, licences.xlsx exist together") {
		t.Fatal(d2.Format(0))
	}
}

func TestQuotedNewlineLines(t *testing.T) {
	body := "甲公司,91440106MA5C00010W,张三,\"第一行\n第二行\n第三行\",300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,\n" +
		"乙公司,91440106MA5C00020X,张三,住所,300,L2,新批,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,\n"
	_, got := licences(t, licHeader, body)
	if len(got) != 1 || !strings.HasPrefix(got[0], "licences.csv:5:7:") {
		t.Fatalf("got %q", got)
	}
}

// FuzzLoadCSV feeds arbitrary bytes to the CSV loader of every table: it
// must report problems, never panic, and keep line numbers positive.
func FuzzLoadCSV(f *testing.F) {
	f.Add([]byte(licHeader + "\n甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,\n"))
	f.Add([]byte("\ufeff\"年度\",核验结果\n2024,合格\n"))
	f.Add([]byte("a,\"b\nc\",d\n1,2"))
	f.Add([]byte("行政相对人名称,有效期,,许可机关\n,自,至,\n甲公司,2024-05-01,2027-04-30,天河局\n"))
	f.Add([]byte("\ufeff年度\n\xff\xfe2024\n"))
	f.Add([]byte("广州市人力资源和社会保障局关于公布2025年度核验结果的公告\n单位名称,统一社会信用代码,核验结果\n甲公司,91440106MA5C00010W,合格\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if text, _, err := decodeText(b); err == nil && !utf8.Valid(text) {
			t.Fatalf("decoded text is not UTF-8: every later stage relies on it")
		}
		for _, sc := range Schemas {
			var d diag.List
			tb := parseTable("x.csv", sc, b, false, &d)
			if tb != nil {
				ds := &model.Dataset{Columns: map[string]map[string]int{}, ReadAs: map[string]string{}, Explain: map[string][]string{}}
				var mu = new(sync.Mutex)
				_ = decodeInto(ds, ds, mu, tb, model.DefaultGradeScale, &d)
			}
			for _, x := range d.Sorted() {
				if x.Line < 0 || x.Col < 0 {
					t.Fatalf("bad position %s", x)
				}
			}
		}
	})
}

// A CSV parse error is placed at its record's line and its field's column,
// with the field's header, not at a byte offset.
func TestParseErrorPosition(t *testing.T) {
	body := "甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06\n" +
		"乙公司,91440106MA5C00020X,李四,广州市\"天河\"区,300,L2,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06\n"
	var d diag.List
	tb := parseTable("licences.csv", LicencesSchema, []byte(licHeader+"\n"+body), false, &d)
	got := d.Sorted()
	if len(got) != 1 || got[0].Line != 3 || got[0].Col != 4 || got[0].Field != "住所" || !got[0].Table ||
		!strings.Contains(got[0].String(), `licences.csv:3:4: 住所 "广州市\"天河\"区": bare " in non-quoted-field`) {
		t.Fatalf("got %v", got)
	}
	if tb == nil || !tb.broken || len(tb.rows) != 1 {
		t.Fatalf("the rows before the error are kept and the table is marked broken: %+v", tb)
	}
}

// readOne reads a table of one file: nil when it is not exactly one.
func readOne(dir Dir, sc *Schema, d *diag.List) (*table, bool) {
	ts, broken := readTable(dir, sc, d)
	if len(ts) != 1 {
		return nil, broken
	}
	return ts[0], broken
}

// Two exports joined into one file, each with its header (and the second
// with its byte-order mark): the second header is not a row of data — not read, and the summary says so — and
// every row of both is.
func TestHeaderRepeatedInside(t *testing.T) {
	a := "甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06"
	b := "乙公司,91440106MA5C000110,李四,住所,300,L2,新许可,,2024-06-01,2024-06-01,2027-05-31,天河局,440106,2024-06-03"
	var d diag.List
	tb := parseTable("licences.csv", LicencesSchema, []byte(licHeader+"\n"+a+"\n\ufeff"+strings.ReplaceAll(licHeader, ",", " , ")+" \n"+b+"\n"), false, &d)
	if tb == nil || d.Len() != 0 {
		t.Fatalf("diagnostics: %s", d.Format(0))
	}
	decs, _ := decodeLicences(tb, &d)
	if len(decs) != 2 || decs[1].Name != "乙公司" || d.Len() != 0 {
		t.Fatalf("%d decisions; %s", len(decs), d.Format(0))
	}
	if !strings.Contains(tb.how, "row 3 repeating the header") {
		t.Errorf("the summary does not say so: %q", tb.how)
	}
}

// Two exports joined into one file whose second has its columns in another
// order: read by the first header, each of its values stood in another
// field, and each was an error of its own (a code "行政相对人名称", a date
// "公示类型" …). Now one error names the row and the cause; the rows of
// that export are not read, and those after a header in the first order
// again are.
func TestHeaderReorderedInside(t *testing.T) {
	a := "甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06"
	swap := func(line string) string { // the first two columns the other way round
		f := strings.SplitN(line, ",", 3)
		return f[1] + "," + f[0] + "," + f[2]
	}
	b := "乙公司,91440106MA5C000110,李四,住所,300,L2,新许可,,2024-06-01,2024-06-01,2027-05-31,天河局,440106,2024-06-03"
	c := "丙公司,91440106MA5C00012Y,王五,住所,300,L3,新许可,,2024-07-01,2024-07-01,2027-06-30,天河局,440106,2024-07-02"
	text := licHeader + "\n" + a + "\n" + swap(licHeader) + "\n" + swap(b) + "\n" + licHeader + "\n" + c + "\n"
	var d diag.List
	tb := parseTable("licences.csv", LicencesSchema, []byte(text), false, &d)
	if tb == nil || d.Len() != 1 {
		t.Fatalf("want one diagnostic; got %s", d.Format(0))
	}
	if got := d.Format(0); !strings.Contains(got, "licences.csv:3: this row is the table's header again, with its columns in another order than the header on row 1") {
		t.Errorf("got %s", got)
	}
	decs, _ := decodeLicences(tb, &d)
	if len(decs) != 2 || decs[0].Name != "甲公司" || decs[1].Name != "丙公司" {
		t.Fatalf("%d decisions; %s", len(decs), d.Format(0))
	}
	if h := strings.Split(licHeader, ","); headingsOf(h).reordered(h) {
		t.Error("the header in its own order is a repeat, not another order")
	}
}

// invisibleAt skips the ideographs by their lead byte: every format
// character is still found, wherever it stands among them.
func TestInvisibleAt(t *testing.T) {
	for _, r := range []rune{'\u00ad', '\u061c', '\u180e', '\u200b', '\u200f', '\u202e', '\u2060', '\u2066', '\ufeff', '\ufffb', '\U000e0001'} {
		for _, v := range []string{string(r), "广州" + string(r) + "公司", "广州市" + string(r), "a" + string(r)} {
			if at := invisibleAt(v); at < 0 || !strings.HasPrefix(v[at:], string(r)) {
				t.Errorf("invisibleAt(%q) = %d", v, at)
			}
		}
	}
	for _, v := range []string{"广州市甲人力资源有限公司（黄埔）", "ＡＢＣ１２３", "Café", "𠀾"} {
		if at := invisibleAt(v); at >= 0 {
			t.Errorf("invisibleAt(%q) = %d", v, at)
		}
	}
}

// A cell wrapped in a spreadsheet reads as one line: nothing between
// Chinese characters, a space between Latin words.
func TestJoinLines(t *testing.T) {
	for in, want := range map[string]string{
		"广州市乙劳务派遣\n有限公司":           "广州市乙劳务派遣有限公司",
		"广州市乙劳务派遣 \r\n 有限公司":       "广州市乙劳务派遣有限公司",
		"Guangzhou Yi\nLabour Co.": "Guangzhou Yi Labour Co.",
		"体育西路2号\n3栋":               "体育西路2号3栋",
		"Room 1\n\n2":              "Room 1 2",
		"名称：甲→乙；\u2028住所：丙":        "名称：甲→乙；住所：丙",
		"a\n": "a",
	} {
		if got := joinLines(in); got != want {
			t.Errorf("joinLines(%q) = %q, want %q", in, got, want)
		}
	}
}

// joinLines is linear: a hostile cell of a million line breaks and spaces.
func TestJoinLinesLong(t *testing.T) {
	v := strings.Repeat("a \n ", 1<<18)
	if got := joinLines(v); len(got) != 2*(1<<18)-1 {
		t.Fatalf("len %d", len(got))
	}
}

// A spreadsheet's error value (a formula that failed) is refused in any
// column, never published as a name or an address.
func TestSpreadsheetErrorValues(t *testing.T) {
	for _, v := range []string{"#N/A", "#REF!", "#value!", "#DIV/0!"} {
		_, got := licences(t, licHeader, v+",91440106MA5C00010W,张三,"+v+",300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,")
		var errs []string
		for _, g := range got {
			if strings.Contains(g, "spreadsheet's error value") {
				errs = append(errs, g)
			}
		}
		if len(errs) != 2 || !strings.HasPrefix(errs[0], "licences.csv:2:1: 行政相对人名称 \""+v+"\"") || !strings.HasPrefix(errs[1], "licences.csv:2:4: 住所") {
			t.Errorf("%s: got %q", v, got)
		}
	}
}

// What exports write for "no value" (-, /, 无, N/A…) is read as empty: an
// optional date so written is no error, a required licence number so
// written is missing, and neither is published.
func TestPlaceholdersAreEmpty(t *testing.T) {
	decs, got := licences(t, licHeader, "甲公司,91440106MA5C00010W,无,—,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,/\n"+
		"甲公司,91440106MA5C00010W,张三,住所,300,L1,吊销,,2025-05-01,-,N/A,天河局,440106,2025-05-06")
	for _, g := range got {
		if !strings.Contains(g, "warning") {
			t.Errorf("got %q", got)
		}
	}
	if len(decs) != 2 || decs[0].LegalRep != "" || decs[0].Address != "" || decs[0].PublishedOn != 0 || decs[1].ValidTo != 0 {
		t.Fatalf("decoded %+v", decs)
	}
	_, got = licences(t, licHeader, "甲公司,91440106MA5C00010W,张三,住所,300,无,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,")
	if len(got) == 0 || !strings.HasPrefix(got[0], `licences.csv:2:6: 许可证编号 "": required value is empty`) {
		t.Fatalf("got %q", got)
	}
}

// A grade written as a count of its letter (3A, 2A级), or spaced out for
// alignment (A A A, A +), is the letter spelt out, in the scale's own form.
func TestCountedGrades(t *testing.T) {
	for in, want := range map[string]string{"3A": "AAA", "3a级": "AAA", "2A": "AA", "AAA级": "AAA", "A": "A", "A A A": "AAA", "A　A 级": "AA"} {
		tb := parseTable("grades.csv", GradesSchema, []byte("评价年度,行政相对人名称,统一社会信用代码,信用等级,评价机构\n2025,甲公司,91440106MA5C00010W,"+in+",局\n"), false, &diag.List{})
		var d diag.List
		gs, err := decodeGrades(tb, []string{"AAA", "AA", "A", "B"}, &d)
		if err != nil || d.Len() != 0 || len(gs) != 1 || gs[0].Grade != want {
			t.Errorf("%s: got %+v %v %s", in, gs, err, d.Format(0))
		}
	}
}

// A 核验结果 followed by a remark in brackets is read as the result: a
// 不合格's remark is its 不合格情形 when that cell is empty, another remark
// is said not to be published. A remark that says the result is not
// settled or not in force — under review, postponed, withdrawn — is an
// error: read as the result, the agency's page would show it as decided
// (a 不合格 adds 重点监控 to its banner); a rectification to come is not
// such a remark.
func TestResultWithARemark(t *testing.T) {
	const head = "年度,行政相对人名称,统一社会信用代码,核验结果,不合格情形,核验机关\n"
	for _, tc := range []struct {
		in, reasons string
		want        model.CheckResult
		diag        string
	}{
		{"不合格（未报送）,", "未报送", model.CheckFail, ""},
		{"不合格(弄虚作假),违规经营", "违规经营", model.CheckFail, `核验结果 "不合格(弄虚作假)": read as 不合格; the remark （弄虚作假） after it is not published`},
		{"合格（已整改）,", "", model.CheckPass, `核验结果 "合格（已整改）": read as 合格; the remark （已整改） after it is not published`},
		{"不合格（待整改）,违规经营", "违规经营", model.CheckFail, `the remark （待整改） after it is not published`},
		{"不合格（复核中）,", "", 0, `核验结果 "不合格（复核中）": the remark （复核中） says this 不合格 is not settled or not in force (复核)`},
		{"不合格（已撤销）,未报送", "未报送", 0, `the remark （已撤销） says this 不合格 is not settled or not in force (撤销)`},
		{"合格（暂缓）,", "", 0, `the remark （暂缓） says this 合格 is not settled or not in force (暂缓)`},
		{"合格(待定),", "", 0, `(待定)`},
		{"无业务（拟）,", "", 0, `(拟)`},
	} {
		tb := parseTable("annual-checks.csv", ChecksSchema, []byte(head+"2024,甲公司,91440106MA5C00010W,"+tc.in+",局\n"), false, &diag.List{})
		var d diag.List
		cs, err := decodeChecks(tb, &d)
		if err != nil || len(cs) != 1 || cs[0].Result != tc.want || cs[0].FailReasons != tc.reasons {
			t.Errorf("%s: got %+v %v %s", tc.in, cs, err, d.Format(0))
			continue
		}
		if got := d.Format(0); tc.diag == "" && d.Len() != 0 || tc.diag != "" && !strings.Contains(got, tc.diag) {
			t.Errorf("%s: diagnostics %s, want %q", tc.in, got, tc.diag)
		}
		if e, _ := d.Count(); (e == 1) != (tc.want == 0) {
			t.Errorf("%s: %d errors: %s", tc.in, e, d.Format(0))
		}
	}
}

// A yearly row's date must fit its year: an annual check's result is of
// the reports made after its 年度 ended, so one published before then is of
// another year, or misdated; a grade cannot end before its 评价年度 began.
// Either is an error at the date; a date from the year's end (or start) on
// is read.
func TestDateBeforeItsYear(t *testing.T) {
	checks := func(tb *table, d *diag.List) error { _, err := decodeChecks(tb, d); return err }
	grades := func(tb *table, d *diag.List) error { _, err := decodeGrades(tb, []string{"A", "B"}, d); return err }
	const (
		checkRow = "年度,行政相对人名称,统一社会信用代码,核验结果,核验机关,公布日期\n%s,甲公司,91440106MA5C00010W,合格,局,%s\n"
		gradeRow = "评价年度,行政相对人名称,统一社会信用代码,信用等级,评价机构,有效期至\n%s,甲公司,91440106MA5C00010W,A,局,%s\n"
	)
	for _, tc := range []struct {
		file     string
		sc       *Schema
		row      string
		decode   func(*table, *diag.List) error
		year, on string
		diag     string
	}{
		{"annual-checks.csv", ChecksSchema, checkRow, checks, "2024", "2025-05-20", ""},
		{"annual-checks.csv", ChecksSchema, checkRow, checks, "2024", "2025-01-01", ""},
		{"annual-checks.csv", ChecksSchema, checkRow, checks, "2024", "2024-12-31", `annual-checks.csv:2:6: 公布日期 "2024-12-31": published before the 2024 year it reports on had ended`},
		{"annual-checks.csv", ChecksSchema, checkRow, checks, "2025", "2024-05-20", `annual-checks.csv:2:6: 公布日期 "2024-05-20": published before the 2025 year it reports on had ended`},
		{"grades.csv", GradesSchema, gradeRow, grades, "2025", "2026-12-31", ""},
		{"grades.csv", GradesSchema, gradeRow, grades, "2025", "2025-01-01", ""},
		{"grades.csv", GradesSchema, gradeRow, grades, "2025", "2024-12-31", `grades.csv:2:6: 有效期至 "2024-12-31": the grade ends before its 2025 评价年度 began`},
	} {
		tb := parseTable(tc.file, tc.sc, []byte(fmt.Sprintf(tc.row, tc.year, tc.on)), false, &diag.List{})
		var d diag.List
		if err := tc.decode(tb, &d); err != nil {
			t.Fatal(err)
		}
		if got := d.Format(0); tc.diag == "" && d.Len() != 0 || tc.diag != "" && !strings.Contains(got, tc.diag) {
			t.Errorf("%s: %s, %s: diagnostics %s, want %q", tc.file, tc.year, tc.on, got, tc.diag)
		}
	}
}

// A grant's period must fit its day: one that ended before the 许可决定日期
// (both years mistyped alike, so the three years hold) would publish the
// licence as expired from the day it was granted, one that begins more
// than a year after it as 未生效 until then. Either is an error; a 延续
// decided months ahead of its period, or after it began, is read.
func TestPeriodAgainstItsDay(t *testing.T) {
	const row = "行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码,公示日期\n" +
		"甲公司,91440106MA5C00010W,L1,%s,%s,%s,%s,局,440106,%s\n"
	for _, tc := range []struct {
		typ, on, from, to string
		diag              string
	}{
		{"新许可", "2024-03-04", "2024-03-04", "2027-03-03", ""},
		{"延续", "2024-09-02", "2025-03-04", "2028-03-03", ""}, // decided six months ahead
		{"延续", "2024-05-06", "2024-03-04", "2027-03-03", ""}, // decided after the period began
		{"新许可", "2024-03-04", "2014-03-04", "2017-03-03", `licences.csv:2:7: 有效期至 "2017-03-03": the period ends before the 许可决定日期 2024-03-04`},
		{"新许可", "2024-03-04", "2104-03-04", "2107-03-03", `licences.csv:2:6: 有效期自 "2104-03-04": the period begins more than a year after the 许可决定日期 2024-03-04`},
		{"延续", "2024-03-04", "2025-04-04", "2028-04-03", `licences.csv:2:6: 有效期自 "2025-04-04": the period begins more than a year after`},
		{"新许可", "2004-03-04", "2004-03-04", "2007-03-03", `licences.csv:2:5: 许可决定日期 "2004-03-04": dated before 2013-07-01, when the 劳务派遣经营许可 began`},
		{"新许可", "2013-07-01", "2013-07-01", "2016-06-30", ""},
	} {
		tb := parseTable("licences.csv", LicencesSchema, []byte(fmt.Sprintf(row, tc.typ, tc.on, tc.from, tc.to, tc.on)), false, &diag.List{})
		var d diag.List
		if _, err := decodeLicences(tb, &d); err != nil {
			t.Fatal(err)
		}
		if got := d.Format(0); tc.diag == "" && d.Len() != 0 || tc.diag != "" && !strings.Contains(got, tc.diag) {
			t.Errorf("%s %s, %s to %s: diagnostics %s, want %q", tc.typ, tc.on, tc.from, tc.to, got, tc.diag)
		}
	}
}

// A current-licences snapshot's 发证日期 may be its first licence's, renewed
// since: its period is not held to it.
func TestSnapshotPeriodAfterFirstIssue(t *testing.T) {
	const rows = "行政相对人名称,统一社会信用代码,许可证编号,发证日期,有效期自,有效期至,许可机关,行政区划代码\n" +
		"甲公司,91440106MA5C00010W,L1,2015-03-04,2024-03-04,2027-03-03,局,440106\n"
	tb := parseTable("licences-current.csv", CurrentSchema, []byte(rows), false, &diag.List{})
	var d diag.List
	if _, err := decodeLicences(tb, &d); err != nil {
		t.Fatal(err)
	}
	if d.Len() != 0 {
		t.Errorf("diagnostics %s, want none", d.Format(0))
	}
}

// A 列入原因 or 移出原因 that says the step is proposed or under way — 拟移出,
// 待列入, （公示中） — is an error at the cell: the row's dates would
// publish the agency as listed, or as removed, before it is decided. A
// decided removal's words (经申请, 已更正, 列入决定被撤销) and a reason to list
// that speaks of a 公示 are read.
func TestListingNotDecided(t *testing.T) {
	const head = "统一社会信用代码,行政相对人名称,列入日期,列入原因,列入机关,移出日期,移出原因\n"
	for _, tc := range []struct{ row, diag string }{
		{"2025-03-01,未按期公示年度报告,局,2025-09-01,已补报年度报告并公示", ""},
		{"2025-03-01,年报公示中隐瞒真实情况、弄虚作假,局,2025-09-01,经申请，已更正公示信息", ""},
		{"2025-03-01,通过登记的住所无法联系,局,2025-09-01,列入决定被撤销", ""},
		{"2025-03-01,通过登记的住所无法联系,局,2025-09-01,拟移出（公示中）", `移出原因 "拟移出（公示中）": says the removal is not decided (拟移出)`},
		{"2025-03-01,通过登记的住所无法联系,局,2025-09-01,已补报(审核中)", `says the removal is not decided (审核中)`},
		{"2025-03-01,不予移出,局,2025-09-01,住所仍无法联系", `列入原因 "不予移出": says the listing is not decided (不予移出)`},
		{"2025-03-01,待列入：未按期公示年度报告,局,,", `列入原因 "待列入：未按期公示年度报告": says the listing is not decided (待列入)`},
	} {
		tb := parseTable("abnormal.csv", AbnormalSchema, []byte(head+"91440106MA5C00010W,甲公司,"+tc.row+"\n"), false, &diag.List{})
		var d diag.List
		if _, err := decodeListings(tb, &d); err != nil {
			t.Fatal(err)
		}
		got := d.Format(0)
		if e, _ := d.Count(); tc.diag == "" && e != 0 || tc.diag != "" && (e != 1 || !strings.Contains(got, tc.diag)) {
			t.Errorf("%s: %s, want %q", tc.row, got, tc.diag)
		}
	}
}

// The 经营异常名录 as the national enterprise credit system exports it is
// read under its own headings: a listing lifted (移出时间) was published as
// still listed, its columns ignored as unknown; who lifted it is known and
// not published.
func TestListingAsCreditSystemExports(t *testing.T) {
	const csv = "统一社会信用代码,企业名称,列入经营异常名录原因,列入日期,作出决定机关（列入）,移出经营异常名录原因,移出时间,作出决定机关（移出）\n" +
		"91440106MA5C00010W,甲公司,通过登记的住所无法联系,2025-03-01,天河局,依法补报了未报年份的年度报告并公示,2025-09-01,天河局\n"
	var d diag.List
	tb := parseTable("abnormal.csv", AbnormalSchema, []byte(csv), false, &d)
	ls, err := decodeListings(tb, &d)
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 0 || len(ls) != 1 {
		t.Fatalf("%d listings, diagnostics %s", len(ls), d.Format(0))
	}
	if l := ls[0]; l.RemovedOn != 20250901 || l.RemovalReason == "" || l.Authority != "天河局" || l.Reason != "通过登记的住所无法联系" {
		t.Errorf("read as %+v", *l)
	}
}
