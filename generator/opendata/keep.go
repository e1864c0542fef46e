package opendata

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"os"
	"path/filepath"

	"portal/generator/catalogue"
	"portal/generator/internal/par"
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
	// Runs are where each run of its rows is in each file (runs.go).
	Runs []catalogue.Run `json:"runs,omitempty"`
	// Archive is the release archive whose copy of the canonical CSV the
	// runs' archive spans are in; "" when none is.
	Archive string `json:"archive,omitempty"`
}

// Made is what a release's tables were made from, by table name.
type Made map[string]MadeTable

// MadeOf is what cat's tables were made from, for the next build.
func MadeOf(cat *catalogue.Catalogue) Made {
	m := Made{}
	for _, t := range cat.Tables {
		if t.Key != "" {
			m[t.Name] = MadeTable{Key: t.Key, Rows: t.Rows, Files: t.Files, Runs: t.Runs, Archive: cat.Archive.Path}
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
// it (madeFrom). It is made of the keys of the table's runs (runRows rows
// each), which are the digests of their rows and where they begin.
// The runs are digested on every core (the first format of a table that
// needs the key waits for it, its others too: digesting the 220,000
// decisions of the 50k set on one core held both at the start of an
// edit's open data); the table's key is that keyer.row would give.
func tableKey(t *Table, created string) tableKeys {
	sums := make([][sha256.Size]byte, (t.Len+runRows-1)/runRows)
	par.Each(context.Background(), len(sums), func(_, r int) error {
		k := &keyer{r: sha256.New(), i: r * runRows}
		row := make([]Cell, len(t.Fields))
		for ; k.i < min(t.Len, (r+1)*runRows); k.i++ {
			clear(row)
			t.Row(k.i, row)
			k.hashRow(row)
		}
		k.r.Sum(sums[r][:0])
		return nil
	})
	k := newKeyer(t, created)
	for _, sum := range sums {
		k.h.Write(sum[:])
		k.runs = append(k.runs, hex.EncodeToString(sum[:]))
	}
	return tableKeys{table: hex.EncodeToString(k.h.Sum(nil)), runs: k.runs}
}

// tableKeys are a table's key and its runs' keys.
type tableKeys struct {
	table string
	runs  []string
}

// keyer computes a tableKey row by row, so that encode can compute it on
// its way through the rows (a fresh build) and tableKey on its own (an
// edit, which needs it before it decides what to encode).
type keyer struct {
	h, r hash.Hash // the table's, the run's
	b    []byte
	i    int // rows seen
	runs []string
}

func newKeyer(t *Table, created string) *keyer {
	k := &keyer{h: sha256.New(), r: sha256.New()}
	schema, _ := json.Marshal(t.Schema) // plain data: it always marshals
	fmt.Fprintf(k.h, "table 2\ncreated %s\nrows %d in %d\nruns of %d\n", created, t.Len, t.In, runRows)
	k.h.Write(schema)
	return k
}

func (k *keyer) row(row []Cell) {
	k.hashRow(row)
	if k.i++; k.i%runRows == 0 {
		k.endRun()
	}
}

// hashRow adds row, the k.i-th, to its run's digest (starting the run's
// digest at its first row).
func (k *keyer) hashRow(row []Cell) {
	b := k.b[:0]
	if k.i%runRows == 0 {
		k.r.Reset()
		b = binary.AppendUvarint(b, uint64(k.i))
	}
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
	k.r.Write(b)
	k.b = b
}

// endRun closes the run the last row was in.
func (k *keyer) endRun() {
	sum := k.r.Sum(k.b[:0])
	k.h.Write(sum)
	k.runs = append(k.runs, hex.EncodeToString(sum))
}

func (k *keyer) sum() tableKeys {
	if len(k.runs) < (k.i+runRows-1)/runRows { // the last run, short of runRows
		k.endRun()
	}
	return tableKeys{table: hex.EncodeToString(k.h.Sum(nil)), runs: k.runs}
}

// keepTable carries over the files of the formats fis (indexes into
// catalogue.Formats) of dataset d when the previous build made them from
// the same key, and reports the rows they hold; false when it did not, or
// they are not as it recorded them. A kept canonical CSV goes into entry,
// for the release archive, a run at a time: each run copied from the
// previous archive (arch) where it can be, else compressed from the
// previous release's file.
func (w *writer) keepTable(d *catalogue.Dataset, key string, fis []int, entry *archiveEntry, arch *zipEntry) (rows int, ok bool, err error) {
	m, found := w.made[d.Name]
	ck, can := w.sink.(checksumKeeper)
	if !found || !can || m.Key != key || len(m.Files) != len(catalogue.Formats) || len(m.Runs) != len(d.Runs) {
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
		for r := range d.Runs {
			d.Runs[r].Spans[fi] = m.Runs[r].Spans[fi]
		}
		if fi == 0 && entry != nil {
			if err := w.archiveFrom(m, d, entry, arch); err != nil {
				return 0, false, err
			}
		}
	}
	return m.Rows, true, nil
}

// archiveFrom puts the previous release's copy of the kept canonical CSV
// of m into entry as a fresh build would: its header, then each run,
// copied compressed from the previous archive where it can be.
func (w *writer) archiveFrom(m MadeTable, d *catalogue.Dataset, entry *archiveEntry, arch *zipEntry) error {
	f := m.Files[0]
	src, err := os.Open(filepath.Join(w.prevData, filepath.FromSlash(f.Path[len(catalogue.Dir):])))
	if err != nil {
		return fmt.Errorf("%s: %w", f.Path, err)
	}
	defer src.Close()
	changed := fmt.Errorf("%s changed while it was being published: build again", f.Path)
	end := f.Bytes
	if len(m.Runs) > 0 {
		end = m.Runs[0].Spans[0].Off
	}
	head := make([]byte, end)
	if _, err := src.ReadAt(head, 0); err != nil {
		return changed
	}
	if _, err := entry.p.piece(head); err != nil {
		return err
	}
	var buf []byte
	for r := range m.Runs {
		zs := m.Runs[r].Spans[catalogue.ArchiveSpan]
		var ok bool
		if buf, ok = arch.read(zs, buf); ok {
			zs, err = entry.p.copied(buf, zs)
		} else if buf, ok = readSpan(src, 0, m.Runs[r].Spans[0], buf); ok {
			zs, err = entry.p.piece(buf)
		} else {
			return changed
		}
		if err != nil {
			return err
		}
		d.Runs[r].Spans[catalogue.ArchiveSpan] = zs
	}
	return nil
}
