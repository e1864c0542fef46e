package load

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// rawTable is a table as read, before header matching: the header row and
// the body rows, each with the physical line (CSV) or row number (XLSX) it starts on.
type rawTable struct {
	header     []string
	headerLine int
	rows       [][]string
	lines      []int
	excel      bool // cells come from XLSX: numbers may be Excel serial dates
}

// readCSV parses UTF-8 CSV text. Line numbers come from csv.Reader.FieldPos,
// so a quoted newline in an earlier record does not shift them.
func readCSV(text []byte) (*rawTable, error) {
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	t := &rawTable{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return t, &positionedError{Line: pe.StartLine, Col: pe.Column, Err: fmt.Errorf("%v (check the quotes on this row: a field with a comma, quote or newline must be in double quotes, and a quote inside doubled as \"\")", pe.Err)}
			}
			return t, err
		}
		line, _ := r.FieldPos(0)
		if t.header == nil {
			t.header, t.headerLine = rec, line
			continue
		}
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	return t, nil
}

// readXLSX reads the first sheet of a workbook, cells as stored (dates as serials).
func readXLSX(b []byte) (*rawTable, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("not a readable .xlsx workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("the workbook has no sheet")
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("cannot read sheet %q: %v", sheets[0], err)
	}
	t := &rawTable{excel: true}
	for i, rec := range rows {
		if t.header == nil {
			if isBlank(rec) {
				continue
			}
			t.header, t.headerLine = rec, i+1
			continue
		}
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, i+1)
	}
	return t, nil
}

func isBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// positionedError is a read error at a place in the file.
type positionedError struct {
	Line, Col int
	Err       error
}

func (e *positionedError) Error() string { return e.Err.Error() }
