package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"portal/generator/diag"
	"portal/generator/model"
)

// Dir is an input directory: a file system and the name diagnostics show
// for it (data, /tmp/export, or data (embedded)).
type Dir struct {
	FS   fs.FS
	Name string
}

// OSDir is the directory at path on disk.
func OSDir(path string) Dir { return Dir{FS: os.DirFS(path), Name: path} }

// show is how a file in the directory is named in diagnostics.
func (d Dir) show(name string) string { return filepath.Join(d.Name, filepath.FromSlash(name)) }

// Data loads every table of DESIGN §4 from dir. Problems in the files are
// added to d; the returned dataset holds every row that could be read. scale
// is the site's grade scale. Files are read concurrently.
func Data(dir Dir, scale []string, d *diag.List) *model.Dataset {
	ds := &model.Dataset{Columns: map[string]map[string]int{}, ReadAs: map[string]string{}, Unreadable: map[string]bool{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, sc := range Schemas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t, broken := readTable(dir, sc, d)
			if broken {
				mu.Lock()
				ds.Unreadable[sc.Base] = true
				mu.Unlock()
			}
			if t == nil {
				return
			}
			if err := decodeInto(ds, &mu, t, scale, d); err != nil {
				d.TableErrorf(diag.Pos{File: t.file}, "", "cannot map the columns: %v", err)
			}
		}()
	}
	wg.Wait()
	return ds
}

func decodeInto(ds *model.Dataset, mu *sync.Mutex, t *table, scale []string, d *diag.List) error {
	mu.Lock()
	ds.Columns[t.file] = t.cols
	mu.Unlock()
	var err error
	switch t.schema {
	case LicencesSchema:
		ds.Decisions, err = decodeLicences(t, d)
	case ChecksSchema:
		ds.Checks, err = decodeChecks(t, d)
	case GradesSchema:
		ds.Grades, err = decodeGrades(t, scale, d)
	case AbnormalSchema:
		ds.Listings, err = decodeListings(t, d)
	case RegionsSchema:
		ds.Regions, err = decodeRegions(t, d)
	case HolidaysSchema:
		ds.Holidays, err = decodeHolidays(t, d)
	}
	if t.how != "" {
		mu.Lock()
		ds.ReadAs[t.file] = t.how
		mu.Unlock()
	}
	return err
}

// readTable finds {base}.csv or {base}.xlsx in dir and reads it. broken
// says the table could not be read whole (a required file missing, an
// undecodable or unparsable file, a missing required column, no rows in a
// required table): what other tables say of its rows cannot be checked.
func readTable(dir Dir, sc *Schema, d *diag.List) (t *table, broken bool) {
	csvName, xlsxName := sc.Base+".csv", sc.Base+".xlsx"
	csvPath, xlsxPath := dir.show(csvName), dir.show(xlsxName)
	hasCSV, hasXLSX := exists(dir.FS, csvName), exists(dir.FS, xlsxName)
	switch {
	case hasCSV && hasXLSX:
		d.TableErrorf(diag.Pos{File: xlsxPath}, "", "both %s and %s exist: keep one, so it is clear which is published", filepath.Base(csvPath), filepath.Base(xlsxPath))
		return nil, true
	case !hasCSV && !hasXLSX:
		if !sc.Optional {
			d.TableErrorf(diag.Pos{File: csvPath}, "", "required file is missing: export the %s table as %s.csv or %s.xlsx", sc.Title, sc.Base, sc.Base)
		}
		return nil, !sc.Optional
	}
	path, name := csvPath, csvName
	if hasXLSX {
		path, name = xlsxPath, xlsxName
	}
	b, err := fs.ReadFile(dir.FS, name)
	if err != nil {
		d.TableErrorf(diag.Pos{File: path}, "", "cannot read the file: %v", err)
		return nil, true
	}
	t = parseTable(path, sc, b, hasXLSX, d)
	return t, t == nil || t.broken
}

// parseTable reads one file's bytes as a table of schema sc. It returns
// nil when nothing could be read, and marks a table read in part broken.
func parseTable(path string, sc *Schema, b []byte, xlsx bool, d *diag.List) *table {
	var raw *rawTable
	var err error
	if xlsx {
		raw, err = readXLSX(b)
	} else {
		var text []byte
		var assumed string
		text, assumed, err = decodeText(b)
		if err == nil {
			text, err = lineEnds(text)
		}
		if err == nil {
			raw, err = readCSV(text)
		}
		if raw != nil && assumed != "" {
			raw.how = assumed
		}
	}
	if err != nil {
		var pe *positionedError
		if errors.As(err, &pe) {
			d.Add(diag.Diagnostic{File: path, Line: pe.Line, Col: pe.Col, Field: pe.Field, Value: pe.Value, Msg: err.Error(), Hint: pe.Hint, Severity: diag.Error, Table: true})
		} else {
			d.TableErrorf(diag.Pos{File: path}, "", "%v", err)
		}
		if raw == nil || raw.header == nil {
			return nil
		}
	}
	if raw.header == nil {
		d.TableErrorf(diag.Pos{File: path}, "", "the file is empty: it needs a header row (%s)", knownColumns(sc))
		return nil
	}
	t := newTable(path, sc, raw, d)
	t.broken = t.broken || err != nil
	if len(t.rows) == 0 && !sc.Optional {
		t.broken = true
		d.TableErrorf(diag.Pos{File: path, Line: raw.headerLine}, "export the table again with its rows, or check that the right file is in the data directory",
			"the %s table has a header but no rows: publishing it would empty the register", sc.Title)
	}
	return t
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil || !errors.Is(err, fs.ErrNotExist)
}

// Summary of what was read, for the check report.
func (t *table) String() string { return fmt.Sprintf("%s: %d rows", t.file, len(t.rows)) }
