package opendata_test

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/catalogue"
	"portal/generator/model"
	"portal/generator/opendata"
)

// A previous release that holds personal numbers — made by an older
// portal whose guard missed a way of writing them, or any folder handed in
// as the previous release — must not have them published again: not as
// the old side of a changed value, not in the earlier releases' changes
// carried forward, not in the archive of a release that held them. The
// build says where each was, masked.
func TestPreviousReleasePersonalNumbersMasked(t *testing.T) {
	dir, out := trickySite(t, model.MakeDate(2026, 10, 20), model.MakeDate(2026, 10, 26), model.MakeDate(2026, 11, 1))

	const (
		mobile = "138~0013~8000"          // tildes: read as separators only since 2026-12
		id     = "110105 19491231 002X"   // an ID number in groups
		idHist = "4401 0619 9001 0112 35" // another, in an earlier release's changes
		// an all-digit 统一社会信用代码 that is also a valid ID number, as a
		// code, and a licence number of 11 digits are not personal data
		code     = "120101198001010397"
		licNo    = "13800138000"
		kept     = "releases/2026-11-01/changes.json"
		idAsCode = "440106199001011235"
	)
	// the previous release, as an older portal would have left it
	clean, err := opendata.ReadRelease(out)
	if err != nil {
		t.Fatal(err)
	}
	reg := filepath.Join(out, "data/register.csv")
	rows := readCSV(t, reg)
	col := func(name string) int {
		for i, f := range rows[0] {
			if f == name {
				return i
			}
		}
		t.Fatalf("register.csv has no %s", name)
		return -1
	}
	victim := rows[1][col("code")]
	rows[1][col("address")] = "广州市天河区（联系人 " + mobile + "）"
	rows[1][col("legal_representative")] = "张三 " + id
	var b bytes.Buffer
	csv.NewWriter(&b).WriteAll(rows)
	os.WriteFile(reg, b.Bytes(), 0o644)
	var old catalogue.Changes
	raw, err := os.ReadFile(filepath.Join(out, "data", kept))
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(raw, &old)
	old.FieldChanges = append(old.FieldChanges, catalogue.FieldChange{Code: victim, Name: "某单位", Field: "legal_representative", Title: "法定代表人（电话 13900139000）", From: "李四 " + idHist, To: "李四"},
		catalogue.FieldChange{Code: code, Name: "某单位", Field: "licence_number", From: licNo, To: "440106202200001"},
		// an ID number that passes a code's check too, but begins as no
		// organisation's code does (44: 文化, category 4)
		catalogue.FieldChange{Code: victim, Name: "某单位", Field: "parent_code", From: idAsCode, To: ""})
	raw, _ = json.Marshal(old)
	os.WriteFile(filepath.Join(out, "data", kept), raw, 0o644)
	os.WriteFile(filepath.Join(out, "data/changes.json"), raw, 0o644) // the latest release's changes, kept twice

	// portal diff compares the two as they are, the numbers masked
	dirty, err := opendata.ReadRelease(out)
	if err != nil {
		t.Fatal(err)
	}
	if lines := opendata.ChangeLines(opendata.Diff(dirty, clean), -1); !strings.Contains(lines, "***~****~8000") || strings.Contains(lines, "~0013~") || strings.Contains(lines, "19491231") {
		t.Errorf("portal diff:\n%s", lines)
	}

	res := build(t, dir, out, asOf)

	// nothing of the numbers is published, in any file, compressed or not
	for _, digits := range []string{"~0013~", "19491231", "0619 9001", "1390013", "06199001011235"} {
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, _ := os.ReadFile(p)
			if strings.HasSuffix(p, ".gz") {
				if r, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
					b, _ = io.ReadAll(r)
				}
			}
			if bytes.Contains(b, []byte(digits)) {
				t.Errorf("%s publishes %s", p, digits)
			}
			return nil
		})
	}
	// the change is listed, its old side masked
	var ch catalogue.Changes
	raw, _ = os.ReadFile(filepath.Join(out, "data/changes.json"))
	json.Unmarshal(raw, &ch)
	from := map[string]string{}
	for _, c := range ch.FieldChanges {
		if c.Code == victim {
			from[c.Field] = c.From
		}
	}
	if from["address"] != "广州市天河区（联系人 ***~****~8000）" || from["legal_representative"] != "张三 ****** ******** 002X" {
		t.Errorf("the masked old values: %q", from)
	}
	// the earlier release's changes: masked, but for what is not personal
	raw, _ = os.ReadFile(filepath.Join(out, "data", kept))
	for _, s := range []string{"李四 **** **** **** **12 35", licNo, code} {
		if !bytes.Contains(raw, []byte(s)) {
			t.Errorf("%s lacks %q: %s", kept, s, raw)
		}
	}
	// the archives of the releases that held them, and of the one before
	// (made by the same portal, unread), are not carried; this release's is
	var rels []catalogue.Release
	raw, _ = os.ReadFile(filepath.Join(out, "data/releases.json"))
	json.Unmarshal(raw, &rels)
	if len(rels) != 4 || rels[1].Version != "2026-11-01" || rels[1].Archive != "" || rels[2].Archive != "" || rels[3].Archive != "" || rels[0].Archive == "" {
		t.Errorf("releases.json = %s", raw)
	}
	for _, v := range []string{"2026-10-20", "2026-10-26", "2026-11-01"} {
		if m, _ := filepath.Glob(filepath.Join(out, "data/releases", v, "*.zip")); len(m) != 0 {
			t.Errorf("the archives of the releases that held them are published: %v", m)
		}
	}
	// and the build says where each was, masked
	said := res.Diags.Format(0)
	for _, s := range []string{"register.csv", "a value of " + victim, "***~****~8000", "****** ******** 002X", "**** **** **** **12 35", "the previous release holds"} {
		if !strings.Contains(said, s) {
			t.Errorf("the warnings lack %q:\n%s", s, said)
		}
	}
	if n := strings.Count(said, "李四 **** **** **** **12 35"); n != 1 {
		t.Errorf("the value of the changes kept twice is said %d times, want once:\n%s", n, said)
	}
	if strings.Contains(said, "~0013~") || strings.Contains(said, "19491231") || strings.Contains(said, "0619 9001") || strings.Contains(said, licNo) {
		t.Errorf("a warning shows a number:\n%s", said)
	}
}

// The release history is published again entry by entry: an entry no
// build writes (a number for a version, a script for a time, a negative
// count) is a damaged previous release, refused as one — with any number
// in the message masked — not republished.
func TestDamagedHistoryRefused(t *testing.T) {
	dir, out := trickySite(t, model.MakeDate(2026, 11, 1))
	path := filepath.Join(out, "data/releases.json")
	good, _ := os.ReadFile(path)
	for _, c := range []struct{ field, value, says string }{
		{"version", `"13800138000"`, "*******8000"},
		{"created", `"<script>alert(1)</script>"`, "not a time"},
		{"added", `-3`, "negative"},
	} {
		var rels []map[string]any
		json.Unmarshal(good, &rels)
		var v any
		json.Unmarshal([]byte(c.value), &v)
		rels[0][c.field] = v
		raw, _ := json.Marshal(rels)
		os.WriteFile(path, raw, 0o644)
		_, err := buildFrom(dir, out, "", asOf)
		if err == nil || !strings.Contains(err.Error(), "releases.json: entry 1") || !strings.Contains(err.Error(), c.says) || strings.Contains(err.Error(), "13800138000") {
			t.Errorf("%s %s: err = %v", c.field, c.value, err)
		}
	}
	os.WriteFile(path, good, 0o644)
	build(t, dir, out, asOf)
}
