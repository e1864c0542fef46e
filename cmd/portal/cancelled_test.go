package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A penalty's 吊销 and the licensing system's 注销 of the licence after
// it — the cancellation the law asks for — through the real build: it was
// refused as a decision after the licence's end. The release publishes
// both decisions (decisions.csv and the agency's index.json opened back),
// and the agency's page and record say 已吊销, dated by the 吊销.
func TestBuildCancelledAfterWithdrawal(t *testing.T) {
	data, content, out := workbookSite(t)
	os.WriteFile(filepath.Join(data, "licences.csv"), []byte("行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码,公示日期,决定文书号,备注\n"+
		"广州市乙劳务派遣有限公司,91440106MA5C00020X,440106202300002,新许可,2024-01-10,2024-01-10,2027-01-09,广州市天河区人力资源和社会保障局,440106,2024-01-11,,\n"+
		"广州市乙劳务派遣有限公司,91440106MA5C00020X,440106202300002,注销,2024-09-10,,,广州市天河区人力资源和社会保障局,440106,2024-09-11,,许可证被吊销后依法注销\n"), 0o644)
	os.WriteFile(filepath.Join(data, "penalties.csv"), []byte("行政相对人名称,行政相对人代码_1（统一社会信用代码）,行政处罚决定书文号,违法行为类型,处罚依据,处罚类别,处罚内容,暂扣或吊销证照名称及编号,处罚决定日期,处罚机关\n"+
		"广州市乙劳务派遣有限公司,91440106MA5C00020X,穗人社罚〔2024〕8号,违反劳务派遣规定,《劳务派遣行政许可实施办法》第三十三条,吊销许可证件,吊销劳务派遣经营许可证,劳务派遣经营许可证 440106202300002,2024-08-20,广州市天河区人力资源和社会保障局\n"), 0o644)
	code, _, errs := runCLI("build", "--data", data, "--content", content, "--out", out, "--as-of", "2026-11-21", "--lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if types := publishedTypes(t, out); strings.Join(types, " ") != "新许可 注销 吊销" { // in the order the files list them
		t.Errorf("decisions.csv: %q, want the 新许可, the 注销 and the penalty's 吊销", types)
	}
	if status, n := agencyRecord(t, out, "91440106MA5C00020X"); n != 3 || status != "已吊销" {
		t.Errorf("index.json: %d decisions, status %q", n, status)
	}
	page, err := os.ReadFile(filepath.Join(out, "agencies", "91440106MA5C00020X", "index.html"))
	if err != nil || !strings.Contains(string(page), "许可已吊销") || !strings.Contains(string(page), "2024-08-20") || !strings.Contains(string(page), "许可证被吊销后依法注销") {
		t.Errorf("the agency's page does not say 许可已吊销 (2024-08-20) with the 注销 in its history: %v", err)
	}
}
