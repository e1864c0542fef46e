package load

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"slices"
	"strconv"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
)

// An Excel 97–2003 workbook (.xls, and WPS's .et, saved as one) is not a
// table this program reads, but a bureau's system exports one as often
// as a .xlsx: beside licences.csv, a 吊销.xls holding the month's
// revocations would leave them unpublished. So its first visible
// worksheet's cells are read (BIFF8, MS-XLS) — only to tell which table
// of this register it holds (heldTable), and to say so as an error.

// BIFF8 record types read for a worksheet's cells, beside biffNumber,
// biffRK and biffMulRK.
const (
	biffBOF        = 0x0809
	biffEOF        = 0x000A
	biffSheet      = 0x0085 // BOUNDSHEET8: a sheet's name, visibility and where its records start
	biffSST        = 0x00FC // the shared strings
	biffContinue   = 0x003C // the rest of a record longer than 8,224 bytes
	biffLabelSST   = 0x00FD // a text cell: an index into the shared strings
	biffLabel      = 0x0204 // a text cell holding its text (older writers)
	biffRString    = 0x00D6 // a text cell with formatting runs
	biffFormula    = 0x0006 // a formula cell and its value
	biffString     = 0x0207 // the text value of the formula cell before it
	biffMaxRows    = 1 << 16
	biffMaxColumns = 1 << 8
)

// biffRows are the rows of the first visible worksheet of the Excel
// 97–2003 workbook b, each a slice of its cells' text (a number as Excel
// shows it in a General cell), with each row's 1-based number; nil when b
// is not such a workbook, or is encrypted.
func biffRows(b []byte) (rows [][]string, lines []int) {
	return worksheetRows(workbookStream(b))
}

// worksheetRows are biffRows of a workbook stream.
func worksheetRows(s []byte) (rows [][]string, lines []int) {
	defer func() {
		if recover() != nil { // a malformed record
			rows, lines = nil, nil
		}
	}()
	if len(s) < 4 {
		return nil, nil
	}
	sheet, strs, ok := biffGlobals(s)
	if !ok || sheet <= 0 || sheet >= len(s) {
		return nil, nil
	}
	cells := map[int]map[int]string{}
	put := func(r, c int, v string) {
		if v == "" || r >= biffMaxRows || c >= biffMaxColumns {
			return
		}
		if cells[r] == nil {
			cells[r] = map[int]string{}
		}
		cells[r][c] = v
	}
	var formulaAt []byte // the cell of a formula whose text follows in a STRING record
	depth := 0           // a chart in the sheet is a substream of its own, BOF to EOF, inside it
	for off := sheet; off+4 <= len(s); {
		typ, data, next := biffRecord(s, off)
		off = next
		switch {
		case typ == biffBOF:
			depth++
		case typ == biffEOF:
			if depth--; depth <= 0 {
				off = len(s)
			}
		case depth > 1: // a chart's records
		case len(data) < 4: // no cell's row and column
		case typ == biffLabelSST && len(data) >= 10:
			if i := int(binary.LittleEndian.Uint32(data[6:])); i < len(strs) {
				r, c := biffCellAt(data)
				put(r, c, strs[i])
			}
		case (typ == biffLabel || typ == biffRString) && len(data) >= 9:
			r, c := biffCellAt(data)
			put(r, c, biffString16(data[6:]))
		case biffNumberCells(typ, data, func(c int, v float64) { put(int(binary.LittleEndian.Uint16(data)), c, biffShown(v)) }):
		case typ == biffFormula && len(data) >= 14:
			formulaAt = nil
			if binary.LittleEndian.Uint16(data[12:]) != 0xFFFF {
				r, c := biffCellAt(data)
				put(r, c, biffShown(math.Float64frombits(binary.LittleEndian.Uint64(data[6:]))))
			} else if data[6] == 0 {
				formulaAt = data[:4]
			}
		case typ == biffString && formulaAt != nil && len(data) >= 3:
			r, c := biffCellAt(formulaAt)
			put(r, c, biffString16(data))
			formulaAt = nil
		}
	}
	var numbers []int
	for r := range cells {
		numbers = append(numbers, r)
	}
	slices.Sort(numbers)
	for _, r := range numbers {
		width := 0
		for c := range cells[r] {
			width = max(width, c+1)
		}
		row := make([]string, width)
		for c, v := range cells[r] {
			row[c] = v
		}
		rows = append(rows, row)
		lines = append(lines, r+1)
	}
	return rows, lines
}

// biffCellAt is the row and column a cell record starts with.
func biffCellAt(data []byte) (row, col int) {
	return int(binary.LittleEndian.Uint16(data)), int(binary.LittleEndian.Uint16(data[2:]))
}

// workbookStream is the Workbook (or, from Excel 5, Book) stream of the
// compound file b; nil when b is none or has none.
func workbookStream(b []byte) []byte {
	if !bytes.HasPrefix(b, oleMagic) {
		return nil
	}
	r, err := mscfb.New(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	for f, err := r.Next(); err == nil; f, err = r.Next() {
		if (f.Name == "Workbook" || f.Name == "Book") && f.Size > 0 && f.Size <= maxAttachment {
			s, _ := io.ReadAll(io.LimitReader(f, maxAttachment))
			return s
		}
	}
	return nil
}

// biffRecord is the record at off of the stream s: its type, its data and
// where the next record starts.
func biffRecord(s []byte, off int) (typ int, data []byte, next int) {
	typ = int(binary.LittleEndian.Uint16(s[off:]))
	n := int(binary.LittleEndian.Uint16(s[off+2:]))
	end := min(off+4+n, len(s))
	return typ, s[off+4 : end], end
}

// biffGlobals reads the workbook globals at the start of s: where the
// first visible worksheet's records start, and the shared strings; ok is
// false for an encrypted workbook or one that is not BIFF8.
func biffGlobals(s []byte) (sheet int, strs []string, ok bool) {
	typ, data, off := biffRecord(s, 0)
	if typ != biffBOF || len(data) < 2 || binary.LittleEndian.Uint16(data) != 0x0600 {
		return 0, nil, false // not BIFF8 (Excel 5's BIFF5 keeps text in a code page)
	}
	for off+4 <= len(s) {
		typ, data, next := biffRecord(s, off)
		switch {
		case typ == biffEOF:
			return sheet, strs, true
		case typ == biffFilePass:
			return 0, nil, false
		case typ == biffSheet && len(data) >= 6:
			// hsState (bits 0–1 of byte 4): 0 visible; dt (byte 5): 0 a worksheet
			if sheet == 0 && data[4]&3 == 0 && data[5] == 0 {
				sheet = int(binary.LittleEndian.Uint32(data))
			}
		case typ == biffSST:
			parts := [][]byte{data}
			for next+4 <= len(s) {
				t, d, n := biffRecord(s, next)
				if t != biffContinue {
					break
				}
				parts, next = append(parts, d), n
			}
			strs = sharedStrings(parts)
		}
		off = next
	}
	return sheet, strs, true
}

// sharedStrings reads the SST record's strings (XLUnicodeRichExtendedString,
// MS-XLS 2.5.293) from its data and that of the CONTINUE records after it:
// a string's characters may go on in the next part, which then starts
// with a byte saying whether they are 8- or 16-bit.
func sharedStrings(parts [][]byte) []string {
	r := &biffReader{parts: parts}
	r.skip(4) // cstTotal
	n := int(r.u32())
	strs := make([]string, 0, min(n, 1<<16))
	for i := 0; i < n && !r.done(); i++ {
		cch := int(r.u16())
		flags := r.byte()
		runs, ext := 0, 0
		if flags&0x08 != 0 {
			runs = int(r.u16())
		}
		if flags&0x04 != 0 {
			ext = int(r.u32())
		}
		strs = append(strs, r.chars(cch, flags&1 != 0))
		r.skip(4*runs + ext)
	}
	return strs
}

// biffReader reads across a record and its CONTINUE records.
type biffReader struct {
	parts [][]byte
	i, at int
}

func (r *biffReader) done() bool { return r.i >= len(r.parts) }

// next moves to the next part when the current one is read to its end,
// and reports whether it did.
func (r *biffReader) next() bool {
	if r.i < len(r.parts) && r.at >= len(r.parts[r.i]) {
		r.i, r.at = r.i+1, 0
		return true
	}
	return false
}

func (r *biffReader) byte() byte {
	for r.next() {
	}
	if r.done() {
		return 0
	}
	b := r.parts[r.i][r.at]
	r.at++
	return b
}

func (r *biffReader) u16() uint16 { return uint16(r.byte()) | uint16(r.byte())<<8 }
func (r *biffReader) u32() uint32 { return uint32(r.u16()) | uint32(r.u16())<<16 }

func (r *biffReader) skip(n int) {
	for ; n > 0 && !r.done(); n-- {
		r.byte()
	}
}

// chars reads n characters, 16-bit when wide; where they go on in the
// next part, its first byte says anew whether they are.
func (r *biffReader) chars(n int, wide bool) string {
	u := make([]uint16, 0, min(n, 1<<15))
	for ; n > 0 && !r.done(); n-- {
		if r.at >= len(r.parts[r.i]) {
			if r.i++; r.done() {
				break
			}
			r.at = 0
			wide = r.byte()&1 != 0
		}
		if wide {
			u = append(u, r.u16())
		} else {
			u = append(u, uint16(r.byte()))
		}
	}
	return string(utf16.Decode(u))
}

// biffString16 reads an XLUnicodeString (a 16-bit length, a flags byte,
// the characters) from the start of data.
func biffString16(data []byte) string {
	r := &biffReader{parts: [][]byte{data}}
	cch := int(r.u16())
	return r.chars(cch, r.byte()&1 != 0)
}

// biffShown is a number cell's value as Excel shows it in a General cell:
// a whole number's digits (up to 15), otherwise the shortest decimal.
func biffShown(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return ""
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'G', 15, 64)
}
