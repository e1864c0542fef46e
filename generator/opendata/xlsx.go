package opendata

import (
	"archive/zip"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"portal/generator/catalogue"
	"portal/generator/model"
)

// The Excel workbook of a table (NAME.xlsx): one sheet of the rows under
// the Chinese titles — codes and licence numbers as text, so that Excel
// never rounds an all-digit code; dates as dates; counts and amounts as
// numbers — with the header frozen and filtered, and a second sheet with
// the data dictionary.
//
// It is written here as a stream of SpreadsheetML (ECMA-376 Part 1, the
// parts Excel needs and no more) rather than with excelize, which the
// tests read every workbook back with: excelize's stream writer took 13–16
// CPU-seconds for the 50,000-agency set's tables (its per-cell checks, and
// reading the whole sheet back to set the active sheet), more than the
// whole open-data stage without it; this costs about what writing the CSV
// does.

const (
	xlsxData = "数据"
	xlsxDict = "字段说明"
	// xlsxMaxText is the most characters (UTF-16 units) Excel keeps in a cell.
	xlsxMaxText = 32767
)

// The cell formats of styles.xml: 0 plain, 1 bold (headers), 2 a date.
const (
	xfPlain = iota
	xfBold
	xfDate
)

// xlsxStatic are the workbook's parts that do not depend on the table.
var xlsxStatic = []struct{ name, body string }{
	{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`},
	{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
	{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`},
	{"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`},
}

// xlsxWriter streams one worksheet's rows, in chunks as the other
// formats are (output).
type xlsxWriter struct {
	output
	cols []string // column letters
	row  int
	next int // the column a cell without a reference goes in
}

// startRow opens the next row.
func (x *xlsxWriter) startRow() {
	x.row++
	x.next = 0
	x.b = append(x.b, `<row r="`...)
	x.b = strconv.AppendInt(x.b, int64(x.row), 10)
	x.b = append(x.b, `">`...)
}

func (x *xlsxWriter) endRow() error {
	x.b = append(x.b, `</row>`...)
	return x.flush(false)
}

// ref opens a cell: its reference when an empty cell came before it
// (a cell without one follows the previous cell, ECMA-376 §18.3.1.4,
// which keeps the sheet a quarter smaller), and its style.
func (x *xlsxWriter) ref(col, style int) {
	x.b = append(x.b, `<c`...)
	if col != x.next {
		x.b = append(x.b, ` r="`...)
		x.b = append(x.b, x.cols[col]...)
		x.b = strconv.AppendInt(x.b, int64(x.row), 10)
		x.b = append(x.b, '"')
	}
	x.next = col + 1
	if style != xfPlain {
		x.b = append(x.b, ` s="`...)
		x.b = strconv.AppendInt(x.b, int64(style), 10)
		x.b = append(x.b, '"')
	}
}

// text writes a text cell (empty text: no cell).
func (x *xlsxWriter) text(col, style int, s string) {
	if s == "" {
		return
	}
	x.ref(col, style)
	x.b = append(x.b, ` t="inlineStr"><is><t`...)
	if s[0] <= ' ' || s[len(s)-1] <= ' ' || strings.IndexByte(s, '\n') >= 0 {
		x.b = append(x.b, ` xml:space="preserve"`...)
	}
	x.b = append(x.b, '>')
	x.b = appendXMLText(x.b, s)
	x.b = append(x.b, `</t></is></c>`...)
}

// number writes a numeric cell from its decimal text.
func (x *xlsxWriter) number(col, style int, digits []byte) {
	x.ref(col, style)
	x.b = append(x.b, `><v>`...)
	x.b = append(x.b, digits...)
	x.b = append(x.b, `</v></c>`...)
}

// appendXMLText escapes s for an XML text node, dropping the control
// characters XML 1.0 cannot hold, and cuts it at the most a cell keeps.
func appendXMLText(b []byte, s string) []byte {
	units := 0
	for _, r := range s {
		if units += utf16Len(r); units > xlsxMaxText {
			break
		}
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF, r == utf8.RuneError:
			// not allowed in XML
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// colName is a column's letters: 0 → A, 26 → AA.
func colName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// excelEpoch is day 0 of Excel's 1900 date system (as Excel counts after
// its 1900-02-29).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelDay is a date as Excel's serial day number.
func excelDay(d model.Date) int64 {
	return int64(d.Time().Sub(excelEpoch) / (24 * time.Hour))
}

// writeXLSX writes rj's table as a workbook to out and returns the rows
// written. The sheet of the data is compressed a run at a time (pieces),
// each run copied from the previous build's workbook where rj says its rows
// are the same.
func writeXLSX(rj *runJob, out io.Writer, modified time.Time) (int, error) {
	t := rj.t
	zw := fastZip(out)
	create := func(name string) (io.Writer, error) {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified}
		return zw.CreateHeader(h)
	}
	for _, p := range xlsxStatic {
		w, err := create(p.name)
		if err != nil {
			return 0, err
		}
		if _, err := io.WriteString(w, p.body); err != nil {
			return 0, err
		}
	}
	last := colName(len(t.Fields)-1) + strconv.Itoa(t.Len+1)
	w, err := create("xl/workbook.xml")
	if err != nil {
		return 0, err
	}
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet name="%s" sheetId="1" r:id="rId1"/><sheet name="%s" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'%s'!$A$1:$%s$%d</definedName></definedNames></workbook>`,
		xlsxData, xlsxDict, xlsxData, colName(len(t.Fields)-1), t.Len+1)

	// the data, compressed here a run at a time: the zip is told its
	// sizes and CRC after it (a data descriptor), as for the other parts
	const sheet1 = "xl/worksheets/sheet1.xml"
	fh := &zip.FileHeader{Name: sheet1, Method: zip.Deflate, Flags: 0x8, CreatorVersion: 20, ReaderVersion: 20}
	fh.SetModTime(modified) //lint:ignore SA1019 CreateRaw, unlike CreateHeader, writes the MS-DOS time as the header has it
	sheet, err := zw.CreateRaw(fh)
	if err != nil {
		return 0, err
	}
	pc := newPieces(sheet)
	defer func() {
		if pc.fw != nil {
			putFlate(pc.fw)
		}
	}()
	var prev *zipEntry
	if rj.prev != nil && rj.keys != nil {
		prev = openZipEntry(filepath.Join(rj.dir, t.Name+"."+catalogue.FormatXLSX), sheet1)
		defer prev.close()
	}
	x := &xlsxWriter{output: output{format: catalogue.FormatXLSX}}
	for j := range t.Fields {
		x.cols = append(x.cols, colName(j))
	}
	x.b = append(x.b, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:`...)
	x.b = append(x.b, last...)
	x.b = append(x.b, `"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>`...)
	for j, f := range t.Fields {
		x.b = fmt.Appendf(x.b, `<col min="%d" max="%d" width="%g" customWidth="1"/>`, j+1, j+1, colWidth(f))
	}
	x.b = append(x.b, `</cols><sheetData>`...)
	x.startRow()
	for j, f := range t.Fields {
		x.text(j, xfBold, f.Title)
	}
	x.b = append(x.b, `</row>`...)
	if _, err := pc.piece(x.b); err != nil {
		return 0, err
	}
	row := make([]Cell, len(t.Fields))
	var z []byte
	n := 0
	for r := range rj.runs {
		run := &rj.runs[r]
		var sp catalogue.Span
		ok := false
		if rj.same(r) {
			if z, ok = prev.read(rj.span(r, xlsxSpan), z); ok {
				if sp, err = pc.copied(z, rj.span(r, xlsxSpan)); err != nil {
					return n, err
				}
				x.row += run.Hi - run.Lo
				rj.copied.Add(1)
			}
		}
		if !ok {
			x.b = x.b[:0]
			x.rows(t, run.Lo, run.Hi, row)
			if sp, err = pc.piece(x.b); err != nil {
				return n, err
			}
		}
		run.Spans[xlsxSpan] = sp
		n += run.Hi - run.Lo
	}
	x.b = append(x.b[:0], `</sheetData><autoFilter ref="A1:`...)
	x.b = append(x.b, last...)
	x.b = append(x.b, `"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`...)
	if _, err := pc.piece(x.b); err != nil {
		return n, err
	}
	if err := pc.close(); err != nil {
		return n, err
	}
	fh.CRC32, fh.CompressedSize64, fh.UncompressedSize64 = pc.crc, uint64(pc.z), uint64(pc.n)
	fh.CompressedSize, fh.UncompressedSize = uint32(min(pc.z, math.MaxUint32)), uint32(min(pc.n, math.MaxUint32))
	if pc.z >= math.MaxUint32 || pc.n >= math.MaxUint32 {
		fh.ReaderVersion = 45 // ZIP64: the data descriptor has 8-byte sizes
	}

	// the data dictionary
	dict, err := create("xl/worksheets/sheet2.xml")
	if err != nil {
		return n, err
	}
	x = &xlsxWriter{output: output{format: catalogue.FormatXLSX, emit: func(p []byte) error { _, err := dict.Write(p); return err }}, cols: []string{"A", "B", "C", "D"}}
	x.b = append(x.b, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="20" customWidth="1"/><col min="2" max="2" width="26" customWidth="1"/><col min="3" max="3" width="10" customWidth="1"/><col min="4" max="4" width="80" customWidth="1"/></cols><sheetData>`...)
	x.startRow()
	for j, h := range []string{"字段（中文）", "字段名（CSV/JSON）", "类型", "说明"} {
		x.text(j, xfBold, h)
	}
	x.endRow()
	for _, f := range t.Fields {
		x.startRow()
		for j, v := range []string{f.Title, f.Name, f.Type.String(), f.Description} {
			x.text(j, xfPlain, v)
		}
		x.endRow()
	}
	x.b = append(x.b, `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`...)
	if err := x.flush(true); err != nil {
		return n, err
	}
	return n, zw.Close()
}

// rows appends rows lo to hi-1 of t to the sheet (row is scratch, one
// cell a field).
func (x *xlsxWriter) rows(t *Table, lo, hi int, row []Cell) {
	var num []byte
	for i := lo; i < hi; i++ {
		clear(row)
		t.Row(i, row)
		x.startRow()
		for j := range t.Fields {
			f, c := &t.Fields[j], row[j]
			switch f.Type {
			case Date:
				if c.N != 0 {
					x.number(j, xfDate, strconv.AppendInt(num[:0], excelDay(model.Date(c.N)), 10))
				}
			case Integer:
				if c.N != 0 {
					x.number(j, xfPlain, strconv.AppendInt(num[:0], c.N, 10))
				}
			case Count:
				x.number(j, xfPlain, strconv.AppendInt(num[:0], c.N, 10))
			case Number:
				if _, err := strconv.ParseFloat(c.S, 64); err == nil {
					x.number(j, xfPlain, append(num[:0], c.S...))
				} else {
					x.text(j, xfPlain, c.S)
				}
			case Boolean:
				x.text(j, xfPlain, yesNo(c.N != 0))
			case Array:
				x.text(j, xfPlain, strings.Join(c.L, catalogue.ListSep))
			default:
				x.text(j, xfPlain, c.S) // codes too: text, never a number
			}
		}
		x.b = append(x.b, `</row>`...)
	}
}

// yesNo is a boolean in words.
func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// colWidth is a column's width in characters: wide enough for a code or
// a date, wider for names and addresses.
func colWidth(f Field) float64 {
	switch {
	case f.Type == Date:
		return 12
	case strings.HasSuffix(f.Name, "code") || strings.Contains(f.Name, "licence_number"):
		return 22
	case f.Name == "name" || f.Name == "address" || f.Name == "authority" || f.Type == Array:
		return 36
	}
	return 14
}
