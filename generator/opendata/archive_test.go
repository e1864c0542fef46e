package opendata_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/catalogue"
	"portal/internal/testsite"
)

// readZip returns an archive's files by name.
func readZip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r) // checks the CRC-32
		if err != nil {
			t.Fatalf("%s in %s: %v", f.Name, path, err)
		}
		out[f.Name] = b
	}
	return out
}

func releases(t *testing.T, out string) []catalogue.Release {
	t.Helper()
	var rel []catalogue.Release
	raw, err := os.ReadFile(filepath.Join(out, "data/releases.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &rel); err != nil {
		t.Fatal(err)
	}
	return rel
}

func sha(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

// checkArchive checks that a release's archive is what releases.json and
// /data/SHA256SUMS say, holds every table and the descriptor, and that its
// own SHA256SUMS verifies every file in it.
func checkArchive(t *testing.T, out string, r catalogue.Release) map[string][]byte {
	t.Helper()
	if r.Archive != strings.TrimPrefix(catalogue.ArchivePath(r.Version), catalogue.Dir) {
		t.Fatalf("release %s: archive %q", r.Version, r.Archive)
	}
	path := filepath.Join(out, "data", filepath.FromSlash(r.Archive))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if sha(b) != r.ArchiveSHA256 || int64(len(b)) != r.ArchiveBytes {
		t.Errorf("release %s: releases.json says %d bytes, %s; the file has %d, %s", r.Version, r.ArchiveBytes, r.ArchiveSHA256, len(b), sha(b))
	}
	sums, _ := os.ReadFile(filepath.Join(out, "data/SHA256SUMS"))
	if !strings.Contains(string(sums), sha(b)+"  "+r.Archive+"\n") {
		t.Errorf("/data/SHA256SUMS does not list %s with its checksum", r.Archive)
	}
	files := readZip(t, path)
	for _, name := range []string{"register.csv", "decisions.csv", "annual-checks.csv", "grades.csv", "abnormal.csv", "regions.csv", "policies.csv", "faq.csv", "datapackage.json", "SHA256SUMS"} {
		if _, ok := files[name]; !ok {
			t.Errorf("release %s: the archive lacks %s", r.Version, name)
		}
	}
	lines := strings.Split(strings.TrimSpace(string(files["SHA256SUMS"])), "\n")
	if len(lines) != len(files)-1 {
		t.Errorf("the archive's SHA256SUMS has %d lines for %d files", len(lines), len(files)-1)
	}
	for _, l := range lines {
		sum, name, _ := strings.Cut(l, "  ")
		if sha(files[name]) != sum {
			t.Errorf("release %s: %s does not match the archive's SHA256SUMS", r.Version, name)
		}
	}
	var pkg struct{ Version string }
	json.Unmarshal(files["datapackage.json"], &pkg)
	if pkg.Version != r.Version {
		t.Errorf("the archive of %s holds the descriptor of %s", r.Version, pkg.Version)
	}
	return files
}

// Every release is archived and stays downloadable, unchanged, from the
// releases after it; keep_releases bounds how many; an archive changed
// after it was published stops the build.
func TestReleaseArchives(t *testing.T) {
	dir, out := trickySite(t, asOf)
	first := releases(t, out)
	if len(first) != 1 {
		t.Fatalf("%d releases", len(first))
	}
	files := checkArchive(t, out, first[0])
	register1, _ := os.ReadFile(filepath.Join(out, "data/register.csv"))
	if !bytes.Equal(files["register.csv"], register1) {
		t.Error("the archive's register.csv is not the release's")
	}
	archive1, _ := os.ReadFile(filepath.Join(out, "data", first[0].Archive))

	lic := filepath.Join(dir, "data/licences.csv")
	addRow := func(code, licNo string) {
		b, _ := os.ReadFile(lic)
		os.WriteFile(lic, append(b, "佛山市新人力资源有限公司"+code+",91440604MA5E0004"+code+",孙七,佛山市禅城区季华路4号,200,4406042026000"+licNo+",新许可,,2026-11-10,2026-11-10,2029-11-09,佛山市禅城区人力资源和社会保障局,440106,2026-11-12,,,\n"...), 0o644)
	}
	addRow("02", "04")
	for range 2 { // the second build is a rebuild of the same data
		build(t, dir, out, asOf)
		rel := releases(t, out)
		if len(rel) != 2 || rel[0].Version != "2026-11-21.2" {
			t.Fatalf("releases: %+v", rel)
		}
		now := checkArchive(t, out, rel[0])
		register2, _ := os.ReadFile(filepath.Join(out, "data/register.csv"))
		if !bytes.Equal(now["register.csv"], register2) || bytes.Equal(register1, register2) {
			t.Error("the second archive's register.csv is not the second release's")
		}
		old := checkArchive(t, out, rel[1])
		if !bytes.Equal(old["register.csv"], register1) {
			t.Error("the first release's archive no longer holds its register")
		}
		if b, _ := os.ReadFile(filepath.Join(out, "data", rel[1].Archive)); !bytes.Equal(b, archive1) {
			t.Error("the first release's archive changed")
		}
		if page, _ := os.ReadFile(filepath.Join(out, "data/changes/index.html")); !strings.Contains(string(page), `href="/ldpq/data/`+rel[1].Archive+`"`) {
			t.Error("/data/changes/ does not link the first release's archive")
		}
	}

	// each release's changes are kept with it, and have a page
	rel := releases(t, out)
	for _, r := range rel {
		raw, err := os.ReadFile(filepath.Join(out, "data", r.Changes))
		var ch catalogue.Changes
		if err != nil || json.Unmarshal(raw, &ch) != nil || ch.Version != r.Version {
			t.Errorf("release %s: its changes.json (%q): %v", r.Version, r.Changes, err)
		}
		page, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(catalogue.ChangesPage(r.Version)), "index.html"))
		if err != nil {
			t.Fatalf("release %s has no changes page: %v", r.Version, err)
		}
		if r.Version == "2026-11-21" && !strings.Contains(string(page), "<h1>数据更新记录 · 2026-11-21 版</h1>") {
			t.Errorf("the first release's page is not titled with its version")
		}
	}
	if now, _ := os.ReadFile(filepath.Join(out, "data/changes/index.html")); !strings.Contains(string(now), `<a href="/ldpq/data/changes/2026-11-21/">2026-11-21</a>`) {
		t.Error("/data/changes/ does not link the first release's page")
	}
	// the new agency is filed in 广州 (440106): its city's feed lists it, another city's does not
	gz, err := os.ReadFile(filepath.Join(out, "data/changes/440100.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(gz, &feed); err != nil || len(feed.Entries) != 1 || !strings.Contains(feed.Entries[0].Content, "91440604MA5E000402") {
		t.Errorf("广州's feed: %v %+v", err, feed.Entries)
	}
	if sz, err := os.ReadFile(filepath.Join(out, "data/changes/440300.xml")); err != nil || strings.Contains(string(sz), "91440604MA5E000402") {
		t.Errorf("深圳's feed lists an agency of 广州 (%v)", err)
	}

	// an archive changed after it was published: the build stops, the output stays
	archive := filepath.Join(out, "data", first[0].Archive)
	bad := bytes.Clone(archive1)
	bad[len(bad)/2] ^= 1
	os.WriteFile(archive, bad, 0o644)
	addRow("10", "05")
	before := testsite.ReadTree(t, out)
	_, err = buildFrom(dir, out, "", asOf)
	if err == nil || !strings.Contains(err.Error(), "changed after it was published") {
		t.Fatalf("a changed archive: err = %v", err)
	}
	if d := diffTrees(before, testsite.ReadTree(t, out)); d != "" {
		t.Errorf("the failed build changed the output:\n%s", d)
	}
	os.WriteFile(archive, archive1, 0o644)

	// keep_releases = 1: only the newest release is listed and archived
	site := filepath.Join(dir, "content/site.toml")
	b, _ := os.ReadFile(site)
	os.WriteFile(site, append([]byte("keep_releases = 1\n"), b...), 0o644)
	build(t, dir, out, asOf)
	rel = releases(t, out)
	if len(rel) != 1 || rel[0].Version != "2026-11-21.3" {
		t.Fatalf("keep_releases = 1: releases %+v", rel)
	}
	checkArchive(t, out, rel[0])
	if entries, _ := os.ReadDir(filepath.Join(out, "data/releases")); len(entries) != 1 {
		t.Errorf("keep_releases = 1 left %d release folders", len(entries))
	}
}
