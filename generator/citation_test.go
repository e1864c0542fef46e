package generator

import (
	"context"
	"encoding/json"
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/internal/testsite"
)

var cslBlock = regexp.MustCompile(`(?s)<dt>CSL-JSON</dt><dd><pre tabindex="0"><code>(.*?)</code></pre>`)

// /data/ says how to cite the release and each dataset: GB/T 7714-2015
// ([DS/OL], the version and the address), BibTeX and CSL-JSON a reference
// manager reads (issue 17).
func TestCitation(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", "build", "govsite.txtar"))
	out := filepath.Join(dir, "public")
	if res, _, err := Build(context.Background(), siteConfig(dir, "data", "https://rsj.example.gov.cn/ldpq/", out)); err != nil {
		t.Fatalf("%v\n%s", err, res.Diags.Format(0))
	}
	page := html.UnescapeString(read(t, filepath.Join(out, "data", "index.html")))
	for _, want := range []string{
		"测试局. 测试门户[DS/OL]. 版本 2026-11-21. [出版地不详]: 测试局, 2026(2026-11-21). https://rsj.example.gov.cn/ldpq/data/.",
		"测试局. 测试门户：劳务派遣单位许可名录[DS/OL]. 版本 2026-11-21.",
		"@misc{portalrelease20261121,", "version = {2026-11-21},", `howpublished = {\url{https://rsj.example.gov.cn/ldpq/data/#register}}`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/data/ lacks %s", want)
		}
	}
	blocks := cslBlock.FindAllStringSubmatch(page, -1)
	if len(blocks) < 2 {
		t.Fatalf("%d CSL-JSON blocks", len(blocks))
	}
	for _, b := range blocks {
		var csl struct {
			Type, Version, URL string
			Issued             struct {
				DateParts [][]int `json:"date-parts"`
			}
		}
		if err := json.Unmarshal([]byte(b[1]), &csl); err != nil || csl.Type != "dataset" || csl.Version != "2026-11-21" || !strings.HasPrefix(csl.URL, "https://rsj.example.gov.cn/ldpq/data/") || len(csl.Issued.DateParts) != 1 {
			t.Errorf("CSL-JSON %v: %+v", err, csl)
		}
	}
}
