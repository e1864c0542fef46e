package load

import (
	"encoding/binary"
	"math"
	"slices"
	"testing"
	"unicode/utf16"
)

// biffRec is one BIFF8 record: its type, its length and its data.
func biffRec(typ uint16, data []byte) []byte {
	b := binary.LittleEndian.AppendUint16(nil, typ)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(data)))
	return append(b, data...)
}

// biffCell is the row, column and XF index a cell record starts with.
func biffCell(r, c uint16) []byte {
	b := binary.LittleEndian.AppendUint16(nil, r)
	b = binary.LittleEndian.AppendUint16(b, c)
	return binary.LittleEndian.AppendUint16(b, 15)
}

// A workbook as Excel and Apache POI save one: text cells in the shared
// strings, which go on in CONTINUE records past 8,224 bytes — a string
// split in the middle of its characters, the next part saying anew
// whether they are 8- or 16-bit, and formatting runs and phonetic data
// split so too; a hidden sheet and a chart sheet before the worksheet
// read; numbers as NUMBER, RK and MULRK records; a formula's text in the
// STRING record after it; a chart's substream inside the sheet passed over.
func TestWorksheetRowsAcrossContinue(t *testing.T) {
	wide := func(s string) []byte {
		var b []byte
		for _, u := range utf16.Encode([]rune(s)) {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
		return b
	}
	narrow := func(n int, flags byte, extra ...byte) []byte {
		b := binary.LittleEndian.AppendUint16(nil, uint16(n))
		return append(append(b, flags), extra...)
	}
	run := binary.LittleEndian.AppendUint16(nil, 1)                                                  // cRun: one formatting run …
	run = binary.LittleEndian.AppendUint32(run, 4)                                                   // … and cbExtRst: 4 bytes of phonetic data
	parts := [][]byte{binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, 5), 5)} // cstTotal, cstUnique
	add := func(b ...[]byte) {
		for _, x := range b {
			parts[len(parts)-1] = append(parts[len(parts)-1], x...)
		}
	}
	cut := func() { parts = append(parts, nil) }
	add(narrow(7, 1), wide("行政相对人名称"))
	add(narrow(8, 1|0x08|0x04, run...), wide("统一社会信用代")) // 7 of its 8 characters …
	cut()
	add([]byte{1}, wide("码"), []byte{0, 0, 1, 0}, []byte{9, 9}) // … the 8th after a flag byte, the run, half the phonetic data
	cut()
	add([]byte{9, 9}, narrow(4, 1), wide("公示类型")) // the other half: no flag byte before it
	add(narrow(18, 0), []byte("91440106"))        // 8-bit: 8 of its 18 characters …
	cut()
	add([]byte{0}, []byte("MA5T00009U")) // … the rest 8-bit
	add(narrow(2, 1), wide("吊销"))

	globals := biffRec(biffBOF, []byte{0, 6, 5, 0})
	sheetAt := func(off uint32, hidden, kind byte) []byte {
		b := binary.LittleEndian.AppendUint32(nil, off)
		return append(b, hidden, kind, 0, 0)
	}
	// the sheets' offsets are filled in once the globals' length is known
	sheets := [][]byte{sheetAt(0, 1, 0), sheetAt(0, 0, 2), sheetAt(0, 0, 0)}
	for _, s := range sheets {
		globals = append(globals, biffRec(biffSheet, s)...)
	}
	globals = append(globals, biffRec(biffSST, parts[0])...)
	for _, p := range parts[1:] {
		globals = append(globals, biffRec(biffContinue, p)...)
	}
	globals = append(globals, biffRec(biffEOF, nil)...)
	// the hidden sheet and the chart sheet are an empty sheet; the
	// worksheet after it is the first visible one
	decoy := append(biffRec(biffBOF, []byte{0, 6, 0x10, 0}), biffRec(biffEOF, nil)...)
	for i, at := range []int{0, 0, len(decoy)} {
		binary.LittleEndian.PutUint32(globals[8+i*12+4:], uint32(len(globals)+at)) // after the globals' BOF, each BOUNDSHEET's data
	}

	labelSST := func(r, c uint16, i uint32) []byte {
		return biffRec(biffLabelSST, binary.LittleEndian.AppendUint32(biffCell(r, c), i))
	}
	number := binary.LittleEndian.AppendUint64(biffCell(1, 4), math.Float64bits(440106))
	rk := binary.LittleEndian.AppendUint32(biffCell(1, 5), 45971<<2|2) // an integer RK: a date serial
	mulrk := biffCell(1, 6)[:4]
	for _, v := range []uint32{12345<<2 | 2 | 1, 7<<2 | 2} { // 123.45, 7
		mulrk = binary.LittleEndian.AppendUint16(mulrk, 15)
		mulrk = binary.LittleEndian.AppendUint32(mulrk, v)
	}
	mulrk = binary.LittleEndian.AppendUint16(mulrk, 7)
	formula := append(biffCell(1, 8), 0, 0, 0, 0, 0, 0, 0xFF, 0xFF) // its value: a string, in the STRING record after it
	formula = append(formula, 0, 0, 0, 0, 0, 0)
	worksheet := biffRec(biffBOF, []byte{0, 6, 0x10, 0})
	for c := uint32(0); c < 3; c++ {
		worksheet = append(worksheet, labelSST(0, uint16(c), c)...)
	}
	worksheet = append(worksheet, labelSST(1, 1, 3)...)
	worksheet = append(worksheet, labelSST(1, 2, 4)...)
	worksheet = append(worksheet, biffRec(biffNumber, number)...)
	worksheet = append(worksheet, biffRec(biffRK, rk)...)
	worksheet = append(worksheet, biffRec(biffMulRK, mulrk)...)
	worksheet = append(worksheet, biffRec(biffFormula, formula)...)
	worksheet = append(worksheet, biffRec(biffString, append([]byte{3, 0, 0}, "abc"...))...)
	// a chart in the sheet: a substream of its own, whose records are not the sheet's cells
	worksheet = append(worksheet, biffRec(biffBOF, []byte{0, 6, 0x20, 0})...)
	worksheet = append(worksheet, labelSST(5, 0, 0)...)
	worksheet = append(worksheet, biffRec(biffEOF, nil)...)
	worksheet = append(worksheet, labelSST(2, 0, 2)...)  // after it, the sheet's again
	worksheet = append(worksheet, labelSST(9, 0, 99)...) // an index past the strings: left out
	worksheet = append(worksheet, biffRec(biffEOF, nil)...)
	worksheet = append(worksheet, labelSST(3, 0, 0)...) // after the sheet's end: not read

	s := append(append(globals, decoy...), worksheet...)
	rows, lines := worksheetRows(s)
	want := [][]string{
		{"行政相对人名称", "统一社会信用代码", "公示类型"},
		{"", "91440106MA5T00009U", "吊销", "", "440106", "45971", "123.45", "7", "abc"},
		{"公示类型"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) || !slices.Equal(lines, []int{1, 2, 3}) {
		t.Errorf("rows %q at %v, want %q at [1 2 3]", rows, lines, want)
	}

	// an encrypted workbook, Excel 5's BIFF5 and a cut stream give nothing, without a panic
	enc := append(biffRec(biffBOF, []byte{0, 6, 5, 0}), biffRec(biffFilePass, []byte{1, 0})...)
	biff5 := biffRec(biffBOF, []byte{0, 5, 5, 0})
	for _, bad := range [][]byte{enc, biff5, s[:len(globals)/2], nil} {
		if rows, _ := worksheetRows(bad); rows != nil {
			t.Errorf("rows %q from a workbook that has none to read", rows)
		}
	}
}

// FuzzWorksheetRows reads any workbook stream without a panic, giving
// rows in order of their numbers, each within Excel 97–2003's 256 columns.
func FuzzWorksheetRows(f *testing.F) {
	for _, name := range []string{"unread/吊销.xls", "unread/hidden-first.xls", "unread/draft.xls", "phone-id.xls", "clean.xls"} {
		f.Add(workbookStream(readTestdata(f, name)))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		rows, lines := worksheetRows(s)
		if len(rows) != len(lines) {
			t.Fatalf("%d rows, %d row numbers", len(rows), len(lines))
		}
		for i, r := range rows {
			if len(r) > biffMaxColumns || i > 0 && lines[i] <= lines[i-1] {
				t.Fatalf("row %d (number %d) of %d cells after row number %d", i, lines[i], len(r), lines[max(i-1, 0)])
			}
		}
	})
}
