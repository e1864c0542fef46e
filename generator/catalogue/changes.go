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
	return len(c.Added) + len(c.Removed) + len(c.StatusChanges) + len(c.Renames) + len(c.LicenceChanges)
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
}

// Summary says in one line what a release changed.
func (r Release) Summary() string {
	return fmt.Sprintf("新增 %d 家，移除 %d 家，状态变化 %d 家，更名 %d 家，许可证编号变更 %d 家", r.Added, r.Removed, r.StatusChanges, r.Renames, r.LicenceChanges)
}
