package load

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"io"
	"path"
	"regexp"
	"strings"
	"time"

	"portal/generator/diag"
)

// An attachment is published as it is, so the personal data a public
// register must not leak is looked for in the ones whose text can be read:
// CSV (in any encoding an export may have), the Office Open XML workbooks
// and documents (.xlsx, .docx), PDF (attachpdf.go) and OFD (attachofd.go)
// documents, the binary Office files (attachole.go), the files embedded in
// any of these, and these and text files inside a ZIP archive. A list of
// agencies attached to a policy with a 联系电话 column is a leak like any
// cell of an export. An image, a RAR or 7z archive or a file encrypted
// with a password cannot be read so; what it holds is the bureau's to
// check.

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
	switch strings.ToLower(path.Ext(name)) {
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
	}
	return nil
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
		x, ok := readZipped(f)
		if !ok {
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
// at the link to it; the message masks what it found. A .zip is read file
// by file (archive.zip/名单.xlsx), a zip inside it too.
// One read without finding any is kept (Kept.cleanAttachment): the next
// load takes its word for it while its bytes, its kind and the program
// are the same.
func guardAttachment(name string, b []byte, at diag.Pos, d *diag.List, kept *Kept) {
	key := kept.attachmentKey(name, b)
	if kept.cleanAttachment(key) {
		return
	}
	if !guardAttachmentIn(name, b, at, d, 0) {
		kept.keepCleanAttachment(key)
	}
}

// guardAttachmentIn reports whether it refused the attachment.
func guardAttachmentIn(name string, b []byte, at diag.Pos, d *diag.List, depth int) bool {
	ext := strings.ToLower(path.Ext(name))
	if ext == ".zip" {
		return depth < maxNesting && guardArchive(name, b, at, d, depth)
	}
	if guardAttachmentText(name, b, at, d) {
		return true
	}
	return packages[ext] && depth < maxNesting && guardArchive(name, b, at, d, depth)
}

// guardAttachmentText refuses an attachment whose own text holds personal data.
func guardAttachmentText(name string, b []byte, at diag.Pos, d *diag.List) bool {
	for _, part := range attachmentText(name, b) {
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

// guardArchive guards each file of a zip attachment (or of a package:
// the files embedded in it) whose text can be read, named as
// archive.zip/its path, and reports whether it refused one. Only
// what a reader would unpack is read: files of at most maxAttachment, and
// maxAttachment in all.
func guardArchive(name string, b []byte, at diag.Pos, d *diag.List, depth int) bool {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false
	}
	var total uint64
	refused := false
	for _, f := range z.File {
		// a name is unpacked with its file: 联系人13812345678.txt leaks as
		// much as its text would
		if kind, found, ok := personal(f.Name); ok {
			d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: name, Severity: diag.Error, Masked: true,
				Msg:  fmt.Sprintf("the attachment %s holds a file whose name has %s in it, %s: a name is unpacked with its file, and personal data must never be published", name, kind, found),
				Hint: "rename or remove that file inside the archive and attach the archive again"})
			return true
		}
		ext := strings.ToLower(path.Ext(f.Name))
		if f.FileInfo().IsDir() || !readable[ext] && ext != ".zip" {
			continue
		}
		if total += f.UncompressedSize64; f.UncompressedSize64 > maxAttachment || total > maxAttachment {
			return refused
		}
		x, ok := readZipped(f)
		if !ok {
			continue
		}
		refused = guardAttachmentIn(name+"/"+f.Name, x, at, d, depth+1) || refused
	}
	return refused
}

// readZipped is a file of a zip archive, at most maxAttachment of it, and
// whether it could be read.
func readZipped(f *zip.File) ([]byte, bool) {
	r, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer r.Close()
	x, err := io.ReadAll(io.LimitReader(r, maxAttachment))
	return x, err == nil
}
