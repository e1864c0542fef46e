package search

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// bigrams is bleve's cjk_bigram token filter with output_unigram set
// (analysis/lang/cjk: each run of ideographs as its characters and the
// pairs of them side by side, every other token as it is), step for step
// the same — the same tokens, terms, types, offsets and positions
// (FuzzBigramsAsBleve holds them equal) — but with its tokens and the
// pairs' bytes allocated a few at a time, not each on its own through a
// container/ring (7.4M of the 28.6M allocations of indexing the 50k set,
// which every build's static index and every cold portal search pay).
type bigrams struct{}

// bigramRing is bleve's ring of two tokens: the last character seen is
// at[cur], the one before it at[cur^1].
type bigramRing struct {
	at  [2]analysis.Token
	cur int
	n   int // items in the ring
}

func (bigrams) Filter(input analysis.TokenStream) analysis.TokenStream {
	runes, chars := 0, 0
	for _, t := range input {
		if t.Type == analysis.Ideographic {
			runes += utf8.RuneCount(t.Term)
			chars += len(t.Term)
		}
	}
	if runes == 0 {
		// bleve's filter renumbers the tokens
		for i, t := range input {
			t.Position = i + 1
		}
		return input
	}
	// out of each character at most a character and a pair; a flush or
	// the end at most one more each
	slab := make([]analysis.Token, 0, 2*runes+len(input)+1)
	pairs := make([]byte, 0, 2*chars)
	token := func(t analysis.Token) *analysis.Token {
		slab = append(slab, t)
		return &slab[len(slab)-1]
	}
	unigram := func(r *bigramRing, pos int) *analysis.Token {
		var prev *analysis.Token
		switch r.n {
		case 2:
			prev = &r.at[r.cur^1]
		case 1:
			prev = &r.at[r.cur]
		default:
			return nil
		}
		return token(analysis.Token{Type: analysis.Single, Term: prev.Term, Position: pos, Start: prev.Start, End: prev.End})
	}
	flush := func(r *bigramRing, pos int) *analysis.Token {
		var out *analysis.Token
		if r.n == 1 {
			out = unigram(r, pos)
		}
		r.at[r.cur] = analysis.Token{}
		r.n = 0
		return out
	}
	var r bigramRing
	pos, outputPos := 1, 1
	rv := make(analysis.TokenStream, 0, len(input))
	for _, tokout := range input {
		if tokout.Type != analysis.Ideographic {
			if t := flush(&r, outputPos); t != nil {
				rv = append(rv, t)
				outputPos++
			}
			tokout.Position = outputPos
			rv = append(rv, tokout)
			outputPos++
			continue
		}
		// as bleve: the runes decoded one after another, each a slice of
		// its utf8.RuneLen from where the last ended
		sofar := 0
		for next := 0; next < len(tokout.Term); {
			run, w := utf8.DecodeRune(tokout.Term[next:])
			next += w
			rlen := utf8.RuneLen(run)
			c := analysis.Token{Term: tokout.Term[sofar : sofar+rlen], Start: tokout.Start + sofar,
				End: tokout.Start + sofar + rlen, Position: pos, Type: tokout.Type, KeyWord: tokout.KeyWord}
			pos++
			sofar += rlen
			if r.n > 0 && c.Start-r.at[r.cur].End != 0 {
				if t := flush(&r, outputPos); t != nil {
					outputPos++
					rv = append(rv, t)
				}
			}
			r.cur ^= 1
			r.at[r.cur] = c
			if r.n < 2 {
				r.n++
			}
			built := false
			if r.n > 1 {
				if t := unigram(&r, outputPos); t != nil {
					built = true
					rv = append(rv, t)
				}
			}
			if r.n == 2 {
				prev, curr := &r.at[r.cur^1], &r.at[r.cur]
				start := len(pairs)
				pairs = append(append(pairs, prev.Term...), curr.Term...)
				rv = append(rv, token(analysis.Token{Type: analysis.Double, Term: pairs[start:len(pairs):len(pairs)],
					Position: outputPos, Start: prev.Start, End: curr.End}))
				outputPos++
			}
			if built {
				r.n--
			}
		}
	}
	// the last character (bleve's filter first steps the ring on when it
	// holds two, which with output_unigram it never does here: a
	// character is made whenever it holds two, and dropped from it)
	if t := unigram(&r, outputPos); t != nil {
		rv = append(rv, t)
	}
	return rv
}
