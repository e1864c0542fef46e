package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"io"
	"os"
)

// Carry publishes, at path, the file src of an earlier release (an
// archive that must never change once published): hard-linked when it
// can be, copied otherwise, its bytes never rewritten. sha256 is the
// file's hex SHA-256 as an earlier checksum file listed it, which a path
// under the Checksums prefix is listed with. The file is read once, here:
// one that no longer has that checksum is refused, so a release never
// vouches for an archive someone changed after it was published.
func (t *Tx) Carry(path, src, sha256hex string) error {
	st, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("publish: %v", err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("publish: %s is not a regular file", src)
	}
	dst, _, err := t.reserve(path, st.Size())
	if err != nil {
		return err
	}
	if err := t.place(dst); err != nil {
		return fmt.Errorf("publish: %v", err)
	}
	if os.Link(src, dst) != nil {
		if err := copyFile(dst, src); err != nil {
			return fmt.Errorf("publish: carrying %s: %v", path, err)
		}
	}
	if err := t.hashCarried(path, dst, sha256hex); err != nil {
		return err
	}
	t.countAs(path, false, false, FileStat{}) // linked from src, not from the previous release's path
	return nil
}

// hashCarried reads a carried file once for what the Tx records of it.
func (t *Tx) hashCarried(path, dst, sha256hex string) error {
	m, sum, err := hashFile(dst)
	if err != nil {
		return fmt.Errorf("publish: %v", err)
	}
	t.record(path, m)
	if sha256hex != "" && hex.EncodeToString(sum) != sha256hex {
		return fmt.Errorf("publish: %s does not match the checksum an earlier release listed for it (%s): the archive was changed after it was published; restore it or remove it", path, sha256hex)
	}
	if t.checksummed(path) {
		t.recordSHA(path, sum)
	}
	return nil
}

// hashFile reads the regular file at path once for its Sum (size and
// maphash, as the manifest has it) and its SHA-256.
func hashFile(path string) (Sum, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return Sum{}, nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return Sum{}, nil, fmt.Errorf("%s is not a regular file", path)
	}
	var h maphash.Hash
	h.SetSeed(seed)
	s := sha256.New()
	n, err := io.Copy(io.MultiWriter(&h, s), f)
	if err != nil {
		return Sum{}, nil, err
	}
	return Sum{n, h.Sum64()}, s.Sum(nil), nil
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
