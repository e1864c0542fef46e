package load

import (
	"testing"
	"unsafe"

	"portal/generator/diag"
)

// inside reports whether s's bytes lie within one of the strings of row.
func inside(s string, row []string) bool {
	if s == "" {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	for _, c := range row {
		if c == "" {
			continue
		}
		lo := uintptr(unsafe.Pointer(unsafe.StringData(c)))
		if p >= lo && p < lo+uintptr(len(c)) {
			return true
		}
	}
	return false
}

// A decision keeps none of the text of the row it was read from (which
// would keep the whole line alive, with its unread columns), and the
// records of one agency share the texts they repeat.
func TestRecordsKeepNoRowText(t *testing.T) {
	body := "广州穗安人力资源有限公司,91440101MA59XXXX0X,张三,广州市天河区体育西路1号,200,粤人社派440100001,新许可,,2024-05-01,2024-05-01,2027-04-30,广州市人力资源和社会保障局,440106,2024-05-08\n" +
		"广州穗安人力资源有限公司,91440101MA59XXXX0X,张三,广州市天河区体育西路1号,200,粤人社派440100001,变更,住所：旧址→新址,2025-01-10,,,广州市人力资源和社会保障局,440106,2025-01-15\n"
	var d diag.List
	tb := parseTable("licences.csv", LicencesSchema, []byte(licHeader+"\n"+body), false, &d)
	if tb == nil {
		t.Fatal("no table")
	}
	rows := append([][]string(nil), tb.rows...)
	decs, err := decodeLicences(tb, &d)
	if err != nil || len(decs) != 2 {
		t.Fatal(err, len(decs))
	}
	for i, dec := range decs {
		for _, f := range []string{dec.Name, dec.Code, dec.LegalRep, dec.Address, dec.Capital, dec.LicenceNo, dec.Changes, dec.Authority, dec.RegionCode} {
			if inside(f, rows[i]) {
				t.Errorf("row %d: %q is a slice of the row's text", i+1, f)
			}
		}
	}
	a, b := decs[0], decs[1]
	for _, p := range [][2]string{{a.Name, b.Name}, {a.Address, b.Address}, {a.Authority, b.Authority}} {
		if p[0] != p[1] || unsafe.StringData(p[0]) != unsafe.StringData(p[1]) {
			t.Errorf("%q: not one shared text", p[0])
		}
	}
	if b.Changes != "住所：旧址→新址" || a.Code != b.Code || a.ValidTo.String() != "2027-04-30" {
		t.Errorf("texts changed: %+v", b)
	}
}
