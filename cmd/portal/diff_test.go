package main

import (
	"bytes"
	"os"
	"path/filepath"
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
