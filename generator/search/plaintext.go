package search

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/registry"
)

// textAnalyzerType is the type of the text analyzer: bleve's custom
// analyzer (its char filters, tokenizer and token filters) with a short
// way for plain text (plainTokens).
const textAnalyzerType = "portal_text_plain_first"

// plainFirst is a custom analyzer that makes the tokens of plain text
// itself, the same tokens the chain would make.
type plainFirst struct {
	chain analysis.Analyzer
}

func (p plainFirst) Analyze(input []byte) analysis.TokenStream {
	if ts, ok := plainTokens(input); ok {
		return ts
	}
	return p.chain.Analyze(input)
}

func init() {
	err := registry.RegisterAnalyzer(textAnalyzerType, func(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
		chain, err := custom.AnalyzerConstructor(config, cache)
		if err != nil {
			return nil, err
		}
		return plainFirst{chain}, nil
	})
	if err != nil {
		panic(err)
	}
}

// plainTokens are the text analyzer's tokens of in when in is one or more
// CJK ideographs of the two main blocks that are not traditional ones
// (fold.go), as most names, regions and statuses are — the blocks as far
// as the tokenizer's tables know them (Unicode 8.0, blevesearch/segment:
// a later character such as U+4DB6 it drops): every char filter
// leaves those as they are (NFKC, the fold, marks), the tokenizer makes
// each a token, width and case leave them, and the bigram filter makes
// each character and each pair side by side, numbered as bleve numbers
// them — c1 at 1, c1c2 at 1, c2 at 2, c2c3 at 2 … the last character
// alone. The terms are slices of in. false for any other text
// (FuzzAnalysis holds them equal to the chain's).
func plainTokens(in []byte) (analysis.TokenStream, bool) {
	n := plainChars(in)
	if n == 0 {
		return nil, false
	}
	slab := make([]analysis.Token, 0, 2*n-1)
	out := make(analysis.TokenStream, 0, 2*n-1)
	add := func(t analysis.Token) {
		slab = append(slab, t)
		out = append(out, &slab[len(slab)-1])
	}
	plainSpans(n, func(start, end, pos int) {
		typ := analysis.Single
		if end-start > 3 {
			typ = analysis.Double
		}
		add(analysis.Token{Term: in[start:end:end], Start: start, End: end, Position: pos, Type: typ})
	})
	return out, true
}

// plainSpans calls f with the byte span and position of each token of n
// plain characters (plainChars), in the chain's order: each character,
// then the pair it begins.
func plainSpans(n int, f func(start, end, pos int)) {
	for k := range n {
		at := 3 * k
		f(at, at+3, k+1)
		if k+1 < n {
			f(at, at+6, k+1)
		}
	}
}

// plainChars is how many characters in has when it is plain text as
// plainTokens takes it, 0 when it is not. Every character of the two
// blocks is three bytes in UTF-8, decoded here as utf8.DecodeRune decodes
// it: an overlong form or a surrogate decodes outside the blocks.
func plainChars[T string | []byte](in T) int {
	if len(in) == 0 || len(in)%3 != 0 {
		return 0
	}
	m := t2s()
	for i := 0; i < len(in); i += 3 {
		b0, b1, b2 := in[i], in[i+1], in[i+2]
		if b0&0xF0 != 0xE0 || b1&0xC0 != 0x80 || b2&0xC0 != 0x80 {
			return 0
		}
		r := rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F)
		if !(0x4E00 <= r && r <= 0x9FD5 || 0x3400 <= r && r <= 0x4DB5) {
			return 0
		}
		if _, traditional := m[r]; traditional {
			return 0
		}
	}
	return len(in) / 3
}
