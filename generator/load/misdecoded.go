package load

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"

	"portal/generator/diag"
)

// A cell can be valid text and still not the text that was typed: UTF-8
// read as GBK (Excel on Chinese Windows opening a UTF-8 CSV; a database
// client set to the wrong character set) turns 广州市 into 骞垮窞甯, and
// GBK or UTF-8 read as Latin-1 turns it into ¹ãÖÝÊÐ or å¹¿å·žå¸‚. Saved
// again, the damage is in the file's own encoding, which then reads
// cleanly. Published, such a name is one no one can type: a person who
// searches for the agency by the name on its business licence is told it
// is not in the register. A cell damaged so is refused, with what it
// reads when decoded right.

// misread refuses a cell whose text was damaged by a wrong reading
// (misdecoded), saying what it reads decoded right, or that holds the
// replacement character U+FFFD, which a reading leaves where it lost a
// character.
func misread(file string, line, col int, field, v string, d *diag.List) {
	if right, m, ok := misdecoded(v); ok {
		d.Add(diag.Diagnostic{File: file, Line: line, Col: col, Field: field, Value: v, Severity: diag.Error,
			Msg:  fmt.Sprintf("the text, written in %s, was read as %s and saved so: decoded right it reads %q; published as it is, no one could find it by the words it stands for", m.written, m.readAs, right),
			Hint: "export the table again from the system that keeps it, as CSV UTF-8 or .xlsx (a file opened in Excel in the wrong encoding and saved again keeps the damage: use the export itself)"})
		return
	}
	if at := strings.IndexRune(v, utf8.RuneError); at >= 0 {
		d.Add(diag.Diagnostic{File: file, Line: line, Col: col, Field: field, Value: v, Severity: diag.Error,
			Msg:  fmt.Sprintf("holds the replacement character U+FFFD at its character %d: a character was lost when the export was read in the wrong encoding", utf8.RuneCountInString(v[:at])+1),
			Hint: "export the table again from the system that keeps it, as CSV UTF-8 or .xlsx, and check the cell against the record"})
	}
}

// misreadHeader reports a header whose first damaged heading
// (misdecoded) says the whole file was read the wrong way, and whether
// it did: its columns are then neither unknown nor missing, but
// unreadable until the file is exported again.
func misreadHeader(file string, line int, raw []string, d *diag.List) bool {
	for _, h := range raw {
		if right, m, ok := misdecoded(strings.TrimSpace(h)); ok {
			d.Add(diag.Diagnostic{File: file, Line: line, Value: h, Severity: diag.Error, Table: true,
				Msg:  fmt.Sprintf("the heading %q, written in %s, was read as %s and saved so: decoded right it reads %q; the file's other headings and cells are most likely damaged the same way, and its columns cannot be told", h, m.written, m.readAs, right),
				Hint: "export the table again from the system that keeps it, as CSV UTF-8 or .xlsx (a file opened in Excel in the wrong encoding and saved again keeps the damage: use the export itself)"})
			return true
		}
	}
	return false
}

// misreading is one way text is damaged: the bytes it was written in
// (written) read as another encoding (readAs).
type misreading struct {
	written string // the encoding the bytes were in
	readAs  string // the encoding they were read as
	back    encoding.Encoding
	forth   func([]byte) (string, bool) // the bytes decoded as written
}

var misreadings = []misreading{
	{"UTF-8", "GBK", simplifiedchinese.GBK, fromUTF8}, // GBK as Windows has it: € at 0x80
	{"UTF-8", "GB18030", simplifiedchinese.GB18030, fromUTF8},
	{"UTF-8", "Latin-1 (Windows-1252)", charmap.Windows1252, fromUTF8},
	{"GBK", "Latin-1 (Windows-1252)", charmap.Windows1252, fromGB18030},
}

// misdecoded reports whether v is text damaged by one of misreadings, and
// what it reads when decoded right. Only text that reads back as three
// Chinese characters or more, nearly all common ones, with few bytes lost
// (a byte a misreading had no place for is: 鏂拌?稿彲), counts: an ordinary
// name or address never reads as Chinese when its bytes are decoded
// another way. Cheap for ordinary text: a character that no misreading makes
// (mayBeMisread) ends the look at once.
func misdecoded(v string) (right string, m misreading, ok bool) {
	if len(v) < 6 || !mayBeMisread(v) {
		return "", m, false
	}
	v = strings.ReplaceAll(v, "\uFFFD", "?") // a byte lost: a character of its own
	for _, m = range misreadings {
		b, err := m.back.NewEncoder().String(v)
		if err != nil {
			continue // a character the reading could not have made
		}
		if s, ok := m.forth([]byte(b)); ok {
			return s, m, true
		}
	}
	return "", misreading{}, false
}

// mayBeMisread reports whether every character of v that is not ASCII
// is one a misreading makes: a Latin-1 letter or sign, or a Chinese
// character (or a GBK sign) whose two GBK bytes are both among those
// UTF-8 writes a Chinese character with (its first byte E0–EF, the others
// 80–BF), or the replacement character a reading leaves for a byte it had
// no place for. Half or more of v's characters must be such.
func mayBeMisread(v string) bool {
	i := 0
	for i < len(v) && v[i] < utf8.RuneSelf {
		i++
	}
	if i == len(v) {
		return false // ASCII: codes, dates, numbers
	}
	gbkOnce.Do(gbkMake)
	n, other := 0, i
	for _, r := range v[i:] {
		switch {
		case r < utf8.RuneSelf:
			other++
		case r <= 0xFFFF && gbkMade[r>>6]&(1<<(r&63)) != 0, r <= 0xFF:
			n++
		case r == utf8.RuneError:
		case r < 0x2200 && cp1252[r]:
			n++
		default:
			return false
		}
	}
	return n >= 3 && n >= other
}

// gbkMade marks the characters whose GBK bytes are both in 0x80–0xBF or
// 0xE0–0xEF (the second may also be ASCII): those a UTF-8 text read as
// GBK is made of.
var (
	gbkMade [0x10000 / 64]uint64
	gbkOnce sync.Once
)

// gb2312 marks the Chinese characters of GB 2312 (rows 16–87).
var gb2312 [0x10000 / 64]uint64

func gbkMake() {
	dec := simplifiedchinese.GBK.NewDecoder()
	for hi := 0xB0; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			s, err := dec.String(string([]byte{byte(hi), byte(lo)}))
			if r, n := utf8.DecodeRuneInString(s); err == nil && n == len(s) && r != utf8.RuneError && r <= 0xFFFF {
				gb2312[r>>6] |= 1 << (r & 63)
			}
		}
	}
	in := func(c byte) bool { return c >= 0x80 && c <= 0xBF || c >= 0xE0 && c <= 0xEF }
	for hi := 0x80; hi <= 0xEF; hi++ {
		for lo := 0x40; lo <= 0xEF; lo++ {
			// the second byte may be an ASCII character after a Chinese
			// one's last byte (广A: E5 B9 BF 41 reads as two characters)
			if !in(byte(hi)) || !in(byte(lo)) && lo > 0x7E {
				continue
			}
			s, err := dec.String(string([]byte{byte(hi), byte(lo)}))
			if err != nil {
				continue
			}
			if r, n := utf8.DecodeRuneInString(s); n == len(s) && r != utf8.RuneError && r <= 0xFFFF {
				gbkMade[r>>6] |= 1 << (r & 63)
			}
		}
	}
}

// cp1252 are the characters Windows-1252 has at 0x80–0x9F, where Latin-1
// has control characters.
var cp1252 = map[rune]bool{'€': true, '‚': true, 'ƒ': true, '„': true, '…': true, '†': true, '‡': true, 'ˆ': true,
	'‰': true, 'Š': true, '‹': true, 'Œ': true, 'Ž': true, '‘': true, '’': true, '“': true, '”': true, '•': true,
	'–': true, '—': true, '˜': true, '™': true, 'š': true, '›': true, 'œ': true, 'ž': true, 'Ÿ': true}

// fromUTF8 decodes b as UTF-8 when it reads as Chinese text: three or more
// Chinese characters, and few bytes lost (fewLost).
func fromUTF8(b []byte) (string, bool) {
	out := make([]rune, 0, len(b)/3+1)
	han, lost := 0, 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		i += n
		if r == utf8.RuneError {
			lost++
			continue
		}
		if unicode.Is(unicode.Han, r) {
			han++
		}
		out = append(out, r)
	}
	return string(out), fewLost(lost, han) && readsAsChinese(out, han)
}

// fewLost reports whether lost bytes are few beside han Chinese
// characters read back: a reading that had no place for a byte lost it (a
// name's last byte when it has an odd number: 有限公?), and each such loss
// leaves a byte or two that are no character; text that is not damaged so
// reads back as a few characters among many more bytes that are not one.
func fewLost(lost, han int) bool { return lost <= max(2, han) }

// fromGB18030 decodes b as GBK/GB18030 when it reads as Chinese text.
func fromGB18030(b []byte) (string, bool) {
	s, err := simplifiedchinese.GB18030.NewDecoder().String(string(b))
	if err != nil {
		return "", false
	}
	rs := make([]rune, 0, len(s))
	han, lost := 0, 0
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			lost++
			continue
		case unicode.Is(unicode.Han, r):
			han++
		}
		rs = append(rs, r)
	}
	return string(rs), fewLost(lost, han) && readsAsChinese(rs, han)
}

// readsAsChinese reports whether text of runes, han of them Chinese
// characters, is Chinese: three or more of them, four in five of them
// among the 6,763 of GB 2312 (the characters of everyday writing, which
// bytes decoded the wrong way seldom make), and no character a name, an
// address or a sentence does not hold (a control character, one of a
// private use area).
func readsAsChinese(rs []rune, han int) bool {
	if han < 3 {
		return false
	}
	common := 0
	for _, r := range rs {
		if unicode.IsControl(r) || unicode.Is(unicode.Co, r) || r == utf8.RuneError {
			return false
		}
		if r <= 0xFFFF && gb2312[r>>6]&(1<<(r&63)) != 0 {
			common++
		}
	}
	return common*5 >= han*4
}
