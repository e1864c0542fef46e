package load

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nwaples/rardecode/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"portal/generator/diag"
)

// An attachment is published as it is, so the personal data a public
// register must not leak is looked for in the ones whose text can be read:
// CSV (in any encoding an export may have), the Office Open XML workbooks
// and documents (.xlsx, .docx), PDF (attachpdf.go) and OFD (attachofd.go)
// documents, the binary Office files (attachole.go), the files embedded in
// any of these, and these and text files inside a ZIP or RAR archive. A list of
// agencies attached to a policy with a 联系电话 column is a leak like any
// cell of an export. An image, a 7z archive or a file encrypted
// with a password cannot be read so; what it holds is the bureau's to
// check, and each but an image is warned of as published unchecked.

// textPart is one part of an attachment's text and where it is in it, for
// a message.
type textPart struct {
	page int // a PDF's page (1-based); wholeFile, storedText
	text string
}

const (
	wholeFile  = 0  // the file's text, its lines numbered
	storedText = -1 // a PDF's strings: properties, links, fields
	binaryText = -2 // a binary Office file's runs of text and number cells, in no order a reader sees
	sealedText = -3 // none: the file is encrypted, and text says how
)

// libraryBudget bounds the time a library may take on one attachment,
// should a damaged file send it round a loop.
const libraryBudget = 10 * time.Second

// withinBudget runs read, which adds the parts of a file it reads with a
// library: a panic on a malformed file keeps the parts read so far; past
// libraryBudget none are kept.
func withinBudget(read func(parts *[]textPart)) []textPart {
	done := make(chan []textPart, 1)
	go func() {
		var parts []textPart
		defer func() {
			recover() // a malformed file: what was read so far stands
			done <- parts
		}()
		read(&parts)
	}()
	select {
	case parts := <-done:
		return parts
	case <-time.After(libraryBudget):
		return nil
	}
}

// readable are the kinds of file attachmentText reads.
var readable = map[string]bool{".csv": true, ".txt": true, ".xlsx": true, ".docx": true, ".pdf": true, ".ofd": true,
	".doc": true, ".xls": true, ".wps": true, ".et": true, ".bin": true}

// packages are the kinds of file that are zip archives of their own parts,
// and may carry other files inside: a workbook pasted into a document as
// an object is embedded whole (word/embeddings/….xlsx), every column of
// it, though the page shows a picture of a few; an OFD carries its
// attachments (附件). Each such file that can be read is read as one.
var packages = map[string]bool{".xlsx": true, ".docx": true, ".ofd": true}

// maxNesting bounds how deep files inside files are read: a document in a
// zip with a workbook embedded in it is two deep.
const maxNesting = 3

// attachmentText is the text of an attachment named name, one line per
// row, paragraph or cell; nil when its kind cannot be read (readable).
func attachmentText(name string, b []byte) []textPart {
	switch attachmentKind(name, b) {
	case ".csv", ".txt": // a .txt comes only inside an archive
		text, _, err := decodeText(b)
		if err != nil {
			return []textPart{{wholeFile, string(b)}} // undecodable: its ASCII digits are still read
		}
		return []textPart{{wholeFile, string(text)}}
	case ".xlsx", ".docx":
		return []textPart{{wholeFile, ooxmlText(b)}}
	case ".pdf":
		return pdfText(b)
	case ".ofd":
		return ofdText(b)
	case ".doc", ".xls", ".wps", ".et", ".bin": // .bin: an object embedded in a .docx or .xlsx
		return oleText(b)
	case markupKind:
		return []textPart{{wholeFile, markupText(b)}}
	}
	return nil
}

// markupKind is the kind of an Office file that is text: a web page, RTF
// or CSV under an Office name.
const markupKind = "markup"

// oleMagic begins every OLE compound file.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// attachmentKind is the kind a file is read as: an Office file by what
// its first bytes say it is, as Word, Excel and WPS open it whatever its
// name — an .xls an "导出 Excel" button wrote as a web page or CSV, a .doc
// saved as RTF or as a web page, an .xlsx that is an .xls renamed or the
// other way round — and any other by its name's ending (lower case).
func attachmentKind(name string, b []byte) string {
	ext := strings.ToLower(path.Ext(name))
	office := ext == ".doc" || ext == ".xls" || ext == ".wps" || ext == ".et" || ext == ".docx" || ext == ".xlsx"
	switch {
	case !office:
		return ext
	case bytes.HasPrefix(b, oleMagic):
		return ".doc"
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		if ext == ".xlsx" || ext == ".xls" || ext == ".et" {
			return ".xlsx"
		}
		return ".docx"
	case bytes.HasPrefix(b, []byte("%PDF")):
		return ".pdf"
	}
	return markupKind
}

// markupBreaks are the tags that end a paragraph, a cell, a row or a line
// of a web page (each becomes a line break; every other tag is left out,
// so a number split across spans is read whole); rtfControls are RTF's
// control words, symbols and groups' braces.
var (
	markupBreaks = regexp.MustCompile(`(?i)</(?:p|td|th|tr|div|li|h[1-6]|table)>|<br\b[^>]*>`)
	rtfBreaks    = regexp.MustCompile(`\\(?:par|line|row|cell)\b ?`)
	rtfUnicode   = regexp.MustCompile(`\\u(-?[0-9]+) ?(?:\\'[0-9a-fA-F]{2}|[^\\{}\r\n])?`)
	rtfHex       = regexp.MustCompile(`\\'[0-9a-fA-F]{2}`)
	rtfControls  = regexp.MustCompile(`\\[a-zA-Z]+-?[0-9]*[ \r\n]?|\\[^a-zA-Z']|[{}]`)
)

// rtfText is the text of an RTF document: \uN characters decoded (with
// the stand-in that follows each), \par and \line as line breaks, other
// control words, groups' braces and \'hh bytes (a character in the
// document's code page) left out, and the line breaks of the source,
// which are none in its text (a writer wraps long lines anywhere, a
// number too), left out after they have ended the control word before
// them.
func rtfText(s string) string {
	s = rtfUnicode.ReplaceAllStringFunc(s, func(m string) string {
		sub := rtfUnicode.FindStringSubmatch(m)
		n, err := strconv.Atoi(sub[1])
		if err != nil {
			return ""
		}
		if n < 0 {
			n += 65536
		}
		return string(rune(n))
	})
	s = rtfBreaks.ReplaceAllString(s, "\x00")
	s = rtfHex.ReplaceAllString(s, "")
	s = rtfControls.ReplaceAllString(s, "")
	return strings.NewReplacer("\r", "", "\n", "", "\x00", "\n").Replace(s)
}

// markupText is the text of an Office file that is text: decoded as a CSV
// is (UTF-8, UTF-16, GB18030), with a web page's tags left out and its
// character references decoded, or RTF's control words and its escaped
// characters (\'b5\'e7, 电 in GBK) left out — a number is written plainly
// in either.
func markupText(b []byte) string {
	text, _, err := decodeText(b)
	if err != nil {
		text = []byte(strings.ToValidUTF8(string(b), "\uFFFD")) // undecodable: its ASCII digits are still read
	}
	s := string(text)
	if strings.HasPrefix(strings.TrimSpace(s), "{\\rtf") {
		return rtfText(s)
	}
	if strings.Contains(s, "<") {
		s = markupBreaks.ReplaceAllString(s, "\n")
		s = html.UnescapeString(ooxmlTags.ReplaceAllString(s, ""))
	}
	return s
}

// ooxmlBreaks are the tags that end a paragraph, a cell, a shared string, a
// chart's data point, a line or a tab in Office Open XML: each becomes a
// line break. Every
// other tag is left out, so that a number Word split across runs
// (<w:t>138</w:t></w:r><w:r><w:t>12345678</w:t>) is read whole.
var (
	ooxmlBreaks = regexp.MustCompile(`</(?:w:p|w:tc|a:p|c|si|is|c:pt)>|<(?:w:br|w:tab|w:cr)\b[^>]*>`)
	ooxmlTags   = regexp.MustCompile(`<[^>]*>`)
	ooxmlAttrs  = regexp.MustCompile(`="([^"]*)"|='([^']*)'`)
)

// ooxmlText is the text of the XML parts of a workbook or document (its
// sheets, shared strings, body, headers, footers, notes and comments), as
// a reader sees it (character references decoded), then every attribute
// value of its parts and relationships, one a line — a sheet's name, a
// link's address (tel:…) are shown too; "" when it is not a readable zip.
func ooxmlText(b []byte) string {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return ""
	}
	var out strings.Builder
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") || f.UncompressedSize64 > maxAttachment {
			continue
		}
		x, err := readZipped(f)
		if err != nil {
			continue
		}
		for _, m := range ooxmlAttrs.FindAllSubmatch(x, -1) {
			out.WriteString(html.UnescapeString(string(m[1]) + string(m[2])))
			out.WriteByte('\n')
		}
		x = ooxmlBreaks.ReplaceAll(x, []byte("\n"))
		x = ooxmlTags.ReplaceAll(x, nil)
		out.WriteString(html.UnescapeString(string(x)))
		out.WriteByte('\n')
	}
	return out.String()
}

// guardAttachment refuses an attachment whose text holds personal data,
// at the link to it; the message masks what it found. A .zip or .rar is
// read file by file (archive.zip/名单.xlsx), an archive inside it too.
// One read without finding any is kept (Kept.cleanAttachment): the next
// load takes its word for it while its bytes, its kind and the program
// are the same.
func guardAttachment(name string, b []byte, at diag.Pos, d *diag.List, kept *Kept) {
	key := kept.attachmentKey(name, b)
	if kept.cleanAttachment(key) {
		return
	}
	var own diag.List // what this file gives, apart from the other files' (read at the same time)
	if !guardAttachmentIn(name, b, at, &own, 0) && own.Len() == 0 {
		kept.keepCleanAttachment(key) // not one warned of: its warning is given by every build
	}
	d.Append(&own)
}

// guardAttachmentIn reports whether it refused the attachment.
func guardAttachmentIn(name string, b []byte, at diag.Pos, d *diag.List, depth int) bool {
	kind := attachmentKind(name, b)
	if kind == ".7z" {
		d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: name, Severity: diag.Warning,
			Msg:  fmt.Sprintf("the attachment %s is a 7z archive, whose files cannot be read for personal data: it is published unchecked", name),
			Hint: "check its files for ID and mobile numbers, or attach them as a .zip or .rar, whose files are read"})
		return false
	}
	if kind == ".zip" || kind == ".rar" {
		return depth < maxNesting && guardArchive(name, b, at, d, depth)
	}
	if guardAttachmentText(name, b, at, d) {
		return true
	}
	return packages[kind] && depth < maxNesting && guardArchive(name, b, at, d, depth)
}

// guardAttachmentText refuses an attachment whose own text holds personal
// data, and warns of one encrypted so that its text cannot be read.
func guardAttachmentText(name string, b []byte, at diag.Pos, d *diag.List) bool {
	for _, part := range attachmentText(name, b) {
		if part.page == sealedText {
			warnSealed(name, part.text, at, d)
			continue
		}
		for i, line := range strings.Split(part.text, "\n") {
			kind, found, ok := personal(line)
			if !ok {
				continue
			}
			if r := []rune(found); len(r) > 60 {
				found = string(r[:60]) + "…"
			}
			var msg string
			switch part.page {
			case wholeFile:
				msg = fmt.Sprintf("the attachment %s contains %s (its line %d: %s): personal data must never be published", name, kind, i+1, found)
			case binaryText:
				msg = fmt.Sprintf("the attachment %s contains %s (in its text or cells: %s): personal data must never be published", name, kind, found)
			case storedText:
				msg = fmt.Sprintf("the attachment %s contains %s (in its properties, links or other stored text: %s): personal data must never be published", name, kind, found)
			default:
				msg = fmt.Sprintf("the attachment %s contains %s (its page %d: %s): personal data must never be published", name, kind, part.page, found)
			}
			d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: name, Severity: diag.Error, Masked: true, Msg: msg,
				Hint: "remove the personal data from the attachment (a contact column, an ID number) and attach it again"})
			return true
		}
	}
	return false
}

// warnSealed warns of an attachment, or a file inside one, whose text
// cannot be read for personal data because it is encrypted (how says how):
// it is published as it is, and what it holds is not known — a password
// is often published beside it (解压密码).
func warnSealed(name, how string, at diag.Pos, d *diag.List) {
	d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: name, Severity: diag.Warning,
		Msg:  fmt.Sprintf("the attachment %s is %s, so its text cannot be read for personal data: it is published unchecked", name, how),
		Hint: "check it for ID and mobile numbers, or attach it without a password, so that it is read"})
}

// guardArchive guards each file of an archive attachment — a zip, a RAR
// or a package (the files embedded in it) — whose text can be read, named
// as archive.zip/its path, and reports whether it refused one. Only what
// a reader would unpack is read: files of at most maxAttachment, and
// maxAttachment in all. A file encrypted with a password, or one that
// cannot be unpacked, is warned of: it is published unchecked.
func guardArchive(name string, b []byte, at diag.Pos, d *diag.List, depth int) bool {
	files := zipFiles
	if attachmentKind(name, b) == ".rar" {
		files = rarFiles
	}
	var total uint64
	refused := false
	unread := func(file, why string) {
		d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: name, Severity: diag.Warning,
			Msg:  fmt.Sprintf("the attachment %s cannot be unpacked (%s), so its text cannot be read for personal data: it is published unchecked", file, why),
			Hint: "check it for ID and mobile numbers, or pack the archive again as a standard .zip"})
	}
	files(b, func(f archiveFile) bool {
		if f.err != nil {
			if errors.Is(f.err, errSealed) {
				warnSealed(name, "encrypted with a password", at, d)
			} else {
				unread(name, f.err.Error())
			}
			return false
		}
		// a name is unpacked with its file: 联系人13812345678.txt leaks as
		// much as its text would
		if kind, found, ok := personal(f.name); ok {
			d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: name, Severity: diag.Error, Masked: true,
				Msg:  fmt.Sprintf("the attachment %s holds a file whose name has %s in it, %s: a name is unpacked with its file, and personal data must never be published", name, kind, found),
				Hint: "rename or remove that file inside the archive and attach the archive again"})
			refused = true
			return false
		}
		ext := strings.ToLower(path.Ext(f.name))
		if f.dir || !readable[ext] && ext != ".zip" && ext != ".rar" && ext != ".7z" {
			return true
		}
		if total += f.size; f.size > maxAttachment || total > maxAttachment {
			return false
		}
		if f.encrypted {
			warnSealed(name+"/"+f.name, "encrypted with a password", at, d)
			return true
		}
		x, err := f.read()
		if err != nil {
			unread(name+"/"+f.name, errDamaged.Error())
			return true
		}
		if n := uint64(len(x)); n > f.size { // a RAR file of unknown size
			total += n - f.size
		}
		refused = guardAttachmentIn(name+"/"+f.name, x, at, d, depth+1) || refused
		return total < maxAttachment
	})
	return refused
}

// archiveFile is a file of an archive as guardArchive reads it: its name,
// its size unpacked, whether it is a directory or encrypted, and how to
// read it (at most maxAttachment of it) while it is the one yielded; or,
// with err, why the archive cannot be read on from there (errSealed: its
// names are encrypted too).
type archiveFile struct {
	name           string
	size           uint64
	dir, encrypted bool
	read           func() ([]byte, error)
	err            error
}

// errSealed says an archive's very names are encrypted.
var errSealed = errors.New("encrypted")

// zipFiles yields the files of a zip archive, or errDamaged when it is
// none (a .zip, .docx or .ofd that does not open).
func zipFiles(b []byte, yield func(archiveFile) bool) {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		yield(archiveFile{err: errDamaged})
		return
	}
	for _, f := range z.File {
		if !yield(archiveFile{name: zipName(f), size: f.UncompressedSize64, dir: f.FileInfo().IsDir(),
			encrypted: f.Flags&zipEncrypted != 0, read: func() ([]byte, error) { return readZipped(f) }}) {
			return
		}
	}
}

// zipName is a zip file's name as text: Windows' archivers write names in
// the system's code page (GBK on a Chinese Windows) without the UTF-8
// flag, and such a name that is not UTF-8 is read as GB18030 — so a
// personal number written in Chinese numerals in it is read, and a
// message names the file as its sender sees it.
func zipName(f *zip.File) string {
	if !f.NonUTF8 || utf8.ValidString(f.Name) {
		return f.Name
	}
	if s, err := simplifiedchinese.GB18030.NewDecoder().String(f.Name); err == nil {
		return s
	}
	return f.Name
}

// maxRARDictionary bounds the window a RAR archive may ask its reader to
// keep (RAR 5's are 128 KB to 4 GB; WinRAR's default is 32 MB): one that
// asks for more is not unpacked, but warned of.
const maxRARDictionary = 64 << 20

// rarFiles yields the files of a RAR archive (RAR 1.5 to 7, nwaples/
// rardecode), and what stops it being read on; a panic of the library on
// a damaged archive is one.
func rarFiles(b []byte, yield func(archiveFile) bool) {
	stop := false
	defer func() {
		if p := recover(); p != nil && !stop {
			yield(archiveFile{err: errDamaged})
		}
	}()
	r, err := rardecode.NewReader(bytes.NewReader(b), rardecode.MaxDictionarySize(maxRARDictionary))
	for err == nil {
		var h *rardecode.FileHeader
		if h, err = r.Next(); err != nil {
			break
		}
		f := archiveFile{name: h.Name, size: uint64(max(h.UnPackedSize, 0)), dir: h.IsDir, encrypted: h.Encrypted,
			read: func() ([]byte, error) { return io.ReadAll(io.LimitReader(r, maxAttachment)) }}
		if h.UnKnownSize {
			f.size = 0 // bounded by the read
		}
		if !yield(f) {
			stop = true
			return
		}
	}
	stop = true
	switch {
	case err == io.EOF:
	case errors.Is(err, rardecode.ErrArchiveEncrypted):
		yield(archiveFile{err: errSealed})
	case errors.Is(err, rardecode.ErrDictionaryTooLarge):
		yield(archiveFile{err: errors.New("it asks for a dictionary of more than 64 MB to unpack")})
	case errors.Is(err, rardecode.ErrMultiVolume):
		yield(archiveFile{err: errors.New("one volume of an archive in several parts: attach it as one archive")})
	default:
		yield(archiveFile{err: errDamaged})
	}
}

// errDamaged is why an archive that the library cannot read on is not read.
var errDamaged = errors.New("damaged, or compressed in a way this program does not read")

// zipEncrypted is the bit of a zip file header's flags that says its file
// is encrypted (APPNOTE 4.4.4, bit 0).
const zipEncrypted = 0x1

// readZipped is a file of a zip archive, at most maxAttachment of it.
func readZipped(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, maxAttachment))
}
