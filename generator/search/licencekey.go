package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"portal/generator/model"
)

// LicenceKey is what a licence number is also found by, so that it is
// found as people retype it from a certificate or a notice: without 第, 字
// or 号, without the brackets, spaces or dashes between its parts, and
// without the zeros a serial number is padded with — 粤人社派许字第0012号,
// 粤人社派许字12号 and 粤人社派许 0012 are one licence, and
// 京人社派许字〔2019〕00123号 is 京人社派许字〔2019〕第00123号. It is the
// number's letters and ideographs (NFKC) and its numbers, each without
// leading zeros and ended by ~, after ~l: a key no name or code has. A
// label before a colon (许可证编号：) is left out. "" when s holds no
// number. Search looks it up, keyed (Analysis.Key), when a query's own key
// finds nothing; search-index.js has the same (licenceKey).
func LicenceKey(s string) string {
	var b strings.Builder
	number := false
	s = norm.NFKC.String(s)
	s = s[strings.LastIndexByte(s, ':')+1:] // 许可证编号：…
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case '0' <= r && r <= '9':
			j := i
			for j < len(rs) && '0' <= rs[j] && rs[j] <= '9' {
				j++
			}
			for i < j-1 && rs[i] == '0' {
				i++
			}
			b.WriteString(string(rs[i:j]))
			b.WriteByte('~')
			number, i = true, j
			continue
		case r == '第' || r == '字' || r == '号' || r == '號':
		case unicode.IsLetter(r):
			b.WriteRune(r)
		}
		i++
	}
	if !number {
		return ""
	}
	return "~l" + b.String()
}

// appendLicenceKeys appends to keys the LicenceKeys of licence numbers
// that say more than the numbers' own keys: not those of a number of
// digits alone with no leading zero, the most common form, which its key
// finds (and which is told without working out its LicenceKey: every
// agency of a register has one).
func appendLicenceKeys(keys []string, nos ...string) []string {
	for _, no := range nos {
		if model.PlainLicence(no) {
			continue
		}
		if lk := LicenceKey(no); lk != "" && lk != "~l"+no+"~" {
			keys = append(keys, lk)
		}
	}
	return keys
}
