package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"slices"
	"strings"
)

// checksums is the SHA-256 list a Tx writes at Commit (Checksums).
type checksums struct {
	prefix, file string
	sums         map[string][sha256.Size]byte // path below prefix → SHA-256 (hex only when asked: fewer objects to keep)
	// sigFile, when set, is written at Commit with sign(the list's bytes)
	sigFile string
	sign    func(sums []byte) []byte
}

// SignChecksums makes Commit also write, at file (under the Checksums
// prefix, not listed in the checksum file), sign's signature of the
// checksum file's bytes. Call it after Checksums.
func (t *Tx) SignChecksums(file string, sign func(sums []byte) []byte) {
	t.sha.sigFile, t.sha.sign = file, sign
}

// Checksums makes the release carry, at file, the SHA-256 of every other
// file published under prefix (both slash paths below the site root, file
// under prefix), in the format `sha256sum -c` reads inside prefix. Each
// file is hashed as it is added or streamed; SHA256 gives its sum to the
// caller that must describe it (the open data's datapackage.json). Files
// under prefix cannot be kept from the previous release (Keep reports
// false). Call it before adding files.
func (t *Tx) Checksums(prefix, file string) {
	t.sha = &checksums{prefix: prefix, file: file, sums: map[string][sha256.Size]byte{}}
}

// Checksummed reports whether path gets a line in the checksum file
// (its SHA256 is known once it is added or its stream closed).
func (t *Tx) Checksummed(path string) bool { return t.checksummed(path) }

func (t *Tx) checksummed(path string) bool {
	return t.sha != nil && strings.HasPrefix(path, t.sha.prefix) && path != t.sha.file && (t.sha.sigFile == "" || path != t.sha.sigFile)
}

// newHash starts the hash of path, nil when it gets none.
func (t *Tx) newHash(path string) hash.Hash {
	if !t.checksummed(path) {
		return nil
	}
	return sha256.New()
}

func (t *Tx) recordSHA(path string, sum []byte) {
	t.mu.Lock()
	t.sha.sums[strings.TrimPrefix(path, t.sha.prefix)] = [sha256.Size]byte(sum)
	t.mu.Unlock()
}

// SHA256 is the hex SHA-256 of a file published under the Checksums
// prefix; false when there is none (yet).
func (t *Tx) SHA256(path string) (string, bool) {
	if !t.checksummed(path) {
		return "", false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	s, ok := t.sha.sums[strings.TrimPrefix(path, t.sha.prefix)]
	if !ok {
		return "", false
	}
	return hex.EncodeToString(s[:]), true
}

// writeChecksums adds the checksum file, when Checksums asked for one.
func (t *Tx) writeChecksums() error {
	if t.sha == nil {
		return nil
	}
	t.mu.Lock()
	names := make([]string, 0, len(t.sha.sums))
	for n := range t.sha.sums {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		sum := t.sha.sums[n]
		b.WriteString(hex.EncodeToString(sum[:]))
		b.WriteString("  ")
		b.WriteString(n)
		b.WriteByte('\n')
	}
	t.mu.Unlock()
	sums := []byte(b.String())
	if err := t.Add(t.sha.file, sums); err != nil {
		return err
	}
	if t.sha.sign != nil {
		return t.Add(t.sha.sigFile, t.sha.sign(sums))
	}
	return nil
}
