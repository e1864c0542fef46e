package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/diag"
)

func TestOtherLicence(t *testing.T) {
	for _, c := range []struct {
		cert, title, content string
		want                 string
	}{
		// a dispatch licence's, however its texts put it
		{"劳务派遣经营许可证", "准予劳务派遣行政许可决定书", "劳务派遣经营", ""},
		{"", "准予变更劳务派遣行政许可决定书", "变更住所", ""},
		{"人力资源服务许可证（含劳务派遣）", "", "", ""},
		// texts that name no licence: read as the file's, a dispatch licence's
		{"", "行政许可决定书", "准予延续", ""},
		{"经营许可证", "", "", ""},
		{"", "", "", ""},
		// a name quoted in a 变更 is no licence
		{"", "行政许可决定书", "变更名称：广州市甲人力资源有限公司→广州市甲人力资源服务有限公司", ""},
		{"", "行政许可决定书", "变更法定代表人：张三→约翰（外国人）", ""},
		// other licences: the first text that names one is said
		{"人力资源服务许可证", "准予行政许可决定书", "准予从事职业中介活动许可", "人力资源服务许可证"},
		{"", "", "经营性人力资源服务机构从事职业中介活动许可", "经营性人力资源服务机构从事职业中介活动许可"},
		{"民办学校办学许可证", "", "民办职业培训学校设立", "民办学校办学许可证"},
		{"", "准予企业实行综合计算工时工作制决定书", "", "准予企业实行综合计算工时工作制决定书"},
		{"", "", "技工学校设立审批", "技工学校设立审批"},
		{"外国人就业证", "", "", "外国人就业证"},
	} {
		if got := otherLicence(c.cert, c.title, c.content); got != c.want {
			t.Errorf("otherLicence(%q, %q, %q) = %q, want %q", c.cert, c.title, c.content, got, c.want)
		}
	}
}

// A table's rows of other licences are left out in every part, decoded on
// every core or taken from a Kept, and the file's summary counts them all
// each time: a part with rows left out is not kept.
func TestOtherLicencesLeftOut(t *testing.T) {
	var b strings.Builder
	b.WriteString("行政相对人名称,统一社会信用代码,许可证编号,许可证书名称,许可内容,许可决定日期,有效期自,有效期至,许可机关,行政区划代码,公示日期\n")
	const rows = decodeRows + 100 // two parts
	others := 0
	for i := range rows {
		if i%1000 == 999 {
			b.WriteString("广州市乙职业介绍有限公司,91440106MA5T00220D,（粤）人服证字〔2024〕第0106000022号,人力资源服务许可证,准予从事职业中介活动许可,2024-05-06,2024-05-06,2027-05-05,广州市天河区人力资源和社会保障局,440106,2024-05-07\n")
			others++
			continue
		}
		b.WriteString("广州市甲人力资源有限公司,91440106MA5T00210C,440106202400021,劳务派遣经营许可证,准予劳务派遣经营许可,2024-03-04,2024-03-04,2027-03-03,广州市天河区人力资源和社会保障局,440106,2024-03-05\n")
	}
	data := t.TempDir()
	os.WriteFile(filepath.Join(data, "licences.csv"), []byte(b.String()), 0o644)
	os.WriteFile(filepath.Join(data, "regions.csv"), []byte("行政区划代码,名称,上级代码\n440106,天河区,440100\n"), 0o644)
	kdir := filepath.Join(t.TempDir(), "rows")
	for run := range 2 {
		d := &diag.List{}
		ds := DataKept(OSDir(data), nil, OpenKept(kdir), d)
		if d.Len() != 0 {
			t.Fatalf("run %d: %s", run, d.Format(0))
		}
		if kept, _ := os.ReadDir(kdir); len(kept) == 0 {
			t.Fatalf("run %d: no part of the licences kept", run)
		}
		if n := len(ds.Decisions); n != rows-others {
			t.Errorf("run %d: %d decisions, want %d (%d rows, %d of another licence)", run, n, rows-others, rows, others)
		}
		for _, dec := range ds.Decisions {
			if dec.Code != "91440106MA5T00210C" {
				t.Fatalf("run %d: a decision of %s (line %d) was read", run, dec.Code, dec.Src.Line)
			}
		}
		want := "8 rows of other licences than the 劳务派遣经营许可 not read (the first, line 1001: 人力资源服务许可证)"
		if how := ds.ReadAs[filepath.Join(data, "licences.csv")]; !strings.Contains(how, want) {
			t.Errorf("run %d: the file was read as %q, want it to say %q", run, how, want)
		}
	}
}

// A current-licences snapshot of every licence a bureau issued lists its
// 人力资源服务许可证 too: the row is left out, as in the decisions.
func TestOtherLicenceInSnapshot(t *testing.T) {
	data := t.TempDir()
	os.WriteFile(filepath.Join(data, "licences.csv"), []byte("行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码,公示日期\n"+
		"广州市甲人力资源有限公司,91440106MA5T00210C,440106202400021,新许可,2024-03-04,2024-03-04,2027-03-03,广州市天河区人力资源和社会保障局,440106,2024-03-05\n"), 0o644)
	os.WriteFile(filepath.Join(data, "licences-current.csv"), []byte("单位名称,统一社会信用代码,许可证编号,许可证书名称,发证日期,有效期起,有效期止,发证机关,行政区划代码,当前状态\n"+
		"广州市乙职业介绍有限公司,91440106MA5T00220D,（粤）人服证字〔2024〕第0106000022号,人力资源服务许可证,2024-05-06,2024-05-06,2027-05-05,广州市天河区人力资源和社会保障局,440106,有效\n"+
		"广州市戊人力资源有限公司,91440106MA5T00250G,440106202400025,劳务派遣经营许可证,2024-07-01,2024-07-01,2027-06-30,广州市天河区人力资源和社会保障局,440106,有效\n"), 0o644)
	os.WriteFile(filepath.Join(data, "regions.csv"), []byte("行政区划代码,名称,上级代码\n440106,天河区,440100\n"), 0o644)
	d := &diag.List{}
	ds := Data(OSDir(data), nil, d)
	if d.Len() != 0 {
		t.Fatal(d.Format(0))
	}
	var codes []string
	for _, dec := range ds.Decisions {
		codes = append(codes, dec.Code)
	}
	if strings.Join(codes, " ") != "91440106MA5T00210C 91440106MA5T00250G" {
		t.Errorf("decisions of %v, want 甲's and 戊's", codes)
	}
}
