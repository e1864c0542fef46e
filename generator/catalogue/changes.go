package catalogue

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Changes is what changed in the register since the previous release.
type Changes struct {
	Version         string      `json:"version"`
	PreviousVersion *string     `json:"previous_version"` // null for the first release
	Added           []AgencyRef `json:"added"`
	Removed         []AgencyRef `json:"removed"`
	StatusChanges   []Change    `json:"status_changes"`
	Renames         []Change    `json:"renames"`
	LicenceChanges  []Change    `json:"licence_changes"`
	// FieldChanges are the other published values of an agency that
	// differ from the previous release's register: 住所, 法定代表人, 注册资本,
	// validity, authority, region, head office, the latest annual check,
	// the current grade, the 经营异常 listing. FieldCounts counts them by field.
	FieldChanges []FieldChange `json:"field_changes"`
	FieldCounts  []FieldCount  `json:"field_counts"`
	// TableChanges are, for the annual checks, the grades and the 经营异常
	// listings, the rows added, removed and changed.
	TableChanges []TableChange `json:"table_changes"`
}

// TableChange is what changed in one table's rows.
type TableChange struct {
	Table   string      `json:"table"` // the dataset's name, e.g. annual-checks
	Title   string      `json:"title"`
	Added   int         `json:"added"`
	Removed int         `json:"removed"`
	Changed int         `json:"changed"`
	Rows    []RowChange `json:"rows"`
}

// RowChange is one row added, removed or changed.
type RowChange struct {
	Change string `json:"change"` // added, removed or changed
	Code   string `json:"code"`
	Name   string `json:"name"`
	// Key is the values that identify the row (e.g. code and year).
	Key map[string]string `json:"key"`
	// Fields are, for a changed row, each value that differs.
	Fields []ValueChange `json:"fields,omitempty"`
}

// ValueChange is one value of a row that differs.
type ValueChange struct {
	Field string `json:"field"`
	Title string `json:"title"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Label says what kind of change a row is, in Chinese.
func (r RowChange) Label() string {
	switch r.Change {
	case "added":
		return "新增"
	case "removed":
		return "删除"
	}
	return "变更"
}

// Which is the row's identifying values besides the agency's code (a
// year; a date and a reason), joined by spaces.
func (r RowChange) Which() string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(r.Key)) {
		if k != "code" && r.Key[k] != "" {
			out = append(out, r.Key[k])
		}
	}
	return strings.Join(out, " ")
}

// Detail is a changed row's differing values in words, joined by sep.
func (r RowChange) Detail(sep string) string {
	var out []string
	for _, f := range r.Fields {
		out = append(out, cmp.Or(f.Title, f.Field)+"："+cmp.Or(f.From, "（无）")+" → "+cmp.Or(f.To, "（无）"))
	}
	return strings.Join(out, sep)
}

// Rows is how many rows of the tables changed.
func (c *Changes) Rows() int {
	n := 0
	for _, t := range c.TableChanges {
		n += t.Added + t.Removed + t.Changed
	}
	return n
}

// FieldChange is one value of the register that changed for an agency:
// Field is the register's column (register.csv), Title its Chinese title.
type FieldChange struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Field string `json:"field"`
	Title string `json:"title"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// FieldCount is how many agencies' Field changed.
type FieldCount struct {
	Field string `json:"field"`
	Title string `json:"title"`
	Count int    `json:"count"`
}

// AgencyRef names an agency that appeared in or left the register.
type AgencyRef struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Status string `json:"status"`
}

// Change is one value of an agency that differs between two releases.
type Change struct {
	Code string `json:"code"`
	Name string `json:"name"` // current name (the old one for a removed agency)
	From string `json:"from"`
	To   string `json:"to"`
}

// First reports whether there was no previous release to compare with.
func (c *Changes) First() bool { return c.PreviousVersion == nil }

// Previous is the version compared with, "" for the first release.
func (c *Changes) Previous() string {
	if c.PreviousVersion == nil {
		return ""
	}
	return *c.PreviousVersion
}

// Total is the number of changes listed.
func (c *Changes) Total() int {
	return len(c.Added) + len(c.Removed) + len(c.StatusChanges) + len(c.Renames) + len(c.LicenceChanges) + len(c.FieldChanges) + c.Rows()
}

// Release is one entry of the release history (data/releases.json).
type Release struct {
	Version        string `json:"version"`
	Created        string `json:"created"`
	Agencies       int    `json:"agencies"`
	Decisions      int    `json:"decisions"`
	Added          int    `json:"added"`
	Removed        int    `json:"removed"`
	StatusChanges  int    `json:"status_changes"`
	Renames        int    `json:"renames"`
	LicenceChanges int    `json:"licence_changes"`
	FieldChanges   int    `json:"field_changes"`
	// RowChanges counts the rows of the annual checks, grades and 经营异常
	// listings added, removed or changed.
	RowChanges int `json:"row_changes"`
	// Changes is where the release's own changes.json is kept below
	// /data/ (releases/{id}/changes.json), "" when it is not.
	Changes string `json:"changes,omitempty"`
	// Archive is the release's archive below /data/ (releases/{id}/…zip),
	// with its size and SHA-256; empty for a release made before archives
	// were kept, or one whose archive is no longer kept (keep_releases).
	Archive       string `json:"archive,omitempty"`
	ArchiveBytes  int64  `json:"archive_bytes,omitempty"`
	ArchiveSHA256 string `json:"archive_sha256,omitempty"`
}

// Counted is r with the counts of c.
func (c *Changes) Counted(r Release) Release {
	r.Added, r.Removed, r.StatusChanges, r.Renames, r.LicenceChanges = len(c.Added), len(c.Removed), len(c.StatusChanges), len(c.Renames), len(c.LicenceChanges)
	r.FieldChanges, r.RowChanges = len(c.FieldChanges), c.Rows()
	return r
}

// Summary says in one line what a release changed.
func (r Release) Summary() string {
	return fmt.Sprintf("新增 %d 家，移除 %d 家，状态变化 %d 家，更名 %d 家，许可证编号变更 %d 家，其他信息变化 %d 项，核验、评价和经营异常记录变化 %d 条", r.Added, r.Removed, r.StatusChanges, r.Renames, r.LicenceChanges, r.FieldChanges, r.RowChanges)
}

// Filter is the changes of the agencies keep says yes to, with the counts
// they make (a city's changes, for its feed).
func (c *Changes) Filter(keep func(code string) bool) *Changes {
	out := &Changes{Version: c.Version, PreviousVersion: c.PreviousVersion,
		Added: only(c.Added, func(x AgencyRef) bool { return keep(x.Code) }), Removed: only(c.Removed, func(x AgencyRef) bool { return keep(x.Code) }),
		StatusChanges:  only(c.StatusChanges, func(x Change) bool { return keep(x.Code) }),
		Renames:        only(c.Renames, func(x Change) bool { return keep(x.Code) }),
		LicenceChanges: only(c.LicenceChanges, func(x Change) bool { return keep(x.Code) }),
		FieldChanges:   only(c.FieldChanges, func(x FieldChange) bool { return keep(x.Code) })}
	for _, t := range c.TableChanges {
		ft := TableChange{Table: t.Table, Title: t.Title, Rows: only(t.Rows, func(r RowChange) bool { return keep(r.Code) })}
		for _, r := range ft.Rows {
			switch r.Change {
			case "added":
				ft.Added++
			case "removed":
				ft.Removed++
			default:
				ft.Changed++
			}
		}
		out.TableChanges = append(out.TableChanges, ft)
	}
	return out
}

// only is the items of in that keep says yes to.
func only[T any](in []T, keep func(T) bool) []T {
	var out []T
	for _, x := range in {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}
