package opendata

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"portal/generator/model"
)

// The four published formats of every table.
const (
	FormatCSV   = "csv"       // canonical: RFC 4180, UTF-8, English headers
	FormatExcel = "excel.csv" // UTF-8 with BOM, Chinese headers, formula-safe
	FormatJSON  = "json"      // one array of objects
	FormatJSONL = "jsonl"     // one object per line
)

// Formats lists them in the order the catalogue shows them.
var Formats = []string{FormatCSV, FormatExcel, FormatJSON, FormatJSONL}

// ListSep joins an array cell in the Excel copy.
const ListSep = "；"

// encode writes the whole table in one format into b and returns it with
// the number of records written.
func encode(b []byte, t *Table, format string) ([]byte, int) {
	row := make([]Cell, len(t.Fields))
	n := 0
	switch format {
	case FormatCSV, FormatExcel:
		excel := format == FormatExcel
		if excel {
			b = append(b, "\uFEFF"...)
		}
		for j, f := range t.Fields {
			if j > 0 {
				b = append(b, ',')
			}
			if excel {
				b = appendCSVField(b, f.Title)
			} else {
				b = appendCSVField(b, f.Name)
			}
		}
		b = append(b, '\r', '\n')
		var tmp []byte
		for i := 0; i < t.Len; i++ {
			clear(row)
			t.Row(i, row)
			for j := range t.Fields {
				if j > 0 {
					b = append(b, ',')
				}
				// write the text in place; quote it only if it needs quoting
				start := len(b)
				b = appendText(b, &t.Fields[j], row[j], excel)
				if needsQuotes(b[start:]) {
					tmp = append(tmp[:0], b[start:]...)
					b = appendCSVField(b[:start], string(tmp))
				}
			}
			b = append(b, '\r', '\n')
			n++
		}
	case FormatJSON, FormatJSONL:
		lines := format == FormatJSONL
		if !lines {
			b = append(b, '[')
		}
		for i := 0; i < t.Len; i++ {
			clear(row)
			t.Row(i, row)
			if !lines {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, '\n')
			}
			b = appendObject(b, t.Fields, row)
			if lines {
				b = append(b, '\n')
			}
			n++
		}
		if !lines {
			if t.Len > 0 {
				b = append(b, '\n')
			}
			b = append(b, ']', '\n')
		}
	}
	return b, n
}

// appendText is a cell as CSV text. In the Excel copy, arrays are joined
// with ListSep and a text cell that Excel would read as a formula gets a
// leading apostrophe (OWASP, CSV injection).
func appendText(b []byte, f *Field, c Cell, excel bool) []byte {
	switch f.Type {
	case Date:
		return appendDate(b, model.Date(c.N))
	case Integer:
		if c.N == 0 {
			return b
		}
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
			return appendSafe(b, strings.Join(c.L, ListSep))
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
		b = appendJSONString(b, f.Name)
		b = append(b, ':')
		b = appendJSONValue(b, f.Type, row[j])
	}
	return b
}

func appendJSONValue(b []byte, t Type, c Cell) []byte {
	switch t {
	case Date:
		if c.N == 0 {
			return append(b, "null"...)
		}
		b = append(b, '"')
		b = appendDate(b, model.Date(c.N))
		return append(b, '"')
	case Integer:
		if c.N == 0 {
			return append(b, "null"...)
		}
		return strconv.AppendInt(b, c.N, 10)
	case Boolean:
		return strconv.AppendBool(b, c.N != 0)
	case Number:
		if c.S == "" {
			return append(b, "null"...)
		}
		return append(b, c.S...)
	case Array:
		if len(c.L) == 0 {
			return append(b, "[]"...)
		}
		return appendJSONArray(b, c.L)
	}
	if c.S == "" {
		return append(b, "null"...)
	}
	return appendJSONString(b, c.S)
}

func appendJSONArray(b []byte, l []string) []byte {
	b = append(b, '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as a JSON string, keeping non-ASCII text as
// UTF-8; control characters, U+2028/2029 and invalid bytes are escaped or
// replaced, so every line of a .jsonl file is one record.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
