package opendata

import (
	"portal/generator/catalogue"
	"strconv"
	"strings"

	"portal/generator/internal/jsontext"
	"portal/generator/model"
)

// chunk is how much encoded text is gathered before it is handed on.
const chunk = 1 << 20

// output is one format being written: its buffer, where its bytes go,
// how many records it holds and how many bytes went.
type output struct {
	format string
	b      []byte
	emit   func([]byte) error
	n      int
	off    int64
}

func (o *output) flush(force bool) error {
	if len(o.b) == 0 || (!force && len(o.b) < chunk) {
		return nil
	}
	err := o.emit(o.b)
	o.off += int64(len(o.b))
	o.b = o.b[:0]
	return err
}

// flushAll hands on what each output holds.
func flushAll(outs []*output) error {
	for _, o := range outs {
		if err := o.flush(true); err != nil {
			return err
		}
	}
	return nil
}

// encodeHead appends what comes before the rows: the CSVs' header, the
// JSON's bracket.
func encodeHead(t *Table, outs []*output) {
	for _, o := range outs {
		switch o.format {
		case catalogue.FormatCSV, catalogue.FormatExcel:
			excel := o.format == catalogue.FormatExcel
			if excel {
				o.b = append(o.b, "\uFEFF"...)
			}
			for j, f := range t.Fields {
				if j > 0 {
					o.b = append(o.b, ',')
				}
				h := f.Name
				if excel {
					h = f.Title
				}
				o.b = appendCSVField(o.b, h)
			}
			o.b = append(o.b, '\r', '\n')
		case catalogue.FormatJSON:
			o.b = append(o.b, '[')
		}
	}
}

// encodeRows appends rows lo to hi-1 to each output (row is scratch, one
// cell a field), and gives each to key when it is not nil. What a row
// becomes depends on the row and on whether it is the first, and on
// nothing else, so that a run of rows can be copied from a file that
// holds it at another place.
func encodeRows(t *Table, lo, hi int, outs []*output, row []Cell, key *keyer) {
	var tmp, obj []byte
	for i := lo; i < hi; i++ {
		clear(row)
		t.Row(i, row)
		if key != nil {
			key.row(row)
		}
		obj = obj[:0]
		for _, o := range outs {
			switch o.format {
			case catalogue.FormatCSV, catalogue.FormatExcel:
				excel := o.format == catalogue.FormatExcel
				for j := range t.Fields {
					if j > 0 {
						o.b = append(o.b, ',')
					}
					// write the text in place; quote it only if it needs quoting
					start := len(o.b)
					f := &t.Fields[j]
					o.b = appendText(o.b, f.Type, row[j], excel)
					if (f.Type == String || f.Type == Array) && needsQuotes(o.b[start:]) { // other types never need quotes
						tmp = append(tmp[:0], o.b[start:]...)
						o.b = appendCSVField(o.b[:start], string(tmp))
					}
				}
				o.b = append(o.b, '\r', '\n')
			case catalogue.FormatJSON, catalogue.FormatJSONL:
				if len(obj) == 0 {
					obj = appendObject(obj, t.Fields, row)
				}
				if o.format == catalogue.FormatJSON {
					if i > 0 {
						o.b = append(o.b, ',')
					}
					o.b = append(o.b, '\n')
					o.b = append(o.b, obj...)
				} else {
					o.b = append(o.b, obj...)
					o.b = append(o.b, '\n')
				}
			}
			o.n++
		}
	}
}

// encodeTail appends what comes after the rows: the JSON's bracket.
func encodeTail(t *Table, outs []*output) {
	for _, o := range outs {
		if o.format == catalogue.FormatJSON {
			if t.Len > 0 {
				o.b = append(o.b, '\n')
			}
			o.b = append(o.b, ']', '\n')
		}
	}
}

// appendText is a cell as CSV text. In the Excel copy, arrays are joined
// with ListSep and a text cell that Excel would read as a formula gets a
// leading apostrophe (OWASP, CSV injection).
func appendText(b []byte, t Type, c Cell, excel bool) []byte {
	switch t {
	case Date:
		return appendDate(b, model.Date(c.N))
	case Integer:
		if c.N == 0 {
			return b
		}
		return strconv.AppendInt(b, c.N, 10)
	case Count:
		return strconv.AppendInt(b, c.N, 10)
	case Boolean:
		return strconv.AppendBool(b, c.N != 0)
	case Number:
		return append(b, c.S...)
	case Array:
		if len(c.L) == 0 {
			return b
		}
		if excel {
			b = appendSafe(b, c.L[0])
			for _, s := range c.L[1:] {
				b = append(b, catalogue.ListSep...)
				b = append(b, s...)
			}
			return b
		}
		return appendJSONArray(b, c.L)
	}
	if excel {
		return appendSafe(b, c.S)
	}
	return append(b, c.S...)
}

// FormulaTriggers are the first characters that make a spreadsheet read a
// cell as a formula (OWASP CSV injection guidance).
const FormulaTriggers = "=+-@\t\r"

func appendSafe(b []byte, s string) []byte {
	if s != "" && strings.IndexByte(FormulaTriggers, s[0]) >= 0 {
		b = append(b, '\'')
	}
	return append(b, s...)
}

func needsQuotes(s []byte) bool {
	for _, c := range s {
		if c == ',' || c == '"' || c == '\r' || c == '\n' {
			return true
		}
	}
	return false
}

// appendCSVField quotes a field when RFC 4180 needs it.
func appendCSVField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

func appendDate(b []byte, d model.Date) []byte {
	if d == 0 {
		return b
	}
	y, m, dd := d.Year(), int(d.Month()), d.Day()
	return append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+dd/10), byte('0'+dd%10))
}

// appendObject writes one record as a JSON object with keys in field order;
// an empty value is null, an empty array [].
func appendObject(b []byte, fields []Field, row []Cell) []byte {
	b = append(b, '{')
	b = appendMembers(b, fields, row)
	return append(b, '}')
}

// appendMembers writes the "name":value pairs of a record, comma-separated.
func appendMembers(b []byte, fields []Field, row []Cell) []byte {
	for j := range fields {
		f := &fields[j]
		if j > 0 {
			b = append(b, ',')
		}
		// field names are snake_case ASCII (TestFieldNames), so a key
		// needs no escaping: the hot loop copies it as it is
		b = append(b, '"')
		b = append(b, f.Name...)
		b = append(b, '"', ':')
		b = appendJSONValue(b, f.Type, row[j])
	}
	return b
}

// appendJSONValue is a cell as a JSON value: an empty cell is null (an
// empty array []), a date and a text are JSON strings, and a number, a
// boolean or an array is written as in the CSV.
func appendJSONValue(b []byte, t Type, c Cell) []byte {
	switch t {
	case Date, Integer:
		if c.N == 0 {
			return append(b, "null"...)
		}
		if t == Date {
			b = append(b, '"')
			b = appendDate(b, model.Date(c.N))
			return append(b, '"')
		}
	case Number:
		if c.S == "" {
			return append(b, "null"...)
		}
	case Array:
		if len(c.L) == 0 {
			return append(b, "[]"...)
		}
	case Count, Boolean:
	default:
		if c.S == "" {
			return append(b, "null"...)
		}
		return jsontext.AppendString(b, c.S)
	}
	return appendText(b, t, c, false)
}

func appendJSONArray(b []byte, l []string) []byte {
	b = append(b, '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsontext.AppendString(b, s)
	}
	return append(b, ']')
}
