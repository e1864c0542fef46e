package load

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"portal/generator/diag"
	"portal/generator/model"
)

// readBoth reads text whole and in n parts and says how they differ ("" when not).
func readBoth(text []byte, n int) string {
	rule := headerRule{like: func(rec []string) bool { return len(rec) > 0 && rec[0] == "名称" }}
	whole, werr := readCSVIn(text, rule, 1)
	parts, perr := readCSVIn(text, rule, n)
	if fmt.Sprint(werr) != fmt.Sprint(perr) || !reflect.DeepEqual(werr, perr) {
		return fmt.Sprintf("error %#v, in %d parts %#v", werr, n, perr)
	}
	if whole != nil && parts != nil {
		whole.rule, parts.rule = headerRule{}, headerRule{} // a func is never DeepEqual
	}
	if !reflect.DeepEqual(whole, parts) {
		return fmt.Sprintf("table %+v, in %d parts %+v", whole, n, parts)
	}
	return ""
}

// TestReadCSVInParts: a CSV text read in parts, one a core, gives the
// records, lines and first error reading it whole gives — with quoted
// line breaks and quotes across the cuts, blank lines, and a malformed
// quote half way.
func TestReadCSVInParts(t *testing.T) {
	var b strings.Builder
	b.WriteString("填报单位：某局\n\n名称,住所,备注\n")
	for i := range 400 {
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "甲%d公司,\"广州市\n天河区%d号\",\"说\"\"明\"\"\"\n", i, i)
		case 1:
			fmt.Fprintf(&b, "\"乙%d\",\"多行\n\n备注\",\n", i)
		case 2:
			b.WriteString(",,\n")
		default:
			fmt.Fprintf(&b, "丙%d,地址%d,\n", i, i)
		}
	}
	good := b.String()
	bad := good[:len(good)/2] + "丁公司,住\"所,x\n" + good[len(good)/2:]
	for _, text := range []string{good, bad, "名称,住所\n\"未完", ""} {
		for n := 2; n <= 9; n++ {
			if diff := readBoth([]byte(text), n); diff != "" {
				t.Fatalf("%d parts: %s", n, diff[:min(len(diff), 600)])
			}
		}
	}
	if cuts := csvParts([]byte(good), 4); len(cuts) != 5 {
		t.Errorf("cut into %d parts, want 4: %v", len(cuts)-1, cuts)
	}
}

// FuzzReadCSVInParts: any text reads the same whole and in parts.
func FuzzReadCSVInParts(f *testing.F) {
	f.Add([]byte("名称,住所\na,\"b\nc\"\n\"d\"\"\",e\n"), 3)
	f.Add([]byte("a,b\"c\n名称\n1\n2\n3\n"), 2)
	f.Fuzz(func(t *testing.T, text []byte, n int) {
		if n < 2 || n > 16 {
			return
		}
		if diff := readBoth(text, n); diff != "" {
			t.Fatal(diff)
		}
	})
}

// TestDecodeInParts: a table decoded in parts, one a core, gives the
// records and diagnostics decoding it whole gives.
func TestDecodeInParts(t *testing.T) {
	var b strings.Builder
	b.WriteString("年度,行政相对人名称,统一社会信用代码,许可证编号,核验结果,不合格情形,核验机关,公布日期\n")
	results := []string{"合格", "无业务", "不合格", "优秀", ""} // 优秀 and a blank are errors
	for i := range 3*decodeRows + 17 {
		fmt.Fprintf(&b, "%d,甲%d公司,91440106MA5C00010W,L%d,%s,,天河局,2025-0%d-15\n", 2018+i%7, i%97, i, results[i%len(results)], 1+i%9)
	}
	decode := func(rowwise bool) ([]*model.AnnualCheck, []diag.Diagnostic) {
		var d diag.List
		tb := parseTable("annual-checks.csv", ChecksSchema, []byte(b.String()), false, &d)
		var out []*model.AnnualCheck
		if err := appendDecoded(&out, tb, &d, decodeChecks, rowwise); err != nil {
			t.Fatal(err)
		}
		return out, d.Sorted()
	}
	whole, wd := decode(false)
	parts, pd := decode(true)
	if len(whole) != 3*decodeRows+17 {
		t.Fatalf("decoded %d checks of %d rows", len(whole), 3*decodeRows+17)
	}
	if !reflect.DeepEqual(whole, parts) {
		t.Errorf("in parts the records differ: %d against %d whole", len(parts), len(whole))
	}
	if !reflect.DeepEqual(wd, pd) || len(wd) == 0 {
		t.Errorf("in parts %d diagnostics, whole %d", len(pd), len(wd))
	}
}
