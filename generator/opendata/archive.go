package opendata

import (
	"archive/zip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"

	"portal/generator/catalogue"
)

// A release's archive (catalogue.ArchivePath) holds every table's
// canonical CSV, the release's datapackage.json and a SHA256SUMS of
// those, so that a release can be fetched whole, and verified, long after
// later releases replaced its files under /data/. An archive is written
// once, by the release that made it; later releases carry it forward
// byte for byte (publish.Tx.Carry) with the SHA-256 it was first listed
// with, and /data/SHA256SUMS lists it, so a signed release vouches for
// every archive it still serves.

// archiveLevel is the archive's compression: the fastest, since a build
// compresses every table's CSV (~120 MB at 50,000 agencies, about a
// quarter of it zipped). klauspost/compress's flate, at this level, took
// the open-data stage from 2.7–2.9 s to 2.2–2.3 s at 50k, with workbooks
// 4 % smaller (2026-11-30), and gives the same bytes every build.
const archiveLevel = flate.BestSpeed

// archiveEntry is one table's canonical CSV, compressed for the archive
// while it is written (in the worker that encodes the table), a run at a
// time (pieces).
type archiveEntry struct {
	name string
	buf  spool
	p    *pieces
}

// spool holds an archive entry's compressed bytes in blocks that are never
// moved: a bytes.Buffer grown to the decisions' ~15 MB copied and cleared
// each size on the way, 0.7 CPU-s of a one-row edit at 50,000 agencies.
type spool struct {
	blocks [][]byte
	n      int
}

// spoolBlock and spoolBlocks bound the blocks' size: a content table's
// entry is a few kilobytes, the decisions' thousands of blocks.
const spoolBlock, spoolBlocks = 16 << 10, 1 << 20

func (s *spool) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		last := len(s.blocks) - 1
		if last < 0 || len(s.blocks[last]) == cap(s.blocks[last]) {
			size := spoolBlocks
			if len(s.blocks) < 6 { // 16 KB doubled six times is 1 MB
				size = spoolBlock << len(s.blocks)
			}
			s.blocks = append(s.blocks, make([]byte, 0, size))
			last++
		}
		k := min(len(p), cap(s.blocks[last])-len(s.blocks[last]))
		s.blocks[last] = append(s.blocks[last], p[:k]...)
		p = p[k:]
	}
	s.n += n
	return n, nil
}

func (s *spool) Len() int { return s.n }

func (s *spool) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, b := range s.blocks {
		k, err := w.Write(b)
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func newArchiveEntry(name string) *archiveEntry {
	e := &archiveEntry{name: name}
	e.p = newPieces(&e.buf)
	return e
}

// flates are compressors at archiveLevel to reuse: each holds about a
// megabyte of tables, and a release's zips and workbooks use dozens.
var flates sync.Pool

// newFlate is a compressor at archiveLevel writing to out; putFlate
// returns it once closed.
func newFlate(out io.Writer) *flate.Writer {
	if w, ok := flates.Get().(*flate.Writer); ok {
		w.Reset(out)
		return w
	}
	w, _ := flate.NewWriter(out, archiveLevel) // the level is valid
	return w
}

func putFlate(w *flate.Writer) { flates.Put(w) }

// pooledFlate is a compressor for archive/zip that goes back to the pool
// when the zip closes its entry.
type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	putFlate(p.Writer)
	return err
}

// fastZip is a zip writer whose Deflate is at archiveLevel, with pooled compressors.
func fastZip(out io.Writer) *zip.Writer {
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) { return pooledFlate{newFlate(out)}, nil })
	return zw
}

// releaseTime is the time every archive entry carries: midnight of the
// release's as-of date, as the date is written (zip's times have no
// zone), so that the same release gives the same bytes.
func releaseTime(created string) time.Time {
	t, err := time.Parse(time.DateOnly, created[:min(len(created), len(time.DateOnly))])
	if err != nil {
		return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// writeArchive publishes this release's archive, or carries forward the
// one an earlier build of the same release made, and carries forward the
// archives of the earlier releases cat.Releases still lists.
func (w *writer) writeArchive(cat *catalogue.Catalogue, prev *Previous, entries []*archiveEntry, pkg []byte) error {
	if err := w.keepChanges(cat, prev); err != nil {
		return err
	}
	for i := range cat.Releases {
		r := &cat.Releases[i]
		if r.Version == cat.Version {
			continue
		}
		if !prev.carries(*r) || prev.suspect(r.Version) {
			r.Archive, r.ArchiveBytes, r.ArchiveSHA256 = "", 0, ""
			continue
		}
		if err := w.carry(catalogue.Dir+r.Archive, prev.archiveFile(*r), r.ArchiveSHA256); err != nil {
			return err
		}
	}
	path := catalogue.ArchivePath(cat.Version)
	if old := prev.release(cat.Version); old != nil && old.Archive == strings.TrimPrefix(path, catalogue.Dir) && prev.carries(*old) && !prev.suspect(old.Version) {
		// the same release built again: its archive never changes
		if err := w.carry(path, prev.archiveFile(*old), old.ArchiveSHA256); err != nil {
			return err
		}
		for _, t := range cat.Tables { // the runs were compressed into an archive not published
			for r := range t.Runs {
				t.Runs[r].Spans[catalogue.ArchiveSpan] = catalogue.Span{}
			}
		}
		cat.Archive = FileInfo{Path: path, Format: "zip", Bytes: old.ArchiveBytes, SHA256: old.ArchiveSHA256}
	} else {
		fi, err := w.zipRelease(path, cat, entries, pkg)
		if err != nil {
			return err
		}
		cat.Archive = fi
	}
	rel := &cat.Releases[slices.IndexFunc(cat.Releases, func(r catalogue.Release) bool { return r.Version == cat.Version })]
	rel.Archive, rel.ArchiveBytes, rel.ArchiveSHA256 = strings.TrimPrefix(path, catalogue.Dir), cat.Archive.Bytes, cat.Archive.SHA256
	return nil
}

// keepChanges publishes this release's changes.json in its release folder,
// and carries forward those of the earlier releases the history keeps
// (cat.History has them all, for their pages and feeds).
func (w *writer) keepChanges(cat *catalogue.Catalogue, prev *Previous) error {
	cat.History = map[string]*catalogue.Changes{}
	for i := range cat.Releases {
		r := &cat.Releases[i]
		path := catalogue.ReleaseChanges(r.Version)
		var b []byte
		var ch *catalogue.Changes
		if r.Version == cat.Version {
			var err error
			if b, err = marshal(cat.Changes); err != nil {
				return err
			}
			ch = cat.Changes
		} else {
			r.Changes = ""
			k, ok := prev.earlier[r.Version]
			if !ok {
				continue // none, or a release from before its changes were kept
			}
			if k.err != nil {
				return k.err
			}
			b, ch = k.b, k.ch
		}
		if err := w.sink.Add(path, b); err != nil {
			return err
		}
		r.Changes = strings.TrimPrefix(path, catalogue.Dir)
		cat.History[r.Version] = ch
	}
	return nil
}

// carrier is a sink that can publish an earlier release's file as it is
// (publish.Tx).
type carrier interface {
	Carry(path, src, sha256hex string) error
}

func (w *writer) carry(path, src, sha string) error {
	c, ok := w.sink.(carrier)
	if !ok {
		return fmt.Errorf("%s: this output cannot carry an earlier release's files", path)
	}
	return c.Carry(path, src, sha) // which checks the file against sha
}

// zipRelease writes the archive: the tables' CSVs as they were compressed
// while written, then datapackage.json and SHA256SUMS.
func (w *writer) zipRelease(path string, cat *catalogue.Catalogue, entries []*archiveEntry, pkg []byte) (FileInfo, error) {
	f, err := w.open(path, "zip")
	if err != nil {
		return FileInfo{}, err
	}
	defer f.abort()
	zw := fastZip(writerFunc(f.write))
	modified := releaseTime(cat.Created)
	var sums strings.Builder
	for i, e := range entries {
		if err := e.p.close(); err != nil {
			return FileInfo{}, err
		}
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: modified, CRC32: e.p.crc,
			CompressedSize64: uint64(e.buf.Len()), UncompressedSize64: uint64(e.p.n)}
		h.SetMode(0o644)
		h.SetModTime(modified) //lint:ignore SA1019 CreateRaw, unlike CreateHeader, writes the MS-DOS time as the header has it
		zf, err := zw.CreateRaw(h)
		if err != nil {
			return FileInfo{}, err
		}
		if _, err := e.buf.WriteTo(zf); err != nil {
			return FileInfo{}, err
		}
		fmt.Fprintf(&sums, "%s  %s\n", cat.Tables[i].Files[0].SHA256, e.name)
		e.buf = spool{}
	}
	pkgSum := sha256.Sum256(pkg)
	fmt.Fprintf(&sums, "%x  %s\n", pkgSum, "datapackage.json")
	for _, file := range []struct {
		name string
		data []byte
	}{{"datapackage.json", pkg}, {"SHA256SUMS", []byte(sortedSums(sums.String()))}} {
		h := &zip.FileHeader{Name: file.name, Method: zip.Deflate, Modified: modified}
		h.SetMode(0o644)
		zf, err := zw.CreateHeader(h)
		if err != nil {
			return FileInfo{}, err
		}
		if _, err := zf.Write(file.data); err != nil {
			return FileInfo{}, err
		}
	}
	zw.SetComment(cat.Site.Name + " · 开放数据 " + cat.Version + " 版")
	if err := zw.Close(); err != nil {
		return FileInfo{}, err
	}
	return f.close()
}

// sortedSums orders checksum lines by file name, as sha256sum's users expect.
func sortedSums(s string) string {
	lines := strings.SplitAfter(strings.TrimSuffix(s, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\n")
	}
	slices.SortFunc(lines, func(a, b string) int {
		return strings.Compare(a[strings.Index(a, "  ")+2:], b[strings.Index(b, "  ")+2:])
	})
	return strings.Join(lines, "\n") + "\n"
}

type writerFunc func([]byte) error

func (f writerFunc) Write(p []byte) (int, error) {
	if err := f(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// release is the previous history's entry for version, nil when none.
func (p *Previous) release(version string) *catalogue.Release {
	for i := range p.releases {
		if p.releases[i].Version == version {
			return &p.releases[i]
		}
	}
	return nil
}

// archiveFile is where the previous release's output has r's archive.
func (p *Previous) archiveFile(r catalogue.Release) string {
	return filepath.Join(p.dataDir, filepath.FromSlash(r.Archive))
}

// carries reports whether r's archive can be carried forward: listed with
// its checksum, at a path of its own release, and present in the previous
// output. An archive someone deleted is no longer listed.
func (p *Previous) carries(r catalogue.Release) bool {
	if r.Archive == "" || r.ArchiveSHA256 == "" || p.dataDir == "" || !validID(r.Version) ||
		catalogue.Dir+r.Archive != catalogue.ArchivePath(r.Version) {
		return false
	}
	st, err := os.Stat(p.archiveFile(r))
	return err == nil && st.Mode().IsRegular()
}
