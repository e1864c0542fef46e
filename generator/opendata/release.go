package opendata

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"portal/generator/catalogue"
	"portal/generator/internal/par"
)

// A release's tables, as changes compare them: every row as its
// canonical CSV's text, found by the fields that identify it. A build
// compares the register it publishes with the previous release read so
// (ReadPrevious), and `portal diff` two releases read so (ReadRelease):
// one comparison, whichever side is live.

// diffTables are the tables changes are listed for: the register field by
// field, the others row by row.
var diffTables = []string{"register", "annual-checks", "grades", "abnormal"}

// rowKeys are the fields that identify a row of a table that has no
// primary key, for the changes: an 经营异常 listing is an agency listed on
// a day for a reason.
var rowKeys = map[string][]string{"abnormal": {"code", "listed_on", "reason"}}

// keyOf is the identifying fields of the table name whose primary key is
// pk: pk, or rowKeys.
func keyOf(name string, pk []string) []string {
	if len(pk) > 0 {
		return pk
	}
	return rowKeys[name]
}

// unitSep joins a row's cells into one string (a control character no
// published value holds).
const unitSep = "\x1f"

// snapTable is one table of a release.
type snapTable struct {
	name, title string
	fields      []string          // column names, as the CSV's header
	titles      map[string]string // column name → Chinese title, when known
	types       map[string]string // column name → Table Schema type
	key         []int             // the identifying columns
	rows        map[string]string // key → the row's cells joined by unitSep
	order       []string          // keys in file order
	// sum is the SHA-256 (hex) of the canonical CSV it was read from ("":
	// not read from one): a release's table with the same sum has the same
	// rows, and needs no snapshot of its own (settle, liveSnapshot)
	sum string
}

func (t *snapTable) col(name string) int {
	for i, f := range t.fields {
		if f == name {
			return i
		}
	}
	return -1
}

// add records one row; a key seen before gets its occurrence number, so
// that no row is lost.
func (t *snapTable) add(cells []string) {
	parts := make([]string, len(t.key))
	for i, k := range t.key {
		parts[i] = cells[k]
	}
	key := strings.Join(parts, unitSep)
	if _, dup := t.rows[key]; dup {
		for n := 2; ; n++ {
			if k := key + unitSep + "#" + strconv.Itoa(n); t.rows[k] == "" {
				key = k
				break
			}
		}
	}
	t.rows[key] = strings.Join(cells, unitSep)
	t.order = append(t.order, key)
}

// Snapshot is what a release published, as changes compare it.
type Snapshot struct {
	Version string
	tables  map[string]*snapTable
	// later are the tables other than the register that ReadPrevious
	// leaves unread until the changes are listed (settle): most are the
	// live tables' bytes, which need not be read
	later []*snapJob
}

// snapJob is a table of a release to read from fsys.
type snapJob struct {
	t           *snapTable
	fsys        fs.FS
	path        string
	schema, key []string
	err         error
}

func (j *snapJob) read() { j.err = j.t.read(j.fsys, j.path, j.schema, j.key) }

// settle says which of the previous release's tables have the bytes of
// the live table's canonical CSV (csvSum): their rows are the live
// table's, and nothing in them changed. A table read at once (the
// register) tells by the sum it was read with; of the tables ReadPrevious
// left for later, those are not read at all (they stand here without
// rows), and the others are read now. It settles the snapshot for one
// release's changes: a Previous is read for the one build that writes them.
func (s *Snapshot) settle(csvSum func(table string) string) (same map[string]bool, err error) {
	same = map[string]bool{}
	if s == nil {
		return same, nil
	}
	for name, t := range s.tables {
		if t.sum != "" && t.sum == csvSum(name) {
			same[name] = true
		}
	}
	if len(s.later) == 0 {
		return same, nil
	}
	sums := make([]string, len(s.later))
	par.Each(context.Background(), len(s.later), func(_, i int) error { // each job keeps its error
		j := s.later[i]
		if want := csvSum(j.t.name); want != "" {
			if b, err := fs.ReadFile(j.fsys, j.path); err == nil {
				h := sha256.Sum256(b)
				if sums[i] = hex.EncodeToString(h[:]); sums[i] == want {
					// only the header is read: does it hold the columns
					// that identify a row, as read would ask?
					head, err := csv.NewReader(bytes.NewReader(b)).Read()
					if err == nil {
						err = (&snapTable{}).setFields(head, j.key)
					}
					j.err = err
					return nil
				}
			}
		}
		j.read()
		return nil
	})
	for i, j := range s.later {
		switch {
		case errors.Is(j.err, errNoKey):
			// a release from before the column was published: its rows are not compared
		case j.err != nil:
			return nil, fmt.Errorf("%s: %v", j.path, j.err)
		case sums[i] != "" && sums[i] == csvSum(j.t.name):
			same[j.t.name] = true
			s.tables[j.t.name] = &snapTable{name: j.t.name, title: j.t.title, rows: map[string]string{}, sum: sums[i]}
		default:
			s.tables[j.t.name] = j.t
		}
	}
	s.later = nil
	return same, nil
}

func (s *Snapshot) table(name string) *snapTable {
	if s == nil {
		return nil
	}
	return s.tables[name]
}

// ReadRelease reads a release: a built site, its data directory, or one
// of its archives (.zip, catalogue.ArchivePath).
func ReadRelease(p string) (*Snapshot, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		zr, err := zip.OpenReader(p)
		if err != nil {
			return nil, fmt.Errorf("%s: not a release folder nor an archive: %v", p, err)
		}
		defer zr.Close()
		s, err := readSnapshot(zr)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		return s, nil
	}
	dir := dataDir(p)
	s, err := readSnapshot(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return s, nil
}

// dataDir is a site root's data directory, or root itself when it is one.
func dataDir(root string) string {
	if _, err := os.Stat(filepath.Join(root, "datapackage.json")); err == nil {
		return root
	}
	return filepath.Join(root, filepath.FromSlash(catalogue.Dir))
}

// errNoKey says a table lacks a column that identifies its rows.
var errNoKey = errors.New("no column that identifies its rows")

// errNoRelease says a folder holds no release.
var errNoRelease = errors.New("no release here (no datapackage.json)")

// readSnapshot reads the tables changes compare from a release's files,
// as its datapackage.json describes them.
func readSnapshot(fsys fs.FS) (*Snapshot, error) { return readSnapshotLater(fsys, false) }

// readSnapshotLater is readSnapshot, but with later it reads only the
// register at once and leaves the other tables for settle.
func readSnapshotLater(fsys fs.FS, later bool) (*Snapshot, error) {
	raw, err := fs.ReadFile(fsys, "datapackage.json")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errNoRelease
	}
	if err != nil {
		return nil, err
	}
	var pkg struct {
		Version   string `json:"version"`
		Resources []struct {
			Name, Path, Title string
			Schema            struct {
				Fields []struct {
					Name, Title, Type string
				} `json:"fields"`
				PrimaryKey []string `json:"primaryKey"`
			} `json:"schema"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		return nil, fmt.Errorf("datapackage.json: %v", err)
	}
	s := &Snapshot{Version: pkg.Version, tables: map[string]*snapTable{}}
	var jobs []*snapJob
	for _, r := range pkg.Resources {
		if !slices.Contains(diffTables, r.Name) {
			continue
		}
		j := &snapJob{t: &snapTable{name: r.Name, title: r.Title, titles: map[string]string{}, types: map[string]string{}, rows: map[string]string{}},
			fsys: fsys, path: path.Clean(r.Path), key: keyOf(r.Name, r.Schema.PrimaryKey)}
		for _, f := range r.Schema.Fields {
			j.t.titles[f.Name], j.t.types[f.Name] = f.Title, f.Type
			j.schema = append(j.schema, f.Name)
		}
		if later && r.Name != "register" {
			s.later = append(s.later, j)
			continue
		}
		jobs = append(jobs, j)
	}
	par.Each(context.Background(), len(jobs), func(_, i int) error { // each job keeps its error
		jobs[i].read()
		return nil
	})
	for _, j := range jobs {
		if errors.Is(j.err, errNoKey) && j.t.name != "register" {
			continue // a release from before the column was published: its rows are not compared
		} else if j.err != nil {
			return nil, fmt.Errorf("%s: %v", j.path, j.err)
		}
		s.tables[j.t.name] = j.t
	}
	if s.tables["register"] == nil {
		return nil, fmt.Errorf("datapackage.json lists no register")
	}
	return s, nil
}

// read reads the table's canonical CSV, or when it is missing (removed
// from the output by hand) its JSON Lines copy, whose fields are schema.
func (t *snapTable) read(fsys fs.FS, name string, schema, key []string) error {
	f, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) && strings.HasSuffix(name, ".csv") {
		return t.readLines(fsys, strings.TrimSuffix(name, ".csv")+".jsonl", schema, key)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	r := csv.NewReader(io.TeeReader(f, h))
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return err
	}
	if err := t.setFields(head, key); err != nil {
		return err
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			t.sum = hex.EncodeToString(h.Sum(nil)) // the reader has read every byte
			return nil
		}
		if err != nil {
			return err
		}
		t.add(rec)
	}
}

func (t *snapTable) setFields(fields, key []string) error {
	t.fields = append([]string(nil), fields...)
	for _, k := range key {
		i := t.col(k)
		if i < 0 {
			return fmt.Errorf("%w: %q", errNoKey, k)
		}
		t.key = append(t.key, i)
	}
	return nil
}

// readLines reads a table's JSON Lines copy: each value as the CSV writes
// it (strings' text, other values as JSON, null as nothing).
func (t *snapTable) readLines(fsys fs.FS, name string, schema, key []string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if err := t.setFields(schema, key); err != nil {
		return err
	}
	cells := make([]string, len(schema))
	for n, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(line, &obj); err != nil {
			return fmt.Errorf("%s:%d: %v", name, n+1, err)
		}
		for i, f := range schema {
			raw := obj[f]
			var s string
			switch {
			case len(raw) == 0 || string(raw) == "null":
				s = ""
			case raw[0] == '"' && json.Unmarshal(raw, &s) == nil:
			default:
				s = string(raw)
			}
			cells[i] = s
		}
		t.add(cells)
	}
	return nil
}
