// Package opendata publishes the register and the content as open data under
// /data/ (DESIGN §6): every table as canonical CSV, an Excel-safe CSV, JSON
// and JSON Lines, a Frictionless Data Package v2 descriptor with sizes and
// hashes, SHA256SUMS, what changed since the previous release, and one JSON
// record per agency at /agencies/{code}/index.json. Every table's rows are
// counted in and out; a difference fails the build.
package opendata

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"portal/generator/catalogue"
	"portal/generator/internal/par"
	"portal/generator/model"
	"portal/generator/register"
)

// Sink receives output files (slash-separated paths relative to the site root).
type Sink interface {
	Add(path string, data []byte) error
}

// Options configure a release.
type Options struct {
	Base model.BaseURL // where the site is served
	// Previous is the previous release (ReadPrevious), which the changes
	// are computed from; nil means this is the first release.
	Previous *Previous
	// Reuse, when set and its Key is this release's Catalogue.AgencyKey,
	// keeps the previous output's record of every agency it says is the
	// same, when the sink can (publish.Tx.Keep), instead of writing it.
	Reuse *register.Reuse
	// Made is what the previous build's tables were made from (MadeOf
	// its catalogue): the files of a table made from the same key are
	// kept, when the sink can (publish.Tx.KeepChecksummed) and they are as
	// recorded, instead of written.
	Made Made
	// KeepReleases is how many releases, newest first, the history
	// (releases.json) lists and /data/releases/ keeps the archives of;
	// 0 keeps them all (site.toml keep_releases).
	KeepReleases int
}

type writer struct {
	// the columns of the tables an agency's JSON record repeats (tables.go)
	registerCols []Column[registerRecord]
	decisionCols []Column[*model.Decision]
	checkCols    []Column[*model.AnnualCheck]
	gradeCols    []Column[*model.Grade]
	listingCols  []Column[*model.Listing]
	reg          *register.Register
	content      *model.Content
	abs          string
	sink         Sink
	agencies     bool // write /agencies/{code}/index.json too
	// keep, when not nil, says which agencies' records to carry over from
	// the previous output
	keep func(code string) bool
	// made is what the previous build's tables were made from, prevData
	// the previous release's data directory (Options.Made)
	made     Made
	prevData string
}

func (w *writer) agencyURL(code string) string { return w.abs + "agencies/" + code + "/" }

// Write publishes every dataset into sink and returns the catalogue, with
// the changes since opt.Previous.
func Write(ctx context.Context, reg *register.Register, content *model.Content, opt Options, sink Sink) (*catalogue.Catalogue, error) {
	w := &writer{reg: reg, content: content, abs: opt.Base.Abs, sink: sink, agencies: true}
	cat := &catalogue.Catalogue{Version: reg.AsOf.String(), Created: created(reg.AsOf), Site: &content.Site, AgencyKey: w.agencyKey()}
	if _, ok := sink.(keeper); ok && opt.Reuse != nil && opt.Reuse.Key == cat.AgencyKey {
		w.keep = opt.Reuse.Same
	}
	prev := opt.Previous
	if prev == nil {
		prev = &Previous{}
	}
	if prev.dataDir != "" {
		w.made, w.prevData = opt.Made, prev.dataDir
	}
	tables := w.buildTables()
	for _, t := range tables {
		cat.Tables = append(cat.Tables, &catalogue.Dataset{Schema: t.Schema, Files: make([]FileInfo, len(catalogue.Formats))})
	}
	entries := make([]*archiveEntry, len(tables))
	for i, t := range tables {
		entries[i] = newArchiveEntry(t.Name + "." + catalogue.FormatCSV)
	}
	if err := w.writeTables(ctx, cat, tables, entries); err != nil {
		return nil, err
	}
	if err := reconcile(cat, len(reg.Agencies)); err != nil {
		return nil, err
	}
	cat.Version = releaseID(cat, prev)
	var pkg []byte
	var err error
	if cat.Package, pkg, err = w.writePackage(cat); err != nil {
		return nil, err
	}
	if err := w.writeChanges(cat, prev, tables, opt.KeepReleases, entries, pkg); err != nil {
		return nil, err
	}
	return cat, nil
}

// writeTables encodes every table in every format and, in the same pool of
// workers, every agency's record; it records each file's size and hash and
// reconciles the rows written with the rows read. tables[i] is the table
// of cat.Tables[i].
func (w *writer) writeTables(ctx context.Context, cat *catalogue.Catalogue, tables []*Table, archive []*archiveEntry) error {
	groups := [][]int{{0, 1}, {2, 3}, {4}} // indexes into Formats: the CSVs, the JSONs, the workbook
	type job struct{ t, g int }
	var jobs []job
	for ti := range cat.Tables {
		for g := range groups {
			jobs = append(jobs, job{ti, g})
		}
	}
	// the largest tables first, so that no core is left with one at the end
	slices.SortStableFunc(jobs, func(a, b job) int { return cmp.Compare(tables[b.t].Len, tables[a.t].Len) })
	counts := make([][]int, len(cat.Tables))
	for i := range counts {
		counts[i] = make([]int, len(catalogue.Formats))
		cat.Tables[i].Runs = runsOf(tables[i].Len)
	}
	var agencies []*register.Agency
	var ts *agencyTables
	if w.agencies {
		agencies, ts = w.reg.Agencies, agencyTablesOf(tables)
	}
	// each table's key: computed on its own when the previous build's
	// files may be kept (before anything is encoded), else by the CSVs'
	// encoding on its way through the rows
	keys := make([]struct {
		once sync.Once
		key  tableKeys
	}, len(tables))
	key := func(ti int, made func() tableKeys) tableKeys {
		keys[ti].once.Do(func() { keys[ti].key = made() })
		return keys[ti].key
	}
	computed := func(ti int) func() tableKeys { return func() tableKeys { return tableKey(tables[ti], cat.Created) } }
	const perJob = 512
	nAgencyJobs := (len(agencies) + perJob - 1) / perJob
	var records, kept, keptData, copiedRuns atomic.Int64
	err := parallel(ctx, len(jobs)+nAgencyJobs, func(i int, buf *[]byte) error {
		if i >= len(jobs) {
			lo := (i - len(jobs)) * perJob
			scratch := *ts
			scratch.row = make([]Cell, len(ts.row))
			for _, a := range agencies[lo:min(lo+perJob, len(agencies))] {
				if w.keep != nil && w.keep(a.Code) {
					if ok, err := w.sink.(keeper).Keep(AgencyPath(a.Code)); err != nil {
						return err
					} else if ok {
						records.Add(1)
						kept.Add(1)
						continue
					}
				}
				*buf = w.appendAgency((*buf)[:0], a, &scratch)
				if err := w.sink.Add(AgencyPath(a.Code), *buf); err != nil {
					return err
				}
				records.Add(1)
			}
			return nil
		}
		j := jobs[i]
		t := cat.Tables[j.t]
		var entry *archiveEntry
		if archive != nil && slices.Contains(groups[j.g], 0) {
			entry = archive[j.t]
		}
		prev, made := w.made[t.Name]
		var arch *zipEntry // the previous archive's copy of the table, for the runs it can copy
		if made && entry != nil && prev.Archive != "" {
			arch = openZipEntry(filepath.Join(w.prevData, filepath.FromSlash(strings.TrimPrefix(prev.Archive, catalogue.Dir))), entry.name)
			defer arch.close()
		}
		if made { // the previous build's files, when they hold the same
			rows, ok, err := w.keepTable(t, key(j.t, computed(j.t)).table, groups[j.g], entry, arch)
			if err != nil {
				return err
			}
			if ok {
				for _, fi := range groups[j.g] {
					counts[j.t][fi] = rows
				}
				keptData.Add(int64(len(groups[j.g])))
				return nil
			}
		}
		var outs []*output
		var files []*fileOut
		defer func() {
			for _, f := range files {
				f.abort()
			}
		}()
		for _, fi := range groups[j.g] {
			format := catalogue.Formats[fi]
			f, err := w.open(catalogue.Dir+t.Name+"."+format, format)
			if err != nil {
				return err
			}
			files = append(files, f)
			o := &output{format: format, emit: f.write}
			if format == catalogue.FormatJSONL {
				o.emit = func(p []byte) error {
					f.lines += bytes.Count(p, []byte{'\n'}) // counted from the bytes, not the loop
					return f.write(p)
				}
			}
			outs = append(outs, o)
		}
		// the runs: copied from the previous build's files where their
		// rows are the same; a fresh build learns the keys on its way
		rj := &runJob{t: tables[j.t], runs: t.Runs, copied: &copiedRuns}
		if made {
			rj.keys, rj.prev, rj.dir = key(j.t, computed(j.t)).runs, &prev, w.prevData
		}
		if outs[0].format == catalogue.FormatXLSX {
			n, err := writeXLSX(rj, writerFunc(files[0].write), releaseTime(cat.Created))
			if err != nil {
				return fmt.Errorf("%s.xlsx: %w", t.Name, err)
			}
			outs[0].n = n
		} else {
			var k *keyer
			if !made && slices.Contains(groups[j.g], 0) {
				k = newKeyer(tables[j.t], cat.Created)
			}
			if err := writeRuns(rj, outs, groups[j.g], entry, arch, k); err != nil {
				return err
			}
			if k != nil {
				key(j.t, k.sum)
			}
		}
		for k, fi := range groups[j.g] {
			info, err := files[k].close()
			if err != nil {
				return err
			}
			t.Files[fi] = info
			counts[j.t][fi] = outs[k].n
			if catalogue.Formats[fi] == catalogue.FormatJSONL {
				counts[j.t][fi] = files[k].lines
			}
		}
		files = nil
		return nil
	})
	if err != nil {
		return err
	}
	cat.Agencies, cat.Kept, cat.KeptData, cat.CopiedRuns = int(records.Load()), int(kept.Load()), int(keptData.Load()), int(copiedRuns.Load())
	for ti, t := range cat.Tables {
		t.Rows = counts[ti][0]
		in := tables[ti].In
		for fi, f := range catalogue.Formats {
			if counts[ti][fi] != in {
				return &ReconcileError{Table: t.Name, Format: f, In: in, Out: counts[ti][fi]}
			}
		}
		t.Examples = examples(tables[ti])
		k := key(ti, computed(ti))
		t.Key = k.table
		for r := range t.Runs {
			t.Runs[r].Key = k.runs[r]
		}
	}
	return nil
}

// hasher is a sink that hashes the files it publishes under /data/ for
// SHA256SUMS (publish.Tx after Checksums): a file it hashes is not hashed
// again here.
type hasher interface {
	Checksummed(path string) bool
	SHA256(path string) (string, bool)
}

// sinkHashes reports whether the sink hashes path.
func (w *writer) sinkHashes(path string) (hasher, bool) {
	h, ok := w.sink.(hasher)
	return h, ok && h.Checksummed(path)
}

// add publishes one file and describes it.
func (w *writer) add(path, format string, data []byte) (FileInfo, error) {
	fi := FileInfo{Path: path, Format: format, Bytes: int64(len(data))}
	if err := w.sink.Add(path, data); err != nil {
		return fi, err
	}
	if h, ok := w.sinkHashes(path); ok {
		fi.SHA256, _ = h.SHA256(path)
		return fi, nil
	}
	sum := sha256.Sum256(data)
	fi.SHA256 = hex.EncodeToString(sum[:])
	return fi, nil
}

// Streamer is a Sink that also takes files as streams (publish.Tx is one),
// so that a large table never sits in memory whole.
type Streamer interface {
	Create(path string) (io.WriteCloser, error)
}

// fileOut is a file being published as a stream, hashed on the way (by
// the sink, or here).
type fileOut struct {
	path, format string
	out          io.WriteCloser
	h            hash.Hash // nil when the sink hashes the file
	sink         hasher
	n            int64
	lines        int
	closed       bool
}

// open starts publishing one file as a stream.
func (w *writer) open(path, format string) (*fileOut, error) {
	sink := w.sink
	f := &fileOut{path: path, format: format}
	if h, ok := w.sinkHashes(path); ok {
		f.sink = h
	} else {
		f.h = sha256.New()
	}
	if st, ok := sink.(Streamer); ok {
		var err error
		if f.out, err = st.Create(path); err != nil {
			return nil, err
		}
	} else {
		f.out = &memFile{path: path, sink: sink}
	}
	return f, nil
}

func (f *fileOut) write(p []byte) error {
	if f.h != nil {
		f.h.Write(p)
	}
	f.n += int64(len(p))
	_, err := f.out.Write(p)
	return err
}

// close finishes the file and describes it.
func (f *fileOut) close() (FileInfo, error) {
	f.closed = true
	if err := f.out.Close(); err != nil {
		return FileInfo{}, err
	}
	fi := FileInfo{Path: f.path, Format: f.format, Bytes: f.n}
	if f.h != nil {
		fi.SHA256 = hex.EncodeToString(f.h.Sum(nil))
	} else {
		fi.SHA256, _ = f.sink.SHA256(f.path)
	}
	return fi, nil
}

// abort closes a file left open by an error; the publish is abandoned anyway.
func (f *fileOut) abort() {
	if !f.closed {
		f.closed = true
		if m, ok := f.out.(*memFile); ok {
			m.sink = nil
			return
		}
		f.out.Close()
	}
}

// memFile gathers a stream for a sink that only takes whole files.
type memFile struct {
	path string
	sink Sink
	b    []byte
}

func (m *memFile) Write(p []byte) (int, error) { m.b = append(m.b, p...); return len(p), nil }
func (m *memFile) Close() error {
	if m.sink == nil {
		return nil
	}
	return m.sink.Add(m.path, m.b)
}

// examples are each field's first non-empty value as the canonical CSV has it.
func examples(t *Table) []string {
	out := make([]string, len(t.Fields))
	left := len(t.Fields)
	row := make([]Cell, len(t.Fields))
	for i := 0; i < t.Len && left > 0; i++ {
		clear(row)
		t.Row(i, row)
		for j := range t.Fields {
			if out[j] != "" {
				continue
			}
			if s := string(appendText(nil, t.Fields[j].Type, row[j], false)); s != "" {
				if len(s) > 120 {
					s = truncate(s, 120)
				}
				out[j] = s
				left--
			}
		}
	}
	return out
}

func truncate(s string, n int) string {
	for i := range s {
		if i > n {
			return s[:i] + "…"
		}
	}
	return s
}

// ReconcileError says a table lost or gained rows between input and output.
type ReconcileError struct {
	Table, Format string
	In, Out       int
}

func (e *ReconcileError) Error() string {
	return fmt.Sprintf("reconcile %s.%s: the input has %d rows but %d were written; nothing was published (this is a bug in the portal: please report it with the input)", e.Table, e.Format, e.In, e.Out)
}

// reconcile checks what the formats cannot check on their own: one agency
// record per register row.
func reconcile(cat *catalogue.Catalogue, agencies int) error {
	if reg := cat.Table("register"); reg.Rows != agencies || cat.Agencies != agencies {
		return &ReconcileError{Table: "agencies/*/index.json", Format: "json", In: agencies, Out: cat.Agencies}
	}
	return nil
}

// parallel runs fn for 0..n-1 on every core, each worker with its own
// reusable buffer, stopping at the first error.
func parallel(ctx context.Context, n int, fn func(i int, buf *[]byte) error) error {
	bufs := make([][]byte, par.Workers(n))
	return par.Each(ctx, n, func(w, i int) error { return fn(i, &bufs[w]) })
}

// created is the release time: midnight of the as-of date in China Standard
// Time, so that the same inputs give the same bytes.
func created(d model.Date) string { return d.String() + "T00:00:00+08:00" }
