package load

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/bits"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"portal/generator/internal/inputs"
	"portal/generator/model"
)

// Kept holds, from one load to the next, what loading made of the files
// of the annual checks, grades and 经营异常 listings that it read without a
// problem: their decoded rows and how each file was read, under a key of
// the file's bytes and of all that reads them (the program, the table,
// the file's name in the data directory, data/import.toml, the grade
// scale). A file whose key it holds is not parsed, cleaned or decoded
// again: a one-row edit of the licences leaves the other tables as they
// were. A build with state (generator) keeps one beside its output, the
// preview's Builder one in memory (KeptMemory).
//
// Only a file that gave no diagnostic at all is kept, so that what a
// later load reports of the inputs is what reading them would report:
// kept rows carry no warning to repeat, and no personal number (which is
// an error) to mask. What a load did not use is removed when it ends.
type Kept struct {
	dir   string
	mem   *KeptMemory // instead of dir, when not nil
	prog  string      // inputs.ProgramKey: another program reads files its own way
	reads string      // what every file of this load is read with (begin)
	mu    sync.Mutex
	used  map[string]bool
}

// OpenKept keeps files' rows in the directory dir (made when first kept
// into). Nil when the program cannot be digested: nothing is kept then.
func OpenKept(dir string) *Kept {
	prog, err := inputs.ProgramKey()
	if err != nil {
		return nil
	}
	return &Kept{dir: dir, prog: prog, used: map[string]bool{}}
}

// KeptMemory keeps rows in memory from one load to the next, for a
// process that loads the same inputs again after each edit (the
// preview's Builder), which keeps nothing on disk.
// Two loads at once (a cancelled build still loading beside the next)
// may each drop what the other kept: it is only read again.
type KeptMemory struct {
	mu    sync.Mutex
	files map[string][]byte // encodeKept's bytes, by key
}

// Kept is a Kept for one load, keeping into m. Nil when the program
// cannot be digested, as OpenKept.
func (m *KeptMemory) Kept() *Kept {
	k := OpenKept("")
	if k != nil {
		k.mem = m
	}
	return k
}

func (m *KeptMemory) get(key string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if b, ok := m.files[key]; ok {
		return b, nil
	}
	return nil, fs.ErrNotExist
}

func (m *KeptMemory) put(key string, b []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[key] = b
}

// keepOnly removes what a load did not use.
func (m *KeptMemory) keepOnly(used map[string]bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for key := range m.files {
		if !used[key] {
			delete(m.files, key)
		}
	}
}

// keptSchema reports whether a table's files are kept whole: the tables
// whose rows each stand alone, each optional, so that a table without
// rows is no error of the load's. The licences, the file an edit changes,
// are read each time and kept a part at a time (keptParts); the regions
// and holidays are small.
func keptSchema(sc *Schema) bool {
	return (sc == ChecksSchema || sc == GradesSchema || sc == AbnormalSchema) && sc.Optional
}

// into gives what f holds of the file path to ds (what it records of
// every file) and part (the table's rows), as decodeInto does.
func (f *keptFile) into(ds, part *model.Dataset, mu *sync.Mutex, path string) {
	mu.Lock()
	ds.Columns[path] = f.Cols
	if ds.Headings == nil {
		ds.Headings = map[string][]string{}
	}
	ds.Headings[path] = f.Headings
	if f.How != "" {
		ds.ReadAs[path] = f.How
	}
	ds.Explain[path] = f.Explain
	mu.Unlock()
	part.Checks = join(part.Checks, f.checks)
	part.Grades = join(part.Grades, f.grades)
	part.Listings = join(part.Listings, f.listings)
}

// keptFile is what a load made of one file.
type keptFile struct {
	Cols     map[string]int `json:"cols"`
	Headings []string       `json:"headings"`
	How      string         `json:"how"`
	Explain  []string       `json:"explain"`
	// the rows, of one kind; a part of a table's (keptParts) has only them
	decisions []*model.Decision
	checks    []*model.AnnualCheck
	grades    []*model.Grade
	listings  []*model.Listing
}

// rowsOf is f's rows of kind T, nil for a kind it cannot hold.
func rowsOf[T any](f *keptFile) *[]*T {
	for _, rows := range []any{&f.decisions, &f.checks, &f.grades, &f.listings} {
		if p, ok := rows.(*[]*T); ok {
			return p
		}
	}
	return nil
}

// keptParts keeps the decoded rows of a table read again each time (the
// licences: a one-row edit changes their file), a part of its rows
// (decodeRows) at a time: what a part's rows decode to depends on its
// cells and lines and on what the table's header and the load say, and
// on nothing the other parts hold, so an edited or appended row leaves
// every other part's rows as they were kept. Like a kept file, a part is
// kept only when decoding it gave no diagnostic at all.
type keptParts struct {
	k   *Kept
	ctx []byte // the digest of what every part of the table is read with
}

// parts is where the parts of t, read from the file name in the load's
// data directory, are kept.
func (k *Kept) parts(t *table, name string) *keptParts {
	h := sha256.New()
	fmt.Fprintf(h, "%spart of table %s\nfile %q\nheader %q\nheadings %q\ndates %d\nseparator %q\nwidth %d\n",
		k.reads, t.schema.Base, name, t.header, t.headings, t.dates, t.comma, t.width)
	return &keptParts{k: k, ctx: h.Sum(nil)}
}

// key digests the part's cells, as the file has them, and lines.
func (p *keptParts) key(part *table) string {
	h := sha256.New()
	h.Write(p.ctx)
	var b []byte
	for i, row := range part.rows {
		b = binary.AppendUvarint(b[:0], uint64(part.lines[i]))
		b = binary.AppendUvarint(b, uint64(len(row)))
		for _, c := range row {
			b = binary.AppendUvarint(b, uint64(len(c)))
			b = append(b, c...)
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// begin digests what every file of a load is read with — the program,
// data/import.toml in dir, the grade scale — once, before its tables are
// read side by side.
func (k *Kept) begin(dir Dir, scale []string) {
	settings, err := fs.ReadFile(dir.FS, ImportFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		settings = []byte(err.Error())
	}
	k.reads = fmt.Sprintf("portal load kept 1\nprogram %s\nscale %q\nimport %x\n", k.prog, scale, sha256.Sum256(settings))
}

// key digests everything the reading of the file name (in the load's
// data directory) of table sc depends on: what begin digested, the table,
// the name and the bytes b. Not where the directory is: the rows' file is
// given them when they are read back (the same files under another
// --data are the same rows).
func (k *Kept) key(sc *Schema, name string, b []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%stable %s\nfile %q\n", k.reads, sc.Base, name)
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// get returns what an earlier load kept under key of the file path, if
// it can be read.
func (k *Kept) get(key, path string) (*keptFile, bool) {
	k.mu.Lock()
	k.used[key] = true
	k.mu.Unlock()
	var b []byte
	var err error
	if k.mem != nil {
		b, err = k.mem.get(key)
	} else {
		b, err = os.ReadFile(filepath.Join(k.dir, key))
	}
	if err != nil {
		return nil, false
	}
	f, err := decodeKept(b, path)
	return f, err == nil
}

// put keeps f under key; a failure only means it is read again next time.
func (k *Kept) put(key string, f *keptFile) {
	if k.mem != nil {
		if b, err := encodeKept(f); err == nil {
			k.mem.put(key, b)
		}
		return
	}
	if os.MkdirAll(k.dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(k.dir, ".writing-")
	if err != nil {
		return
	}
	w := writers.Get().(*keptWriter)
	w.out.Reset(tmp)
	err = writeKept(&w.out, f, &w.rec)
	err = errors.Join(err, w.out.Flush(), tmp.Close())
	w.out.Reset(nil)
	writers.Put(w)
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(k.dir, key))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// keptWriter is what put writes a kept file with, reused from file to
// file: a fresh build keeps every part of the licences, and building each
// file in memory made the 200k build's load allocate over a gigabyte
// more.
type keptWriter struct {
	out bufio.Writer
	rec recordWriter
}

var writers = sync.Pool{New: func() any {
	w := &keptWriter{rec: recordWriter{texts: map[string]int{}}}
	w.out = *bufio.NewWriterSize(nil, 256<<10)
	return w
}}

// An attachment of a policy read without finding personal data is kept
// as an empty entry under attachmentKey: a PDF's fonts and pages, a
// workbook's sheets are not read again on every build while its bytes,
// its kind and the program are the same. One that was refused is not
// kept, so its error is found again.

// attachmentKey is what an attachment named name with the bytes b is kept
// under: "" for a nil k.
func (k *Kept) attachmentKey(name string, b []byte) string {
	if k == nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "portal attachment clean 1\nprogram %s\nkind %s\n", k.prog, strings.ToLower(path.Ext(name)))
	h.Write(b)
	return "attachment-" + hex.EncodeToString(h.Sum(nil))
}

// cleanAttachment reports whether an earlier load kept key as read clean.
func (k *Kept) cleanAttachment(key string) bool {
	if k == nil || key == "" {
		return false
	}
	k.mu.Lock()
	k.used[key] = true
	k.mu.Unlock()
	if k.mem != nil {
		_, err := k.mem.get(key)
		return err == nil
	}
	_, err := os.Stat(filepath.Join(k.dir, key))
	return err == nil
}

// keepCleanAttachment keeps key as read clean; a failure only means it is
// read again next time.
func (k *Kept) keepCleanAttachment(key string) {
	if k == nil || key == "" {
		return
	}
	if k.mem != nil {
		k.mem.put(key, nil)
		return
	}
	if os.MkdirAll(k.dir, 0o755) == nil {
		os.WriteFile(filepath.Join(k.dir, key), nil, 0o644)
	}
}

// done removes what this load did not use.
func (k *Kept) done() {
	if k.mem != nil {
		k.mu.Lock()
		defer k.mu.Unlock()
		k.mem.keepOnly(k.used)
		return
	}
	es, err := os.ReadDir(k.dir)
	if err != nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, e := range es {
		if !k.used[e.Name()] {
			os.Remove(filepath.Join(k.dir, e.Name()))
		}
	}
}

const keptMagic = "portal kept rows 1\n"

// errDamagedKept is a kept file that cannot be read: a miss, never shown.
var errDamagedKept = errors.New("damaged kept file")

// encodeKept is writeKept's bytes.
func encodeKept(f *keptFile) ([]byte, error) {
	var b bytes.Buffer
	err := writeKept(&b, f, &recordWriter{texts: map[string]int{}})
	return b.Bytes(), err
}

// writeKept writes f as keptMagic, its JSON header, the distinct texts
// of its rows (each once: a load's rows share their repeated texts,
// intern.go, and so do kept rows read back), then its rows: for each kind
// a count, and every field of every row in declaration order (a text as
// its number in the list). e is emptied first, to be written with.
func writeKept(w interface {
	io.Writer
	io.StringWriter
}, f *keptFile, e *recordWriter) error {
	head, err := json.Marshal(f)
	if err != nil {
		return err
	}
	clear(e.texts)
	e.list, e.body = e.list[:0], e.body[:0]
	appendRecords(e, f.decisions)
	appendRecords(e, f.checks)
	appendRecords(e, f.grades)
	appendRecords(e, f.listings)
	var n [binary.MaxVarintLen64]byte
	write := func(b []byte) {
		if err == nil {
			_, err = w.Write(b)
		}
	}
	text := func(t string) {
		write(binary.AppendUvarint(n[:0], uint64(len(t))))
		if err == nil {
			_, err = w.WriteString(t)
		}
	}
	_, err = w.WriteString(keptMagic)
	write(binary.AppendUvarint(n[:0], uint64(len(head))))
	write(head)
	write(binary.AppendUvarint(n[:0], uint64(len(e.list))))
	for _, t := range e.list {
		text(t)
	}
	write(e.body)
	clear(e.list) // no text kept alive by the pool
	return err
}

func decodeKept(b []byte, path string) (*keptFile, error) {
	if len(b) < len(keptMagic) || string(b[:len(keptMagic)]) != keptMagic {
		return nil, errDamagedKept
	}
	r := &recordReader{s: string(b[len(keptMagic):]), file: path} // the texts are slices of this one string
	n := r.uvarint()
	if r.err != nil || uint64(len(r.s)-r.at) < n {
		return nil, errDamagedKept
	}
	f := &keptFile{}
	if err := json.Unmarshal([]byte(r.s[r.at:r.at+int(n)]), f); err != nil {
		return nil, err
	}
	r.at += int(n)
	texts := r.uvarint()
	if r.err != nil || texts > uint64(len(r.s)-r.at) { // every text takes a byte at least
		return nil, errDamagedKept
	}
	r.texts = make([]string, texts)
	for i := range r.texts {
		n := r.uvarint()
		if r.err != nil || uint64(len(r.s)-r.at) < n {
			return nil, errDamagedKept
		}
		r.texts[i] = r.s[r.at : r.at+int(n)]
		r.at += int(n)
	}
	f.decisions = readRecords[model.Decision](r)
	f.checks = readRecords[model.AnnualCheck](r)
	f.grades = readRecords[model.Grade](r)
	f.listings = readRecords[model.Listing](r)
	if r.err != nil || r.at != len(r.s) {
		return nil, cmp.Or(r.err, errDamagedKept)
	}
	return f, nil
}

// recordWriter writes rows: their fields into body, their texts once
// each into list.
type recordWriter struct {
	body  []byte
	texts map[string]int
	list  []string
}

// appendRecords writes how many rows there are, then each row's fields
// in declaration order: a text as its number, a number as a varint, a
// struct (model.Source) field by field. A field of another kind is a
// mistake in this file (TestKeptRowsRoundTrip).
func appendRecords[T any](e *recordWriter, rows []*T) {
	e.body = binary.AppendUvarint(e.body, uint64(len(rows)))
	for _, r := range rows {
		e.value(reflect.ValueOf(r).Elem())
	}
}

// sourceType is a row's place: its file is the kept file's (in the key),
// so only its line is written. Its fields are File and Line, in that order
// (TestKeptRowsRoundTrip).
var sourceType = reflect.TypeFor[model.Source]()

func (e *recordWriter) value(v reflect.Value) {
	if v.Type() == sourceType {
		e.body = binary.AppendVarint(e.body, v.Field(1).Int())
		return
	}
	switch v.Kind() {
	case reflect.String:
		t := v.String()
		n, ok := e.texts[t]
		if !ok {
			n = len(e.list)
			e.texts[t] = n
			e.list = append(e.list, t)
		}
		e.body = binary.AppendUvarint(e.body, uint64(n))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.body = binary.AppendVarint(e.body, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.body = binary.AppendUvarint(e.body, v.Uint())
	case reflect.Float32, reflect.Float64:
		// byte-reversed, as encoding/gob does: a round number's few
		// significant bytes come first, so its varint is short
		e.body = binary.AppendUvarint(e.body, bits.ReverseBytes64(math.Float64bits(v.Float())))
	case reflect.Bool:
		if v.Bool() {
			e.body = append(e.body, 1)
		} else {
			e.body = append(e.body, 0)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			e.value(v.Field(i))
		}
	default:
		panic("load: a kept row's field of kind " + v.Kind().String())
	}
}

// recordReader reads what appendRecords wrote from s; a row's file is
// file.
type recordReader struct {
	s     string
	at    int
	texts []string // the rows' texts, by number
	file  string
	err   error
}

func (r *recordReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	var x uint64
	for shift := uint(0); ; shift += 7 {
		if r.at >= len(r.s) || shift > 63 {
			r.err = errDamagedKept
			return 0
		}
		c := r.s[r.at]
		r.at++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x
		}
	}
}

func (r *recordReader) value(v reflect.Value) {
	if v.Type() == sourceType { // model.Source{File, Line}, set field by field: no boxing
		u := r.uvarint()
		v.Field(0).SetString(r.file)
		v.Field(1).SetInt(int64(u>>1) ^ -int64(u&1))
		return
	}
	switch v.Kind() {
	case reflect.String:
		n := r.uvarint()
		if r.err == nil && n >= uint64(len(r.texts)) {
			r.err = errDamagedKept
		}
		if r.err != nil {
			return
		}
		v.SetString(r.texts[n])
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		u := r.uvarint()
		v.SetInt(int64(u>>1) ^ -int64(u&1)) // zig-zag, as binary.AppendVarint
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(r.uvarint())
	case reflect.Float32, reflect.Float64:
		v.SetFloat(math.Float64frombits(bits.ReverseBytes64(r.uvarint())))
	case reflect.Bool:
		v.SetBool(r.uvarint() != 0)
	case reflect.Struct:
		for i := range v.NumField() {
			r.value(v.Field(i))
		}
	default:
		panic("load: a kept row's field of kind " + v.Kind().String())
	}
}

func readRecords[T any](r *recordReader) []*T {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.s)) { // every row takes a byte at least
		r.err = cmp.Or(r.err, errDamagedKept)
		return nil
	}
	out, slab := make([]*T, n), make([]T, n) // in one allocation, as decoded rows are
	for i := range out {
		r.value(reflect.ValueOf(&slab[i]).Elem())
		out[i] = &slab[i]
	}
	return out
}
