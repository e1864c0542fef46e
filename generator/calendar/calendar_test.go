package calendar

import (
	"sync"
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

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

// workdayAsRuled is Workday as the package doc states the rule, asked of
// lunar-go day by day: what the tables must agree with.
func workdayAsRuled(overrides map[model.Date]bool, d model.Date) bool {
	if w, ok := overrides[d]; ok {
		return w
	}
	if h := HolidayUtil.GetHoliday(d.String()); h != nil {
		return h.IsWork()
	}
	wd := d.Time().Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// TestTablesFollowTheRule: every day from 2000 to 2040, with some of the
// bureau's own days, is a working day exactly when the rule says so, also
// when asked from several goroutines at once.
func TestTablesFollowTheRule(t *testing.T) {
	own := []*model.Holiday{{Date: 20251001, Work: true}, {Date: 20240511, Work: false}, {Date: 20390301, Work: false}, {Date: 20200229, Work: false}}
	overrides := map[model.Date]bool{}
	for _, h := range own {
		overrides[h.Date] = h.Work
	}
	c := New(own)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := model.MakeDate(2000+g, 1, 1); d < 20410101; d = d.AddDays(1) {
				if got, want := c.Workday(d), workdayAsRuled(overrides, d); got != want {
					t.Errorf("%s: working day %v, the rule says %v", d, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}
