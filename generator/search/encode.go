package search

import (
	"encoding/binary"
	"hash/fnv"
)

// Field is where in a document a term was found; postings are kept per
// field so that the ranking can tell a current-name match from the rest.
type Field uint8

const (
	FieldName   Field = iota // current name or title
	FieldFormer              // 曾用名
	FieldOther               // region and status; a document's 文号, summary and body
	nFields
)

// Shard is the shard of a term or key among n (a power of two): FNV-1a
// (32-bit) of its UTF-8 bytes, modulo n. search-index.js computes the same.
func Shard(s string, n int) int { return int(shardHash(s) % uint32(n)) }

// shardHash is the FNV-1a hash Shard takes the remainder of.
func shardHash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// appendLen appends s as the static index holds a text or a list: its
// length (uvarint), then its bytes.
func appendLen[S ~string | ~[]byte](b []byte, s S) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// appendDeltas appends a sorted list as unsigned varints: the first value,
// then each gap to the previous.
func appendDeltas(b []byte, ords []uint32) []byte {
	prev := uint32(0)
	for i, o := range ords {
		if i == 0 {
			b = binary.AppendUvarint(b, uint64(o))
		} else {
			b = binary.AppendUvarint(b, uint64(o-prev))
		}
		prev = o
	}
	return b
}

// readDeltas reads n values written by appendDeltas, returning the rest of b.
func readDeltas(b []byte, n int) ([]uint32, []byte, bool) {
	out := make([]uint32, 0, n)
	prev := uint32(0)
	for i := range n {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, nil, false
		}
		b = b[k:]
		if i == 0 {
			prev = uint32(v)
		} else {
			prev += uint32(v)
		}
		out = append(out, prev)
	}
	return out, b, true
}

// Long posting lists live in their own file, in whichever of two forms is
// smaller: gaps as varints (form 0), or a bitmap from the first value on
// (form 1: varint first value, then bit i of byte j marks first+8j+i).
const (
	formDeltas = 0
	formBitmap = 1
)

func encodeLong(ords []uint32) []byte {
	deltas := appendDeltas([]byte{formDeltas}, ords)
	first, last := ords[0], ords[len(ords)-1]
	bitmapLen := 1 + binary.PutUvarint(make([]byte, binary.MaxVarintLen64), uint64(first)) + int(last-first)/8 + 1
	if len(deltas) <= bitmapLen {
		return deltas
	}
	b := binary.AppendUvarint([]byte{formBitmap}, uint64(first))
	bits := make([]byte, int(last-first)/8+1)
	for _, o := range ords {
		d := o - first
		bits[d/8] |= 1 << (d % 8)
	}
	return append(b, bits...)
}

// decodeLong reads a list written by encodeLong, however long it is.
func decodeLong(b []byte) ([]uint32, bool) {
	if len(b) == 0 {
		return nil, false
	}
	switch b[0] {
	case formDeltas:
		var out []uint32
		prev := uint32(0)
		for b = b[1:]; len(b) > 0; {
			v, k := binary.Uvarint(b)
			if k <= 0 {
				return nil, false
			}
			b = b[k:]
			if out == nil {
				prev = uint32(v)
			} else {
				prev += uint32(v)
			}
			out = append(out, prev)
		}
		return out, len(out) > 0
	case formBitmap:
		first, k := binary.Uvarint(b[1:])
		if k <= 0 {
			return nil, false
		}
		var out []uint32
		for j, c := range b[1+k:] {
			for i := range 8 {
				if c&(1<<i) != 0 {
					out = append(out, uint32(first)+uint32(8*j+i))
				}
			}
		}
		return out, len(out) > 0
	}
	return nil, false
}
