package calendar

import (
	"testing"

	"portal/generator/model"
)

// The examples of issue 13: around 国庆 2025 (1–8 October off, Sunday
// 28 September and Saturday 11 October working days).
func TestOfficialCalendar(t *testing.T) {
	c := New(nil)
	for _, tc := range []struct {
		from, to model.Date
		want     int
	}{
		{20250926, 20251010, 5}, // on time
		{20250919, 20250930, 8}, // late: Sunday 28 September was a working day
		{20240503, 20240513, 7}, // 劳动节 2024 ended 5 May; Saturday 11 May was a working day
	} {
		if n := c.Between(tc.from, tc.to); n != tc.want {
			t.Errorf("%s → %s: %d working days, want %d", tc.from, tc.to, n, tc.want)
		}
	}
	if d := c.After(20250919, 7); d != 20250929 {
		t.Errorf("7 working days after 2025-09-19: %s, want 2025-09-29", d)
	}
	if d := c.After(20250926, 7); d != 20251013 {
		t.Errorf("7 working days after 2025-09-26: %s, want 2025-10-13 (Saturday 11 October counts)", d)
	}
	if u := c.Uncovered(); len(u) != 0 {
		t.Errorf("years counted Monday–Friday: %v", u)
	}
}

// A bureau's own days win, and make a year known; a year nobody knows is
// counted Monday to Friday and reported.
func TestOverridesAndUncoveredYears(t *testing.T) {
	c := New([]*model.Holiday{{Date: 20350101, Work: false}, {Date: 20350106, Work: true}})
	if c.Workday(20350101) || !c.Workday(20350106) {
		t.Error("holidays.csv days not honoured")
	}
	if !c.Workday(20360102) || c.Workday(20360105) { // a Wednesday; a Saturday
		t.Error("an unknown year is not counted Monday to Friday")
	}
	if u := c.Uncovered(); len(u) != 1 || u[0] != 2036 {
		t.Errorf("uncovered %v, want [2036]", u)
	}
}
