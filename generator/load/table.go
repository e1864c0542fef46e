package load

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"portal/generator/diag"
	"portal/generator/model"
	"portal/generator/pii"
)

// table is an input table after header matching: headers replaced by the
// schema's titles, values trimmed and rows padded to the header's width.
type table struct {
	file     string // as shown in diagnostics, e.g. data/licences.csv
	schema   *Schema
	header   []string       // canonical titles (unknown columns keep their text)
	cols     map[string]int // title → 1-based column
	rows     [][]string
	lines    []int
	excel    bool
	encoding string // assumed encoding when not plain UTF-8
}

// normHeader folds width (（）→ ()), drops spaces, a BOM and a leading
// required-marker asterisk, so that 注册资本（万元）, 注册资本(万元) and
// "*注册资本 (万元)" all match.
func normHeader(s string) string {
	s = width.Fold.String(s)
	s = strings.TrimLeft(strings.TrimSpace(s), "*\ufeff")
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// matchHeader maps the raw header to the schema, reporting unknown,
// duplicate and missing columns.
func matchHeader(file string, line int, raw []string, sc *Schema, d *diag.List) (header []string, cols map[string]int) {
	byKey := make(map[string]*Field, 2*len(sc.Fields))
	for i := range sc.Fields {
		f := &sc.Fields[i]
		byKey[normHeader(f.Title)] = f
		byKey[f.Name] = f
	}
	header = make([]string, len(raw))
	cols = make(map[string]int, len(raw))
	for i, h := range raw {
		pos := diag.Pos{File: file, Line: line, Col: i + 1}
		key := normHeader(h)
		f, ok := byKey[key]
		if !ok {
			f, ok = byKey[strings.ToLower(key)]
		}
		switch {
		case key == "":
			header[i] = fmt.Sprintf("\x00column%d", i+1)
		case !ok:
			header[i] = "\x00" + h
			d.Warnf(pos, "", "", "unknown column %q is ignored (known columns: %s)", h, knownColumns(sc))
		case cols[f.Title] != 0:
			header[i] = "\x00" + h
			d.Errorf(pos, "", "", "column %q appears twice (also column %d): keep one", h, cols[f.Title])
		default:
			header[i] = f.Title
			cols[f.Title] = i + 1
		}
	}
	for _, f := range sc.Fields {
		if f.Required && cols[f.Title] == 0 {
			d.Add(diag.Diagnostic{File: file, Line: line, Severity: diag.Error,
				Msg:  fmt.Sprintf("missing required column %q", f.Title),
				Hint: fmt.Sprintf("add a column headed %s (or %s) to the %s table", f.Title, f.Name, sc.Title)})
		}
	}
	return header, cols
}

func knownColumns(sc *Schema) string {
	names := make([]string, len(sc.Fields))
	for i, f := range sc.Fields {
		names[i] = f.Title
	}
	return strings.Join(names, " ")
}

// newTable matches the header, then trims, pads and guards every row.
func newTable(file string, sc *Schema, raw *rawTable, d *diag.List) *table {
	t := &table{file: file, schema: sc, excel: raw.excel}
	t.header, t.cols = matchHeader(file, raw.headerLine, raw.header, sc, d)
	kinds := make([]fieldKind, len(t.header))
	for i, h := range t.header {
		for _, f := range sc.Fields {
			if f.Title == h {
				kinds[i] = f.kind
			}
		}
	}
	t.rows = raw.rows[:0]
	for i, rec := range raw.rows {
		line := raw.lines[i]
		if isBlank(rec) {
			continue
		}
		if len(rec) > len(t.header) {
			extra := rec[len(t.header):]
			if !isBlank(extra) {
				d.Errorf(diag.Pos{File: file, Line: line, Col: len(t.header) + 1}, "", "",
					"row has %d fields but the header has %d: a value with a comma must be quoted", len(rec), len(t.header))
			}
			rec = rec[:len(t.header)]
		}
		row := rec // csv.Reader and excelize give each record its own slice: trim in place
		if len(row) < len(t.header) {
			row = append(row, make([]string, len(t.header)-len(row))...)
		}
		for j, v := range row {
			if v == "" {
				continue
			}
			v = strings.TrimSpace(v)
			row[j] = v
			if v != "" {
				guard(file, line, j+1, t.header[j], v, kinds[j], d)
			}
		}
		t.rows = append(t.rows, row)
		t.lines = append(t.lines, line)
	}
	return t
}

// guard refuses personal data in a cell: a public register must not leak it.
func guard(file string, line, col int, field, v string, kind fieldKind, d *diag.List) {
	opt := pii.Options{SkipMobile: kind == kindLicenceNo}
	m, found := pii.Find(v, opt)
	// an 18-digit credit code can look like an ID number; a valid one is not
	// personal data (checked only here, after the cheap scan found something)
	if !found || (kind == kindCreditCode && model.CheckCreditCode(model.NormalizeCreditCode(v)) == nil) {
		return
	}
	d.Add(diag.Diagnostic{File: file, Line: line, Col: col, Field: strings.TrimPrefix(field, "\x00"), Value: pii.Mask(v, m),
		Severity: diag.Error,
		Msg:      fmt.Sprintf("contains %s: personal data must never be published", m.Kind),
		Hint:     "remove it from the export; the value is masked here"})
}
