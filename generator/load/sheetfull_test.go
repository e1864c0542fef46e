package load

import (
	"fmt"
	"strings"
	"testing"

	"portal/generator/diag"
)

// A table that ends on the last row a .xls sheet holds is warned of: the
// export was most likely cut there. One row fewer or more is not.
func TestSheetFull(t *testing.T) {
	const header = "行政相对人名称,统一社会信用代码,许可证编号,公示类型,许可决定日期,有效期自,有效期至,许可机关,行政区划代码,公示日期\n"
	for _, tc := range []struct {
		rows int // below the header
		want bool
	}{{65_535, true}, {65_534, false}, {65_536, false}} {
		var b strings.Builder
		b.WriteString(header)
		for i := range tc.rows {
			fmt.Fprintf(&b, "广州市甲人力资源有限公司,91440106MA5T00110N,44010620240%04d,新许可,2024-03-04,2024-03-04,2027-03-03,广州市天河区人力资源和社会保障局,440106,2024-03-05\n", i%10000)
		}
		var d diag.List
		parseTable("licences.csv", LicencesSchema, []byte(b.String()), false, &d)
		found := false
		for _, x := range d.Sorted() {
			if strings.Contains(x.Msg, "the last row a spreadsheet sheet holds") {
				found = true
				if x.Line != 65_536 || x.Severity != diag.Warning {
					t.Errorf("%d rows: %v", tc.rows, x)
				}
			}
		}
		if found != tc.want {
			t.Errorf("%d rows below the header: warned %v, want %v", tc.rows, found, tc.want)
		}
	}
}
