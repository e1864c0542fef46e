package search

import (
	"portal/generator/model"
	"portal/generator/register"
)

// AgencyResult is what a search result says of an agency in JSON — in
// `portal search --json` and the preview's /api/search — with its status
// and verdict on the day asked about.
type AgencyResult struct {
	Code        string   `json:"code"`
	Licence     string   `json:"licence_no,omitempty"`
	Status      string   `json:"status"`
	Label       string   `json:"label"`
	Verdict     string   `json:"verdict"`
	MayDispatch string   `json:"may_dispatch"` // as the open data's register table: 可以经营 …
	Former      []string `json:"former_names,omitempty"`
}

// AgencyResultOf is the result for agency document d whose status and
// verdict on the day asked about are s and v (d.Status and d.Verdict for
// the index's as-of date).
func AgencyResultOf(d *Doc, s model.Status, v register.Verdict) *AgencyResult {
	return &AgencyResult{Code: d.Code, Licence: d.Licence, Status: s.String(), Label: v.Label, Verdict: v.Headline,
		MayDispatch: v.Dispatch().String(), Former: d.Former}
}
