package model

import (
	"fmt"
	"testing"
)

func TestDateLayout(t *testing.T) {
	for _, c := range []struct {
		layout, in, want string // want "" : not in the layout
	}{
		{"DD/MM/YYYY", "05/03/2024", "2024-03-05"},
		{"DD/MM/YYYY", "5/3/2024", "2024-03-05"},
		{"DD/MM/YYYY", " ０５/０３/２０２４ ", "2024-03-05"},
		{"DD/MM/YYYY", "31/02/2024", ""},
		{"DD/MM/YYYY", "2024/03/05", ""},
		{"DD/MM/YYYY", "05/03/2024 extra", ""},
		{"M/D/YYYY", "3/5/2024", "2024-03-05"},
		{"M/D/YYYY", "12/31/2024", "2024-12-31"},
		{"MM/DD/YY", "12/31/24", "2024-12-31"},
		{"DDMMYYYY", "05032024", "2024-03-05"},
		{"DDMMYYYY", "5032024", ""},
		{"YYYY年M月D日", "2024年3月5日", "2024-03-05"},
		{"D.M.YYYY", "5.3.2024", "2024-03-05"},
	} {
		l, err := ParseDateLayout(c.layout)
		if err != nil {
			t.Fatalf("%s: %v", c.layout, err)
		}
		d, ok := l.Parse(c.in)
		got := ""
		if ok {
			got = d.String()
		}
		if got != c.want {
			t.Errorf("%s %q: %q, want %q", c.layout, c.in, got, c.want)
		}
	}
	for _, bad := range []string{"DD/MM", "YYY-MM-DD", "DD/MM/YYYY/DD", "DMYYYY", "MMDDYYYY extra Y"} {
		if _, err := ParseDateLayout(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

func ExampleDateLayout() {
	l, _ := ParseDateLayout("DD/MM/YYYY")
	d, ok := l.Parse("5/3/2024")
	fmt.Println(d, ok)
	// Output: 2024-03-05 true
}
