package model

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// SameLicence reports whether two spellings of a 许可证编号 name one licence,
// as a reader of the certificate would take them: the register compares
// the number on a branch's row with its head office's, and the number a
// 吊销 or 注销 names with the licences the agency held, and a number
// retyped for one row is often not written as it was for another —
// 粤人社派许字〔2024〕第0015号 and 粤人社派许字(2024)15号, or 440106202400015
// and 4401 0620 2400 015 — while read as two licences, a branch of a
// revoked agency was published as licensed by its own 新许可, and a 注销 of
// an old certificate ended the licence in force. LicenceKey says what is
// compared.
func SameLicence(a, b string) bool {
	if a == b {
		return true
	}
	if a == "" || b == "" {
		return false
	}
	// the keys in buffers on the stack: the register compares numbers
	// for every decision of every agency
	var ka, kb [96]byte
	k := AppendLicenceKey(ka[:0], a)
	return len(k) > 0 && string(k) == string(AppendLicenceKey(kb[:0], b)) // marks alone are no number
}

// SameDocNo reports whether two spellings of a 决定文书号 name one document:
// compared as a licence number is (LicenceKey), an issuer's abbreviation,
// a year and a number whatever brackets, 第, 号, widths and padding zeros
// they are written with (穗人社罚〔2024〕8号, 穗人社罚[2024]第08号).
func SameDocNo(a, b string) bool { return SameLicence(a, b) }

// LicenceKey is what SameLicence compares of a licence number, for a map
// keyed by licence: its ideographs and letters (width-folded, letters in
// upper case) and its numbers, without a label before a colon
// (许可证编号：), without 第, 字 and 号, and without the brackets, spaces,
// dashes and other marks between its parts. A number of digits alone is
// one number however it was grouped, without the zeros it was padded
// with; in a number with words, each run of digits is a number of its own
// (〔2024〕15 is not 〔202〕415), without its padding zeros. A number of
// digits alone with no leading zero, the most common form, is its own key
// (no allocation).
func LicenceKey(no string) string {
	if PlainLicence(no) {
		return no
	}
	return string(AppendLicenceKey(nil, no))
}

// AppendLicenceKey appends no's LicenceKey to dst.
func AppendLicenceKey(dst []byte, no string) []byte {
	if PlainLicence(no) {
		return append(dst, no...)
	}
	if i := strings.LastIndexByte(no, ':'); i >= 0 {
		no = no[i+1:]
	}
	if i := strings.LastIndex(no, "："); i >= 0 {
		no = no[i+len("："):]
	}
	no = dropLicenceLabel(no)
	words := strings.IndexFunc(no, func(r rune) bool { return isLicenceWord(foldRune(r)) }) >= 0
	inRun, zeros := false, false // within a run of digits; the run so far is zeros only
	endRun := func() {
		if inRun && zeros {
			dst = append(dst, '0')
		}
		if inRun && words {
			dst = append(dst, '~')
		}
		inRun = false
	}
	for _, r := range no {
		r = foldRune(r)
		switch {
		case '0' <= r && r <= '9':
			if !inRun {
				// a number of digits alone is one run, its groups
				// joined: only a number with words has several
				inRun, zeros = true, true
			}
			if zeros && r == '0' {
				continue
			}
			zeros = false
			dst = append(dst, byte(r))
		case isLicenceWord(r):
			endRun()
			dst = utf8.AppendRune(dst, unicode.ToUpper(r))
		case words:
			endRun()
		}
	}
	endRun()
	return dst
}

// licenceLabels are the words that may name a licence number before it
// without a colon — No.440106…, 编号 440106…, 许可证编号440106… — as
// LicenceKey spells them: upper case, without 号, 第 and 字.
var licenceLabels = []string{"NO", "编", "证", "证书", "证书编", "证编", "许可证", "许可证编", "许可证码", "许可编"}

// namedLabels are the labels ending in 号 that may stand right before a
// number with words of its own (许可证编号粤人社派许字…): a key, which has
// no 号, never begins with one.
var namedLabels = []string{"许可证编号", "许可证号码", "许可证号", "许可编号", "证书编号", "证书号", "证号", "编号"}

// dropLicenceLabel returns no after a label: one ending in 号 at its start
// (namedLabels), or one that stands right before its digits — its words up
// to the first digit, read as LicenceKey reads them (marks between them
// left out), are a label and nothing more. So a number whose words are
// not all a label (No.粤…) keeps them, and a key, which never begins with
// a label, is its own key.
func dropLicenceLabel(no string) string {
	trimmed := strings.TrimLeft(no, " \u3000")
	for _, l := range namedLabels {
		if rest, ok := strings.CutPrefix(trimmed, l); ok && strings.TrimSpace(rest) != "" {
			no = rest
			break
		}
	}
	var buf [24]byte
	prefix := buf[:0]
	for i, r := range no {
		r = foldRune(r)
		switch {
		case '0' <= r && r <= '9':
			if slices.Contains(licenceLabels, string(prefix)) {
				return no[i:]
			}
			return no
		case isLicenceWord(r):
			if len(prefix)+utf8.RuneLen(r) > len(buf) {
				return no
			}
			prefix = utf8.AppendRune(prefix, unicode.ToUpper(r))
		}
	}
	return no
}

// PlainLicence reports whether no is ASCII digits alone, the first not 0:
// the most common form of a licence number, its own LicenceKey.
func PlainLicence(no string) bool { return no != "" && no[0] != '0' && isDigits(no) }

// isLicenceWord reports whether r is a letter of a licence number's words:
// a letter or ideograph but 第, 字, 号 (號).
func isLicenceWord(r rune) bool {
	switch r {
	case '第', '字', '号', '號':
		return false
	}
	return unicode.IsLetter(r)
}

// foldRune is r at its canonical width (width.Fold): a full-width digit
// or letter as ASCII.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	var b [utf8.UTFMax]byte
	p, _ := width.Lookup(utf8.AppendRune(b[:0], r))
	if f := p.Folded(); f != 0 {
		return f
	}
	return r
}
