package load

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"portal/generator/diag"
	"portal/generator/internal/par"
	"portal/generator/model"
)

// Dir is an input directory: a file system and the name diagnostics show
// for it (data, /tmp/export, or data (embedded)).
type Dir struct {
	FS   fs.FS
	Name string

	settings settings // its import.toml, once Data has read it
}

// OSDir is the directory at path on disk.
func OSDir(path string) Dir { return Dir{FS: os.DirFS(path), Name: path} }

// show is how a file in the directory is named in diagnostics.
func (d Dir) show(name string) string { return filepath.Join(d.Name, filepath.FromSlash(name)) }

// Data loads every table of DESIGN §4 from dir. Problems in the files are
// added to d; the returned dataset holds every row that could be read. scale
// is the site's grade scale. Files are read concurrently.
func Data(dir Dir, scale []string, d *diag.List) *model.Dataset { return DataKept(dir, scale, nil, d) }

// DataKept is Data, taking the rows of the files kept holds from it and
// keeping those of the files it reads without a problem (kept may be nil).
func DataKept(dir Dir, scale []string, kept *Kept, d *diag.List) *model.Dataset {
	ds := &model.Dataset{Columns: map[string]map[string]int{}, Headings: map[string][]string{}, ReadAs: map[string]string{}, Unreadable: map[string]bool{}, Explain: map[string][]string{}}
	dir.settings = loadSettings(dir, d)
	if kept != nil {
		kept.begin(dir, scale)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	// each table is read by a goroutine of its own into a part of its own;
	// the parts are joined in Schemas order, so that the rows' order does
	// not depend on which finished first (the 吊销 of data/penalties join
	// the licence decisions after them)
	parts := make([]*model.Dataset, len(Schemas))
	for i, sc := range Schemas {
		wg.Add(1)
		part := &model.Dataset{}
		parts[i] = part
		go func() {
			defer wg.Done()
			if kept != nil && keptSchema(sc) {
				if readKept(dir, sc, scale, kept, ds, part, &mu, d) {
					mu.Lock()
					ds.Unreadable[sc.Base] = true
					mu.Unlock()
				}
				return
			}
			ts, broken := readTableKept(dir, sc, kept, d)
			if broken {
				mu.Lock()
				ds.Unreadable[sc.Base] = true
				mu.Unlock()
			}
			for _, t := range ts { // in name order: one table
				if err := decodeInto(ds, part, &mu, t, scale, d); err != nil {
					d.TableErrorf(diag.Pos{File: t.file}, "", "cannot map the columns: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	if kept != nil {
		kept.done()
	}
	unread(dir, d)
	for _, part := range parts {
		ds.Decisions = join(ds.Decisions, part.Decisions)
		ds.Checks = join(ds.Checks, part.Checks)
		ds.Grades = join(ds.Grades, part.Grades)
		ds.Listings = join(ds.Listings, part.Listings)
		ds.Regions = join(ds.Regions, part.Regions)
		ds.Holidays = join(ds.Holidays, part.Holidays)
	}
	ds.Decisions = historyFirst(ds.Decisions, ds, d)
	return ds
}

// historyFirst drops the current-licences snapshot's row of every agency
// whose decisions the licences table has: the history is published. A row
// that disagrees with the history's latest licence (its number or its
// validity) is a warning, so the bureau can tell which export is right —
// but one whose licence runs past every licence of the history is an
// error: the history lacks the 延续 or 新许可 that granted it, and the
// agency would be published with the licence that ended before it,
// 已过期 and not to dispatch workers when it may.
func historyFirst(decs []*model.Decision, ds *model.Dataset, d *diag.List) []*model.Decision {
	if !slices.ContainsFunc(decs, func(dec *model.Decision) bool { return dec.Snapshot }) {
		return decs // no snapshot: nothing to drop
	}
	has := map[string]bool{}               // agencies with a history
	latest := map[string]*model.Decision{} // and their latest licence in it
	ends := map[string]model.Date{}        // and the last day any licence of it runs to
	for _, dec := range decs {
		if dec.Snapshot {
			continue
		}
		has[dec.Code] = true
		if l := latest[dec.Code]; dec.ValidTo != 0 && (l == nil || dec.DecidedOn >= l.DecidedOn) {
			latest[dec.Code] = dec
		}
		ends[dec.Code] = max(ends[dec.Code], dec.ValidTo)
	}
	return slices.DeleteFunc(decs, func(dec *model.Decision) bool {
		if !dec.Snapshot {
			return false
		}
		if !has[dec.Code] {
			return false
		}
		h := latest[dec.Code]
		var msg, hint string
		switch {
		case h == nil && dec.Type != model.Filing && dec.ValidTo != 0: // the history has the agency as a filed branch only
			msg = fmt.Sprintf("this 许可现状 row is a licence of the agency's own, %s to %s, while its history in licences has no licence of its own, only a 备案 as a branch: the history lacks the 新许可, and the agency would be published as a branch, licensed only while its head office is",
				dec.LicenceNo, dec.ValidTo)
			hint = "add the 新许可 to licences, or correct this row if the agency is a branch"
		case h != nil && dec.ValidTo > ends[dec.Code]:
			msg = fmt.Sprintf("this 许可现状 row's licence %s runs to %s, past every licence of the agency's history in licences (the latest, %s; none runs past %s): the history lacks the decision that granted it, and the agency would be published with the licence that ended on %s",
				dec.LicenceNo, dec.ValidTo, h.LicenceNo, ends[dec.Code], ends[dec.Code])
			hint = "add the 延续 or 新许可 to licences, or correct this row if its period is wrong"
		}
		if msg != "" {
			d.Add(diag.Diagnostic{File: dec.Src.File, Line: dec.Src.Line, Col: ds.Col(dec.Src.File, model.ColValidTo.Title),
				Field: model.ColValidTo.Title, Value: dec.ValidTo.String(), Msg: msg, Hint: hint, Severity: diag.Error})
		} else if h != nil && (!model.SameLicence(h.LicenceNo, dec.LicenceNo) || h.ValidTo != dec.ValidTo) {
			d.Warnf(diag.Pos{File: dec.Src.File, Line: dec.Src.Line}, model.ColCode.Title, dec.Code,
				"licences has this agency's history, which is published: its latest licence there is %s valid to %s, this 许可现状 row says %s valid to %s (check which export is right)",
				h.LicenceNo, h.ValidTo, dec.LicenceNo, dec.ValidTo)
		}
		return true
	})
}

// spreadsheetExt are the endings of files that hold a table in a form no
// table reads (an unread one is warned of whatever its name).
var spreadsheetExt = map[string]bool{".csv": true, ".xlsx": true, ".xls": true, ".tsv": true,
	".xlsm": true, ".xlsb": true, ".et": true, ".ods": true, ".numbers": true, ".dbf": true}

// join appends b to a, without a copy when a is empty.
func join[T any](a, b []*T) []*T {
	if a == nil {
		return b
	}
	return append(a, b...)
}

// decodeInto decodes t into part, the rows of its table; what ds records of
// every file (its columns, how it was read) is set under mu.
func decodeInto(ds, part *model.Dataset, mu *sync.Mutex, t *table, scale []string, d *diag.List) error {
	mu.Lock()
	ds.Columns[t.file] = t.cols
	if ds.Headings == nil {
		ds.Headings = map[string][]string{}
	}
	ds.Headings[t.file] = t.headings
	mu.Unlock()
	var err error
	switch t.schema {
	case LicencesSchema:
		err = appendDecoded(&part.Decisions, t, d, decodeLicences, inParts)
	case CurrentSchema:
		err = appendDecoded(&part.Decisions, t, d, decodeLicences, inParts)
	case PenaltiesSchema: // a 双公示 行政处罚 file, in data/penalties or among the licence files
		err = appendDecoded(&part.Decisions, t, d, decodePenalties, whole) // it counts what it left out
	case ChecksSchema:
		err = appendDecoded(&part.Checks, t, d, decodeChecks, inParts)
	case GradesSchema:
		err = appendDecoded(&part.Grades, t, d, func(t *table, d *diag.List) ([]*model.Grade, error) { return decodeGrades(t, scale, d) }, inParts)
	case AbnormalSchema:
		err = appendDecoded(&part.Listings, t, d, decodeListings, inParts)
	case RegionsSchema:
		err = appendDecoded(&part.Regions, t, d, decodeRegions, whole)
	case HolidaysSchema:
		err = appendDecoded(&part.Holidays, t, d, decodeHolidays, whole)
	}
	if n := t.other.n; n > 0 {
		t.tell(t.other.summary())
		if n == len(t.rows) {
			// read as it stands, the register would lose the file's
			// agencies, or be empty, and say they hold no licence
			d.TableErrorf(diag.Pos{File: t.file, Line: t.headerLine}, "check that the right export is in the data directory: only 劳务派遣经营许可 decisions are published",
				"no row of this file is a decision on a 劳务派遣经营许可: all %d are on other licences (line %d: %s)", n, t.other.first, t.other.said)
		}
	}
	mu.Lock()
	if t.how != "" {
		ds.ReadAs[t.file] = t.how
	}
	if t.stated.Date != 0 && (t.schema == LicencesSchema || t.schema == CurrentSchema || t.schema == PenaltiesSchema) {
		ds.Stated = append(ds.Stated, t.stated)
	}
	ds.Explain[t.file] = t.explain
	mu.Unlock()
	return err
}

// decodeRows is how many rows of a table one job decodes: a large table
// whose decoder reads each row on its own (inParts) is decoded in parts on
// every core, joined in order; one whose decoder sums up the table (whole)
// in one.
const decodeRows = 8192

const (
	inParts = true
	whole   = false
)

func appendDecoded[T any](into *[]*T, t *table, d *diag.List, decode func(*table, *diag.List) ([]*T, error), rowwise bool) error {
	n := (len(t.rows) + decodeRows - 1) / decodeRows
	if !rowwise {
		n = 0
	}
	parts, errs := make([][]*T, n), make([]error, n)
	par.Each(context.Background(), n, func(_, i int) error {
		part := *t
		lo, hi := i*decodeRows, min(len(t.rows), (i+1)*decodeRows)
		part.rows, part.lines = t.rows[lo:hi], t.lines[lo:hi]
		parts[i], errs[i] = decodePart(&part, d, decode)
		// the part's cells are decoded (their texts copied, intern.go):
		// let them go now, not when the whole table is, so that a large
		// table's cells and its records are not all held at once
		clear(part.rows)
		return nil
	})
	if n == 0 { // whole, or no rows: the decoder still checks the columns
		t.cleanRows(d)
		parts, errs = make([][]*T, 1), make([]error, 1)
		parts[0], errs[0] = decode(t, d)
	}
	rows := slices.Concat(parts...)
	err := cmp.Or(errs...)
	if *into == nil {
		*into = rows
	} else {
		*into = append(*into, rows...)
	}
	return err
}

// decodePart cleans and decodes part, a part of a table's rows. When the
// table's parts are kept (t.keep), rows kept of the same part's cells are
// taken instead, and rows decoded without any diagnostic are kept.
func decodePart[T any](part *table, d *diag.List, decode func(*table, *diag.List) ([]*T, error)) ([]*T, error) {
	if part.keep == nil {
		part.cleanRows(d)
		return decode(part, d)
	}
	key := part.keep.key(part) // of the cells as the file has them
	if f, ok := part.keep.k.get(key, part.file); ok {
		if rows := rowsOf[T](f); rows != nil {
			return *rows, nil
		}
	}
	fd := &diag.List{} // this part's, to tell whether it may be kept
	defer d.Append(fd)
	part.cleanRows(fd)
	rows, err := decode(part, fd)
	// a part with rows left out (a 双公示 export's other licences) is
	// decoded again each time, so that the file's summary counts them
	if err == nil && fd.Len() == 0 && len(rows) > 0 && len(rows) == len(part.rows) {
		f := &keptFile{}
		if p := rowsOf[T](f); p != nil {
			*p = rows
			part.keep.k.put(key, f)
		}
	}
	return rows, err
}

// readTableKept reads the table's files in dir (tableFiles) as one
// table, a part per file, each mapped by its own header, whose parts are
// decoded with kept (keptParts) unless it is nil. broken says the table
// could not be read whole (a required file missing, an undecodable or
// unparsable file, a missing required column, no rows in a required
// table): what other tables say of its rows cannot be checked.
func readTableKept(dir Dir, sc *Schema, kept *Kept, d *diag.List) (ts []*table, broken bool) {
	broken = eachFile(dir, sc, d, func(name, path string, b []byte) (broken bool) {
		parts := parseTableWith(path, sc, b, strings.EqualFold(filepath.Ext(name), ".xlsx"), dir.settings.forFile(sc, name), d)
		for _, t := range parts {
			if kept != nil {
				t.keep = kept.parts(t, name+sheetSuffix(t.sheet))
			}
			broken = broken || t.broken
		}
		ts = append(ts, parts...)
		return broken || len(parts) == 0
	})
	if !keptSchema(sc) { // the decisions: every file is read each build
		checkPages(ts, d)
	}
	var tally partTally
	for _, t := range ts {
		tally.add(t)
	}
	broken = tally.report(sc, d) || broken
	if tally.rows == 0 && len(ts) > 0 && !sc.Optional && !broken {
		last := ts[len(ts)-1]
		d.TableErrorf(diag.Pos{File: last.file, Line: last.headerLine}, "export the table again with its rows, or check that the right file is in the data directory",
			"the %s table has a header but no rows: publishing it would empty the register", sc.Title)
		broken = true
	}
	return ts, broken
}

// readKept is readTable and decodeInto for a table whose files kept may
// hold (keptSchema): a file whose key it holds is not read again; one read
// without any diagnostic is kept.
func readKept(dir Dir, sc *Schema, scale []string, kept *Kept, ds, part *model.Dataset, mu *sync.Mutex, d *diag.List) (broken bool) {
	var tally partTally
	broken = eachFile(dir, sc, d, func(name, path string, b []byte) (broken bool) {
		key := kept.key(sc, name, b)
		if f, ok := kept.get(key, path); ok {
			f.into(ds, part, mu, path)
			tally.rows += len(f.checks) + len(f.grades) + len(f.listings) // kept only with rows
			return false
		}
		fd := &diag.List{} // this file's, to tell whether it may be kept
		defer d.Append(fd)
		parts := parseTableWith(path, sc, b, strings.EqualFold(filepath.Ext(name), ".xlsx"), dir.settings.forFile(sc, name), fd)
		if len(parts) == 0 {
			return true
		}
		for _, t := range parts {
			one := &model.Dataset{}
			if err := decodeInto(ds, one, mu, t, scale, fd); err != nil {
				fd.TableErrorf(diag.Pos{File: t.file}, "", "cannot map the columns: %v", err)
			}
			if len(parts) == 1 && fd.Len() == 0 && !t.broken && len(t.rows) > 0 {
				// a file of one table (a workbook of sheets is read again)
				kept.put(key, &keptFile{Cols: t.cols, Headings: t.headings, How: t.how, Explain: t.explain,
					checks: one.Checks, grades: one.Grades, listings: one.Listings})
			}
			part.Checks = join(part.Checks, one.Checks)
			part.Grades = join(part.Grades, one.Grades)
			part.Listings = join(part.Listings, one.Listings)
			tally.add(t)
			broken = broken || t.broken
		}
		return broken
	})
	return tally.report(sc, d) || broken
}

// partTally counts a table's rows file by file, keeping the files read
// whole with a header and no rows.
type partTally struct {
	rows  int
	empty []*table
}

func (p *partTally) add(t *table) {
	p.rows += len(t.rows)
	if len(t.rows) == 0 && !t.broken {
		p.empty = append(p.empty, t)
	}
}

// report reports the files of a table given as several (a folder of
// them, one per city or per export) that have a header and no rows while
// the others have rows: a city's export that came out empty. In the
// licences its agencies would be missing from the register — and a
// reader told they are unlicensed — so it is an error (broken says so);
// in an optional table its results would be missing, a warning. A table
// with no rows at all is its caller's to report.
func (p *partTally) report(sc *Schema, d *diag.List) (broken bool) {
	if p.rows == 0 {
		return false
	}
	const hint = "export the file again with its rows, or delete it if it has none"
	for _, t := range p.empty {
		pos := diag.Pos{File: t.file, Line: t.headerLine}
		if sc.Optional {
			d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Hint: hint, Severity: diag.Warning,
				Msg: fmt.Sprintf("this file of the %s table has a header but no rows, while its other files have rows: none of its rows is published", sc.Title)})
			continue
		}
		d.TableErrorf(pos, hint, "this file of the %s table has a header but no rows, while its other files have rows: the agencies it should hold would be missing from the register", sc.Title)
		broken = true
	}
	return broken
}

// eachFile reads each file of the table (tableFiles) and gives it to
// read, which says whether it broke the table; a file that cannot be read
// is reported and breaks it. broken says whether any did, or a required
// file is missing.
func eachFile(dir Dir, sc *Schema, d *diag.List, read func(name, path string, b []byte) (broken bool)) (broken bool) {
	names, broken := tableFiles(dir, sc, d)
	for _, name := range names {
		path := dir.show(name)
		b, err := fs.ReadFile(dir.FS, name)
		if err != nil {
			d.TableErrorf(diag.Pos{File: path}, "", "cannot read the file: %v", err)
			broken = true
			continue
		}
		if read(name, path, b) {
			broken = true
		}
	}
	return broken
}

// tableFiles names the files of a table in dir: {base}.csv, {base}.xlsx,
// or every .csv and .xlsx in the directory {base}/ in name order (one per
// city, one per export…). Having more than one of the three is an error:
// it would not be clear which is published. broken is set when a required
// table has none.
func tableFiles(dir Dir, sc *Schema, d *diag.List) (names []string, broken bool) {
	var found []string
	for _, name := range []string{sc.Base + ".csv", sc.Base + ".xlsx", sc.Base} {
		if exists(dir.FS, name) {
			found = append(found, name)
		}
	}
	switch {
	case len(found) > 1:
		shown := make([]string, len(found))
		for i, f := range found {
			shown[i] = f
			if f == sc.Base {
				shown[i] += "/"
			}
		}
		d.TableErrorf(diag.Pos{File: dir.show(found[len(found)-1])}, "", "%s exist together: keep one, so it is clear which is published", strings.Join(shown, ", "))
		return nil, true
	case len(found) == 0:
		if !sc.Optional {
			d.TableErrorf(diag.Pos{File: dir.show(sc.Base + ".csv")}, "", "required file is missing: export the %s table as %s.csv or %s.xlsx (or put its files, one per city or per export, in %s/)", sc.Title, sc.Base, sc.Base, sc.Base)
		}
		return nil, !sc.Optional
	}
	if fi, err := fs.Stat(dir.FS, found[0]); err != nil || !fi.IsDir() {
		return found, false
	}
	if found[0] != sc.Base {
		// a folder named licences.csv: neither the file nor the folder of parts
		d.TableErrorf(diag.Pos{File: dir.show(found[0])}, "", "%s is a directory, not a file: export the %s table as %s.csv or %s.xlsx, or put its files, one per city or per export, in %s/", found[0], sc.Title, sc.Base, sc.Base, sc.Base)
		return nil, true
	}
	es, err := fs.ReadDir(dir.FS, sc.Base)
	if err != nil {
		d.TableErrorf(diag.Pos{File: dir.show(sc.Base)}, "", "cannot read the directory: %v", err)
		return nil, true
	}
	read := map[string]string{} // the .csv and .xlsx files, by their stems lower-cased
	for _, e := range es {
		if ext := strings.ToLower(filepath.Ext(e.Name())); !e.IsDir() && (ext == ".csv" || ext == ".xlsx") {
			read[strings.ToLower(strings.TrimSuffix(e.Name(), filepath.Ext(e.Name())))] = e.Name()
		}
	}
	for _, e := range es { // fs.ReadDir sorts by name
		name, ext := e.Name(), strings.ToLower(filepath.Ext(e.Name()))
		at := diag.Pos{File: dir.show(path.Join(sc.Base, name))}
		switch {
		case passedOver(name) || e.IsDir() && name == "__MACOSX":
			// hidden files, the lock file Excel and WPS keep beside an open
			// workbook, and the resource forks a zip made on a Mac unpacks
		case e.IsDir():
			// every file in the table's folder is one of its exports: the
			// files of a folder inside it would be left out without a word
			d.TableErrorf(at, "", "a folder inside %s/ is not read, so the %s rows of its files would be missing: put its .csv and .xlsx files in %s/ itself (one folder per table), or move the folder out of %s", sc.Base, sc.Title, sc.Base, dir.Name)
			broken = true
		case spreadsheetExt[ext] && ext != ".csv" && ext != ".xlsx" && read[strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))] == "":
			// an export saved as .xls, .et or .ods with no .csv or .xlsx
			// of the same name beside it (the copy saved from it): its rows
			// would be missing (a .txt beside them is taken for a note)
			d.TableErrorf(at, "", "this file of the %s table ends in %s, which is not read, so its rows would be missing: save it as .csv or .xlsx, or move it out of %s/", sc.Title, ext, sc.Base)
			broken = true
		case ext != ".csv" && ext != ".xlsx":
			// a table saved as text (.txt, .tsv) would be left out with its
			// rows, a 吊销 among them: an error, and so is an archive
			// holding one; a note is passed over
			if heldInTableFolder(dir, path.Join(sc.Base, name), ext, sc, d) || archiveExt[ext] && heldInArchive(dir, path.Join(sc.Base, name), d) {
				broken = true
				continue
			}
			d.Warnf(at, "", "", "not a .csv or .xlsx file: not read as part of the %s table", sc.Title)
		default:
			if orig := read[strings.ToLower(copyOf(strings.TrimSuffix(name, filepath.Ext(name))))]; orig != "" && orig != name {
				// a copy beside its file (2024 - 副本.csv): a row corrected
				// or deleted in the file would still be published from it
				d.TableErrorf(at, fmt.Sprintf("delete the copy, or move it out of %s/ (a file of the table that is not a copy may keep its rows under another name)", sc.Base),
					"the file's name says it is a copy of %s, which is in %s/ too: its rows would be published beside that file's, so a row corrected or deleted there would still be published from the copy", orig, sc.Base)
				broken = true
			}
			names = append(names, path.Join(sc.Base, name))
		}
	}
	if broken {
		return names, true // its other files are read, for their own diagnostics
	}
	if len(names) == 0 && !sc.Optional {
		d.TableErrorf(diag.Pos{File: dir.show(sc.Base)}, "", "the directory has no .csv or .xlsx file: put the %s table's exports in it", sc.Title)
		return nil, true
	}
	return names, false
}

// copyMark is a name a file manager or a person gives a copy of a file:
// 2024 - 副本, 2024 - 副本 (2), 2024 - Copy, 2024 copy 2, 2024_备份, 2024的副本,
// 复件 2024, Copy of 2024.
var copyMark = regexp.MustCompile(`^(?:(?:复件|副本|[Cc]opy of)\s*(?:\(\d+\)\s*)?(.+?)|(.+?)\s*(?:[-_－—]\s*)?(?:的副本|副本|复件|备份|[Cc]opy|COPY|bak)(?:\s*[(（]?\d+[)）]?)?)$`)

// copyOf is the name of the file a file named stem (without its ending)
// says it is a copy of, "" when it says none.
func copyOf(stem string) string {
	m := copyMark.FindStringSubmatch(strings.TrimSpace(stem))
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1] + m[2])
}

// misnamed says what a table's file is when it is not what its ending
// says — an Excel 97–2003 workbook, a web page or an XML Spreadsheet (what
// an "导出 Excel" button saves) named .xlsx, a web page or an XML
// Spreadsheet named .csv, text named .xlsx — and how to make it one this
// program reads; "" when it is what it says, or nothing else it can tell
// (a workbook named .csv is decodeText's to say).
func misnamed(b []byte, xlsx bool) (form, fix string) {
	const save = "open it in Excel or WPS and save it (另存为) as .xlsx (Excel 工作簿) or as CSV UTF-8"
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) || !xlsx && bytes.HasPrefix(b, oleMagic) {
		return "", ""
	}
	if bytes.HasPrefix(b, oleMagic) {
		return "an Excel 97–2003 workbook (.xls) or another Office file", save
	}
	if !xlsx && !startsWithTag(b) {
		return "", "" // a CSV: not decoded twice (parseTableWith decodes it)
	}
	text, _, err := decodeText(b)
	if err != nil {
		return "", "" // said as the text's own error
	}
	if t := bytes.TrimLeft(text, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '<' {
		if _, _, f := markupRows(text); f != "" {
			return f, save
		}
	}
	if xlsx && !bytes.ContainsFunc(text, func(r rune) bool { return r < ' ' && r != '\t' && r != '\r' && r != '\n' }) {
		return "text, not a workbook", "if it is a CSV or tab-separated text, rename it to end in .csv; if not, open it in Excel or WPS and save it (另存为) as .xlsx (Excel 工作簿)"
	}
	return "", ""
}

// startsWithTag reports whether the first character of b that is not a
// byte-order mark, white space or the zero byte of UTF-16 is '<': a web
// page or an XML Spreadsheet, in whatever encoding.
func startsWithTag(b []byte) bool {
	for _, c := range b[:min(len(b), 1024)] {
		switch c {
		case 0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0, ' ', '\t', '\r', '\n':
			continue
		}
		return c == '<'
	}
	return false
}

// parseTableWith reads one file's bytes as a table of schema sc, with the
// file's import settings set (nil: none): a table, or one a sheet for a
// workbook that gives the table in several sheets (readXLSX), each shown
// as the file with its sheet, data/licences.xlsx[2024年]. It returns none
// when nothing could be read, and marks a table read in part broken; its
// rows are cleaned as they are decoded (cleanRows).
func parseTableWith(path string, sc *Schema, b []byte, xlsx bool, set *readSettings, d *diag.List) []*table {
	if form, fix := misnamed(b, xlsx); form != "" {
		d.TableErrorf(diag.Pos{File: path}, fix, "this file is %s, not what its name ends in says, so it cannot be read as the %s table", form, sc.Title)
		return nil
	}
	var raws []*rawTable
	var err error
	rule := headerRule{like: func(rec []string) bool { return sc.headerLike(rec, set) }}
	if set != nil {
		rule.row = set.headerRow
	}
	if xlsx {
		sheet := ""
		if set != nil {
			sheet = set.sheet
		}
		raws, err = readXLSX(b, rule, sheet, sc == LicencesSchema || sc == CurrentSchema || sc == PenaltiesSchema)
	} else {
		var text []byte
		var assumed string
		var raw *rawTable
		text, assumed, err = decodeText(b)
		if err == nil {
			text, err = lineEnds(text)
		}
		if err == nil {
			raw, err = readCSV(text, rule)
		}
		if raw != nil {
			switch sep := separatorNames[raw.comma]; {
			case assumed != "" && sep != "":
				raw.how = fmt.Sprintf("read as %s, %s", assumed, sep)
			case assumed != "" || sep != "":
				raw.how = "read as " + assumed + sep
			}
			raws = []*rawTable{raw}
		}
	}
	if err != nil {
		var pe *positionedError
		if errors.As(err, &pe) {
			d.Add(diag.Diagnostic{File: path, Line: pe.Line, Col: pe.Col, Field: pe.Field, Value: pe.Value, Msg: err.Error(), Hint: pe.Hint, Severity: diag.Error, Table: true})
		} else {
			d.TableErrorf(diag.Pos{File: path}, "", "%v", err)
		}
		if len(raws) == 0 || raws[0].header == nil {
			return nil
		}
	}
	var ts []*table
	for _, raw := range raws {
		file := path + sheetSuffix(raw.sheet)
		if raw.header == nil {
			d.TableErrorf(diag.Pos{File: file}, "", "the file is empty: it needs a header row (%s)", knownColumns(sc))
			continue
		}
		sc := sc
		if sc == LicencesSchema && penaltyHeader(raw.header) {
			sc = PenaltiesSchema // a 行政处罚 export among the licence files: its 吊销 are decisions
		}
		t := newTable(file, sc, raw, set, d)
		t.sheet = raw.sheet
		t.broken = t.broken || err != nil
		ts = append(ts, t)
	}
	checkTotals(ts, d)
	return ts
}

// sheetSuffix is what follows a workbook's name to name one of the
// sheets it gives a table in: [2024年]; "" for none.
func sheetSuffix(sheet string) string {
	if sheet == "" {
		return ""
	}
	return "[" + sheet + "]"
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil || !errors.Is(err, fs.ErrNotExist)
}

// Summary of what was read, for the check report.
func (t *table) String() string { return fmt.Sprintf("%s: %d rows", t.file, len(t.rows)) }

// NameFields gives each diagnostic about a cell the column's heading as
// its file writes it, with the register's name for it after it when the
// two differ — 发证日期（许可决定日期） "2024-02-30" — so that a bureau's
// staff find the column they know (issue 16). Run it once every stage has
// reported (the register's diagnostics point at cells too).
func NameFields(ds *model.Dataset, d *diag.List) {
	if ds == nil {
		return
	}
	d.Rename(func(file string, col int, field string) string {
		hs := ds.Headings[file]
		if col < 1 || col > len(hs) || field == "" {
			return field
		}
		h := strings.TrimSpace(hs[col-1])
		if h == "" || normHeader(h) == normHeader(field) || strings.HasPrefix(field, h+"（") {
			return field
		}
		return h + "（" + field + "）"
	})
}
