package load

import (
	"testing"

	"portal/generator/model"
)

// The day a title row says the export was made, or its data run to, is
// read however the row writes it; a row that names no such day, or a year
// alone, gives none.
func TestExportDate(t *testing.T) {
	for _, tc := range []struct {
		row  []string
		want model.Date
	}{
		{[]string{"导出时间：2026-06-01 09:30:12"}, 20260601},
		{[]string{"", "数据截至2026年6月1日", ""}, 20260601},
		{[]string{"填报单位：广州市人社局", "统计截止日期：", "2026/6/1"}, 20260601},
		{[]string{"统计期间：2024年1月1日至2026年6月1日"}, 20260601},
		{[]string{"截至 ２０２６年６月１日（统计至2026年12月31日）"}, 20260601},
		{[]string{"报表日期 2026.6.1"}, 20260601},
		{[]string{"2026年劳务派遣行政许可公示表"}, 0},
		{[]string{"广州市人力资源和社会保障局 2026-06-01"}, 0}, // a date, but not said to be the export's
		{[]string{"导出时间：2026-02-30"}, 0},
	} {
		got, _, ok := exportDate(tc.row)
		if got != tc.want || ok != (tc.want != 0) {
			t.Errorf("exportDate(%q) = %v, %v; want %v", tc.row, got, ok, tc.want)
		}
	}
}
