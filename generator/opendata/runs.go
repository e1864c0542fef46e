package opendata

import (
	"archive/zip"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"

	"github.com/klauspost/compress/flate"

	"portal/generator/catalogue"
)

// A table's files are written a run of rows at a time (runRows rows), and
// each run's bytes depend on its rows and where it begins, and on nothing
// else: the compressed files (the workbook's sheet, the release archive's
// CSV) compress each run on its own, with no history, and end it on a byte
// boundary. A build records each run's key and where its bytes are
// (catalogue.Run); the next build, when a table changed, copies from the
// previous output every run whose key is the same, checked against the
// CRC-32 it recorded, and encodes only the others. A one-row edit of the
// decisions encodes one run of each file instead of the whole table, and
// the files are byte for byte what a fresh build writes.

// runRows is how many rows a run holds.
const runRows = 4096

// xlsxSpan is the index in catalogue.Run.Spans of the workbook's sheet.
var xlsxSpan = slices.Index(catalogue.Formats, catalogue.FormatXLSX)

// runsOf lays out n rows in runs, with room for their spans.
func runsOf(n int) []catalogue.Run {
	runs := make([]catalogue.Run, (n+runRows-1)/runRows)
	for r := range runs {
		runs[r] = catalogue.Run{Lo: r * runRows, Hi: min((r+1)*runRows, n), Spans: make([]catalogue.Span, catalogue.ArchiveSpan+1)}
	}
	return runs
}

// runJob is what the job writing some of a table's files copies runs from
// and records them in.
type runJob struct {
	t    *Table
	runs []catalogue.Run // this build's, whose spans the job records
	keys []string        // this build's run keys; nil when not known yet (a fresh build learns them on its way)
	prev *MadeTable      // the previous build's runs; nil when there is nothing to copy
	dir  string          // the previous release's data directory
	// copied counts the runs copied, one a file (the release archive's
	// entry among them)
	copied *atomic.Int64
}

// same reports whether the previous build wrote run r from the same rows
// at the same place.
func (j *runJob) same(r int) bool {
	if j.prev == nil || j.keys == nil || r >= len(j.prev.Runs) || r >= len(j.keys) {
		return false
	}
	p, q := &j.prev.Runs[r], &j.runs[r]
	return p.Lo == q.Lo && p.Hi == q.Hi && p.Key == j.keys[r] && len(p.Spans) == len(q.Spans)
}

// span is where the previous build wrote run r in file fi.
func (j *runJob) span(r, fi int) catalogue.Span { return j.prev.Runs[r].Spans[fi] }

// readSpan reads sp from src at base+sp.Off into dst's room and checks it
// against its CRC; false when it cannot be read or is not what was written.
func readSpan(src io.ReaderAt, base int64, sp catalogue.Span, dst []byte) ([]byte, bool) {
	if src == nil || sp.Len <= 0 || sp.Off < 0 {
		return dst[:0], false
	}
	b := slices.Grow(dst[:0], int(sp.Len))[:sp.Len]
	if _, err := src.ReadAt(b, base+sp.Off); err != nil || crc32.ChecksumIEEE(b) != sp.CRC {
		return b[:0], false
	}
	return b, true
}

// prevFile opens the previous release's file of table name in format,
// nil when it cannot.
func (j *runJob) prevFile(format string) *os.File {
	if j.prev == nil || j.dir == "" {
		return nil
	}
	f, err := os.Open(filepath.Join(j.dir, j.t.Name+"."+format))
	if err != nil {
		return nil
	}
	return f
}

// zipEntry is where an entry's data begins in an earlier zip: the
// workbook's sheet, a table's CSV in the release archive.
type zipEntry struct {
	f    *os.File
	base int64
}

// openZipEntry opens the zip at path and finds name in it; nil when it
// cannot.
func openZipEntry(path, name string) *zipEntry {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	st, err := f.Stat()
	if err == nil {
		if zr, err := zip.NewReader(f, st.Size()); err == nil {
			for _, e := range zr.File {
				if e.Name == name && e.Method == zip.Deflate {
					if base, err := e.DataOffset(); err == nil {
						return &zipEntry{f: f, base: base}
					}
				}
			}
		}
	}
	f.Close()
	return nil
}

func (z *zipEntry) close() {
	if z != nil {
		z.f.Close()
	}
}

// read reads the compressed span sp of the entry, checked; false when it
// cannot.
func (z *zipEntry) read(sp catalogue.Span, dst []byte) ([]byte, bool) {
	if z == nil {
		return dst[:0], false
	}
	return readSpan(z.f, z.base, sp, dst)
}

// pieces compresses a stream a piece at a time, each piece on its own: a
// compressor with no history, flushed to a byte boundary at its end. So a
// piece's compressed bytes depend on its own bytes only, and can be copied
// into a later stream whatever precedes them there; close ends the stream
// with an empty final block.
type pieces struct {
	fw   *flate.Writer
	out  io.Writer
	n, z int64  // bytes in, bytes out
	crc  uint32 // of the bytes in
	zcrc uint32 // of the current piece's bytes out
}

func newPieces(out io.Writer) *pieces {
	p := &pieces{out: out}
	p.fw = newFlate(p)
	return p
}

// Write takes the compressor's output.
func (p *pieces) Write(b []byte) (int, error) {
	p.zcrc = crc32.Update(p.zcrc, crc32.IEEETable, b)
	n, err := p.out.Write(b)
	p.z += int64(n)
	return n, err
}

// piece compresses raw on its own and returns where it went.
func (p *pieces) piece(raw []byte) (catalogue.Span, error) {
	sp := catalogue.Span{Off: p.z, Raw: int64(len(raw)), RawCRC: crc32.ChecksumIEEE(raw)}
	p.zcrc = 0
	p.fw.Reset(p)
	if _, err := p.fw.Write(raw); err != nil {
		return sp, err
	}
	if err := p.fw.Flush(); err != nil {
		return sp, err
	}
	sp.Len, sp.CRC = p.z-sp.Off, p.zcrc
	p.crc = crc32Combine(p.crc, sp.RawCRC, sp.Raw)
	p.n += sp.Raw
	return sp, nil
}

// copied takes a piece compressed earlier: z, the compressed bytes of sp.
func (p *pieces) copied(z []byte, sp catalogue.Span) (catalogue.Span, error) {
	sp.Off = p.z
	if _, err := p.out.Write(z); err != nil {
		return sp, err
	}
	p.z += int64(len(z))
	p.crc = crc32Combine(p.crc, sp.RawCRC, sp.Raw)
	p.n += sp.Raw
	return sp, nil
}

// close ends the stream and returns the compressor to the pool.
func (p *pieces) close() error {
	p.fw.Reset(p)
	err := p.fw.Close()
	putFlate(p.fw)
	p.fw = nil
	return err
}

// crc32Combine is the CRC-32 (IEEE) of a stream of two parts, from the
// CRCs of each and the length of the second: zlib's crc32_combine, which
// multiplies crc1 by x^(8·len2) modulo the polynomial, by squaring the
// operator that appends one zero bit.
func crc32Combine(crc1, crc2 uint32, len2 int64) uint32 {
	if len2 <= 0 {
		return crc1 ^ crc2
	}
	var even, odd [32]uint32
	odd[0] = crc32.IEEE // the operator for one zero bit
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four
	for {
		gf2Square(&even, &odd) // the next power: one zero byte, two, four…
		if len2&1 != 0 {
			crc1 = gf2Times(&even, crc1)
		}
		if len2 >>= 1; len2 == 0 {
			break
		}
		gf2Square(&odd, &even)
		if len2&1 != 0 {
			crc1 = gf2Times(&odd, crc1)
		}
		if len2 >>= 1; len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat *[32]uint32) {
	for n := range square {
		square[n] = gf2Times(mat, mat[n])
	}
}

// writeRuns writes j's table into outs (one or two of its plain formats,
// fis their indexes in catalogue.Formats), a run at a time, copying the
// runs the previous build wrote from the same rows; entry, when not nil,
// takes the canonical CSV for the release archive, each run compressed on
// its own (or copied from the previous archive, arch). key, when not nil,
// is given every row (and nothing is copied).
func writeRuns(j *runJob, outs []*output, fis []int, entry *archiveEntry, arch *zipEntry, key *keyer) error {
	t := j.t
	src := make([]*os.File, len(outs))
	defer func() {
		for _, f := range src {
			if f != nil {
				f.Close()
			}
		}
	}()
	if j.prev != nil && key == nil {
		for oi := range outs {
			src[oi] = j.prevFile(outs[oi].format)
		}
	}
	csv := slices.Index(fis, 0)
	encodeHead(t, outs)
	if entry != nil && csv >= 0 {
		if _, err := entry.p.piece(outs[csv].b); err != nil {
			return err
		}
	}
	if err := flushAll(outs); err != nil {
		return err
	}
	row := make([]Cell, len(t.Fields))
	copied := make([]bool, len(outs))
	var need []*output
	var z []byte
	for r := range j.runs {
		run := &j.runs[r]
		same := key == nil && j.same(r)
		need = need[:0]
		for oi, o := range outs {
			copied[oi] = false
			if same {
				o.b, copied[oi] = readSpan(src[oi], 0, j.span(r, fis[oi]), o.b)
			}
			if copied[oi] {
				o.n += run.Hi - run.Lo
				j.copied.Add(1)
			} else {
				need = append(need, o)
			}
		}
		if len(need) > 0 {
			encodeRows(t, run.Lo, run.Hi, need, row, key)
		}
		for oi, o := range outs {
			sp := catalogue.Span{Off: o.off, Len: int64(len(o.b))}
			if copied[oi] {
				sp.CRC = j.span(r, fis[oi]).CRC
			} else {
				sp.CRC = crc32.ChecksumIEEE(o.b)
			}
			run.Spans[fis[oi]] = sp
			if oi == csv && entry != nil {
				var zs catalogue.Span
				var err error
				ok := false
				// the bytes the previous archive compressed, wherever they
				// stood in the file: a piece's compressed bytes depend on its
				// own alone, and a row edited or added in an earlier run
				// moves the rest
				if same && j.span(r, 0).Len == sp.Len && j.span(r, 0).CRC == sp.CRC {
					if z, ok = arch.read(j.span(r, catalogue.ArchiveSpan), z); ok {
						zs, err = entry.p.copied(z, j.span(r, catalogue.ArchiveSpan))
						j.copied.Add(1)
					}
				}
				if !ok {
					zs, err = entry.p.piece(o.b)
				}
				if err != nil {
					return err
				}
				run.Spans[catalogue.ArchiveSpan] = zs
			}
			if err := o.flush(true); err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name, o.format, err)
			}
		}
	}
	encodeTail(t, outs)
	return flushAll(outs)
}
