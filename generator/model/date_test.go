package model

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in    string
		excel DateSystem
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
		{in: "2024-05-01T00:00:00", want: "2024-05-01"},  // no offset: Beijing time
		{in: "2024-04-30T16:00:00Z", want: "2024-05-01"}, // midnight in Beijing, in UTC
		{in: "2024-04-30T16:00:00.000Z", want: "2024-05-01"},
		{in: "2024-04-30 20:00:00-04:00", want: "2024-05-01"},
		{in: "2024-05-01T23:59:59+08:00", want: "2024-05-01"},
		{in: "2024-05-01T15:59:59Z", want: "2024-05-01"},
		// an offset is never dropped: the date would move a day
		{in: "2024-04-30T16:00Z", want: "2024-05-01"},
		{in: "2024-04-30T16:00:00+0000", want: "2024-05-01"},
		{in: "2024-04-30 16:00:00 +0000 UTC", want: "2024-05-01"},
		{in: "2024-04-30 16:00:00 UTC", want: "2024-05-01"},
		{in: "2024/4/30 16:00:00Z", want: "2024-05-01"},
		{in: "2024-05-01 08:00+08", want: "2024-05-01"},
		{in: "2024-05-01T23:00:00-05:00", want: "2024-05-02"},
		{in: "2024-04-30T16:00:00 CST", want: "2024-04-30"}, // China Standard Time
		{in: "2024-04-30 4:00 PM", want: "2024-04-30"},
		{in: "2024-04-30T16:00:00 PST", err: true},
		{in: "2024-04-30T16h00Z", err: true},
		{in: "2024-02-29", want: "2024-02-29"},
		// with the day of the week, which must be the date's
		{in: "2026年5月3日 星期日", want: "2026-05-03"},
		{in: "2026年5月3日星期天", want: "2026-05-03"},
		{in: "2026-05-04（周一）", want: "2026-05-04"},
		{in: "2026/5/9 (礼拜六)", want: "2026-05-09"},
		{in: "二〇二六年五月三日 星期日", want: "2026-05-03"},
		{in: "2026-05-03 08:30 星期日", want: "2026-05-03"},
		{in: "2026年5月3日 星期一", err: true}, // a Sunday
		{in: "2026年5月3日 周", err: true},
		{in: "星期日", err: true},
		// a document's date, in Chinese numerals
		{in: "二〇二四年五月一日", want: "2024-05-01"},
		{in: "二〇二四年十二月三十一日", want: "2024-12-31"},
		{in: "二零二四年十月二十日", want: "2024-10-20"},
		{in: "二〇二四年二月三十日", err: true},
		{in: "二〇二四年5月1日", err: true}, // numerals of two kinds
		{in: "二〇二四年十三月一日", err: true},
		{in: "二千零二十四年五月一日", err: true},
		{in: "45413", excel: Excel1900, want: "2024-05-01"},
		{in: "45413.5", excel: Excel1900, want: "2024-05-01"},
		{in: "61", excel: Excel1900, want: "1900-03-01"},
		{in: "43951", excel: Excel1904, want: "2024-05-01"}, // Excel for Mac's 1904 date system: 1462 days less
		{in: "0", excel: Excel1904, want: "1904-01-01"},
		{in: "0", excel: Excel1900, err: true},
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

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-05-01", "2024/5/1", "2024年5月1日", "20240501", "45413", "２０２４．１．１", "2024-02-30", "2026年5月3日 星期日", "2026-05-04（周一）", "二〇二四年十二月三十一日"} {
		f.Add(s, uint8(TextDates))
		f.Add(s, uint8(Excel1900))
		f.Add(s, uint8(Excel1904))
	}
	f.Fuzz(func(t *testing.T, s string, sys uint8) {
		d, err := ParseDate(s, DateSystem(sys%3))
		if d2, err2 := parseDate(s, DateSystem(sys%3)); d2 != d || (err == nil) != (err2 == nil) {
			t.Fatalf("%q: the ISO fast path gives %s %v, the general one %s %v", s, d, err, d2, err2)
		}
		if err != nil {
			return
		}
		// every accepted date is a real calendar date and round-trips through ISO
		back, err := ParseDate(d.String(), TextDates)
		if err != nil || back != d {
			t.Fatalf("%q → %s → %s, %v", s, d, back, err)
		}
	})
}

// daysIn counts a month's days as time.Time does.
func TestDaysIn(t *testing.T) {
	for y := 1900; y <= 2200; y++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := daysIn(y, m), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("%d-%02d: %d days, want %d", y, m, got, want)
			}
		}
	}
}

// AddDays and DaysUntil count days as time.Time does, across months, leap
// years and centuries.
func TestDayArithmetic(t *testing.T) {
	for d := MakeDate(1899, 12, 1); d < MakeDate(2101, 3, 1); d = DateOf(d.Time().AddDate(0, 0, 1)) {
		for _, n := range []int{-400, -31, -1, 0, 1, 29, 365, 1096} {
			if got, want := d.AddDays(n), DateOf(d.Time().AddDate(0, 0, n)); got != want {
				t.Fatalf("%s + %d = %s, want %s", d, n, got, want)
			}
		}
		if n := MakeDate(2000, 2, 29).DaysUntil(d); n != int(d.Time().Sub(MakeDate(2000, 2, 29).Time()).Hours()/24) {
			t.Fatalf("2000-02-29 → %s: %d", d, n)
		}
	}
}

// String slices the shared table exactly as it formats a date outside it.
func TestDateStringTable(t *testing.T) {
	for _, d := range []Date{MakeDate(1980, 1, 1), MakeDate(2024, 2, 29), MakeDate(2099, 12, 31), MakeDate(1979, 12, 31), MakeDate(2100, 1, 1), MakeDate(2026, 11, 21)} {
		var b [10]byte
		if got, want := d.String(), string(d.Append(b[:0])); got != want || len(got) != 10 {
			t.Errorf("%d: %q, want %q", int(d), got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = MakeDate(2026, 11, 21).String() }); n != 0 {
		t.Errorf("%v allocations a date", n)
	}
}
