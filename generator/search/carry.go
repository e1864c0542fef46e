package search

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"portal/generator/catalogue"
	"portal/generator/internal/par"
)

// Made is a static index and what it was written from: the key of
// everything its files are made from (indexKey), the index, and its files'
// paths below Index.Dir. A later build whose documents give the same key
// carries those files over from the output instead of analysing,
// encoding and writing them again (WriteStaticFrom): a decision that
// changes nothing a search result shows — an address, a legal
// representative, an annual check of a year the card does not show —
// leaves the index as it was.
type Made struct {
	Key   string                `json:"key"`
	Index catalogue.SearchIndex `json:"index"`
	Files []string              `json:"files"`
}

// keeper is a sink that can carry files over from the previous output
// (publish.Tx.Keep).
type keeper interface {
	Keep(paths ...string) (bool, error)
}

// keyRun is how many documents one job of indexKey digests.
const keyRun = 4096

// indexKey digests everything the static index's files are made from:
// the format's parameters and, in order, each document as the index holds
// it — its kind, path, texts (name, former names, other texts), exact keys
// and former names' keys, and an agency's card (what its result shows) —
// and the provinces of s.json.
// The analysis and the encoding are the program's: a build carries files
// only from an output that the same program made.
func indexKey(ctx context.Context, docs []Doc) (string, error) {
	runs := make([][sha256.Size]byte, (len(docs)+keyRun-1)/keyRun)
	err := par.Each(ctx, len(runs), func(_, i int) error {
		h := sha256.New()
		cards := newCardWriter()
		var b []byte
		for o := i * keyRun; o < min(len(docs), (i+1)*keyRun); o++ {
			d := &docs[o]
			b = binary.AppendUvarint(b[:0], uint64(d.Kind))
			b = appendStrings(b, []string{d.Path})
			b = appendTexts(b, d)
			b = appendStrings(b, d.Keys)
			b = appendStrings(b, d.OldKeys)
			if d.Kind == KindAgency {
				b = cards.appendCard(b, d)
			} else {
				b = appendDocRecord(b, d)
			}
			h.Write(b)
		}
		// the cards name their verdict forms by number: the forms too
		forms, err := json.Marshal(cards.Forms)
		if err != nil {
			return err
		}
		h.Write(forms)
		h.Sum(runs[i][:0])
		return nil
	})
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "static index 1 docs %d inline %d list %d blockMin %d blockOrds %d chunk %d shard %d exact %d\n",
		len(docs), inlineMax, listInlineMax, blockMin, blockOrds, RecordChunk, shardTarget, exactTarget)
	for _, r := range runs {
		h.Write(r[:])
	}
	// s.json's provinces come from the agencies' regions but are in no
	// document's texts (a province renamed in regions.csv changes them alone)
	h.Write(appendStrings(nil, Provinces(docs)))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// appendStrings appends how many strings ss holds, then each one's length
// and bytes.
func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendLen(b, s)
	}
	return b
}

// carry keeps the files of prev, when its key is key and sink can carry
// files over; it reports whether it did.
func carry(sink Sink, prev *Made, key string) (bool, error) {
	k, ok := sink.(keeper)
	if prev == nil || prev.Key != key || !ok {
		return false, nil
	}
	paths := make([]string, len(prev.Files))
	for i, f := range prev.Files {
		paths[i] = prev.Index.Dir + f
	}
	return k.Keep(paths...)
}
