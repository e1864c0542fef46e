package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testsite"
)

// A folder of exports whose periods overlap, and a penalties export
// holding the same 吊销, are built into a release that holds each decision
// once: decisions.csv opened back has the agency's 新许可 and 吊销 once
// each, as has its index.json, and the build exits 0 with the repeats
// warned of.
func TestBuildExportsThatOverlap(t *testing.T) {
	dir := t.TempDir()
	data, content, out := filepath.Join(dir, "data"), filepath.Join(dir, "content"), filepath.Join(dir, "public")
	testsite.Write(t, content, "site.toml", []byte("name = \"门户\"\nbureau = \"局\"\nbase_url = \"https://rsj.example.gov.cn/\"\nprecompress = []\n"))
	testsite.Write(t, data, "regions.csv", []byte("行政区划代码,名称,上级代码\n440106,天河区,440100\n"))
	rows := "行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码,公示日期,决定文书号,备注\n" +
		"广州市乙劳务派遣有限公司,91440106MA5C00020X,440106202300002,新许可,2024-01-10,2024-01-10,2027-01-09,广州市天河区人力资源和社会保障局,440106,2024-01-11,,\n" +
		"广州市乙劳务派遣有限公司,91440106MA5C00020X,440106202300002,吊销,2024-08-20,,,广州市天河区人力资源和社会保障局,440106,2024-08-21,穗人社罚〔2024〕8号,违法转派劳动者\n"
	testsite.Write(t, data, "licences/2024.csv", []byte(rows))
	testsite.Write(t, data, "licences/everything.csv", []byte(rows))
	testsite.Write(t, data, "penalties.csv", []byte("行政相对人名称,行政相对人代码_1（统一社会信用代码）,行政处罚决定书文号,违法行为类型,处罚依据,处罚类别,处罚内容,暂扣或吊销证照名称及编号,处罚决定日期,处罚机关\n"+
		"广州市乙劳务派遣有限公司,91440106MA5C00020X,穗人社罚[2024]第8号,违反劳务派遣规定,《劳务派遣行政许可实施办法》第三十三条,吊销许可证件,吊销劳务派遣经营许可证,劳务派遣经营许可证 440106202300002,2024-08-20,广州市天河区人力资源和社会保障局\n"))
	code, _, errs := runCLI("build", "--data", data, "--content", content, "--out", out, "--as-of", "2026-11-21", "--lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{
		`licences/everything.csv:2:4: warning: 公示类型 "新许可": the same row as`,
		`licences/everything.csv:3:4: warning: 公示类型 "吊销": the same row as`,
		`penalties.csv:2:9: warning: 处罚决定日期 "2024-08-20": the same 吊销 as`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("no %q in\n%s", want, errs)
		}
	}
	if types := publishedTypes(t, out); strings.Join(types, " ") != "新许可 吊销" {
		t.Errorf("decisions.csv: %q, want one 新许可 and one 吊销", types)
	}
	if status, n := agencyRecord(t, out, "91440106MA5C00020X"); n != 2 || status != "已吊销" {
		t.Errorf("index.json: %d decisions, status %q", n, status)
	}
}

// publishedTypes are the 公示类型 of a release's decisions.csv, row by row.
func publishedTypes(t *testing.T, out string) []string {
	t.Helper()
	var types []string
	for _, r := range readReportCSV(t, filepath.Join(out, "data", "decisions.csv")) {
		types = append(types, strings.Split(r, "\t")[6])
	}
	return types
}

// agencyRecord is an agency's status and number of decisions in its
// index.json of a release.
func agencyRecord(t *testing.T, out, code string) (status string, decisions int) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "agencies", code, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Status    string            `json:"status"`
		Decisions []json.RawMessage `json:"decisions"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	return rec.Status, len(rec.Decisions)
}
