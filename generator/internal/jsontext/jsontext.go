// Package jsontext writes JSON strings without encoding/json's reflection:
// the one quoter of the open data (tables, agency records) and of the
// static search index, where millions of strings are written a build.
package jsontext

const hexDigits = "0123456789abcdef"

// jsonPlain marks the bytes that valid UTF-8 text can carry into a JSON
// string as they are; 0xE2 leads U+2028 and U+2029, which are escaped.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\' && c != 0xE2
	}
	return t
}()

// AppendString quotes s as a JSON string, keeping non-ASCII text as UTF-8
// and escaping control characters and U+2028/2029, so every line of a
// .jsonl file is one record and a string is safe in a script too. s is
// valid UTF-8, as every model string is (see package model); it is not
// checked again here, on the hot path.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if jsonPlain[c] {
			continue
		}
		if c == 0xE2 {
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
				i += 2
				start = i + 1
			}
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
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
