package publish

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// Encoding is a content coding in which a file gets a precompressed
// sibling (register.csv.gz, register.csv.br) for a server to send as it
// is (nginx gzip_static, brotli_static), named as Content-Encoding names
// it (model.Codings).
type Encoding string

const (
	Gzip   Encoding = "gzip" // .gz
	Brotli Encoding = "br"   // .br
)

// Encodings are the codings Precompress knows, in the order siblings are written.
var Encodings = []Encoding{Gzip, Brotli}

// Ext is the file-name extension of e's siblings.
func (e Encoding) Ext() string {
	if e == Brotli {
		return ".br"
	}
	return ".gz"
}

// minCompressed is the size below which a file gets no sibling: a
// response that small gains less from compression than it costs.
const minCompressed = 1024

// compressibleExt are the kinds of file worth compressing: text. Images,
// archives, workbooks and office documents are compressed already.
var compressibleExt = map[string]bool{".html": true, ".css": true, ".js": true, ".json": true, ".jsonl": true,
	".csv": true, ".xml": true, ".svg": true, ".txt": true}

// compressible reports whether a file at path of size bytes gets
// precompressed siblings.
func compressible(p string, size int64) bool {
	return size >= minCompressed && compressibleExt[path.Ext(p)]
}

// Precompress makes the Tx write, beside every compressible file it
// publishes, one sibling per coding in encs (file.gz, file.br) holding
// the file's bytes compressed (gzip level 6, brotli quality 5: a file is
// compressed once and served many times). Only what changed is
// compressed: a file whose bytes equal the previous release's takes that
// release's siblings too. Siblings are not listed in SHA256SUMS (they are
// the same bytes in another coding; portal verify-data checks that they
// are). Call it before adding files; nil or empty writes no siblings.
func (t *Tx) Precompress(encs []Encoding) { t.encs = encs }

// siblings writes the siblings of the file staged at dst. data is its
// bytes, or nil to read them from dst when needed. When the file was
// carried over from old, old's siblings are linked where they exist.
func (t *Tx) siblings(p, dst, old string, size int64, data []byte, carried bool) error {
	if len(t.encs) == 0 || !compressible(p, size) {
		return nil
	}
	for _, e := range t.encs {
		if carried && t.kept(p+e.Ext()) && t.had(p+e.Ext(), old+e.Ext()) {
			if st, err := os.Lstat(dst + e.Ext()); err == nil && st.Mode().IsRegular() {
				t.countSibling(p+e.Ext(), st.Size(), false, FileStat{})
				continue
			} // the previous release has none: made below
		}
		if err := t.place(dst + e.Ext()); err != nil {
			return fmt.Errorf("publish: %v", err)
		}
		if carried && os.Link(old+e.Ext(), dst+e.Ext()) == nil {
			if st, err := os.Stat(dst + e.Ext()); err == nil {
				t.countSibling(p+e.Ext(), st.Size(), false, FileStat{})
			}
			continue
		}
		if data == nil {
			var err error
			if data, err = os.ReadFile(dst); err != nil {
				return fmt.Errorf("publish: %v", err)
			}
		}
		z := compress(e, data)
		n := int64(z.Len())
		st, err := writeFile(dst+e.Ext(), z.Bytes())
		bufPool.Put(z)
		if err != nil {
			return fmt.Errorf("publish: %v", err)
		}
		t.countSibling(p+e.Ext(), n, true, st)
	}
	return nil
}

// countSibling adds the sibling p of size bytes (st: its stat, when
// known) to the report: to Bytes, and to Compressed when it was made here
// rather than carried over.
func (t *Tx) countSibling(p string, size int64, made bool, st FileStat) {
	had := t.oldHas != nil && t.oldHas(p)
	t.mu.Lock()
	t.list(p, !made, st)
	k := keyOf(p)
	if _, dup := t.seen[k]; !dup { // not reserved, but published (sweep)
		t.seen[k] = struct{}{}
		t.tally(p, had)
	}
	t.rep.Bytes += size
	if made {
		t.rep.Compressed++
		t.fresh(p)
	}
	t.mu.Unlock()
}

// encoder is what compress needs of a gzip or brotli writer: both reset
// onto a new destination, so one is kept per worker (sync.Pool) rather
// than made per file (a brotli writer's tables are large).
type encoder interface {
	io.WriteCloser
	Reset(io.Writer)
}

var (
	bufPool  = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	encoders = map[Encoding]*sync.Pool{
		Gzip:   {New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, 6); return w }},
		Brotli: {New: func() any { return brotli.NewWriterLevel(io.Discard, 5) }},
	}
)

// compress returns data in coding e, in a buffer of bufPool. The gzip
// header carries no name or time, so equal bytes compress to equal bytes.
func compress(e Encoding, data []byte) *bytes.Buffer {
	b := bufPool.Get().(*bytes.Buffer)
	b.Reset()
	pool := encoders[e]
	w := pool.Get().(encoder)
	w.Reset(b)
	w.Write(data) // a bytes.Buffer takes every byte
	w.Close()
	pool.Put(w)
	return b
}

// removeSiblings removes the siblings of dst in every coding, for a file
// replaced in place whose siblings would otherwise say what it said before.
func removeSiblings(dst string) {
	for _, e := range Encodings {
		os.Remove(dst + e.Ext())
	}
}
