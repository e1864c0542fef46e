package load

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"portal/generator/diag"
	"portal/generator/model"
)

// unread reports every file and folder in dir that no table reads. One
// that holds a table of this register — a header with every column the
// table requires, and rows below it — is an error: an export saved under
// another name (许可公示2026.xlsx, licences (1).csv, 吊销.xls) or with
// another ending (annual-checks.txt) would leave its rows out of the register
// with the build's success, and a 吊销 among them would publish a revoked
// agency as licensed. Any other (a draft, a list of choices, a workbook
// this program cannot open) is a warning naming the tables, so that an
// export is never left out without a word.
func unread(dir Dir, d *diag.List) {
	entries, err := fs.ReadDir(dir.FS, ".")
	if err != nil {
		return // the tables' own reads report an unreadable directory
	}
	known := map[string]bool{ImportFile: true}
	var bases []string
	table := map[string]bool{} // the tables' names, lower case
	for _, sc := range Schemas {
		known[sc.Base], known[sc.Base+".csv"], known[sc.Base+".xlsx"] = true, true, true
		bases = append(bases, sc.Base)
		table[sc.Base] = true
	}
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(path.Ext(name))
		if known[name] || passedOver(name) {
			continue
		}
		// A file named after a table is that table's export whatever it
		// ends in: Excel saves 文本文件(制表符分隔) as annual-checks.txt,
		// WPS as licences.et, a copy as licences.csv.bak or Licences.CSV.
		typed, ending, _ := strings.Cut(name, ".")
		stem := strings.ToLower(typed)
		if e.IsDir() {
			if heldInFolder(dir, name, d) {
				continue
			}
			d.Warnf(diag.Pos{File: dir.show(name)}, "", "",
				"no table reads this %s, so none of its rows is published: name it after its table (%s — as NAME.csv, NAME.xlsx or a folder NAME/ of them), or move it out of %s",
				"folder", strings.Join(bases, ", "), dir.Name)
			continue
		}
		if (table[stem] || tableExt[ext]) && held(dir, name, table[stem], d) {
			continue
		}
		if !table[stem] {
			if ext == ".md" || ext == ".txt" || strings.EqualFold(strings.TrimSuffix(name, ext), "README") {
				continue // notes
			}
			if archiveExt[ext] {
				if !heldInArchive(dir, name, d) {
					d.Warnf(diag.Pos{File: dir.show(name)}, "", "",
						"an archive in %s is not unpacked, so the rows of any export it holds are not published: unpack its .csv and .xlsx files into %s, each named after its table, or move it out of %s", dir.Name, dir.Name, dir.Name)
				}
				continue
			}
			if !spreadsheetExt[ext] {
				continue // not a table export
			}
			d.Warnf(diag.Pos{File: dir.show(name)}, "", "",
				"no table reads this %s, so none of its rows is published: name it after its table (%s — as NAME.csv, NAME.xlsx or a folder NAME/ of them), or move it out of %s",
				"file", strings.Join(bases, ", "), dir.Name)
			continue
		}
		d.Warnf(diag.Pos{File: dir.show(name)}, "", "",
			"no table reads a file that ends in %s, so none of its rows is published: save it as %s.csv or %s.xlsx (a CSV or tab-separated text file may simply be renamed)",
			"."+ending, stem, stem)
	}
}

// archiveExt are the endings of archives an export may be sent in.
var archiveExt = map[string]bool{".zip": true, ".rar": true, ".7z": true, ".gz": true, ".tgz": true, ".tar": true}

// tableExt are the endings of files an unread table may be in whose rows
// this program can see (heldTable): text (a CSV, tab-separated text as
// Excel saves it), workbooks, an Excel 97–2003 workbook (.xls, WPS's .et)
// and the web pages and XML Spreadsheets an "导出 Excel" button saves as
// .xls. A file named after a table is looked at whatever it ends in.
var tableExt = map[string]bool{".csv": true, ".tsv": true, ".txt": true, ".xlsx": true, ".xlsm": true,
	".xls": true, ".et": true, ".htm": true, ".html": true, ".xml": true}

// passedOver reports whether a file or folder of an input directory is
// not the bureau's to report: a hidden one, or the lock file Excel and WPS
// keep beside an open workbook.
func passedOver(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}

// tableIn is heldTable of the file at name in dir: which table of this
// register it holds, where its header is and how many rows are below it;
// nil when it holds none, or cannot be read (that is said elsewhere).
func tableIn(dir Dir, name string) (sc *Schema, line, rows int, form string) {
	b, err := fs.ReadFile(dir.FS, name)
	if err != nil {
		return nil, 0, 0, ""
	}
	return heldTable(b)
}

// held reports, as an error, the file name of dir (one no table reads)
// when it holds a table of this register (heldTable); named says it is
// named after a table, only its ending not read.
func held(dir Dir, name string, named bool, d *diag.List) bool {
	sc, line, rows, form := tableIn(dir, name)
	if sc == nil {
		return false
	}
	hint := fmt.Sprintf("if its rows are to be published, put them in %s.csv (or %s.xlsx), or make %s/ a folder holding the table's files, this one among them (one per city or per export); if they are not (an old copy, a draft), move the file out of %s",
		sc.Base, sc.Base, sc.Base, dir.Name)
	if form != "" {
		hint = fmt.Sprintf("it is %s, which is not read as a table: open it in Excel or WPS and save it (另存为) as .xlsx, then put its rows in %s.csv (or %s.xlsx), or make %s/ a folder holding the table's files, the saved one among them; if its rows are not to be published (an old copy, a draft), move the file out of %s",
			form, sc.Base, sc.Base, sc.Base, dir.Name)
	} else if named {
		hint = fmt.Sprintf("save it as %s.csv or %s.xlsx (a CSV or tab-separated text file may simply be renamed); if its rows are not to be published (an old copy), move it out of %s",
			sc.Base, sc.Base, dir.Name)
	}
	d.Add(diag.Diagnostic{File: dir.show(name), Line: line, Severity: diag.Error, Table: true, Hint: hint,
		Msg: fmt.Sprintf("this file holds the %s table (%s), a header and rows below it (%d), but no table reads a file of this name, so none of its rows would be published", sc.Title, sc.Base, rows)})
	return true
}

// heldInFolder reports, as errors, the files of the folder name of dir
// (one no table reads) that hold a table of this register, and whether
// there was one: licences-2025/ holding that year's exports.
func heldInFolder(dir Dir, name string, d *diag.List) bool {
	es, err := fs.ReadDir(dir.FS, name)
	if err != nil {
		return false
	}
	found := false
	for _, e := range es {
		if e.IsDir() || passedOver(e.Name()) || !tableExt[strings.ToLower(path.Ext(e.Name()))] {
			continue
		}
		file := path.Join(name, e.Name())
		sc, line, rows, _ := tableIn(dir, file)
		if sc == nil {
			continue
		}
		found = true
		d.Add(diag.Diagnostic{File: dir.show(file), Line: line, Severity: diag.Error, Table: true,
			Msg: fmt.Sprintf("this file holds the %s table (%s), a header and rows below it (%d), but no table reads the folder %s/, so none of its rows would be published", sc.Title, sc.Base, rows, name),
			Hint: fmt.Sprintf("name the folder %s/ (one folder per table, its files one per city or per export), or move its files into %s/; if its rows are not to be published, move the folder out of %s",
				sc.Base, sc.Base, dir.Name)})
	}
	return found
}

// heldInTableFolder reports, as an error, the file of a table's folder
// that no table reads for its ending when it holds a table of this
// register (heldTable): licences/处罚.txt, the 吊销 saved as tab-separated
// text beside the city exports.
func heldInTableFolder(dir Dir, file, ext string, sc *Schema, d *diag.List) bool {
	if !tableExt[ext] && !spreadsheetExt[ext] {
		return false
	}
	held, line, rows, form := tableIn(dir, file)
	if held == nil {
		return false
	}
	hint := fmt.Sprintf("save it as .csv or .xlsx (a CSV or tab-separated text file may simply be renamed); if its rows are not to be published, move it out of %s/", sc.Base)
	if form != "" {
		hint = fmt.Sprintf("it is %s, which is not read as a table: open it in Excel or WPS and save it (另存为) as a .xlsx; if its rows are not to be published, move it out of %s/", form, sc.Base)
	}
	d.Add(diag.Diagnostic{File: dir.show(file), Line: line, Severity: diag.Error, Table: true,
		Msg:  fmt.Sprintf("this file holds the %s table (%s), a header and rows below it (%d), but it ends in %s, which is not read, so none of its rows would be published", held.Title, held.Base, rows, ext),
		Hint: hint})
	return true
}

// heldInArchive reports, as an error, the zip or RAR archive name of dir
// (in data/ or a table's folder) when one of its files holds a table of
// this register (heldTable): an export sent zipped and put in data/ as it
// came. Archives are not unpacked, so its rows — a 吊销 among them —
// would not be published.
func heldInArchive(dir Dir, name string, d *diag.List) bool {
	b, err := fs.ReadFile(dir.FS, name)
	if err != nil {
		return false
	}
	sc, member, line, rows := archiveHeld(b)
	if sc == nil {
		return false
	}
	d.Add(diag.Diagnostic{File: dir.show(name), Severity: diag.Error, Table: true,
		Msg:  fmt.Sprintf("this archive holds the %s table (%s) in its file %s, a header on row %d and rows below it (%d), but an archive is not unpacked, so none of its rows would be published", sc.Title, sc.Base, member, line, rows),
		Hint: fmt.Sprintf("unpack the archive: save its file as %s.csv or %s.xlsx, or in the folder %s/ with the table's other files, then move the archive out of %s", sc.Base, sc.Base, sc.Base, dir.show(path.Dir(name)))})
	return true
}

// archiveHeld says which table of this register a file of the zip or RAR
// archive b holds (heldTable), that file's name, its header's row and the
// rows below it; nil when none does, or b is no archive that can be read.
// Files named after a table or ending as one may (tableExt) are looked
// at, within maxAttachment in all; an archive inside it is not opened.
func archiveHeld(b []byte) (sc *Schema, member string, line, rows int) {
	files := zipFiles
	switch {
	case bytes.HasPrefix(b, []byte("Rar!\x1a\x07")):
		files = rarFiles
	case !bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return nil, "", 0, 0
	}
	budget := uint64(maxAttachment)
	files(b, func(f archiveFile) bool {
		if f.err != nil || f.dir || f.encrypted {
			return f.err == nil
		}
		ext := strings.ToLower(path.Ext(f.name))
		stem, _, _ := strings.Cut(strings.ToLower(path.Base(f.name)), ".")
		if !tableExt[ext] && !slices.ContainsFunc(Schemas, func(sc *Schema) bool { return sc.Base == stem }) {
			return true
		}
		if f.size > budget {
			return true // past what is left to read: the files after it may be smaller
		}
		data, err := f.read()
		budget -= min(budget, max(f.size, uint64(len(data))))
		if err != nil {
			return true
		}
		if s, l, n, _ := heldTable(data); s != nil {
			sc, member, line, rows = s, f.name, l, n
			return false
		}
		return budget > 0
	})
	return sc, member, line, rows
}

// heldTable says which table of this register the bytes of a file hold,
// the line (a workbook's row) of its header, and how many rows stand
// below it: found as a table's own file finds its header (the first row
// like one of the tables' headers among the first rows), it must have
// every column the table requires, and at least one row. An Excel 97–2003
// workbook's first visible sheet, and the rows of a web page or XML
// Spreadsheet saved as .xls, are looked at as a workbook's are. A file
// that is no such table — none of these, a header of another kind, a
// header alone — gives nil. form says what a file not read as a table is
// ("an Excel 97–2003 workbook (.xls)"), "" for text and a .xlsx.
func heldTable(b []byte) (sc *Schema, line, rows int, form string) {
	rule := headerRule{like: func(rec []string) bool {
		for _, sc := range Schemas {
			if sc.headerLike(rec, nil) {
				return true
			}
		}
		return false
	}}
	var raw *rawTable
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		if raws, _ := readXLSX(b, rule, "", false); len(raws) > 0 {
			raw = raws[0]
		}
	} else if rows, lines := biffRows(b); rows != nil {
		raw, form = rowsTable(rows, lines, rule), "an Excel 97–2003 workbook (.xls)"
	} else if text, _, err := decodeText(b); err == nil {
		if rows, lines, saved := markupRows(text); rows != nil {
			raw, form = rowsTable(rows, lines, rule), saved
		} else if text, err = lineEnds(text); err == nil {
			raw, _ = readCSV(text, rule)
		}
	}
	if raw == nil || !raw.liked || len(raw.rows) == 0 {
		return nil, 0, 0, ""
	}
	for _, sc := range Schemas {
		var scratch diag.List
		_, cols, _ := matchHeader("", raw.headerLine, raw.header, sc, nil, &scratch)
		complete := len(cols) > 0
		for _, f := range sc.Fields {
			complete = complete && !f.missing(cols)
		}
		if complete {
			return sc, raw.headerLine, len(raw.rows), form
		}
	}
	return nil, 0, 0, ""
}

// rowsTable is the table of rows read from a workbook or a web page this
// program does not read as a table (biffRows, markupRows), each with its
// row number.
func rowsTable(rows [][]string, lines []int, rule headerRule) *rawTable {
	t := &rawTable{rule: rule, xlsx: true}
	for i, rec := range rows {
		if t.header == nil && isBlank(rec) {
			continue
		}
		if t.add(rec, lines[i]) != nil {
			return t
		}
	}
	t.end()
	return t
}

// contentSections are the folders of content/ whose Markdown is published.
var contentSections = []string{"policies", "faq", "news", "pages"}

// unreadContent warns of what in content/ is not published without a word
// said: a file or folder at its top that no section reads (policy/ for
// policies/, a loose 通知.md), a file in faq/, news/ or pages/ that is not
// Markdown (通知.txt, 通知.docx), and a file beside the policies that no
// policy links to (an attachment whose link was forgotten). Hidden files,
// Excel's lock files, README files and *.example files (portal init's
// samples) are passed over, and so are folders inside a section (a policy
// may link to attachments/图解.png).
func unreadContent(dir Dir, c *model.Content, d *diag.List) {
	entries, err := fs.ReadDir(dir.FS, ".")
	if err != nil {
		return
	}
	passed := func(name string) bool {
		return passedOver(name) || strings.HasSuffix(name, ".example") ||
			strings.EqualFold(strings.TrimSuffix(name, path.Ext(name)), "README")
	}
	for _, e := range entries {
		name := e.Name()
		if name == "site.toml" || e.IsDir() && slices.Contains(contentSections, name) || passed(name) {
			continue
		}
		what := "file"
		if e.IsDir() {
			what = "folder"
		}
		d.Warnf(diag.Pos{File: dir.show(name)}, "", "",
			"no part of the site reads this %s, so nothing in it is published: Markdown goes in %s/ (policies, FAQ, news, pages), a policy's attachments beside it in policies/", what, strings.Join(contentSections, "/, "))
	}
	linked := map[string]bool{}
	for _, p := range c.Policies {
		for _, a := range p.Attachments {
			linked[a.Name] = true
		}
	}
	for _, sub := range contentSections {
		es, err := fs.ReadDir(dir.FS, sub)
		if err != nil {
			continue
		}
		for _, e := range es {
			name := e.Name()
			if _, md := markdownSlug(name); md || e.IsDir() || passed(name) {
				continue
			}
			at := diag.Pos{File: dir.show(path.Join(sub, name))}
			if sub == "policies" && attachmentTypes[strings.ToLower(path.Ext(name))] {
				if !linked[name] {
					d.Warnf(at, "", "", "no policy links to this file, so it is not published: link to it from its policy's text, e.g. [附件](%s), or move it out of %s", name, dir.show(sub))
				}
				continue
			}
			d.Warnf(at, "", "", "not a Markdown (.md) file, so it is not published: save its text as a .md file with its front matter, or move it out of %s", dir.show(sub))
		}
	}
}
