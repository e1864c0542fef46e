package opendata

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"sync"
)

// SumsFile lists the SHA-256 of every other file under /data/, in the
// format `sha256sum -c` reads: run it inside the data directory.
const SumsFile = Dir + "SHA256SUMS"

// Sums passes files on to a sink and remembers the SHA-256 of every file
// under /data/ (the datasets and the catalogue pages alike), so that
// SHA256SUMS can be written last.
type Sums struct {
	Sink
	mu   sync.Mutex
	sums map[string]string // path below data/ → hex SHA-256
}

// NewSums wraps sink.
func NewSums(sink Sink) *Sums { return &Sums{Sink: sink, sums: map[string]string{}} }

// Add publishes a file, hashing it when it is under /data/.
func (s *Sums) Add(path string, data []byte) error {
	if !strings.HasPrefix(path, Dir) {
		return s.Sink.Add(path, data)
	}
	sum := sha256.Sum256(data)
	return s.addSum(path, data, hex.EncodeToString(sum[:]))
}

func (s *Sums) addSum(path string, data []byte, sum string) error {
	s.record(path, sum)
	return s.Sink.Add(path, data)
}

// Keep carries files over from the previous output when the sink can
// (publish.Tx.Keep) — never files under /data/, whose hashes SHA256SUMS
// needs.
func (s *Sums) Keep(paths ...string) (bool, error) {
	k, ok := s.Sink.(keeper)
	if !ok || slices.ContainsFunc(paths, func(p string) bool { return strings.HasPrefix(p, Dir) }) {
		return false, nil
	}
	return k.Keep(paths...)
}

// record notes the hash of a file published under /data/.
func (s *Sums) record(path, sum string) {
	if strings.HasPrefix(path, Dir) {
		s.mu.Lock()
		s.sums[strings.TrimPrefix(path, Dir)] = sum
		s.mu.Unlock()
	}
}

// WriteSums publishes SHA256SUMS; call it after every file under /data/.
func (s *Sums) WriteSums() error {
	s.mu.Lock()
	names := make([]string, 0, len(s.sums))
	for n := range s.sums {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		b.WriteString(s.sums[n])
		b.WriteString("  ")
		b.WriteString(n)
		b.WriteByte('\n')
	}
	s.mu.Unlock()
	return s.Sink.Add(SumsFile, []byte(b.String()))
}
