// Package textlist keeps many short texts — the paths of a release's
// files, the URLs of its sitemap — as one byte string and their ends: a
// list without pointers, which the collector does not scan. A build keeps
// such a list of a million files to its end, and as a million strings it
// was marked on every collection (BENCHMARKS.md, issue 14, session 25).
package textlist

// List is the texts added, in order. The zero List is empty.
type List struct {
	bytes []byte
	ends  []uint32 // text i is bytes[ends[i-1]:ends[i]]
}

// Add appends s.
func (l *List) Add(s string) {
	l.bytes = append(l.bytes, s...)
	l.ends = append(l.ends, uint32(len(l.bytes)))
}

// Len is how many texts were added.
func (l *List) Len() int { return len(l.ends) }

// At is text i, as bytes the list keeps: read, never change, them.
func (l *List) At(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = l.ends[i-1]
	}
	return l.bytes[start:l.ends[i]:l.ends[i]]
}

// String is text i.
func (l *List) String(i int) string { return string(l.At(i)) }
