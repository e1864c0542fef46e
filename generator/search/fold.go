package search

import (
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// Names and queries in traditional characters (廣州穗安人力資源) are folded
// to simplified ones before they are analysed, so either finds the other.
// The fold is character by character, with the character OpenCC's t2s
// conversion gives each one alone (its TSCharacters table): the same in
// the browser, which gets, as the static index's s.json, the part of the
// table whose simplified characters occur in the index (the rest could not
// match anything anyway).

const t2sCharFilter = "portal_t2s"

// t2s maps each traditional character to its simplified one.
var t2s = sync.OnceValue(func() map[rune]rune {
	cc, err := opencc.New("t2s")
	if err != nil {
		panic("search: OpenCC t2s: " + err.Error()) // embedded data: a broken build
	}
	m := map[rune]rune{}
	for _, block := range [][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}} {
		for r := block[0]; r <= block[1]; r++ {
			out, err := cc.Convert(string(r))
			if err != nil {
				continue
			}
			if s, n := utf8.DecodeRuneInString(out); n == len(out) && s != r && s != utf8.RuneError {
				m[r] = s
			}
		}
	}
	return m
})

// foldT2S is the char filter that folds traditional characters.
type foldT2S struct{}

func (foldT2S) Filter(in []byte) []byte {
	m := t2s()
	for i := 0; i < len(in); {
		r, n := utf8.DecodeRune(in[i:])
		if _, ok := m[r]; ok {
			return foldFrom(in, i, m)
		}
		i += n
	}
	return in
}

// foldFrom folds in from byte i on, where the first traditional character is.
func foldFrom(in []byte, i int, m map[rune]rune) []byte {
	out := append(make([]byte, 0, len(in)), in[:i]...)
	for i < len(in) {
		r, n := utf8.DecodeRune(in[i:])
		if s, ok := m[r]; ok {
			out = utf8.AppendRune(out, s)
		} else {
			out = append(out, in[i:i+n]...)
		}
		i += n
	}
	return out
}

// foldShard is the part of the fold whose simplified characters occur in
// the index's terms, for search-index.js.
func foldShard(terms func(yield func(string) bool)) map[string]string {
	in := map[rune]bool{}
	for t := range terms {
		for _, r := range t {
			in[r] = true
		}
	}
	out := map[string]string{}
	for t, s := range t2s() {
		if in[s] {
			out[string(t)] = string(s)
		}
	}
	return out
}

func init() { charFilter(t2sCharFilter, foldT2S{}) }
