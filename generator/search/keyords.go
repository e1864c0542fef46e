package search

// keyOrds maps keys to the ascending ords of the documents that have
// them, as the x/ shards list them. Most keys (a code, a licence number, a
// name) belong to one document: a map of their first ords holds no
// pointer but the key's, and only keys of more documents have a list; at
// 200,000 agencies a slice a key was about 1.2 million small objects and
// 40 MB more, live through the search stage.
type keyOrds struct {
	first map[string]uint32
	more  map[string][]uint32 // the ords after the first
}

// newKeyOrds is an empty keyOrds for at most n keys: made at its size,
// the map is not grown (at 200,000 agencies, growing the maps a key at a
// time took 2.5 CPU-s, on one core).
func newKeyOrds(n int) keyOrds {
	return keyOrds{first: make(map[string]uint32, n), more: map[string][]uint32{}}
}

// add adds o to k's ords, o at least the last added; false when o is
// the last already (a document with the key twice).
func (m keyOrds) add(k string, o uint32) bool {
	f, ok := m.first[k]
	if !ok {
		m.first[k] = o
		return true
	}
	if l := m.more[k]; len(l) > 0 && l[len(l)-1] == o || len(l) == 0 && f == o {
		return false
	}
	m.more[k] = append(m.more[k], o)
	return true
}

// has reports whether any document has k, and the first that does.
func (m keyOrds) has(k string) (uint32, bool) {
	f, ok := m.first[k]
	return f, ok
}

// appendOrds appends k's ords to dst.
func (m keyOrds) appendOrds(dst []uint32, k string) []uint32 {
	f, ok := m.first[k]
	if !ok {
		return dst
	}
	return append(append(dst, f), m.more[k]...)
}

// keys calls yield for every key, in no order.
func (m keyOrds) keys(yield func(string) bool) {
	for k := range m.first {
		if !yield(k) {
			return
		}
	}
}
