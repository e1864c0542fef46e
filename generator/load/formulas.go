package load

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// readSheetMarks lists the cells of a workbook's sheet that hold a formula
// with no stored value: what Excel would show is not in the file, so the
// cell must not be published as empty. excelize's row iterator gives a
// formula cell's stored value but cannot tell an empty one from a blank
// cell; this reads the sheet's XML as a stream of tokens, in bounded memory.
//
// It also lists the cells that hold an integer of 16 digits or more as a
// number (lossy): a spreadsheet keeps a number as a float of 15–17
// significant digits, so such a cell — a 统一社会信用代码 or licence number
// typed into a numeric column — has lost its last digits
// (914401135250406035 is kept as 914401135250406000), and what it was
// cannot be read back.
//
// And it lists the sheet's merged ranges (A2:A4), which the row iterator
// gives as a value in the range's first cell and blanks below it.
//
// And it lists the cells with a value that are struck through (删除线, a
// style whose font has strike: Ctrl+5), in whole or in a run of their
// rich text (struckStrings): a way to cross a row or a value out that
// leaves it in the file, where it is read as any other.
//
// And it lists the rows hidden in the sheet (a row hidden by hand, or by
// a filter left on: <row hidden="1">, or dragged to no height: ht="0"),
// which the row iterator reads as any other.
func readSheetMarks(b []byte, sheet string) (m sheetMarks, err error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return m, fmt.Errorf("not a readable .xlsx workbook: %v", err)
	}
	name, err := sheetPath(zr, sheet)
	if err != nil || name == "" {
		return m, err
	}
	strikes, err := struckStyles(zr)
	if err != nil {
		return m, err
	}
	struckText, err := struckStrings(zr)
	if err != nil {
		return m, err
	}
	f, err := zr.Open(name)
	if err != nil {
		return m, nil // excelize read the sheet; nothing more to learn here
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var cell string
	var hasFormula, hasValue, inValue, numeric, long, strike, shared bool
	var rowNo int
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return m, fmt.Errorf("cannot read sheet %q: %v", sheet, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				cell, hasFormula, hasValue, numeric, long, strike, shared = "", false, false, true, false, false, false
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						cell = a.Value
					case "t":
						numeric = a.Value == "n" // s, str, inlineStr, b, e, d: not a number
						shared = a.Value == "s"
					case "s":
						strike = strikes[a.Value]
					}
				}
			case "row":
				r := rowNo + 1 // a row with no number follows the one before
				hidden := false
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						if n, err := strconv.Atoi(a.Value); err == nil {
							r = n
						}
					case "hidden":
						hidden = hidden || a.Value == "1" || a.Value == "true"
					case "ht":
						// a row dragged to no height (ht="0"; WPS and
						// LibreOffice write it so) is as hidden as one
						// marked hidden: no reader of the sheet sees it
						if h, err := strconv.ParseFloat(a.Value, 64); err == nil && h < 0.5 {
							hidden = true
						}
					}
				}
				rowNo = r
				if hidden && r > 0 {
					m.hiddenRows = append(m.hiddenRows, r)
				}
			case "f":
				hasFormula = true
			case "strike": // a run of an inline string's rich text, struck through
				strike = strike || struckOn(t)
			case "mergeCell":
				for _, a := range t.Attr {
					if a.Name.Local == "ref" {
						m.merged = append(m.merged, a.Value)
					}
				}
			case "v", "is":
				inValue = true
			}
		case xml.CharData:
			if v := bytes.TrimSpace(t); inValue && len(v) > 0 {
				hasValue = true
				if shared && struckText != nil {
					i, err := strconv.Atoi(string(v))
					strike = strike || err == nil && struckText[i]
				}
				long = long || numeric && longInteger(v)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v", "is":
				inValue = false
			case "c":
				if hasFormula && !hasValue && cell != "" {
					m.formulas = append(m.formulas, cell)
				}
				if long && cell != "" {
					m.lossy = append(m.lossy, cell)
				}
				if strike && hasValue && cell != "" {
					m.struck = append(m.struck, cell)
				}
			}
		}
	}
}

// longInteger reports whether v, a numeric cell's stored value, is an
// integer written out in 16 digits or more.
func longInteger(v []byte) bool {
	v = bytes.TrimPrefix(v, []byte{'-'})
	if len(v) < 16 {
		return false
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// sheetPath finds the part of the package that holds the named sheet, from
// xl/workbook.xml and its relationships.
func sheetPath(zr *zip.Reader, sheet string) (string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXMLPart(zr, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	if err := readXMLPart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.ID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/"), nil
				}
				return path.Join("xl", r.Target), nil
			}
		}
	}
	return "", nil
}

// readXMLPart decodes a small part of the package (at most 16 MB).
func readXMLPart(zr *zip.Reader, name string, v any) error {
	f, err := zr.Open(name)
	if err != nil {
		return nil // not there: nothing to find
	}
	defer f.Close()
	if err := xml.NewDecoder(io.LimitReader(f, 16<<20)).Decode(v); err != nil {
		return fmt.Errorf("cannot read %s in the workbook: %v", name, err)
	}
	return nil
}

// struckOn reports whether a <strike> element strikes through: it does
// unless its val says it does not.
func struckOn(t xml.StartElement) bool {
	for _, a := range t.Attr {
		if a.Name.Local == "val" {
			return a.Value != "0" && a.Value != "false"
		}
	}
	return true
}

// struckStrings are the shared strings (by index, as a cell of type s
// gives it) with a run of rich text struck through (删除线 on part of a
// cell: an old address crossed out beside the new one): read as a cell's
// value, the struck run is part of it. nil when the workbook has none,
// which a scan of the part's bytes tells before any XML is decoded.
func struckStrings(zr *zip.Reader) (map[int]bool, error) {
	f, err := zr.Open("xl/sharedStrings.xml")
	if err != nil {
		return nil, nil // no shared strings
	}
	b, err := io.ReadAll(io.LimitReader(f, 256<<20))
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s in the workbook: %v", "xl/sharedStrings.xml", err)
	}
	if !bytes.Contains(b, []byte("strike")) {
		return nil, nil
	}
	set := map[int]bool{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	si := -1
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return set, nil
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read %s in the workbook: %v", "xl/sharedStrings.xml", err)
		}
		if t, ok := tok.(xml.StartElement); ok {
			switch t.Name.Local {
			case "si":
				si++
			case "strike":
				if si >= 0 && struckOn(t) {
					set[si] = true
				}
			}
		}
	}
}

// sheetMarks is what readSheetMarks learns of a sheet beyond its values:
// cells in A1 form, rows by their 1-based number.
type sheetMarks struct {
	formulas, lossy, merged, struck []string
	hiddenRows                      []int
}

// struckStyles are the cell styles (their index in cellXfs, as a cell's s
// attribute gives it) whose font is struck through.
func struckStyles(zr *zip.Reader) (map[string]bool, error) {
	var st struct {
		Fonts []struct {
			Strike *struct {
				Val string `xml:"val,attr"`
			} `xml:"strike"`
		} `xml:"fonts>font"`
		Xfs []struct {
			FontID int `xml:"fontId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := readXMLPart(zr, "xl/styles.xml", &st); err != nil {
		return nil, err
	}
	var out map[string]bool
	for i, xf := range st.Xfs {
		if xf.FontID < 0 || xf.FontID >= len(st.Fonts) {
			continue
		}
		if s := st.Fonts[xf.FontID].Strike; s != nil && s.Val != "0" && s.Val != "false" {
			if out == nil {
				out = map[string]bool{}
			}
			out[strconv.Itoa(i)] = true
		}
	}
	return out, nil
}
