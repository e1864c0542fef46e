package model

import (
	"testing"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in    string
		excel bool
		want  string
		err   bool
	}{
		{in: "2024-05-01", want: "2024-05-01"},
		{in: "2024/5/1", want: "2024-05-01"},
		{in: "2024.5.1", want: "2024-05-01"},
		{in: "2024年5月1日", want: "2024-05-01"},
		{in: "2024年05月01号", want: "2024-05-01"},
		{in: "20240501", want: "2024-05-01"},
		{in: " ２０２４－０５－０１ ", want: "2024-05-01"},
		{in: "2024-05-01 00:00:00", want: "2024-05-01"},
		{in: "2024-02-29", want: "2024-02-29"},
		{in: "45413", excel: true, want: "2024-05-01"},
		{in: "45413.5", excel: true, want: "2024-05-01"},
		{in: "61", excel: true, want: "1900-03-01"},
		{in: "2024-02-30", err: true},
		{in: "2023-02-29", err: true},
		{in: "2024-13-01", err: true},
		{in: "2024-00-10", err: true},
		{in: "20241301", err: true},
		{in: "45413", err: true}, // a serial only counts in XLSX
		{in: "2024-5", err: true},
		{in: "24-05-01", err: true},
		{in: "yesterday", err: true},
		{in: "", err: true},
	} {
		got, err := ParseDate(tc.in, tc.excel)
		if tc.err {
			if err == nil {
				t.Errorf("ParseDate(%q) = %s, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got.String() != tc.want {
			t.Errorf("ParseDate(%q) = %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestWorkingDays(t *testing.T) {
	// 2024-05-03 is a Friday: Mon 6 … Mon 13 is 6 working days after it.
	if n := MakeDate(2024, 5, 3).WorkingDaysUntil(MakeDate(2024, 5, 13)); n != 6 {
		t.Fatalf("got %d", n)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-05-01", "2024/5/1", "2024年5月1日", "20240501", "45413", "２０２４．１．１", "2024-02-30"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, excel bool) {
		d, err := ParseDate(s, excel)
		if err != nil {
			return
		}
		// every accepted date is a real calendar date and round-trips through ISO
		back, err := ParseDate(d.String(), false)
		if err != nil || back != d {
			t.Fatalf("%q → %s → %s, %v", s, d, back, err)
		}
	})
}
