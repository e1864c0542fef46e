package load

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
)

// The binary Office formats — Word 97–2003 (.doc), Excel 97–2003 (.xls),
// and WPS's own (.wps, .et), which are the same — are OLE compound files:
// a small file system of streams. A bureau attaches a 名单.xls as often as
// a .xlsx. Their text is not laid out as a reader sees it, but it is
// there: a document's characters in its WordDocument stream, a workbook's
// text cells in its shared strings, each as 8-bit or UTF-16 text; so each
// stream is read for its runs of text, one a line. A workbook's number
// cells (a mobile number typed as a number) are binary, so its Workbook
// stream's number records are read as the numbers Excel shows. An
// embedded Office Open XML file (an OLE Package stream) is read as one.
// A file encrypted with a password cannot be read, and is warned of: a
// Word document's FIB says so, a workbook's FILEPASS record, an encrypted
// .docx or .xlsx is a compound file of an EncryptedPackage stream.

// oleText is the text of a compound file's streams, one run a line; nil
// when it is not one.
func oleText(b []byte) []textPart {
	return withinBudget(func(parts *[]textPart) {
		r, err := mscfb.New(bytes.NewReader(b))
		if err != nil {
			return
		}
		var out strings.Builder
		var total int64
		sealed := false
		for f, err := r.Next(); err == nil; f, err = r.Next() {
			if f.Name == "EncryptedPackage" {
				sealed = true // an Office Open XML file encrypted with a password (MS-OFFCRYPTO)
			}
			if f.Size <= 0 || f.FileInfo().IsDir() {
				continue
			}
			if total += f.Size; f.Size > maxAttachment || total > maxAttachment {
				break
			}
			s, err := io.ReadAll(io.LimitReader(f, maxAttachment))
			if err != nil && len(s) == 0 {
				continue
			}
			if bytes.HasPrefix(s, []byte("PK\x03\x04")) {
				out.WriteString(ooxmlText(s)) // an embedded .docx or .xlsx
			}
			oleStrings(s, &out)
			switch {
			case f.Name == "Workbook" || f.Name == "Book":
				biffNumbers(s, &out)
				sealed = sealed || biffEncrypted(s)
			case f.Name == "WordDocument":
				sealed = sealed || wordEncrypted(s)
			}
		}
		if sealed {
			*parts = append(*parts, textPart{sealedText, "an encrypted Office file (a password to open it, or a protected workbook's built-in one)"})
		}
		*parts = append(*parts, textPart{binaryText, out.String()})
	})
}

// biffEncrypted reports whether a workbook stream is encrypted: a FILEPASS
// record among the first records of its globals, right after the BOF
// (MS-XLS 2.4.117); its cells are then ciphertext.
func biffEncrypted(s []byte) bool {
	for off, i := 0, 0; off+4 <= len(s) && i < 8; i++ {
		if binary.LittleEndian.Uint16(s[off:]) == biffFilePass {
			return true
		}
		off += 4 + int(binary.LittleEndian.Uint16(s[off+2:]))
	}
	return false
}

// biffFilePass is the type of the FILEPASS record.
const biffFilePass = 0x002F

// wordEncrypted reports whether a Word document stream is encrypted: the
// fEncrypted bit of its file information block (MS-DOC 2.5.2, FibBase:
// bit 8 of the flags at offset 10) — its text is then ciphertext.
func wordEncrypted(s []byte) bool {
	return len(s) >= 12 && binary.LittleEndian.Uint16(s) == 0xA5EC && s[11]&0x01 != 0
}

// oleMinRun is the fewest characters a run of text must have to be read:
// less cannot hold a personal number, and shorter runs in binary data are
// noise.
const oleMinRun = 6

// oleStrings writes the runs of text in s, one a line: runs of printable
// ASCII (8-bit text, as Word and Excel keep text with no other
// characters), and runs of printable UTF-16LE characters at either byte
// alignment (a string in a workbook follows a one-byte flag).
func oleStrings(s []byte, out *strings.Builder) {
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && (s[i] >= 0x20 && s[i] < 0x7f || s[i] == '\t') {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= oleMinRun {
			out.Write(s[start:i])
			out.WriteByte('\n')
		}
		start = -1
	}
	for align := 0; align < 2; align++ {
		var run []uint16
		flush := func() {
			if len(run) >= oleMinRun {
				out.WriteString(string(utf16.Decode(run)))
				out.WriteByte('\n')
			}
			run = run[:0]
		}
		for i := align; i+1 < len(s); i += 2 {
			c := binary.LittleEndian.Uint16(s[i:])
			if oleTextRune(rune(c)) {
				run = append(run, c)
				continue
			}
			flush()
		}
		flush()
	}
}

// oleTextRune reports whether r may be a character of a run of UTF-16
// text: printable ASCII, or a printable character beyond Latin-1 (Chinese,
// full-width forms, punctuation) — not a control, a surrogate or a private
// use character, nor Latin-1's upper half, which two bytes of ASCII text
// read at the other alignment would give.
func oleTextRune(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7f || r == '\t':
		return true
	case r < 0x100:
		return false
	}
	return unicode.IsPrint(r) && !unicode.Is(unicode.Co, r)
}

// BIFF8 record types that hold a cell's number.
const (
	biffNumber = 0x0203 // NUMBER: a float64
	biffRK     = 0x027E // RK: a number packed in 32 bits
	biffMulRK  = 0x00BD // MULRK: RKs of cells in a row
)

// biffNumbers writes each number cell of an Excel 97–2003 workbook stream
// as Excel shows it in a General cell, one a line: digits for a whole
// number of up to 15 digits, scientific notation beyond (a resident ID
// number typed as a number keeps its first 15 digits, read as such).
func biffNumbers(s []byte, out *strings.Builder) {
	for off := 0; off+4 <= len(s); {
		typ, data, next := biffRecord(s, off)
		off = next
		biffNumberCells(typ, data, func(_ int, v float64) { writeBIFFNumber(v, out) })
	}
}

// biffNumberCells yields the number cells a BIFF8 record holds — a NUMBER,
// an RK, or each of a MULRK's — with their columns (the record's row is
// its first two bytes), and reports whether it is such a record.
func biffNumberCells(typ int, data []byte, yield func(col int, v float64)) bool {
	switch {
	case typ == biffNumber && len(data) >= 14:
		yield(int(binary.LittleEndian.Uint16(data[2:])), math.Float64frombits(binary.LittleEndian.Uint64(data[6:14])))
	case typ == biffRK && len(data) >= 10:
		yield(int(binary.LittleEndian.Uint16(data[2:])), rkValue(binary.LittleEndian.Uint32(data[6:10])))
	case typ == biffMulRK && len(data) >= 6:
		// row, first column; an XF and an RK a cell; last column
		for i, c := 4, int(binary.LittleEndian.Uint16(data[2:])); i+6 <= len(data)-2; i, c = i+6, c+1 {
			yield(c, rkValue(binary.LittleEndian.Uint32(data[i+2:i+6])))
		}
	default:
		return false
	}
	return true
}

// rkValue is the number an RK value packs: a 30-bit integer or the high
// 30 bits of a float64, divided by 100 when its lowest bit is set.
func rkValue(rk uint32) float64 {
	var v float64
	if rk&2 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&^3) << 32)
	}
	if rk&1 != 0 {
		v /= 100
	}
	return v
}

func writeBIFFNumber(v float64, out *strings.Builder) {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) < 1e10:
		return // too short for a personal number
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		out.WriteString(strconv.FormatInt(int64(v), 10))
	default:
		out.WriteString(strconv.FormatFloat(v, 'E', 14, 64))
	}
	out.WriteByte('\n')
}
