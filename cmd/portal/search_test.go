package main

import (
	"encoding/json"
	"strings"
	"testing"
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
	code, out, _ = search("91440000MA5XXXXX0X")
	if code != exitInput || out != "" {
		t.Fatalf("unknown code: exit %d, printed %q", code, out)
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
