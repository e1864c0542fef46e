package model

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// HanYear reads a year as a document writes it, its four digits one by
// one in Chinese (二〇二四, 二零二四); a year in ASCII digits is not its to
// read.
func HanYear(s string) (int, bool) {
	if utf8.RuneCountInString(s) != 4 || strings.ContainsFunc(s, func(r rune) bool { return r < utf8.RuneSelf || r == '十' }) {
		return 0, false
	}
	return HanNumber(s)
}

// HanNumber reads a number written in digits (ASCII or full-width), in
// Chinese digits one by one (二〇二八), or in Chinese with 十 (三十一, 十二).
func HanNumber(s string) (int, bool) {
	const digits = "〇一二三四五六七八九"
	var ascii strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			ascii.WriteRune(r)
		case r >= '０' && r <= '９':
			ascii.WriteRune(r - '０' + '0')
		case r == '零':
			ascii.WriteByte('0')
		case r == '两':
			ascii.WriteByte('2')
		case strings.ContainsRune(digits, r):
			ascii.WriteByte(byte('0' + strings.IndexRune(digits, r)/len("〇")))
		case r == '十':
			return tens(s)
		default:
			return 0, false
		}
	}
	n, err := strconv.Atoi(ascii.String())
	return n, err == nil
}

// tens reads 十, 十二, 二十, 三十一.
func tens(s string) (int, bool) {
	before, after, _ := strings.Cut(s, "十")
	t, u := 1, 0
	if before != "" {
		var ok bool
		if t, ok = HanNumber(before); !ok || t > 9 {
			return 0, false
		}
	}
	if after != "" {
		var ok bool
		if u, ok = HanNumber(after); !ok || u > 9 {
			return 0, false
		}
	}
	return t*10 + u, true
}
