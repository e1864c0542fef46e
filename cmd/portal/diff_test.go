package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"portal/internal/testsite"
)

// portal diff compares any two releases — a built site and an archive of
// an earlier release from /data/releases/ — the way the build compared
// them: its --json is the build's changes.json, byte for byte.
func TestDiffReleases(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join("..", "..", "testdata/opendata/tricky-values.txtar"))
	site := filepath.Join(dir, "public")
	build := func() {
		t.Helper()
		code, _, errs := runCLI("build", "--data", filepath.Join(dir, "data"), "--content", filepath.Join(dir, "content"),
			"--templates", "../../templates", "--out", site, "--as-of", "2026-11-21")
		if code != exitOK {
			t.Fatalf("build: exit %d\n%s", code, errs)
		}
	}
	build()
	archive := filepath.Join(dir, "first.zip")
	b, err := os.ReadFile(filepath.Join(site, "data/releases/2026-11-21/labour-dispatch-licensing-2026-11-21.zip"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(archive, b, 0o644)
	if code, out, errs := runCLI("diff", archive, site); code != exitOK || !strings.Contains(out, "2026-11-21 → 2026-11-21：") {
		t.Errorf("a release against its own archive: exit %d\n%s%s", code, out, errs)
	}

	grades := filepath.Join(dir, "data/grades.csv")
	g, _ := os.ReadFile(grades)
	os.WriteFile(grades, append(g, "2026,\"广州市\"\"丙\"\"人力资源有限公司\",91440106MA5C00010W,B,广州市人力资源和社会保障局,2027-12-31\n"...), 0o644)
	build()
	js := filepath.Join(dir, "changes.json")
	code, out, errs := runCLI("diff", "--json", js, archive, site)
	if code != exitInput {
		t.Fatalf("two releases that differ: exit %d, want 1\n%s%s", code, out, errs)
	}
	for _, want := range []string{"2026-11-21 → 2026-11-21.2：", "核验、评价和经营异常记录变化 1 条", "信用等级：", "劳务派遣单位信用等级评价结果：新增 "} {
		if !strings.Contains(out, want) {
			t.Errorf("portal diff lacks %q:\n%s", want, out)
		}
	}
	got, _ := os.ReadFile(js)
	built, _ := os.ReadFile(filepath.Join(site, "data/changes.json"))
	if !bytes.Equal(got, built) {
		t.Errorf("portal diff --json differs from the build's changes.json:\n%s\n---\n%s", got, built)
	}
	if code, _, errs := runCLI("diff", archive); code != exitUsage || !strings.Contains(errs, "two releases") {
		t.Errorf("one argument: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI("diff", dir, site); code != exitUsage || !strings.Contains(errs, "datapackage.json") {
		t.Errorf("a folder without a release: exit %d %s", code, errs)
	}
}

// A previous release that holds a personal number — made by an older
// portal that missed a way of writing one, or any folder given as
// --previous — has it masked in what portal build publishes again and in
// what portal diff prints, with a warning; under --strict nothing is
// published.
func TestPreviousReleaseNumbersMasked(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join("..", "..", "testdata/opendata/tricky-values.txtar"))
	build := func(out, asOf string, more ...string) (int, string) {
		t.Helper()
		code, _, errs := runCLI(append([]string{"build", "--data", filepath.Join(dir, "data"), "--content", filepath.Join(dir, "content"),
			"--templates", "../../templates", "--out", out, "--as-of", asOf}, more...)...)
		return code, errs
	}
	// its one warning (a 公示日期 left blank) mended: --strict refuses only what this is about
	lic := filepath.Join(dir, "data/licences.csv")
	l, _ := os.ReadFile(lic)
	os.WriteFile(lic, bytes.Replace(l, []byte("深圳市福田区人力资源和社会保障局,440304,,,,"), []byte("深圳市福田区人力资源和社会保障局,440304,2021-01-05,,,"), 1), 0o644)
	old := filepath.Join(dir, "old")
	if code, errs := build(old, "2026-11-20", "--strict"); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	// the register as an older portal would have published it
	reg := filepath.Join(old, "data/register.csv")
	raw, _ := os.ReadFile(reg)
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows[1][slices.Index(rows[0], "address")] = "广州市天河区（电话 138~0013~8000）"
	var b bytes.Buffer
	csv.NewWriter(&b).WriteAll(rows)
	os.WriteFile(reg, b.Bytes(), 0o644)

	strict := filepath.Join(dir, "strict")
	if code, errs := build(strict, "2026-11-21", "--previous", old, "--strict"); code != exitInput || !strings.Contains(errs, "***~****~8000") {
		t.Errorf("--strict: exit %d, want 1\n%s", code, errs)
	}
	if _, err := os.Stat(strict); err == nil {
		t.Error("--strict published")
	}
	site := filepath.Join(dir, "public")
	code, errs := build(site, "2026-11-21", "--previous", old)
	if code != exitOK || !strings.Contains(errs, "***~****~8000") || strings.Contains(errs, "~0013~") {
		t.Errorf("build: exit %d\n%s", code, errs)
	}
	changes, _ := os.ReadFile(filepath.Join(site, "data/changes.json"))
	if !bytes.Contains(changes, []byte("***~****~8000")) || bytes.Contains(changes, []byte("~0013~")) {
		t.Errorf("changes.json:\n%s", changes)
	}
	code, out, errs := runCLI("diff", old, site)
	if code != exitInput || !strings.Contains(out, "***~****~8000") || strings.Contains(out+errs, "~0013~") {
		t.Errorf("portal diff: exit %d\n%s%s", code, out, errs)
	}
}
