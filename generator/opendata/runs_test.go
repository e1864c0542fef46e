package opendata

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klauspost/compress/flate"

	"portal/generator/catalogue"
)

func TestCRC32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 70000)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	for _, cut := range []int{0, 1, 7, 4096, 65536, len(b) - 1, len(b)} {
		got := crc32Combine(crc32.ChecksumIEEE(b[:cut]), crc32.ChecksumIEEE(b[cut:]), int64(len(b)-cut))
		if want := crc32.ChecksumIEEE(b); got != want {
			t.Errorf("cut at %d: %08x, want %08x", cut, got, want)
		}
	}
}

// A piece compresses the same whatever was compressed before it, and a
// stream of pieces, some copied from another stream, is one deflate stream
// of the pieces' bytes in order.
func TestPiecesStandAlone(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	text := func(n int) []byte {
		var b []byte
		for len(b) < n {
			b = fmt.Appendf(b, "9144%014d,广州市某某劳务派遣有限公司%d,%d\r\n", rng.IntN(1e9), rng.IntN(100), rng.IntN(1e6))
		}
		return b
	}
	parts := [][]byte{text(100), text(300000), text(5000), {}, text(70000)}
	var first bytes.Buffer
	p := newPieces(&first)
	var spans []catalogue.Span
	for _, b := range parts {
		sp, err := p.piece(b)
		if err != nil {
			t.Fatal(err)
		}
		spans = append(spans, sp)
	}
	if err := p.close(); err != nil {
		t.Fatal(err)
	}
	// the second stream: other bytes first, then parts 1 and 4 copied, 2 compressed again
	var second bytes.Buffer
	q := newPieces(&second)
	lead := text(90000)
	if _, err := q.piece(lead); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(parts); i++ {
		sp := spans[i]
		if i == 2 {
			again, err := q.piece(parts[i])
			if err != nil {
				t.Fatal(err)
			}
			if again.Len != sp.Len || again.CRC != sp.CRC {
				t.Errorf("a piece compressed after other bytes is not the same: %+v, first %+v", again, sp)
			}
			continue
		}
		if _, err := q.copied(first.Bytes()[sp.Off:sp.Off+sp.Len], sp); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.close(); err != nil {
		t.Fatal(err)
	}
	want := slices.Concat(append([][]byte{lead}, parts[1:]...)...)
	got, err := io.ReadAll(flate.NewReader(&second))
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("the spliced stream reads back %d bytes (%v), want %d", len(got), err, len(want))
	}
	if q.n != int64(len(want)) || q.crc != crc32.ChecksumIEEE(want) {
		t.Errorf("the spliced stream counts %d bytes, CRC %08x; want %d, %08x", q.n, q.crc, len(want), crc32.ChecksumIEEE(want))
	}
}

// runTable is a table of n rows whose row i holds v(i).
func runTable(n int, v func(i int) string) *Table {
	return &Table{
		Schema: catalogue.Schema{Name: "t", Title: "表", Fields: []Field{
			{Name: "code", Title: "代码", Type: String}, {Name: "n", Title: "数", Type: Integer},
			{Name: "on", Title: "日期", Type: Date}, {Name: "note", Title: "备注", Type: String}}},
		Len: n, In: n,
		Row: func(i int, row []Cell) {
			row[0], row[1], row[2], row[3] = Str(fmt.Sprintf("C%06d", i)), Int(i%7), Day(0), Str(v(i))
		},
	}
}

// written is what writeAll wrote of a table.
type written struct {
	files  map[string][]byte // by format
	zip    []byte            // an archive holding the canonical CSV (entry "t.csv")
	runs   []catalogue.Run
	copied int64
}

// writeAll writes every format of tb as writeTables does, copying runs
// from prev (its files in dir) when prev is not nil.
func writeAll(t *testing.T, tb *Table, prev *MadeTable, dir string) written {
	t.Helper()
	var copied atomic.Int64
	rj := &runJob{t: tb, runs: runsOf(tb.Len), copied: &copied}
	var k *keyer
	if prev != nil {
		keys := tableKey(tb, "2026-11-21")
		rj.keys, rj.prev, rj.dir = keys.runs, prev, dir
	} else {
		k = newKeyer(tb, "2026-11-21")
	}
	w := written{files: map[string][]byte{}}
	entry := newArchiveEntry("t.csv")
	var arch *zipEntry
	if prev != nil {
		arch = openZipEntry(filepath.Join(dir, "archive.zip"), "t.csv")
		defer arch.close()
	}
	for _, fis := range [][]int{{0, 1}, {2, 3}} {
		var outs []*output
		for _, fi := range fis {
			f := catalogue.Formats[fi]
			outs = append(outs, &output{format: f, emit: func(p []byte) error { w.files[f] = append(w.files[f], p...); return nil }})
		}
		e := entry
		if fis[0] != 0 {
			e = nil
		}
		if err := writeRuns(rj, outs, fis, e, arch, k); err != nil {
			t.Fatal(err)
		}
		k = nil
	}
	var xb bytes.Buffer
	if _, err := writeXLSX(rj, &xb, time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	w.files[catalogue.FormatXLSX] = xb.Bytes()
	if err := entry.p.close(); err != nil {
		t.Fatal(err)
	}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	zf, err := zw.CreateRaw(&zip.FileHeader{Name: "t.csv", Method: zip.Deflate, CRC32: entry.p.crc,
		CompressedSize64: uint64(entry.buf.Len()), UncompressedSize64: uint64(entry.p.n)})
	if err == nil {
		_, err = entry.buf.WriteTo(zf)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	w.zip, w.runs, w.copied = zb.Bytes(), rj.runs, copied.Load()
	keys := tableKey(tb, "2026-11-21").runs
	for r := range w.runs {
		w.runs[r].Key = keys[r]
	}
	return w
}

// save puts w's files in dir, as the previous release's.
func (w written) save(t *testing.T, dir string) *MadeTable {
	t.Helper()
	for f, b := range w.files {
		if err := os.WriteFile(filepath.Join(dir, "t."+f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "archive.zip"), w.zip, 0o644); err != nil {
		t.Fatal(err)
	}
	return &MadeTable{Runs: w.runs}
}

// A table written with runs copied from the previous build's files is byte
// for byte the table written whole, in every format and in the archive,
// whether a row changed, was appended or was inserted, and whether the
// previous files are as recorded or not.
func TestRunsCopied(t *testing.T) {
	const n = 3*runRows + 100
	base := func(i int) string { return fmt.Sprintf("备注 %d", i*31%1000) }
	for _, c := range []struct {
		name   string
		rows   int
		v      func(i int) string
		damage bool // a byte of the previous JSON changed in its second run
		copied int64
	}{
		{"a row changed", n, func(i int) string {
			if i == runRows+5 {
				return "改"
			}
			return base(i)
		}, false, 3*5 + 3}, // the archive's pieces of the runs after it too, moved
		{"a row appended", n + 1, base, false, 3*5 + 3},
		{"a row inserted", n + 1, func(i int) string {
			if i == 10 {
				return "插"
			}
			return base(max(i-1, 0))
		}, false, 0},
		{"nothing changed, the previous JSON damaged", n, base, true, 4*5 - 1 + 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			prev := writeAll(t, runTable(n, base), nil, dir)
			made := prev.save(t, dir)
			if c.damage {
				json := filepath.Join(dir, "t.json")
				b, _ := os.ReadFile(json)
				at := made.Runs[1].Spans[2].Off + 20
				b[at] ^= 1
				os.WriteFile(json, b, 0o644)
			}
			tb := runTable(c.rows, c.v)
			fresh := writeAll(t, tb, nil, t.TempDir())
			got := writeAll(t, tb, made, dir)
			for _, f := range catalogue.Formats {
				if !bytes.Equal(got.files[f], fresh.files[f]) {
					t.Errorf("%s: %d bytes with runs copied, %d written whole", f, len(got.files[f]), len(fresh.files[f]))
				}
			}
			if !bytes.Equal(got.zip, fresh.zip) {
				t.Error("the archive's entry with runs copied is not the one written whole")
			}
			if got.copied != c.copied {
				t.Errorf("copied %d runs, want %d", got.copied, c.copied)
			}
			if !slices.EqualFunc(got.runs, fresh.runs, func(a, b catalogue.Run) bool {
				return a.Key == b.Key && slices.Equal(a.Spans, b.Spans)
			}) {
				t.Error("the runs recorded with runs copied are not those recorded writing whole")
			}
		})
	}
}
