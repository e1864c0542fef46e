package opendata

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"

	"portal/generator/catalogue"
)

// A table's files are made again only when what they are made from
// changed. A build that keeps state records each table's key (tableKey)
// with its files' sizes and hashes (Made); the next build into the output
// that state vouches for keeps the files of every table whose key is the
// same — links them, after checking every byte against the recorded hash
// (publish.Tx.KeepChecksummed) — instead of encoding the table in five
// formats again. A one-row edit of the decisions leaves the annual checks,
// grades, listings and content tables, and often the register, as they
// were.

// MadeTable is what one table's files were made from, and what they are.
type MadeTable struct {
	Key   string     `json:"key"`
	Rows  int        `json:"rows"`
	Files []FileInfo `json:"files"` // in catalogue.Formats order
}

// Made is what a release's tables were made from, by table name.
type Made map[string]MadeTable

// MadeOf is what cat's tables were made from, for the next build.
func MadeOf(cat *catalogue.Catalogue) Made {
	m := Made{}
	for _, t := range cat.Tables {
		if t.Key != "" {
			m[t.Name] = MadeTable{Key: t.Key, Rows: t.Rows, Files: t.Files}
		}
	}
	return m
}

// checksumKeeper is a sink that can carry over files it lists in
// SHA256SUMS, checked against the hashes they were recorded with
// (publish.Tx.KeepChecksummed).
type checksumKeeper interface {
	KeepChecksummed(paths, sha256s []string) (bool, error)
}

// tableKey digests everything a table's files are made from: its schema,
// the release time the workbook carries, and every cell of every row, each
// value with its length, so that no two tables share a key by accident.
// The program is not in it: a state is only read by the program that made
// it (madeFrom).
func tableKey(t *Table, created string) string {
	k := newKeyer(t, created)
	row := make([]Cell, len(t.Fields))
	for i := 0; i < t.Len; i++ {
		clear(row)
		t.Row(i, row)
		k.row(row)
	}
	return k.sum()
}

// keyer computes a tableKey row by row, so that encode can compute it on
// its way through the rows (a fresh build) and tableKey on its own (an
// edit, which needs it before it decides what to encode).
type keyer struct {
	h hash.Hash
	b []byte
}

func newKeyer(t *Table, created string) *keyer {
	k := &keyer{h: sha256.New()}
	schema, _ := json.Marshal(t.Schema) // plain data: it always marshals
	fmt.Fprintf(k.h, "table 1\ncreated %s\nrows %d in %d\n", created, t.Len, t.In)
	k.h.Write(schema)
	return k
}

func (k *keyer) row(row []Cell) {
	b := k.b[:0]
	for _, c := range row {
		b = binary.AppendUvarint(b, uint64(len(c.S)))
		b = append(b, c.S...)
		b = binary.AppendVarint(b, c.N)
		b = binary.AppendUvarint(b, uint64(len(c.L)))
		for _, s := range c.L {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
	}
	k.h.Write(b)
	k.b = b
}

func (k *keyer) sum() string { return hex.EncodeToString(k.h.Sum(nil)) }

// keepTable carries over the files of the formats fis (indexes into
// catalogue.Formats) of dataset d when the previous build made them from
// the same key, and reports the rows they hold; false when it did not, or
// they are not as it recorded them. A kept canonical CSV is compressed
// into entry, for the release archive, from the previous release's file,
// checked again against its hash.
func (w *writer) keepTable(d *catalogue.Dataset, key string, fis []int, entry *archiveEntry) (rows int, ok bool, err error) {
	m, found := w.made[d.Name]
	ck, can := w.sink.(checksumKeeper)
	if !found || !can || m.Key != key || len(m.Files) != len(catalogue.Formats) {
		return 0, false, nil
	}
	var paths, sums []string
	for _, fi := range fis {
		f := m.Files[fi]
		if f.Path != catalogue.Dir+d.Name+"."+catalogue.Formats[fi] || f.Format != catalogue.Formats[fi] {
			return 0, false, nil
		}
		paths, sums = append(paths, f.Path), append(sums, f.SHA256)
	}
	if ok, err := ck.KeepChecksummed(paths, sums); !ok || err != nil {
		return 0, false, err
	}
	for _, fi := range fis {
		d.Files[fi] = m.Files[fi]
		if fi == 0 && entry != nil {
			if err := w.archiveFrom(m.Files[0], entry); err != nil {
				return 0, false, err
			}
		}
	}
	return m.Rows, true, nil
}

// archiveFrom compresses the previous release's copy of the kept file f
// into entry.
func (w *writer) archiveFrom(f FileInfo, entry *archiveEntry) error {
	src, err := os.Open(filepath.Join(w.prevData, filepath.FromSlash(f.Path[len(catalogue.Dir):])))
	if err != nil {
		return fmt.Errorf("%s: %w", f.Path, err)
	}
	defer src.Close()
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(h, writerFunc(entry.write)), src); err != nil {
		return fmt.Errorf("%s: %w", f.Path, err)
	}
	if hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
		return fmt.Errorf("%s changed while it was being published: build again", f.Path)
	}
	return nil
}
