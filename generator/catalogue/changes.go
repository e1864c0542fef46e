package catalogue

import "fmt"

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
	return len(c.Added) + len(c.Removed) + len(c.StatusChanges) + len(c.Renames) + len(c.LicenceChanges) + len(c.FieldChanges)
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
	// Archive is the release's archive below /data/ (releases/{id}/…zip),
	// with its size and SHA-256; empty for a release made before archives
	// were kept, or one whose archive is no longer kept (keep_releases).
	Archive       string `json:"archive,omitempty"`
	ArchiveBytes  int64  `json:"archive_bytes,omitempty"`
	ArchiveSHA256 string `json:"archive_sha256,omitempty"`
}

// Summary says in one line what a release changed.
func (r Release) Summary() string {
	return fmt.Sprintf("新增 %d 家，移除 %d 家，状态变化 %d 家，更名 %d 家，许可证编号变更 %d 家，其他信息变化 %d 项", r.Added, r.Removed, r.StatusChanges, r.Renames, r.LicenceChanges, r.FieldChanges)
}
