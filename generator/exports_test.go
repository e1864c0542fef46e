package generator

import (
	"cmp"
	"context"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"portal/generator/diag"
	"portal/internal/testsite"
)

// undated is the one warning for a file with no 公示日期 column.
var undated = regexp.MustCompile(`^the file has no 公示日期 column: whether its \d+ decisions were published within 7 working days cannot be checked$`)

// One register exported three ways — the documented layout, one file per
// city with a provincial workbook's headings, title rows and 合计 rows, and
// an .xlsx with a merged title — publishes the same register and the same
// decisions; so does the national 双公示 layout against the documented
// layout with its columns. No ID or phone number reaches any output file
// (issue 16).
func TestExportsLoadAsTheyAre(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", "build", "exports.txtar"))
	writeExportWorkbook(t, filepath.Join(dir, "canonical", "licences.csv"), filepath.Join(dir, "workbook", "licences.xlsx"))

	published := map[string][2]string{} // layout → register.csv, decisions.csv
	for _, layout := range []string{"canonical", "split", "workbook", "canonical-sgs", "sgs"} {
		out := filepath.Join(dir, "public-"+layout)
		res, _, err := Build(context.Background(), siteConfig(dir, layout, "https://rsj.example.gov.cn/", out))
		if err != nil {
			t.Fatalf("%s: %v\n%s", layout, err, res.Diags.Format(0))
		}
		for _, x := range res.Diags.Sorted() {
			if x.Severity == diag.Warning && strings.Contains(x.Msg, "not a .csv or .xlsx file") && strings.HasSuffix(x.File, "说明.txt") {
				continue // the note beside the city files is said once, and not read
			}
			if x.Severity == diag.Warning && strings.HasSuffix(layout, "sgs") && x.Line == 0 && undated.MatchString(x.Msg) {
				continue // said once for the file, not once a row
			}
			if strings.Contains(x.Msg, "unknown column") || strings.Contains(x.File, "licences") {
				t.Errorf("%s: %s", layout, x.String())
			}
		}
		published[layout] = [2]string{read(t, filepath.Join(out, "data", "register.csv")), read(t, filepath.Join(out, "data", "decisions.csv"))}
		noPersonalData(t, out, "110101199003074514", "110101199105126331", "440106198807213517", "13812345678", "13900001111", "张小明", "110101198001011234", "110101197001011234", "未按规定报送")

		readAs := res.Register.Data.ReadAs
		switch layout {
		case "split":
			how := readAs[filepath.Join(dir, "split", "licences", "01-广州.csv")]
			for _, want := range []string{"header on row 4 (rows 1, 3 above it not read)", "单位名称→行政相对人名称", "类型→公示类型", "发证日期→许可决定日期",
				"rows 9, 10 after the table (合计, 制表…) not read", "non-public columns dropped: 法定代表人身份证号码"} {
				if !strings.Contains(how, want) {
					t.Errorf("split: 01-广州.csv read as %q, want it to say %q", how, want)
				}
			}
		case "sgs":
			// what the layout lacks is left out, not shown as 未注明 on every row
			if page := read(t, filepath.Join(out, "agencies", "91440106MA5T000101", "index.html")); strings.Contains(page, "未注明") || !strings.Contains(page, "变更事项：住所：广州市天河区天河路2号→广州市天河区天河路8号") {
				t.Errorf("sgs: the agency page says 未注明, or lacks the 变更事项 read from 许可内容")
			}
			how := readAs[filepath.Join(dir, "sgs", "licences.csv")]
			for _, want := range []string{"行政相对人代码_1（统一社会信用代码）→统一社会信用代码", "许可编号→许可证编号", "行政许可决定文书号→决定文书号",
				"no 公示类型 column: 公示类型 inferred from 许可内容", "no 行政区划代码 column: 行政区划代码 taken from characters 3–8",
				"non-public columns dropped: 法定代表人证件类型, 法定代表人证件号码, 证件类型, 证件号码", "columns not used: 行政相对人类别, 行政相对人代码_2（工商注册号）"} {
				if !strings.Contains(how, want) {
					t.Errorf("sgs: read as %q, want it to say %q", how, want)
				}
			}
			how = readAs[filepath.Join(dir, "sgs", "penalties.csv")]
			if want := "3 penalties that do not revoke a 劳务派遣经营许可证 not read (only a 吊销 changes the register); 1 吊销 of a 劳务派遣经营许可证 read as decisions"; !strings.Contains(how, want) {
				t.Errorf("sgs: penalties.csv read as %q, want it to say %q", how, want)
			}
		case "workbook":
			how := readAs[filepath.Join(dir, "workbook", "licences.xlsx")]
			for _, want := range []string{"header on row 4 (rows 1, 2 above it not read)", "企业名称→行政相对人名称", "row 13 after the table", "non-public columns dropped: 联系电话"} {
				if !strings.Contains(how, want) {
					t.Errorf("workbook: read as %q, want it to say %q", how, want)
				}
			}
		}
	}
	if n := strings.Count(published["canonical"][0], "\n"); n != 6 {
		t.Fatalf("the canonical register has %d lines, want a header and 5 agencies:\n%s", n, published["canonical"][0])
	}
	if n := strings.Count(published["canonical-sgs"][1], "\n"); n != 10 {
		t.Fatalf("canonical-sgs has %d lines of decisions, want a header and 9:\n%s", n, published["canonical-sgs"][1])
	}
	for layout, like := range map[string]string{"split": "canonical", "workbook": "canonical", "sgs": "canonical-sgs"} {
		got, want := published[layout], published[like]
		if got[0] != want[0] {
			t.Errorf("%s: register.csv differs from the canonical layout's:\n%s\nwant\n%s", layout, got[0], want[0])
		}
		if got[1] != want[1] {
			t.Errorf("%s: decisions.csv differs from the canonical layout's:\n%s\nwant\n%s", layout, got[1], want[1])
		}
	}
}

// writeExportWorkbook writes the rows of the canonical CSV as a provincial
// workbook: a merged title, a 填报单位 row and a blank row above a header of
// other headings (and a 联系电话 column), a 合计 row below.
func writeExportWorkbook(t *testing.T, canonical, path string) {
	t.Helper()
	f, err := os.Open(canonical)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	aliases := map[string]string{"行政相对人名称": "企业名称", "法定代表人": "负责人", "住所": "经营场所", "许可证编号": "证书编号",
		"公示类型": "许可类型", "许可决定日期": "决定日期", "有效期自": "有效期起", "有效期至": "有效期止", "许可机关": "决定机关", "决定文书号": "文书号"}
	wb := excelize.NewFile()
	defer wb.Close()
	sheet := "Sheet1"
	set := func(row int, values []any) {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := wb.SetSheetRow(sheet, cell, &values); err != nil {
			t.Fatal(err)
		}
	}
	set(1, []any{"2025年劳务派遣经营许可情况表"})
	if err := wb.MergeCell(sheet, "A1", "Q1"); err != nil {
		t.Fatal(err)
	}
	set(2, []any{"填报单位：广东省人力资源和社会保障厅", nil, nil, nil, "填报日期：2026年11月20日"})
	var head []any
	for _, h := range recs[0] {
		head = append(head, cmp.Or(aliases[h], h))
	}
	set(4, append(head, "联系电话"))
	for i, r := range recs[1:] {
		row := make([]any, 0, len(r)+1)
		for _, v := range r {
			row = append(row, v)
		}
		set(5+i, append(row, "13900001111"))
	}
	set(5+len(recs)-1, []any{"合计", "8条"})
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// noPersonalData fails when any file under out holds one of values.
func noPersonalData(t *testing.T, out string, values ...string) {
	t.Helper()
	filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, v := range values {
			if strings.Contains(string(b), v) {
				t.Errorf("%s holds %q: personal data must never be published", p, v)
			}
		}
		return nil
	})
}

// A current-licences snapshot (data/licences-current) publishes the agencies
// it alone holds as licensed, saying their history is not published here,
// without making its rows announcements or decisions of their year; an
// agency with a history is published from it (testdata/build/snapshot.txtar).
func TestCurrentSnapshot(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", "build", "snapshot.txtar"))
	out := filepath.Join(dir, "public")
	res, _, err := Build(context.Background(), siteConfig(dir, "ok", "https://rsj.example.gov.cn/", out))
	if err != nil {
		t.Fatalf("%v\n%s", err, res.Diags.Format(0))
	}
	var warned []string
	for _, x := range res.Diags.Sorted() {
		if strings.Contains(x.File, "licences") {
			warned = append(warned, x.String())
		}
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "licences-current.csv:3") || !strings.Contains(warned[0], "440106202300012") {
		t.Errorf("want one warning, for 辛's disagreeing row; got:\n%s", strings.Join(warned, "\n"))
	}
	reg := res.Register
	for code, want := range map[string]string{"91440106MA5T000000": "有效", "91440106MA5T000101": "有效", "91440106MA5T000026": "有效", "91440106MA5T00008Q": "已备案"} {
		a := reg.Agency(code)
		if a == nil || a.Status.String() != want {
			t.Errorf("%s: %v, want %s", code, a, want)
			continue
		}
		if snap := a.FromSnapshot(); snap != (code == "91440106MA5T000026" || code == "91440106MA5T00008Q") {
			t.Errorf("%s: FromSnapshot %v", code, snap)
		}
	}
	if a := reg.Agency("91440106MA5T000101"); a.ValidTo.String() != "2026-12-19" {
		t.Errorf("辛 is published to %s, not from its history", a.ValidTo)
	}
	if p := reg.Agency("91440106MA5T00008Q").ParentCode; p != "91440106MA5T000026" {
		t.Errorf("the branch's head office: %q", p)
	}
	page := read(t, filepath.Join(out, "agencies", "91440106MA5T000026", "index.html"))
	for _, want := range []string{"此前的许可决定未在本站公示", "现行许可（许可现状导出，非许可决定公示）", "许可有效（有效期至 2027-05-05）", "首次许可或备案</dt><dd>本站无记录"} {
		if !strings.Contains(page, want) {
			t.Errorf("庚's page lacks %q", want)
		}
	}
	if strings.Contains(read(t, filepath.Join(out, "agencies", "91440106MA5T000000", "index.html")), "许可现状") {
		t.Error("甲's page, from its history, mentions the snapshot")
	}
	if strings.Contains(read(t, filepath.Join(out, "announcements", "index.html")), "91440106MA5T000026") {
		t.Error("庚's snapshot row is listed as an announcement")
	}
	stats := read(t, filepath.Join(out, "data", "stats.csv"))
	if strings.Contains(stats, "2024,440600") {
		t.Errorf("庚's snapshot row is counted as a decision of 2024:\n%s", stats)
	}
	regRows, _ := csv.NewReader(strings.NewReader(read(t, filepath.Join(out, "data", "register.csv")))).ReadAll()
	first := slices.Index(regRows[0], "first_licensed")
	for _, r := range regRows[1:] {
		if fromSnapshot := r[0] == "91440106MA5T000026" || r[0] == "91440106MA5T00008Q"; fromSnapshot != (r[first] == "") {
			t.Errorf("%s: first_licensed %q (empty only for an agency known from the snapshot alone)", r[0], r[first])
		}
	}
	decisions := read(t, filepath.Join(out, "data", "decisions.csv"))
	if !strings.Contains(decisions, "91440106MA5T000026") || strings.Count(decisions, ",true\r\n") != 2 {
		t.Errorf("decisions.csv should hold the two snapshot rows, marked:\n%s", decisions)
	}

	// 庚 may dispatch: its 许可公示牌, unless site.toml turns posters off
	poster := filepath.Join("agencies", "91440106MA5T000026", "poster", "index.html")
	if !strings.Contains(read(t, filepath.Join(out, poster)), "扫码核验实时许可状态") {
		t.Error("庚 has no 许可公示牌")
	}
	site := filepath.Join(dir, "content", "site.toml")
	os.WriteFile(site, append([]byte("posters = false\n"), read(t, site)...), 0o644)
	noPosters := filepath.Join(dir, "public-no-posters")
	if _, _, err := Build(context.Background(), siteConfig(dir, "ok", "https://rsj.example.gov.cn/", noPosters)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(noPosters, poster)); err == nil || strings.Contains(read(t, filepath.Join(noPosters, "agencies", "91440106MA5T000026", "index.html")), "/poster/") {
		t.Error("posters = false still makes or links a 许可公示牌")
	}

	res, _, err = Build(context.Background(), siteConfig(dir, "bad", "https://rsj.example.gov.cn/", filepath.Join(dir, "public-bad")))
	if f := res.Diags.Format(0); err == nil || !strings.Contains(f, `licences-current.csv:2:8: 当前状态 "已注销"`) || !strings.Contains(f, `licences-current.csv:3:8: 当前状态 "暂停经营"`) {
		t.Errorf("a snapshot row that says 注销: err %v\n%s", err, res.Diags.Format(0))
	}
}
