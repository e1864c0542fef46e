package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/model"
)

// Rows are made into HTML once and shown by every sorted page as they are:
// a name with markup in it is text on every page, in each page's order.
func TestRowsEscapedOnEverySortedPage(t *testing.T) {
	l := &List{Slug: "x", Title: "清单", Rule: "规则",
		Columns: []Column{{Key: "code", Title: "代码", Agency: true}, {Key: "name", Title: "名称"}, {Key: "n", Title: "数", Number: true}},
		Rows: [][]string{
			{"91440101MA5C00001X", `<script>alert("派遣")</script>&`, "10"},
			{"91440101MA5C00002X", "广州乙", "9"},
		},
		SortBy:    []int{0, 2},
		agencyURL: "https://rsj.example.gov.cn/agencies/",
	}
	dir := t.TempDir()
	if _, err := Write(dir, &Report{AsOf: model.MakeDate(2026, 11, 21), Lists: []*List{l}}, []string{"html"}); err != nil {
		t.Fatal(err)
	}
	for page, first := range map[string]string{"x.html": "91440101MA5C00001X", "x-by-n.html": "91440101MA5C00002X"} {
		b, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if strings.Contains(s, "<script") || !strings.Contains(s, "&lt;script&gt;alert(&#34;派遣&#34;)&lt;/script&gt;&amp;") {
			t.Errorf("%s: the name is not escaped:\n%s", page, s)
		}
		second := strings.NewReplacer("1X", "2X", "2X", "1X").Replace(first)
		if i, j := strings.Index(s, ">"+first+"<"), strings.Index(s, ">"+second+"<"); i < 0 || j < i {
			t.Errorf("%s: want %s's row before %s's", page, first, second)
		}
		if !strings.Contains(s, `<a href="https://rsj.example.gov.cn/agencies/91440101MA5C00002X/">`) {
			t.Errorf("%s: no link to the agency page", page)
		}
	}
}
