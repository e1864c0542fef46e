package load

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"portal/generator/diag"
	"portal/internal/testsite"
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
		{"附件.pdf", []byte("%PDF-1.4 13812345678"), ""}, // a number outside any string is no text
		// a PDF as a browser prints it: a Chinese font, its text mapped to
		// Unicode; and one with codes, a licence number, dates and phones
		// that are not a person's
		{"名单.pdf", readTestdata(t, "id.pdf"), `the attachment 名单.pdf contains a resident ID number (居民身份证号码) (its page 1: ****** ******** 1237)`},
		{"通知.pdf", readTestdata(t, "clean.pdf"), ""},
		// a line a PDF writer kerned into pieces
		{"合同.pdf", minimalPDF(`BT /F1 12 Tf 72 700 Td [(联系电话 138) -20 (1234) 10 (5678)] TJ ET`, "", false, false),
			`the attachment 合同.pdf contains a mobile phone number (手机号码) (its page 1:`},
		// the author in the document's properties, in UTF-16 as Word saves it
		{"属性.pdf", minimalPDF(`BT /F1 12 Tf 72 700 Td (tongzhi) Tj ET`, "/Author <FEFF005F00310033003800310032003300340035003600370038>", false, false),
			`the attachment 属性.pdf contains a mobile phone number (手机号码) (in its properties, links or other stored text: `},
		// a damaged file (no cross-reference table) whose page is compressed
		{"损坏.pdf", minimalPDF(`BT /F1 12 Tf 72 700 Td (ID `+testID+`) Tj ET`, "", true, true),
			`the attachment 损坏.pdf contains a resident ID number (居民身份证号码) (in its properties, links or other stored text: `},
		{"材料2.zip", zipOf(t, map[string][]byte{"名单.pdf": readTestdata(t, "id.pdf")}), `the attachment 材料2.zip/名单.pdf contains a resident ID number`},
		// an OFD (版式文档): a number a writer placed a character at a time, on
		// a page after the first; one in the document's properties; one in
		// a link's address; and one with codes, dates and the coordinates
		// that place and draw things (Boundary, DeltaX, a path's data)
		{"公告.ofd", ofd(t, `<ofd:Title>公告</ofd:Title>`, []string{textObject(20, 30, "第一页"),
			textObject(20, 40, "身份证号") + textObject(45, 40, strings.Split(testID, "")...)}, nil),
			`the attachment 公告.ofd contains a resident ID number (居民身份证号码) (its page 2: `},
		{"作者.ofd", ofd(t, `<ofd:Author>张三 138 1234 5678</ofd:Author>`, []string{textObject(20, 30, "通知")}, nil),
			`the attachment 作者.ofd contains a mobile phone number (手机号码) (in its properties, links or other stored text: `},
		{"链接.ofd", ofd(t, "", []string{textObject(20, 30, "联系我们")},
			map[string][]byte{"Doc_0/Annots/Page_0/Annotation.xml": []byte(`<ofd:PageAnnot xmlns:ofd="x"><ofd:Annot Type="Link"><ofd:Appearance Boundary="18.8 137.1 174.5 5.3"/><ofd:Actions><ofd:Action Event="CLICK"><ofd:URI URI="tel:13812345678"/></ofd:Action></ofd:Actions></ofd:Annot></ofd:PageAnnot>`)}),
			`the attachment 链接.ofd contains a mobile phone number`},
		{"通知.ofd", ofd(t, `<ofd:Title>关于2024年度劳务派遣单位经营情况核验结果的公告</ofd:Title><ofd:CustomDatas><ofd:CustomData Name="文号">粤人社函〔2024〕138号</ofd:CustomData></ofd:CustomDatas>`,
			[]string{textObject(18.8, 137.1, "统一社会信用代码", "91440101MA5ABCDE1X", "许可证编号", "440100201470009") +
				textObject(18.8, 142.1, "2024-07-30", "电话", "020-83123456") +
				`<ofd:PathObject ID="9" Boundary="18.8 137.1 174.5 5.3" LineWidth="0.35"><ofd:AbbreviatedData>M 10 10 C 13.8 12.3 45.6 78.1 3 5.5 Z</ofd:AbbreviatedData></ofd:PathObject>`}, nil), ""},
		// a workbook pasted into a document as an object: embedded whole
		{"说明2.docx", zipOf(t, map[string][]byte{"word/document.xml": []byte(`<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>名单见下表</w:t></w:r></w:p></w:body></w:document>`),
			"word/embeddings/Microsoft_Excel_Worksheet.xlsx": book.Bytes()}),
			`the attachment 说明2.docx/word/embeddings/Microsoft_Excel_Worksheet.xlsx contains a mobile phone number`},
		// binary Office files (Word and Excel 97–2003, WPS), as LibreOffice
		// saves them: an ID number in a document's text; a mobile number and
		// an ID number typed as numbers in a workbook (the ID rounded to 15
		// digits); a workbook of codes, licence numbers and amounts and a
		// policy seed's text that hold none
		{"名单.doc", readTestdata(t, "id.doc"), `the attachment 名单.doc contains a resident ID number (居民身份证号码) (in its text or cells: 联系人：张三，身份证号 **************1235。)`},
		{"名单.xls", readTestdata(t, "phone-id.xls"), `the attachment 名单.xls contains a mobile phone number (手机号码) (in its text or cells: *******5678)`},
		{"名单.et", readTestdata(t, "phone-id.xls"), `the attachment 名单.et contains a mobile phone number (手机号码)`},
		{"统计.xls", readTestdata(t, "clean.xls"), ""},
		{"实施意见.doc", readTestdata(t, "clean.doc"), ""},
		// an Office file that is not what its name says, read as Word,
		// Excel and WPS open it: a .doc saved as RTF, an .xls that an
		// "导出 Excel" button wrote as a web page (the ID number in
		// scientific notation with a three-digit exponent), an .xlsx that
		// is an .xls renamed, a .doc that is a .docx
		{"通知.doc", readTestdata(t, "id.rtf"), `the attachment 通知.doc contains a resident ID number (居民身份证号码) (its line `},
		{"导出.xls", readTestdata(t, "phone-id.html"), `the attachment 导出.xls contains a mobile phone number (手机号码) (its line `},
		{"改名.xlsx", readTestdata(t, "phone-id.xls"), `the attachment 改名.xlsx contains a mobile phone number (手机号码) (in its text or cells: `},
		{"改名.doc", docx(t, `<w:p><w:r><w:t>电话 13812345678</w:t></w:r></w:p>`), `the attachment 改名.doc contains a mobile phone number`},
		{"实施意见2.doc", readTestdata(t, "clean.rtf"), ""},
		{"split.doc", []byte("{\\rtf1\\ansi{\\fonttbl{\\f0 SimSun;}}\\f0 \\'b5\\'e7\\'bb\\'b0 138{\\b 1234}56\r\n78\\par}"), `the attachment split.doc contains a mobile phone number`},
		{"表.xls", []byte("<table><tr><td>138</td><td>12345678</td></tr><tr><td>2024</td></tr></table>"), ""}, // neighbouring cells are not one number
		{"导出2.xls", []byte("<table><tr><td>电话<span>138</span><b>1234</b>5678</td></tr></table>"), `the attachment 导出2.xls contains a mobile phone number`},
		// a RAR archive's files are read as a zip's; one encrypted, a
		// damaged archive and one whose names are encrypted too are
		// published unchecked, and said so
		{"材料.rar", testsite.RAR5([][2]string{{"说明.txt", "附件为名单"}, {"名单/名单.csv", "姓名,电话\n张三,138 1234 5678\n"}}, false),
			`the attachment 材料.rar/名单/名单.csv contains a mobile phone number (手机号码) (its line 2: 张三,*** **** 5678)`},
		{"材料2.rar", testsite.RAR5([][2]string{{"名单.csv", "单位,许可证编号\n甲公司,440106202400015\n"}}, false), ""},
		{"材料4.rar", testsite.RAR5([][2]string{{"说明.txt", "附件为名单"}, {"名单.csv#", "姓名,电话\n张三,13812345678\n"}}, false),
			`warning: the attachment 材料4.rar/名单.csv is encrypted with a password, so its text cannot be read for personal data: it is published unchecked`},
		{"材料5.rar", testsite.RAR5([][2]string{{"名单.csv", "姓名,电话\n张三,13812345678\n"}}, true),
			`warning: the attachment 材料5.rar is encrypted with a password`},
		{"材料6.rar", testsite.RAR5([][2]string{{"名单.csv", "姓名,电话\n张三,13812345678\n"}}, false)[:40],
			`warning: the attachment 材料6.rar cannot be unpacked (damaged, or compressed in a way this program does not read)`},
		{"材料7.rar", []byte("Rar!\x1a\x07\x01\x00 13812345678"), `warning: the attachment 材料7.rar cannot be unpacked`},
		{"材料9.zip", []byte("PK\x03\x04 not a zip 13812345678"), `warning: the attachment 材料9.zip cannot be unpacked (damaged, or compressed in a way this program does not read)`},
		{"材料8.rar", testsite.RAR5([][2]string{{"联系人13812345678.txt", "x"}}, false), `the attachment 材料8.rar holds a file whose name has a mobile phone number (手机号码) in it`},
		// a zip from a Chinese Windows: its names in GBK, without the UTF-8 flag
		{"材料10.zip", zipGBK(t, "联系人一三八一二三四五六七八.txt"), `the attachment 材料10.zip holds a file whose name has a mobile phone number (手机号码) in it`},
		{"材料3.zip", zipOf(t, map[string][]byte{"名单.7z": []byte("7z\xbc\xaf\x27\x1c")}), `warning: the attachment 材料3.zip/名单.7z is a 7z archive`},
		// encrypted, so its text cannot be read: published unchecked, and
		// said so — a zip's file, a PDF that needs a password or AES-256, a
		// Word or Excel 97–2003 file, an Office Open XML file
		{"名单2.zip", testsite.EncryptedZip(t, "名单.csv"), `warning: the attachment 名单2.zip/名单.csv is encrypted with a password, so its text cannot be read for personal data: it is published unchecked`},
		{"名单3.zip", zipDamagedOf(t, "名单.csv"), `warning: the attachment 名单3.zip/名单.csv cannot be unpacked`},
		{"加密.pdf", bytes.Replace(minimalPDF("BT /F1 12 Tf (x) Tj ET", "", false, false), []byte("/Info 6 0 R"), []byte("/Info 6 0 R /Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 /O (o) /U (u) /P -4 >>"), 1),
			`warning: the attachment 加密.pdf is an encrypted PDF`},
		{"加密.doc", oleEncrypted(t, "clean.doc", "word"), `warning: the attachment 加密.doc is an encrypted Office file`},
		{"加密.xls", oleEncrypted(t, "clean.xls", "excel"), `warning: the attachment 加密.xls is an encrypted Office file`},
		{"加密.xlsx", oleEncrypted(t, "clean.doc", "package"), `warning: the attachment 加密.xlsx is an encrypted Office file`},
		// a workbook embedded in a document as an OLE object
		{"说明3.docx", zipOf(t, map[string][]byte{"word/document.xml": []byte(`<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>名单见下表</w:t></w:r></w:p></w:body></w:document>`),
			"word/embeddings/oleObject1.bin": readTestdata(t, "phone-id.xls")}),
			`the attachment 说明3.docx/word/embeddings/oleObject1.bin contains a mobile phone number`},
		// an OFD's own attachment (附件)
		{"附件.ofd", ofd(t, "", []string{textObject(20, 30, "通知")}, map[string][]byte{"Doc_0/Attachs/名单.xlsx": book.Bytes()}),
			`the attachment 附件.ofd/Doc_0/Attachs/名单.xlsx contains a mobile phone number`},
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

// readTestdata is the file testdata/name.
func readTestdata(t testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// minimalPDF is a one-page PDF whose page is content (in Helvetica; its
// stream compressed when deflate), with info in its document
// information dictionary, and without its cross-reference table when
// damaged.
func minimalPDF(content, info string, deflate, damaged bool) []byte {
	stream, filter := []byte(content), ""
	if deflate {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(stream)
		w.Close()
		stream, filter = z.Bytes(), " /Filter /FlateDecode"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(stream), filter, stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< " + info + " >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	if !damaged {
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
		for _, o := range offsets {
			fmt.Fprintf(&b, "%010d 00000 n \n", o)
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n", len(objs)+1)
	if !damaged {
		fmt.Fprintf(&b, "startxref\n%d\n", xref)
	}
	b.WriteString("%%EOF\n")
	return b.Bytes()
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

// zipGBK is a zip archive of one file named name in GBK, as Windows'
// archivers on a Chinese system write it: no UTF-8 flag.
func zipGBK(t *testing.T, name string) []byte {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(name)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.CreateHeader(&zip.FileHeader{Name: gbk, NonUTF8: true, Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("x"))
	z.Close()
	return b.Bytes()
}

// zipDamagedOf is a zip archive of one file, name, whose deflated data is
// not deflate.
func zipDamagedOf(t *testing.T, name string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: 4, UncompressedSize64: 40})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte{0xff, 0xff, 0xff, 0xff})
	z.Close()
	return b.Bytes()
}

// oleEncrypted is the compound file testdata/name marked encrypted as
// Office marks it: a Word document's fEncrypted bit (how "word"), a
// FILEPASS record after a workbook's BOF (how "excel", in place of the
// record there), or a stream named EncryptedPackage, as an encrypted
// .docx or .xlsx is stored (how "package", the WordDocument stream
// renamed).
func oleEncrypted(t *testing.T, name, how string) []byte {
	b := readTestdata(t, name)
	switch how {
	case "word", "excel":
		sig := []byte{0xEC, 0xA5} // FibBase.wIdent
		if how == "excel" {
			sig = []byte{0x09, 0x08} // BOF
		}
		for i := 0; i+512 <= len(b); i += 512 { // a stream starts at a sector
			if !bytes.HasPrefix(b[i:], sig) {
				continue
			}
			if how == "word" {
				b[i+11] |= 0x01
			} else {
				n := int(b[i+2]) | int(b[i+3])<<8
				b[i+4+n], b[i+4+n+1] = 0x2F, 0x00
			}
			return b
		}
	case "package":
		utf16 := func(s string) []byte {
			var out []byte
			for _, r := range s {
				out = append(out, byte(r), 0)
			}
			return append(out, 0, 0)
		}
		if i := bytes.Index(b, utf16("WordDocument")); i >= 0 {
			name := utf16("EncryptedPackage")
			copy(b[i:i+64], make([]byte, 64))
			copy(b[i:], name)
			b[i+64], b[i+65] = byte(len(name)), 0
			return b
		}
	}
	t.Fatalf("%s: no place to mark it encrypted (%s)", name, how)
	return nil
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

// An attachment read clean is kept, by its bytes: the next load takes its
// word for it and does not read it again; one refused is not kept, and
// changed bytes are read afresh — here in the disk store a build keeps
// beside its output and in the preview's memory alike.
func TestCleanAttachmentsKept(t *testing.T) {
	clean, leaky := readTestdata(t, "clean.pdf"), readTestdata(t, "id.pdf")
	for _, store := range []string{"disk", "memory"} {
		t.Run(store, func(t *testing.T) {
			dir := t.TempDir()
			write := writer(dir)
			write("site.toml", "name = \"门户\"\nbureau = \"局\"\ngrade_scale = [\"AAA\", \"AA\"]\n")
			write("policies/p.md", "---\ntitle: 政策\nissuer: 局\npublished_on: 2024-07-30\n---\n\n附件：[通知](通知.pdf)\n")
			var mem KeptMemory
			open := func() *Kept {
				if store == "memory" {
					return mem.Kept()
				}
				return OpenKept(filepath.Join(dir, ".kept"))
			}
			load := func(b []byte) (*Kept, string) {
				write("policies/通知.pdf", string(b))
				var d diag.List
				k := open()
				ContentKept(OSDir(dir), k, &d)
				k.done()
				return k, d.Format(0)
			}
			k, got := load(clean)
			if got != "" || !k.cleanAttachment(k.attachmentKey("通知.pdf", clean)) {
				t.Fatalf("a clean PDF: diagnostics %q, kept %v", got, k.cleanAttachment(k.attachmentKey("通知.pdf", clean)))
			}
			if _, got := load(leaky); !strings.Contains(got, "contains a resident ID number") {
				t.Fatalf("changed bytes not read afresh: %q", got)
			}
			k = open()
			if k.cleanAttachment(k.attachmentKey("通知.pdf", leaky)) {
				t.Error("a refused attachment was kept")
			}
			// taken at its word: a key kept for these bytes is not read
			k.keepCleanAttachment(k.attachmentKey("通知.pdf", leaky))
			if _, got := load(leaky); got != "" {
				t.Errorf("a kept attachment was read again: %q", got)
			}
			// one warned of is not kept: the next load warns again
			write("policies/p.md", "---\ntitle: 政策\nissuer: 局\npublished_on: 2024-07-30\n---\n\n附件：[材料](材料.7z)\n")
			write("policies/材料.7z", "7z\xbc\xaf\x27\x1c")
			for i := range 2 {
				var d diag.List
				k := open()
				ContentKept(OSDir(dir), k, &d)
				k.done()
				if got := d.Format(0); !strings.Contains(got, "is a 7z archive") {
					t.Errorf("load %d: %q", i+1, got)
				}
			}
		})
	}
}

// Whatever bytes a .rar attachment holds, reading it ends — with its
// files, or with why it cannot be read on — and never panics.
func FuzzRARFiles(f *testing.F) {
	f.Add(testsite.RAR5([][2]string{{"说明.txt", "附件为名单"}, {"名单.csv", "姓名,电话\n张三,13812345678\n"}}, false))
	f.Add(testsite.RAR5([][2]string{{"名单.csv#", "x"}}, false))
	f.Add(testsite.RAR5(nil, true))
	f.Add([]byte("Rar!\x1a\x07\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n := 0
		rarFiles(b, func(file archiveFile) bool {
			if n++; n > 10000 {
				t.Fatal("more than 10,000 files in a small archive")
			}
			if file.err == nil && !file.dir && !file.encrypted {
				if x, err := file.read(); err == nil && len(x) > maxAttachment {
					t.Fatalf("read %d bytes", len(x))
				}
			}
			return true
		})
	})
}
