package load

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"portal/generator/diag"
)

// An attachment whose text can be read — a CSV in any encoding, a
// workbook, a Word document — is refused with the personal data in it,
// at the link to it, the number masked; one without any is published.
func TestPersonalDataInAttachments(t *testing.T) {
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("单位,联系电话\n甲公司,138 1234 5678\n"))
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"单位", "联系人", "电话"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"甲公司", "张三", 13812345678})
	var book bytes.Buffer
	x.Write(&book)
	clean := excelize.NewFile()
	clean.SetSheetRow("Sheet1", "A1", &[]any{"年度", 2023, 2024, 2025})
	clean.SetSheetRow("Sheet1", "A2", &[]any{"单位数", 1380, 12345678, 100})
	var cleanBook bytes.Buffer
	clean.Write(&cleanBook)
	// a number only in a sheet's name, or only in a link's address
	named := excelize.NewFile()
	named.SetSheetName("Sheet1", "张三13812345678")
	var namedBook bytes.Buffer
	named.Write(&namedBook)
	linked := excelize.NewFile()
	linked.SetCellValue("Sheet1", "A1", "联系我们")
	linked.SetCellHyperLink("Sheet1", "A1", "tel:13812345678", "External")
	var linkedBook bytes.Buffer
	linked.Write(&linkedBook)
	for _, tc := range []struct {
		name string
		data []byte
		want string // "" for no diagnostic
	}{
		{"名单.csv", gb, `the attachment 名单.csv contains a mobile phone number (手机号码) (its line 2: 甲公司,*** **** 5678)`},
		{"名单.xlsx", book.Bytes(), `the attachment 名单.xlsx contains a mobile phone number`},
		{"通知.docx", docx(t, `<w:p><w:r><w:t>身份证号</w:t></w:r><w:r><w:t>`+testID[:9]+`</w:t></w:r><w:r><w:t>`+testID[9:]+`</w:t></w:r></w:p>`),
			`the attachment 通知.docx contains a resident ID number`}, // one number in two runs
		{"名单.zip", zipOf(t, map[string][]byte{"说明.txt": []byte("13812345678"), "2024/名单.xlsx": book.Bytes()}),
			`the attachment 名单.zip/2024/名单.xlsx contains a mobile phone number`}, // a file in an archive (说明.txt is reported too)
		{"材料.zip", zipOf(t, map[string][]byte{"联系人13812345678.txt": []byte("无")}),
			`the attachment 材料.zip holds a file whose name has a mobile phone number (手机号码) in it, 联系人*******5678.txt`}, // a name is unpacked with its file
		{"名册.xlsx", namedBook.Bytes(), `the attachment 名册.xlsx contains a mobile phone number`},  // a sheet's name is shown
		{"联系.xlsx", linkedBook.Bytes(), `the attachment 联系.xlsx contains a mobile phone number`}, // a link's address too
		{"说明.docx", docx(t, `<w:p><w:r><w:t>电话 &#49;3812345678</w:t></w:r></w:p>`),
			`the attachment 说明.docx contains a mobile phone number`}, // as Word shows a character reference
		{"统计.xlsx", cleanBook.Bytes(), ""},             // numbers in neighbouring cells are not one
		{"附件.pdf", []byte("%PDF-1.4 13812345678"), ""}, // not read
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write := writer(dir)
			write("site.toml", "name = \"门户\"\nbureau = \"局\"\ngrade_scale = [\"AAA\", \"AA\"]\n")
			write("policies/p.md", "---\ntitle: 政策\nissuer: 局\npublished_on: 2024-07-30\n---\n\n附件：[名单]("+tc.name+")\n")
			write("policies/"+tc.name, string(tc.data))
			var d diag.List
			Content(OSDir(dir), &d)
			got := d.Format(0)
			if tc.want == "" {
				if d.Len() != 0 {
					t.Fatalf("got %s", got)
				}
				return
			}
			if !strings.Contains(got, "p.md:7: ") || !strings.Contains(got, tc.want) {
				t.Fatalf("got  %s\nwant %s, at the link (p.md:7)", got, tc.want)
			}
			if strings.Contains(got, "13812345678") || strings.Contains(got, "1234 5678") || strings.Contains(got, testID[6:14]) {
				t.Errorf("the message repeats the number: %s", got)
			}
		})
	}
}

// zipOf is a zip archive of files.
func zipOf(t *testing.T, files map[string][]byte) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for name, data := range files {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	z.Close()
	return b.Bytes()
}

// docx is a Word document whose body is the paragraphs body.
func docx(t *testing.T, body string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`))
	z.Close()
	return b.Bytes()
}
