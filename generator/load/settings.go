package load

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"portal/generator/diag"
	"portal/generator/model"
)

// ImportFile is the name of the import settings in the data directory:
// what a bureau tells the loader about its exports that the loader cannot
// tell by itself. Everything in it is optional; without it, the documented
// layout, the national 双公示 layouts and the common provincial headings
// load as they are.
//
//	[licences]
//	aliases = { "证号" = "许可证编号", "申请事项" = "公示类型" }
//	types = { "新发证" = "新许可" }
//	non_public = ["联系人邮箱"]
//
//	[[licences.files]]            # settings for some of the files
//	glob = "佛山*.xlsx"
//	sheet = "许可信息"
//	header_row = 3
const ImportFile = "import.toml"

// tableSettings are the settings of one table ([licences], [annual-checks]…).
type tableSettings struct {
	fileSettings
	Files []fileSettings `toml:"files"`
}

// fileSettings are what can be set for a table or for the files matching Glob.
type fileSettings struct {
	Glob      string            `toml:"glob"`       // file names (not paths) it applies to, e.g. 佛山*.csv
	Aliases   map[string]string `toml:"aliases"`    // heading → column (its Chinese title or English name)
	Types     map[string]string `toml:"types"`      // a 公示类型 word of the export → 新许可 变更 延续 撤销 吊销 注销 备案
	HeaderRow int               `toml:"header_row"` // the header's row, 1-based, instead of the first row like a header
	Sheet     string            `toml:"sheet"`      // the workbook sheet to read, instead of the first visible
	NonPublic []string          `toml:"non_public"` // more headings of columns to drop unread (personal data)
	// DateFormats are the date forms of the export that the loader does not
	// read by itself (model.DateLayout: DD/MM/YYYY, M/D/YYYY…), tried in
	// order before the year-first forms it always reads.
	DateFormats []string `toml:"date_formats"`
}

// readSettings are the settings that apply to one file, resolved against
// its table's schema.
type readSettings struct {
	aliases   map[string]*Field // normalised heading → field
	types     map[string]model.DecisionType
	headerRow int
	sheet     string
	nonPublic map[string]bool
	dates     []model.DateLayout // date_formats
	from      string             // where they were set, for --explain-import
}

// settings are the import settings of every table, by schema base.
type settings map[string]*tableSettings

// loadSettings reads data/import.toml, reporting what it cannot use.
func loadSettings(dir Dir, d *diag.List) settings {
	file := dir.show(ImportFile)
	text, err := fs.ReadFile(dir.FS, ImportFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		d.TableErrorf(diag.Pos{File: file}, "", "cannot read the import settings: %v", err)
		return nil
	}
	var raw map[string]*tableSettings
	md, err := toml.Decode(string(text), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			d.Add(diag.Diagnostic{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Severity: diag.Error, Table: true, Msg: pe.Message,
				Hint: "see the README, Importing your exports"})
		} else {
			d.TableErrorf(diag.Pos{File: file}, "see the README, Importing your exports", "%v", err)
		}
		return nil
	}
	for _, k := range md.Undecoded() {
		d.Warnf(diag.Pos{File: file}, "", "", "unknown setting %q is ignored (known: aliases, types, header_row, sheet, non_public, date_formats, files)", k.String())
	}
	out := settings{}
	for _, base := range sortedKeys(raw) {
		sc := schemaNamed(base)
		if sc == nil {
			d.Errorf(diag.Pos{File: file}, "", "", "[%s]: no such table (known: %s)", base, schemaNames())
			continue
		}
		ts := raw[base]
		if ts == nil {
			continue
		}
		all := append([]fileSettings{ts.fileSettings}, ts.Files...)
		for i, fsets := range all {
			where := "[" + base + "]"
			if i > 0 {
				where = fmt.Sprintf("[[%s.files]] %d", base, i)
				if _, err := path.Match(fsets.Glob, ""); err != nil || fsets.Glob == "" {
					d.Errorf(diag.Pos{File: file}, "", "", "%s: glob %q is not a file-name pattern such as 佛山*.csv", where, fsets.Glob)
				}
			} else if fsets.Glob != "" {
				d.Errorf(diag.Pos{File: file}, "", "", "%s: glob belongs in a [[%s.files]] entry", where, base)
			}
			fsets.check(file, where, sc, d)
		}
		out[base] = ts
	}
	return out
}

// check reports settings that name no column, no 公示类型 or no row.
func (f *fileSettings) check(file, where string, sc *Schema, d *diag.List) {
	for _, h := range sortedKeys(f.Aliases) {
		if _, ok := sc.field(normHeader(f.Aliases[h])); !ok {
			d.Errorf(diag.Pos{File: file}, "", "", "%s aliases: %q → %q: the %s table has no column %q (known: %s)", where, h, f.Aliases[h], sc.Title, f.Aliases[h], knownColumns(sc))
		}
	}
	if len(f.Types) > 0 && sc != LicencesSchema {
		d.Errorf(diag.Pos{File: file}, "", "", "%s types: only the licences table has a 公示类型", where)
	}
	for _, w := range sortedKeys(f.Types) {
		if _, ok := model.ParseDecisionType(f.Types[w]); !ok {
			d.Errorf(diag.Pos{File: file}, "", "", "%s types: %q → %q: not a 公示类型 (新许可 变更 延续 撤销 吊销 注销 备案)", where, w, f.Types[w])
		}
	}
	for _, df := range f.DateFormats {
		if _, err := model.ParseDateLayout(df); err != nil {
			d.Errorf(diag.Pos{File: file}, "", "", "%s date_formats: %v", where, err)
		}
	}
	if f.HeaderRow < 0 {
		d.Errorf(diag.Pos{File: file}, "", "", "%s header_row = %d: a row number counts from 1", where, f.HeaderRow)
	}
}

// forFile resolves the settings that apply to the file name of table sc:
// the table's, with those of the first [[files]] entry whose glob matches
// the file's name over them. It returns nil when there are none.
func (s settings) forFile(sc *Schema, name string) *readSettings {
	ts := s[sc.Base]
	if ts == nil {
		return nil
	}
	layers := []fileSettings{ts.fileSettings}
	from := ImportFile + " [" + sc.Base + "]"
	for _, f := range ts.Files {
		if ok, _ := path.Match(f.Glob, path.Base(name)); ok {
			layers = append(layers, f)
			from += fmt.Sprintf(" and its files %q", f.Glob)
			break
		}
	}
	rs := &readSettings{aliases: map[string]*Field{}, types: map[string]model.DecisionType{}, nonPublic: map[string]bool{}, from: from}
	for _, l := range layers {
		for h, to := range l.Aliases {
			if f, ok := sc.field(normHeader(to)); ok {
				rs.aliases[normHeader(h)] = f
			}
		}
		for w, to := range l.Types {
			if t, ok := model.ParseDecisionType(to); ok {
				rs.types[unspaced(w)] = t
			}
		}
		for _, h := range l.NonPublic {
			rs.nonPublic[normHeader(h)] = true
		}
		if l.HeaderRow > 0 {
			rs.headerRow = l.HeaderRow
		}
		if l.Sheet != "" {
			rs.sheet = l.Sheet
		}
		if len(l.DateFormats) > 0 { // a file's list replaces its table's
			rs.dates = rs.dates[:0]
			for _, df := range l.DateFormats {
				if dl, err := model.ParseDateLayout(df); err == nil {
					rs.dates = append(rs.dates, dl)
				}
			}
		}
	}
	return rs
}

// field finds the column a heading names, the settings' aliases first.
func (rs *readSettings) field(sc *Schema, key string) (*Field, bool) {
	if rs != nil {
		if f, ok := rs.aliases[key]; ok {
			return f, true
		}
	}
	return sc.field(key)
}

func (rs *readSettings) dropped(key string) bool {
	return nonPublic[key] || rs != nil && rs.nonPublic[key]
}

func schemaNamed(base string) *Schema {
	for _, sc := range Schemas {
		if sc.Base == base {
			return sc
		}
	}
	return nil
}

func schemaNames() string {
	names := make([]string, len(Schemas))
	for i, sc := range Schemas {
		names[i] = sc.Base
	}
	return strings.Join(names, " ")
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// ImportDefaults is the text of a data/import.toml that sets nothing and
// says, in comments, what the loader knows without settings — the headings
// it reads as each column, the 公示类型 words, the columns it drops or
// passes over — with an example of each setting (portal init writes it).
func ImportDefaults() string {
	var b strings.Builder
	b.WriteString(`# 导入设置 — what the loader cannot tell by itself about your exports.
# Everything here is optional: without this file the documented layout, the
# national 双公示 行政许可 and 行政处罚 layouts and the headings below load as
# they are. Run "portal check --explain-import" to see how each file was read.
#
# Each table is one file (licences.csv or licences.xlsx) or a directory of
# files read in name order (licences/广州.csv, licences/佛山.xlsx, …).
# Tables: ` + schemaNames() + "\n#\n# Headings known without settings:\n")
	for _, f := range LicencesSchema.Fields { // every aliased column is one of the licences table's
		if as := headerAliases[f.Title]; len(as) > 0 {
			b.WriteString("#   " + strings.Join(as, "、") + " → " + f.Title + "\n")
		}
	}
	b.WriteString("#\n# 公示类型 words known without settings:\n")
	byType := map[model.DecisionType][]string{}
	for _, w := range sortedKeys(typeWords) {
		byType[typeWords[w]] = append(byType[typeWords[w]], w)
	}
	for _, t := range model.DecisionTypes {
		if ws := byType[t]; len(ws) > 0 {
			b.WriteString("#   " + strings.Join(ws, "、") + " → " + t.String() + "\n")
		}
	}
	b.WriteString("#\n# Columns dropped unread (personal data, never published):\n#   " + strings.Join(sortedKeys(nonPublic), "；") + "\n")
	b.WriteString("# Columns passed over (known, not published):\n#   " + strings.Join(sortedKeys(ignoredColumns), "；") + "\n")
	b.WriteString(`#
# Settings, per table and, under [[table.files]], per file-name pattern:
#
# [licences]
# aliases = { "证号" = "许可证编号", "申请事项" = "公示类型" }  # heading → column
# types = { "新发证" = "新许可" }                              # 公示类型 words of your system
# non_public = ["经办人"]                                      # more columns to drop unread
#
# [[licences.files]]
# glob = "佛山*.xlsx"   # file names it applies to
# sheet = "许可信息"    # instead of the first visible sheet
# header_row = 3        # instead of the first row like a header
# date_formats = ["DD/MM/YYYY"]  # dates not written year first: YYYY or YY,
#                                # MM or M, DD or D, separators as in the file
`)
	return b.String()
}
