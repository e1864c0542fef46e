package load

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// decodeText turns a CSV file's bytes into UTF-8. A byte-order mark decides
// (UTF-8, UTF-16LE/BE) and is removed — a BOM left in place would make a quoted
// first header unparseable. Without one, valid UTF-8 is taken as it is, and
// anything else is decoded as GB18030 (a superset of GBK and GB2312; decoding
// as GBK would silently garble the 4-byte characters some names use). It
// returns the text and, when it was not plain UTF-8, the encoding it assumed.
// A DOS end-of-file mark after the last line is dropped (dosEOF).
func decodeText(b []byte) (text []byte, assumed string, err error) {
	text, assumed, err = decodeBytes(b)
	return dosEOF(text), assumed, err
}

// dosEOF drops the end-of-file mark (SUB, Ctrl-Z) that some DOS-era
// exports append to a text file: the last character, after the last row,
// holds no data, and left in place it would be read as a row of one
// control character, every required field of it empty. A SUB anywhere
// else is a damaged value, and is reported as one.
func dosEOF(text []byte) []byte {
	return bytes.TrimSuffix(text, []byte{0x1a})
}

func decodeBytes(b []byte) (text []byte, assumed string, err error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		// an OLE2 compound file: what Excel 97–2003 (.xls) and WPS (.et) save
		return nil, "", errors.New("the file is an Excel 97–2003 workbook (.xls), not text: open it in Excel or WPS and save it as .xlsx (Excel 工作簿) or as CSV UTF-8")
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return nil, "", errors.New("the file is a ZIP archive (an .xlsx workbook or a zipped export), not text: give a workbook the ending .xlsx, or unzip the export")
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		if !utf8.Valid(b[3:]) {
			return nil, "", errors.New("the file starts with a UTF-8 byte-order mark but holds bytes that are not UTF-8: save it again as CSV UTF-8")
		}
		return b[3:], "UTF-8 with BOM", nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, _, err := transform.Bytes(unicode.BOMOverride(transform.Nop), b)
		if err != nil {
			return nil, "", errors.New("cannot decode the UTF-16 file: " + err.Error())
		}
		return out, "UTF-16 with BOM", nil
	case utf8.Valid(b):
		return b, "", nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return nil, "", errors.New("the file is neither UTF-8 nor GB18030: save it as UTF-8 (Excel: 另存为 → CSV UTF-8)")
	}
	if bytes.ContainsRune(out, utf8.RuneError) {
		return nil, "", errors.New("the file is neither valid UTF-8 nor valid GB18030 (undecodable bytes): save it as UTF-8 (Excel: 另存为 → CSV UTF-8)")
	}
	return out, "GB18030", nil
}

// lineEnds makes a file saved with CR line endings alone (Excel for Mac's
// "CSV (Macintosh)") readable: encoding/csv ends lines at LF only, and would
// read the whole file as one header row thousands of fields wide. A file
// that ends some lines with CR alone and others with LF is refused rather
// than guessed at; a CR inside a quoted field is part of its value. Lines
// that end with CR CR LF — a CRLF file written again through a layer that
// turns every LF into CRLF, as Python's csv module does on Windows when the
// file is not opened with newline="" — end at their LF like the others.
func lineEnds(text []byte) ([]byte, error) {
	if bytes.IndexByte(text, '\r') < 0 {
		return text, nil
	}
	if bytes.IndexByte(text, '\n') < 0 { // every line ends with CR
		return bytes.ReplaceAll(text, []byte{'\r'}, []byte{'\n'}), nil
	}
	quoted, line, lone := false, 1, 0
	var doubled []int // where a line ends CR CR LF: the first CR, dropped below
	for i, c := range text {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n':
			line++
		case c == '\r' && !quoted && i+2 < len(text) && text[i+1] == '\r' && text[i+2] == '\n':
			doubled = append(doubled, i)
		case c == '\r' && !quoted && (i+1 == len(text) || text[i+1] != '\n'):
			if lone == 0 {
				lone = line
			}
		}
	}
	if lone > 0 {
		return nil, &positionedError{Line: lone, Err: fmt.Errorf("the file mixes line endings: line %d ends with CR alone, others with LF; save it again as CSV UTF-8 (逗号分隔) so every line ends the same way", lone)}
	}
	if len(doubled) == 0 {
		return text, nil
	}
	out, from := make([]byte, 0, len(text)-len(doubled)), 0
	for _, i := range doubled {
		out, from = append(out, text[from:i]...), i+1
	}
	return append(out, text[from:]...), nil
}
