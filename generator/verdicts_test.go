package generator

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"portal/internal/testsite"
)

var (
	verdictClass = regexp.MustCompile(`<div class="verdict verdict-(\w+)"`)
	// the headline, its dates each in a span that keeps them on one line
	verdictText = regexp.MustCompile(`<span class="verdict-text">((?:[^<]|<span class="nw">[0-9-]+</span>)*)</span>`)
	innerTags   = regexp.MustCompile(`<[^>]*>`)
	termCell    = regexp.MustCompile(`<dt>有效期</dt><dd(?: data-term="([^"]*)")?>([^<]*)</dd>`)
	listRow     = regexp.MustCompile(`<tr><td><a href="/agencies/(\w+)/">[^<]*</a>(.*?)</td><td(?: data-tag="[^"]*")?><span class="status status-(\w+)"><span class="icon" aria-hidden="true">[^<]*</span>([^<]*)</span></td><td class="code"[^>]*>[^<]*</td><td[^>]*>([^<]*)</td>`)
)

// The verdict rules, read where a person reads them: each agency's page
// (the verdict block), the register list, and the open data — built as a
// whole site from testdata/build/verdicts.txtar.
func TestVerdictsAsPublished(t *testing.T) {
	dir, _, sections := testsite.Extract(t, filepath.Join(root, "testdata", "build", "verdicts.txtar"))
	out := filepath.Join(dir, "public")
	res, _, err := Build(context.Background(), siteConfig(dir, "data", "https://rsj.example.gov.cn/", out))
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Diags.Format(0))
	}
	// the two warnings: the branch of an out-of-province head office, and
	// the 注销 of an earlier licence read as that licence's only
	if got := res.Diags.Format(0); strings.Count(got, "\n") != 2 || !strings.Contains(got, `上级单位统一社会信用代码 "91330106MA2X00001D": the head office is not in this register`) ||
		!strings.Contains(got, `许可证编号 "440106202000014": this 注销 names licence 440106202000014, which a later 新许可 replaced with 440106202400014`) {
		t.Errorf("diagnostics:\n%s", got)
	}

	rows := map[string][]string{} // code → flags, class, label, valid-to cell of the register list
	list := read(t, filepath.Join(out, "register", "440106", "index.html"))
	for _, m := range listRow.FindAllStringSubmatch(list, -1) {
		rows[m[1]] = m[2:]
	}
	register := map[string]map[string]string{}
	f, _ := os.Open(filepath.Join(out, "data", "register.csv"))
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		register[r[0]] = map[string]string{}
		for j, h := range recs[0] {
			register[r[0]][h] = r[j]
		}
	}

	for _, line := range strings.Split(strings.TrimSpace(sections["expect"]), "\n") {
		want := strings.Split(line, "\t")
		code, class, label, headline := want[0], want[1], want[2], want[3]
		page := read(t, filepath.Join(out, "agencies", code, "index.html"))
		gotClass, gotText := verdictClass.FindStringSubmatch(page), verdictText.FindStringSubmatch(page)
		if gotClass == nil || gotText == nil || gotClass[1] != class || html.UnescapeString(innerTags.ReplaceAllString(gotText[1], "")) != headline {
			t.Errorf("%s page: verdict %v %v, want %s %q", code, gotClass, gotText, class, headline)
		}
		row := rows[code]
		if row == nil || row[1] != class || row[2] != label {
			t.Errorf("%s in the register list: %q, want %s %s", code, row, class, label)
		}
		if class != "ok" && strings.HasPrefix(row[3], "20") {
			t.Errorf("%s in the register list: 有效期至 %q shown as if current", code, row[3])
		}
		reg := register[code]
		wantDispatch := map[string]string{"ok": "可以经营", "neutral": "需向外地核实"}[class]
		if wantDispatch == "" {
			wantDispatch = "不得经营"
		}
		if reg["verdict"] != headline || reg["may_dispatch"] != wantDispatch {
			t.Errorf("%s in register.csv: %q %q, want %q %q", code, reg["verdict"], reg["may_dispatch"], headline, wantDispatch)
		}
	}

	// the columns beside the verdict, as a journalist reads them back
	for code, want := range map[string]map[string]string{
		"91440106MA5T00009U": {"watch": "true", "abnormal": "true"},
		"91440106MA5T000114": {"watch": "false", "verdict_until": "2026-11-30"}, // then 已过期
		"91440106MA5T000026": {"verdict_until": ""},                             // no end known
	} {
		for col, w := range want {
			if got := register[code][col]; got != w {
				t.Errorf("%s in register.csv: %s = %q, want %q", code, col, got, w)
			}
		}
	}
	// a branch's history in its JSON record: licensed under its head
	// office until the day the head office's licence was revoked
	var rec struct {
		History []struct {
			From, Until, Status, Verdict string
			MayDispatch                  string `json:"may_dispatch"`
		} `json:"status_history"`
	}
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "agencies", "91440106MA5T000039", "index.json"))), &rec); err != nil {
		t.Fatal(err)
	}
	var history []string
	for _, h := range rec.History {
		history = append(history, strings.Join([]string{h.From, h.Until, h.Status, h.MayDispatch, h.Verdict}, " "))
	}
	if want := []string{
		" 2023-05-03 无记录 不得经营 尚无许可或备案记录",
		"2023-05-04 2024-08-19 已备案 可以经营 已备案（总公司许可有效至 2026-01-09）",
		"2024-08-20  已备案 不得经营 已备案，但总公司许可已吊销（2024-08-20）",
	}; !slices.Equal(history, want) {
		t.Errorf("status_history of the branch of a revoked head office:\n%s\nwant\n%s", strings.Join(history, "\n"), strings.Join(want, "\n"))
	}

	// what the verdict blocks say beyond the headline
	for code, want := range map[string][]string{
		"91440106MA5T000026": {"决定文书号：穗人社罚〔2024〕8号；原因：违法转派劳动者"},
		"91440106MA5T000039": {`总公司：<a href="/agencies/91440106MA5T000026/">广州市乙劳务派遣有限公司</a>`, "该分支机构也不得经营劳务派遣业务"},
		"91440106MA5T00004C": {"91330106MA2X00001D", "国家企业信用信息公示系统"},
		"91440106MA5T00009U": {"<strong>重点监控：</strong>2025 年度经营情况报告核验不合格（未报送）", "该单位目前列入经营异常名录"},
	} {
		page := read(t, filepath.Join(out, "agencies", code, "index.html"))
		block := page[strings.Index(page, `<div class="verdict`):strings.Index(page, `<form class="on-date`)]
		for _, w := range want {
			if !strings.Contains(block, w) {
				t.Errorf("%s: the verdict block lacks %q:\n%s", code, w, block)
			}
		}
	}
	// the 有效期 on the page and its 许可公示牌: the period in force on the
	// as-of date, not the one a 延续 decided ahead gave (the page said 辛's
	// licence ran from 2026-12-20 beside a verdict of 有效), with what it
	// says on later days for verdict.js
	for code, want := range map[string][2]string{
		"91440106MA5T000101": {"2023-12-20 至 2026-12-19（已延续，新的有效期 2026-12-20 至 2029-12-19）", "2026-12-20\t2026-12-20 至 2029-12-19\n2029-12-20\t2026-12-20 至 2029-12-19（已届满）"},
		"91440106MA5T00015G": {"2023-12-10 至 2026-12-09（已延续，新的有效期 2026-12-20 至 2029-12-19）", "2026-12-10\t2026-12-20 至 2029-12-19（尚未开始）\n2026-12-20\t2026-12-20 至 2029-12-19\n2029-12-20\t2026-12-20 至 2029-12-19（已届满）"},
		"91440106MA5T00007M": {"2026-12-01 至 2029-11-30（尚未开始）", "2026-12-01\t2026-12-01 至 2029-11-30\n2029-12-01\t2026-12-01 至 2029-11-30（已届满）"},
		"91440106MA5T00005F": {"2020-07-01 至 2023-06-30（已届满）", ""},
		"91440106MA5T000026": {"2023-01-10 至 2026-01-09（许可已吊销，有效期不再适用）", ""},
	} {
		for _, f := range []string{"index.html", filepath.Join("poster", "index.html")} {
			page, err := os.ReadFile(filepath.Join(out, "agencies", code, f))
			if os.IsNotExist(err) && f != "index.html" {
				continue // no 许可公示牌 of an agency that may not dispatch
			}
			m := termCell.FindStringSubmatch(string(page))
			if m == nil || html.UnescapeString(m[2]) != want[0] || html.UnescapeString(m[1]) != want[1] {
				t.Errorf("%s %s: 有效期 %q, want %q (later %q)", code, f, m, want[0], want[1])
			}
		}
	}
	if flags := rows["91440106MA5T00009U"][0]; !strings.Contains(flags, "重点监控") || !strings.Contains(flags, "经营异常") {
		t.Errorf("the register list does not flag 重点监控 and 经营异常: %q", flags)
	}
	expiring := read(t, filepath.Join(out, "expiring", "index.html"))
	if !strings.Contains(expiring, "广州市壬人力资源有限公司") || strings.Contains(expiring, "广州市辛人力资源有限公司") || !strings.Contains(expiring, "9 天") || !strings.Contains(expiring, "剩余天数（截至 2026-11-21）") {
		t.Errorf("/expiring/ should list 壬 (9 days left, counted from the as-of date) and not 辛 (renewed):\n%s", expiring)
	}
	if feed := read(t, filepath.Join(out, "expiring", "index.xml")); !strings.Contains(feed, "广州市壬人力资源有限公司 的劳务派遣经营许可将于 2026-11-30 到期") {
		t.Errorf("the expiring feed lacks 壬:\n%s", feed)
	}
}
