package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testsite"
)

// portal search: an exact name, a code typed in lower case and a licence
// number find their agency first; a code that does not exist prints
// nothing and exits 1; the second run reuses the cached index.
func TestSearchCommand(t *testing.T) {
	cache := t.TempDir()
	search := func(args ...string) (int, string, string) {
		return runCLI(append([]string{"search", "--data", "../../data", "--content", "../../content", "--as-of", "2026-11-21", "--cache", cache}, args...)...)
	}
	code, out, errs := search("广州市众诚人力资源有限公司")
	if code != exitOK || !strings.HasPrefix(out, "91440114MAM7URBT8C\t广州市众诚人力资源有限公司\t有效\t许可有效（有效期至 2029-12-27）\n") {
		t.Fatalf("name: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(errs, "indexed") {
		t.Errorf("first run did not say it built the index: %s", errs)
	}
	code, out, errs = search("91440114mam7urbt8c")
	if code != exitOK || out != "91440114MAM7URBT8C\t广州市众诚人力资源有限公司\t有效\t许可有效（有效期至 2029-12-27）\n" {
		t.Fatalf("code: exit %d\n%s%s", code, out, errs)
	}
	if strings.Contains(errs, "indexed") {
		t.Errorf("second run rebuilt the index: %s", errs)
	}
	// a valid code the register does not hold: what the register covers,
	// and never that the agency is unlicensed
	code, out, errs = search("91440000MA5XXXXX0G")
	if code != exitInput || out != "" || !strings.Contains(errs, "未查到") || !strings.Contains(errs, "数据截至 2026-11-21") || !strings.Contains(errs, "外省") || strings.Contains(errs, "没有取得") {
		t.Fatalf("unknown code: exit %d, printed %q\n%s", code, out, errs)
	}
	// mistyped codes: the check fails, and the agency meant is offered (exit 1: a suggestion, not a match)
	// (after its label too)
	for _, q := range []string{"91440114MAM7URBT8", "91440114MAM7URBT8D", "9144O114MAM7URBT8C", "统一社会信用代码：91440114MAM7URBT8", "代码 9144O114MAM7URBT8C"} {
		code, out, errs = search(q)
		if code != exitInput || !strings.HasPrefix(out, "91440114MAM7URBT8C\t广州市众诚人力资源有限公司\t") || !strings.Contains(errs, "代码校验不通过") || strings.Contains(errs, "未查到") {
			t.Errorf("%s: exit %d\n%s%s", q, code, out, errs)
		}
	}
	// a code that fails its check and is one character from none, alone or
	// after its label: the check's problem, not 未查到 for the label's words
	for _, q := range []string{"91440000MA5XXXXX0X", "统一社会信用代码：91440000MA5XXXXX0X"} {
		code, out, errs = search(q)
		if code != exitInput || out != "" || !strings.Contains(errs, "代码校验不通过") || strings.Contains(errs, "未查到") {
			t.Errorf("%s: exit %d\n%s%s", q, code, out, errs)
		}
	}
	// the name in traditional characters, the licence number with a dash
	// and spaces: the agency itself, not a near name
	for _, q := range []string{"廣州市眾誠人力資源有限公司", "4401-0020 2082 715"} {
		code, out, errs = search(q)
		if code != exitOK || !strings.HasPrefix(out, "91440114MAM7URBT8C\t广州市众诚人力资源有限公司\t") || strings.Contains(errs, "名称相近") {
			t.Errorf("%s: exit %d\n%s%s", q, code, out, errs)
		}
	}
	// a code or licence number pasted with its label, or beside the name:
	// the agency, as for the code alone (not 未查到 for its other words)
	for _, q := range []string{"统一社会信用代码：91440114MAM7URBT8C", "许可证编号:440100202082715", "广州市众诚人力资源有限公司（91440114MAM7URBT8C）", "许可证编号：4401-0020-2082-715", "许可证编号 440100 2020 82715"} {
		code, out, errs = search(q)
		if code != exitOK || out != "91440114MAM7URBT8C\t广州市众诚人力资源有限公司\t有效\t许可有效（有效期至 2029-12-27）\n" || strings.Contains(errs, "名称相近") {
			t.Errorf("%s: exit %d\n%s%s", q, code, out, errs)
		}
	}
	// the name asked about in a question, or after its province: the
	// agency first (both were 未查到)
	for _, q := range []string{"查询广州市众诚人力资源有限公司有没有劳务派遣资质？", "广东省广州市众诚人力资源有限公司"} {
		code, out, errs = search(q)
		if code != exitOK || !strings.HasPrefix(out, "91440114MAM7URBT8C\t广州市众诚人力资源有限公司\t") {
			t.Errorf("%s: exit %d\n%s%s", q, code, out, errs)
		}
	}
	// a branch the register has no record of, alone or asked about: its
	// head office, said apart (exit 1: not the branch); a branch the
	// register has, or one written a little apart from it, is the branch
	for _, q := range []string{"广州市众诚人力资源有限公司深圳市分公司", "查询广州市众诚人力资源有限公司深圳分公司有没有资质"} {
		code, out, errs = search(q)
		if code != exitInput || out != "91440114MAM7URBT8C\t广州市众诚人力资源有限公司\t有效\t许可有效（有效期至 2029-12-27）\n" ||
			!strings.Contains(errs, "本名录没有分支机构“广州市众诚人力资源有限公司深") || strings.Contains(errs, "未查到") || strings.Contains(errs, "名称相近") {
			t.Errorf("%s: exit %d\n%s%s", q, code, out, errs)
		}
	}
	code, out, errs = search("--json", "广州市众诚人力资源有限公司深圳市分公司")
	if code != exitInput || !strings.Contains(out, `"head_office_of": "广州市众诚人力资源有限公司深圳市分公司"`) || !strings.Contains(out, `"match": "head office of the branch asked about"`) {
		t.Errorf("branch, --json: exit %d\n%s%s", code, out, errs)
	}
	for q, want := range map[string]string{
		"东莞市珠江人力资源管理有限公司江门市鹤山市分公司": "91440784MA5WEK866Y\t东莞市珠江人力资源管理有限公司江门市鹤山市分公司\t",
		"东莞市珠江人力资源管理有限公司江门鹤山分公司":   "91440784MA5WEK866Y\t东莞市珠江人力资源管理有限公司江门市鹤山市分公司\t",
	} {
		code, out, errs = search(q)
		if code != exitOK || !strings.HasPrefix(out, want) || strings.Contains(errs, "本名录没有分支机构") {
			t.Errorf("%s: exit %d\n%s%s", q, code, out, errs)
		}
	}
	// the name typed with the district it is registered in: the agency, said
	// to be a near name (it was 未查到)
	code, out, errs = search("深圳市龙华区锦程百川劳务派遣有限公司")
	if code != exitOK || !strings.HasPrefix(out, "91440309MATCQ1YX10\t深圳市锦程百川劳务派遣有限公司\t") || !strings.Contains(errs, "名称相近") {
		t.Errorf("name with its district: exit %d\n%s%s", code, out, errs)
	}
	// a query longer than any name: refused, saying why (as /api/search does)
	code, out, errs = search(strings.Repeat("人", 201))
	if code != exitUsage || out != "" || !strings.Contains(errs, "查询内容过长（201 个字），最多 200 个字") {
		t.Errorf("a query of 201 characters: exit %d\n%s%s", code, out, errs)
	}
	// a policy's 文号 typed with other brackets: the policy, first, by its
	// exact key (not only as a document that has every word)
	for _, q := range []string{"粤人社规[2024]14号", "粤人社规(2024)14号", "粤人社规【2024】14号"} {
		code, out, errs = search("--json", "-n", "1", q)
		if code != exitOK || !strings.Contains(out, "/policies/guangdong-2024-14-stable-jobs-refund/") || !strings.Contains(out, `"match": "exact"`) {
			t.Errorf("%s: exit %d\n%s%s", q, code, out, errs)
		}
	}
	// a name as people write it: the agency, said to be a near name
	code, out, errs = search("广州众诚人力资源有限责任公司")
	if code != exitOK || !strings.HasPrefix(out, "91440114MAM7URBT8C\t广州市众诚人力资源有限公司\t") || !strings.Contains(errs, "名称相近") {
		t.Errorf("near name: exit %d\n%s%s", code, out, errs)
	}
	// a character left out (众 of 众诚): the agency, said to be a near name,
	// alone (which rule finds it: search's TestOneEditIsTheTier)
	code, out, errs = search("广州市诚人力资源有限公司")
	if code != exitOK || out != "91440114MAM7URBT8C\t广州市众诚人力资源有限公司\t有效\t许可有效（有效期至 2029-12-27）\n" || !strings.Contains(errs, "名称相近") {
		t.Errorf("a character left out: exit %d\n%s%s", code, out, errs)
	}
	// other industry words (劳务派遣 for 人力资源, 服务 added), also in a
	// branch's head office and in traditional characters: the agencies of
	// its place and trade name, said to be near names
	for _, q := range []string{"广州市博雅劳务派遣有限公司", "广州市博雅人力资源服务有限公司", "广州市博雅人力资源服务有限公司天河分公司", "廣州市博雅勞務派遣有限公司"} {
		code, out, errs = search(q)
		if code != exitOK || out != "91440112116530476P\t广州市博雅人力资源有限公司\t有效\t许可有效（有效期至 2027-01-08）\n" || !strings.Contains(errs, "名称相近") {
			t.Errorf("%s: exit %d\n%s%s", q, code, out, errs)
		}
	}
	// by its near key, the agency alone, without the look-alikes that
	// share its words (东莞市珠江人力资源管理有限公司 and its branch); a
	// name with two characters swapped (诚人 typed 人诚); and the name with
	// a stray accent pasted in, which is the name itself
	for q, want := range map[string][2]string{
		"东莞珠江人力资源集团有限责任公司":    {"91441900MACM7AW249", "near name"},
		"广州市众人诚力资源有限公司":       {"91440114MAM7URBT8C", "near name, one edit away"},
		"广州市众诚\u0301人力资源有限公司": {"91440114MAM7URBT8C", "exact"},
	} {
		code, out, errs = search("--json", q)
		var got struct {
			Total   int
			Results []struct{ Code, Match string }
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitOK || got.Total != 1 || len(got.Results) != 1 ||
			got.Results[0].Code != want[0] || got.Results[0].Match != want[1] || strings.Contains(errs, "未查到") {
			t.Errorf("%q: exit %d, %v\n%s%s", q, code, err, out, errs)
		}
	}
	// a character mistyped inside the name (力 typed 乙): the agency, said
	// to be one edit away, never 未查到
	code, out, errs = search("--json", "广州市众诚人乙资源有限公司")
	var typo struct {
		Results []struct{ Code, Match string }
	}
	if err := json.Unmarshal([]byte(out), &typo); err != nil || code != exitOK || len(typo.Results) == 0 ||
		typo.Results[0].Code != "91440114MAM7URBT8C" || typo.Results[0].Match != "near name, one edit away" || strings.Contains(errs, "未查到") {
		t.Errorf("a character mistyped inside: exit %d, %v\n%s%s", code, err, out, errs)
	}
	code, out, _ = search("--json", "91440000MA5XXXXX0G")
	var none struct {
		Results  []any
		NotFound []string `json:"not_found"`
	}
	if err := json.Unmarshal([]byte(out), &none); err != nil || code != exitInput || len(none.Results) != 0 || len(none.NotFound) != 4 {
		t.Errorf("--json, no match: exit %d, %v\n%s", code, err, out)
	}
	code, out, _ = search("--json", "-n", "1", "同工同酬")
	var res struct {
		Total   int
		Results []struct{ Kind, Name, URL, Match string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != exitOK {
		t.Fatalf("--json: exit %d, %v\n%s", code, err, out)
	}
	if res.Total != 3 || len(res.Results) != 1 || res.Results[0].Kind != "常见问题" || !strings.HasSuffix(res.Results[0].URL, "/faq/#equal-pay") {
		t.Errorf("--json: %+v", res)
	}
	if code, _, _ := search(); code != exitUsage {
		t.Errorf("no query: exit %d", code)
	}
	// "was it licensed on the day I signed?": before and after its 吊销 of 2024-09-13
	for on, want := range map[string]string{
		"2024-05-01": "91440105MACCPK0K44\t广州市岭南劳务派遣有限公司\t有效\t许可有效（有效期至 2025-02-01）\n",
		"2024-09-13": "91440105MACCPK0K44\t广州市岭南劳务派遣有限公司\t已吊销\t许可已吊销（2024-09-13）\n",
	} {
		if code, out, errs := search("--on", on, "91440105MACCPK0K44"); code != exitOK || out != want {
			t.Errorf("--on %s: exit %d\n%s%s", on, code, out, errs)
		}
	}
	// the same in JSON, with the answer worded as the open data words it
	code, out, _ = search("--json", "--on", "2024-09-13", "91440105MACCPK0K44")
	var onDay struct {
		On      string
		Results []struct {
			Code, Status, Label, Verdict string
			MayDispatch                  string `json:"may_dispatch"`
		}
	}
	if err := json.Unmarshal([]byte(out), &onDay); err != nil || code != exitOK || onDay.On != "2024-09-13" || len(onDay.Results) != 1 {
		t.Fatalf("--json --on: exit %d, %v\n%s", code, err, out)
	}
	if r := onDay.Results[0]; r.Code != "91440105MACCPK0K44" || r.Status != "已吊销" || r.Label != "已吊销" || r.Verdict != "许可已吊销（2024-09-13）" || r.MayDispatch != "不得经营" {
		t.Errorf("--json --on 2024-09-13: %+v", r)
	}
}

// A second `portal search` on the same inputs answers from what the first
// kept (no loading, no deriving), word for word what the inputs give; an
// edit to the inputs is answered from the inputs again.
func TestSearchAnswersKept(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	testsite.CopyDir(t, filepath.Join("..", "..", "data"), data)
	queries := [][]string{
		{"广州 人力"}, {"--json", "-n", "5", "人力资源"}, {"--on", "2024-09-13", "91440105MACCPK0K44"},
		{"--json", "--on", "2024-05-01", "岭南"}, {"同工同酬"}, {"91440000MA5XXXXX0X"}, {"-n", "3", "已吊销"},
	}
	run := func(cache string, q []string) string {
		code, out, errs := runCLI(append([]string{"search", "--data", data, "--content", "../../content", "--as-of", "2026-11-21", "--cache", cache}, q...)...)
		if code == exitUsage {
			t.Fatalf("%v: exit %d\n%s", q, code, errs)
		}
		return fmt.Sprintf("exit %d\n%s", code, out)
	}
	cold := make([]string, len(queries))
	for i, q := range queries {
		cold[i] = run(t.TempDir(), q)
	}
	cache := t.TempDir()
	run(cache, queries[0])
	// the kept answers are what a warm run reads: mark one (same length, so
	// the table of offsets holds) and see the mark in the answer
	recs, _ := filepath.Glob(filepath.Join(cache, "answers", "*", "records"))
	if len(recs) != 1 {
		t.Fatalf("kept answers: %v", recs)
	}
	b, _ := os.ReadFile(recs[0])
	os.WriteFile(recs[0], bytes.ReplaceAll(b, []byte("岭南劳务派遣有限公司"), []byte("岭南劳务派遣有限XYZxyz")), 0o644)
	if got := run(cache, queries[2]); !strings.Contains(got, "岭南劳务派遣有限XYZxyz") {
		t.Fatalf("the second run did not answer from the kept answers:\n%s", got)
	}
	os.WriteFile(recs[0], b, 0o644)
	for i, q := range queries {
		if got := run(cache, q); got != cold[i] {
			t.Errorf("%v from the kept answers:\n%s\nfrom the inputs:\n%s", q, got, cold[i])
		}
	}
	// an edit to the data: answered from the inputs, and kept again
	lic := filepath.Join(data, "licences.csv")
	b, _ = os.ReadFile(lic)
	os.WriteFile(lic, bytes.ReplaceAll(b, []byte("广州市岭南劳务派遣有限公司"), []byte("广州市岭南人力派遣有限公司")), 0o644)
	for range 2 {
		if got := run(cache, queries[2]); !strings.Contains(got, "广州市岭南人力派遣有限公司") {
			t.Errorf("after the edit:\n%s", got)
		}
	}
}

// A name written with a dot between its parts (鑫·达, as a brand or a
// transliterated name is written) and a place in brackets (（广州）) is
// found as people type it, without the dot or the brackets, by a part or
// by its whole name: with its verdict, through the real command on the
// demo inputs and one such row.
func TestSearchNameWithADot(t *testing.T) {
	data := demoDataWith(t, "广东（广州）鑫·达人力资源集团有限公司,91440106MA5T00016K,,,300,440106202500032,新许可,,2025-03-03,2025-03-03,2028-03-02,广州市天河区人力资源和社会保障局,440106,2025-03-04,,,")
	cache := t.TempDir()
	for _, q := range []string{"鑫达", "鑫达人力资源", "广东广州鑫达人力资源集团有限公司", "鑫・达人力",
		// the brackets of the place set in the name are not typed either
		"广东广州鑫达", "广州鑫达人力", "广东（广州）鑫达"} {
		code, out, errs := runCLI("search", "--data", data, "--content", "../../content", "--as-of", "2026-11-21", "--cache", cache, q)
		if code != exitOK || !strings.HasPrefix(out, "91440106MA5T00016K\t广东（广州）鑫·达人力资源集团有限公司\t有效\t许可有效（有效期至 2028-03-02）\n") || strings.Contains(errs, "名称相近") {
			t.Errorf("%s: exit %d\n%s%s", q, code, out, errs)
		}
	}
}

// A 变更 of name listed under the agency's old name, as exports often list
// it (行政相对人名称 as the agency applied), with the new name only in its
// 变更事项: the agency is found by the name on its business licence now —
// not "未查到", which a reader takes for unlicensed — and by the old one;
// a renumbering stated so, by either number; through the real command on
// the demo inputs and three such rows.
func TestSearchNameStatedInAChange(t *testing.T) {
	data := demoDataWith(t,
		"广州市庚辰人力资源有限公司,91440106MA5T00017N,,,300,440106202400033,新许可,,2024-04-01,2024-04-01,2027-03-31,广州市天河区人力资源和社会保障局,440106,2024-04-02,,,",
		"广州市庚辰人力资源有限公司,91440106MA5T00017N,,,300,440106202400033,变更,名称由广州市庚辰人力资源有限公司变更为广州市新庚辰企业管理有限公司,2026-05-06,,,广州市天河区人力资源和社会保障局,440106,2026-05-07,,,",
		// and a renumbering stated the same way: the new number on the certificate
		"广州市新庚辰企业管理有限公司,91440106MA5T00017N,,,300,440106202400033,变更,许可证编号：440106202400033→440106202600088,2026-08-03,,,广州市天河区人力资源和社会保障局,440106,2026-08-04,,,")
	cache := t.TempDir()
	for _, q := range []string{"广州市新庚辰企业管理有限公司", "新庚辰企业管理", "广州市庚辰人力资源有限公司", "440106202600088", "440106202400033"} {
		code, out, errs := runCLI("search", "--data", data, "--content", "../../content", "--as-of", "2026-11-21", "--cache", cache, q)
		if code != exitOK || !strings.HasPrefix(out, "91440106MA5T00017N\t广州市新庚辰企业管理有限公司\t有效\t许可有效（有效期至 2027-03-31）\n") {
			t.Errorf("%s: exit %d\n%s%s", q, code, out, errs)
		}
	}
}

// demoDataWith is a copy of the demo data with rows appended to its
// licences.csv (in its columns: 行政相对人名称 … 备注).
func demoDataWith(t *testing.T, rows ...string) string {
	data := filepath.Join(t.TempDir(), "data")
	testsite.CopyDir(t, filepath.Join("..", "..", "data"), data)
	f, err := os.OpenFile(filepath.Join(data, "licences.csv"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		fmt.Fprintln(f, r)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return data
}
