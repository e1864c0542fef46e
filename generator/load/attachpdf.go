package load

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// A PDF attachment is read twice, since neither reading alone sees all it
// publishes:
//
//   - its pages' text as a reader sees it, through github.com/ledongthuc/pdf
//     (a CJK font's ToUnicode map applied: what Word, WPS or a browser
//     print a Chinese document with);
//   - every string the file holds, its compressed streams inflated: the
//     document's properties (作者, 标题, 主题), a link's address (tel:…),
//     a form field's value, a bookmark, and a page's text in a simple font
//     — and the text of a file the library cannot open (a damaged
//     cross-reference table), as a viewer repairs and shows it.
//
// A PDF that needs a password to open (one that only restricts copying or
// printing is read, as a viewer opens it) or is encrypted with AES-256, a
// scanned page (an image) or text in a font with no map to Unicode cannot
// be read so; what it holds is the bureau's to check (an encrypted one is
// warned of).

// pdfText is what a PDF shows and holds as text: each page's, then its
// strings.
func pdfText(b []byte) []textPart {
	parts := pdfPages(b)
	var s pdfScan
	s.scan(b, 0)
	return append(parts, textPart{storedText, s.out.String()})
}

// pdfPages is the text of each page the library reads, within
// libraryBudget (a damaged file may send it round a loop of objects this
// reader does not rule out beforehand; past the budget the file's strings
// are still read); nil when it cannot open the file.
func pdfPages(b []byte) []textPart {
	return withinBudget(func(parts *[]textPart) {
		if bytes.Contains(b, []byte("/Extends")) {
			return // an object stream extending another: the library follows a loop of them for ever
		}
		r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			if bytes.Contains(b, []byte("/Encrypt")) {
				// a password to open it, or a cipher the library lacks
				// (AES-256): its strings are ciphertext too
				*parts = append(*parts, textPart{sealedText, "an encrypted PDF (it needs a password to open, or is encrypted with AES-256)"})
			}
			return
		}
		for i, p := range pdfPageList(r.Trailer().Key("Root").Key("Pages"), 0, new(int)) {
			text, err := p.GetPlainText(nil)
			if err == nil && text != "" {
				*parts = append(*parts, textPart{i + 1, text})
			}
		}
	})
}

// pdfPageList is the pages under the page tree node v in order; a tree
// deeper than 32 or of more than 10,000 nodes (a loop of Kids) is cut.
func pdfPageList(v pdf.Value, depth int, seen *int) []pdf.Page {
	if *seen++; depth > 32 || *seen > 10000 {
		return nil
	}
	if v.Key("Type").Name() == "Page" {
		if !pdfParentsEnd(v) {
			return nil // the library would look up its resources for ever
		}
		return []pdf.Page{{V: v}}
	}
	var out []pdf.Page
	kids := v.Key("Kids")
	for i := 0; i < kids.Len(); i++ {
		out = append(out, pdfPageList(kids.Index(i), depth+1, seen)...)
	}
	return out
}

// pdfParentsEnd reports whether the chain of a page's parents ends (in at
// most 64 steps), as the library follows it to find what the page
// inherits.
func pdfParentsEnd(v pdf.Value) bool {
	for range 64 {
		if v.IsNull() {
			return true
		}
		v = v.Key("Parent")
	}
	return false
}

// pdfScan collects the strings of a PDF's bytes, one a line: the strings
// of one array ([(138) 20 (0013) -5 (8000)] TJ, a line a PDF writer kerned)
// joined, as they are shown together.
type pdfScan struct {
	out   strings.Builder
	total int // bytes inflated so far, at most maxAttachment
}

// scan reads the strings of b, and of each stream in it (inflated when it
// is compressed); depth counts the streams b is inside of.
func (s *pdfScan) scan(b []byte, depth int) {
	array := 0
	for i := 0; i < len(b); {
		switch c := b[i]; c {
		case '%': // a comment, to the end of its line
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case '(':
			str, next := pdfLiteral(b, i)
			s.add(str, array > 0)
			i = next
		case '<':
			if i+1 < len(b) && b[i+1] == '<' {
				i += 2
				continue
			}
			end := bytes.IndexByte(b[i:], '>')
			if end < 0 {
				return
			}
			s.add(pdfHex(b[i+1:i+end]), array > 0)
			i += end + 1
		case '[':
			array++
			i++
		case ']':
			if array > 0 {
				if array--; array == 0 {
					s.out.WriteByte('\n')
				}
			}
			i++
		case 's':
			data, next, ok := pdfStream(b, i)
			if !ok {
				i++
				continue
			}
			if depth < 2 {
				s.stream(data, depth)
			}
			i = next
		default:
			i++
		}
	}
}

// stream scans a stream's data, inflated when it is compressed, when it
// is text (a page, an object stream); not an image or a font, whose bytes
// hold no strings (a NUL among them says which).
func (s *pdfScan) stream(data []byte, depth int) {
	if z, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
		left := maxAttachment - s.total
		data, _ = io.ReadAll(io.LimitReader(z, int64(left))) // a damaged end: what came before stands
		s.total += len(data)
	} else if !utf8.Valid(data) {
		return
	}
	if bytes.IndexByte(data, 0) < 0 {
		s.scan(data, depth+1)
	}
}

// add writes a string as text: UTF-16 after its byte order mark, else as
// it is when it is text; a string of a font's glyph numbers (bytes below
// a space) is none.
func (s *pdfScan) add(str []byte, inArray bool) {
	text, ok := pdfString(str)
	if !ok {
		return
	}
	s.out.WriteString(text)
	if !inArray {
		s.out.WriteByte('\n')
	}
}

// pdfString is a PDF string as text, and whether it is text.
func pdfString(str []byte) (string, bool) {
	if len(str) >= 2 && str[0] == 0xFE && str[1] == 0xFF {
		u := make([]uint16, 0, len(str)/2)
		for i := 2; i+1 < len(str); i += 2 {
			u = append(u, uint16(str[i])<<8|uint16(str[i+1]))
		}
		r := utf16.Decode(u)
		for i, c := range r {
			if c < ' ' && c != '\t' && c != '\n' && c != '\r' {
				r[i] = ' ' // U+0000 and the like: no glyph, but the text around it stands
			}
		}
		return string(r), true
	}
	for _, c := range str {
		if c < ' ' && c != '\t' && c != '\n' && c != '\r' {
			return "", false
		}
	}
	if utf8.Valid(str) {
		return string(str), true
	}
	r := make([]rune, len(str)) // PDFDocEncoding: Latin-1 where it matters
	for i, c := range str {
		r[i] = rune(c)
	}
	return string(r), true
}

// pdfLiteral is the literal string that opens at b[i] ('('), its escapes
// read, and where it ends; balanced parentheses are part of it.
func pdfLiteral(b []byte, i int) ([]byte, int) {
	var out []byte
	depth := 0
	for i++; i < len(b); i++ {
		c := b[i]
		switch c {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return out, i + 1
			}
			depth--
		case '\\':
			if i++; i >= len(b) {
				return out, i
			}
			switch e := b[i]; e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n': // a line continued
				if e == '\r' && i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
				continue
			default:
				if '0' <= e && e <= '7' {
					n := 0
					for k := 0; k < 3 && i < len(b) && '0' <= b[i] && b[i] <= '7'; k++ {
						n = n*8 + int(b[i]-'0')
						i++
					}
					i--
					c = byte(n)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return out, i
}

// pdfHex is a hex string's bytes (<3133 38>: white space left out, an odd
// last digit followed by 0).
func pdfHex(h []byte) []byte {
	var digits []byte
	for _, c := range h {
		if '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' {
			digits = append(digits, c)
		} else if c > ' ' {
			return nil // not a hex string
		}
	}
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out, _ := hex.DecodeString(string(digits))
	return out
}

// pdfStream is the data of the stream whose keyword starts at b[i], and
// where the scan goes on after its endstream; ok false when b[i] starts
// no stream keyword.
func pdfStream(b []byte, i int) (data []byte, next int, ok bool) {
	const kw = "stream"
	if !bytes.HasPrefix(b[i:], []byte(kw)) || i > 0 && !pdfDelimiter(b[i-1]) {
		return nil, 0, false
	}
	j := i + len(kw)
	switch {
	case bytes.HasPrefix(b[j:], []byte("\r\n")):
		j += 2
	case j < len(b) && (b[j] == '\n' || b[j] == '\r'):
		j++
	default:
		return nil, 0, false
	}
	end := bytes.Index(b[j:], []byte("endstream"))
	if end < 0 {
		return b[j:], len(b), true
	}
	return b[j : j+end], j + end + len("endstream"), true
}

// pdfDelimiter reports whether c may come before a keyword: white space or
// the end of a dictionary.
func pdfDelimiter(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0 || c == '>'
}
