package verify

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

// Limits on what verify-data reads from a directory it is given: a
// published release is what it checks, and what it checks may be hostile
// (a SHA256SUMS line naming ../../dev/zero must not read forever).
const (
	maxMetaBytes = 16 << 20 // SHA256SUMS, datapackage.json
	maxFileBytes = 1 << 30  // a listed file datapackage.json gives no size for
)

// release is a published data directory opened for reading: only regular
// files inside it (os.Root: no "..", no absolute paths, no symlinks that
// lead out), never devices or pipes, never more than a limit.
type release struct {
	dir  string
	root *os.Root
}

func openRelease(dir string) (*release, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &release{dir: dir, root: root}, nil
}

func (r *release) Close() error { return r.root.Close() }

// openWith opens the release in dir and reads its metadata file meta
// (SHA256SUMS, datapackage.json), which every check starts from.
func openWith(dir, meta string) (*release, []byte, error) {
	rel, err := openRelease(dir)
	if err != nil {
		return nil, nil, err
	}
	raw, err := rel.read(meta, maxMetaBytes)
	if err != nil {
		rel.Close()
		return nil, nil, err
	}
	return rel, raw, nil
}

// open opens the regular file name (slash-separated, relative), refusing
// anything else.
func (r *release) open(name string) (*os.File, error) {
	if !fs.ValidPath(name) || name == "." {
		return nil, fmt.Errorf("%s: not a path inside %s", name, r.dir)
	}
	p := filepath.FromSlash(name)
	st, err := r.root.Lstat(p)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s)", name, st.Mode().Type())
	}
	f, err := r.root.Open(p)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() { // replaced since the Lstat
		f.Close()
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	return f, nil
}

// read reads the regular file name, at most limit bytes.
func (r *release) read(name string, limit int64) ([]byte, error) {
	f, err := r.open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, limit)
	}
	return b, nil
}

// hash is the SHA-256 of the regular file name, read as a stream of at
// most limit bytes, and its size.
func (r *release) hash(name string, limit int64) (string, int64, error) {
	f, err := r.open(name)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(f, limit+1))
	if err != nil {
		return "", n, err
	}
	if n > limit {
		return "", n, fmt.Errorf("%s: larger than %d bytes", name, limit)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// decoders read a precompressed copy, by its extension.
var decoders = map[string]func(io.Reader) (io.Reader, error){
	".gz": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
	".br": func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
}

// hashDecoded is the hex SHA-256 of the file name decompressed by dec,
// reading no more than limit bytes of its decompressed content.
func (r *release) hashDecoded(name string, dec func(io.Reader) (io.Reader, error), limit int64) (string, error) {
	f, err := r.open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	z, err := dec(f)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(z, limit+1))
	if err != nil {
		return "", err
	}
	if n > limit {
		return "", fmt.Errorf("decompresses to more than %d bytes", limit)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
