// Package calendar counts working days as the official calendar does: the
// State Council's yearly holiday notice, with its 调休 make-up working days
// (a Saturday or Sunday can be a working day, a weekday a holiday). The
// notices are those github.com/6tail/lunar-go's HolidayUtil carries; a
// bureau adds or corrects days (a year not yet in it, a local holiday) in
// data/holidays.csv. For a year neither knows, Monday to Friday are counted
// and the caller is told (Uncovered).
package calendar

import (
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

	"portal/generator/model"
)

// Calendar answers which days are working days. It is safe for concurrent use.
type Calendar struct {
	overrides map[model.Date]bool // from data/holidays.csv: true for a working day
	// years are the tables of the years asked about so far, replaced
	// whole when one is added (a register asks about a few dozen years,
	// and about their days millions of times)
	years     atomic.Pointer[map[int]*year]
	mu        sync.Mutex // held while a year is added
	uncovered map[int]bool
}

// year is one year's working days, by month and day: the official
// notices, the bureau's own days over them, Monday to Friday otherwise.
type year struct {
	work    [13 * 32]bool // [month*32 + day]
	covered bool          // by a notice or by data/holidays.csv
}

// New makes a calendar with the bureau's own days, which win over the
// notices lunar-go carries.
func New(days []*model.Holiday) *Calendar {
	c := &Calendar{overrides: map[model.Date]bool{}, uncovered: map[int]bool{}}
	for _, d := range days {
		if d.Date != 0 {
			c.overrides[d.Date] = d.Work
		}
	}
	c.years.Store(&map[int]*year{})
	return c
}

// year returns the table of year y, making it on first use.
func (c *Calendar) year(y int) *year {
	if yr := (*c.years.Load())[y]; yr != nil {
		return yr
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	old := *c.years.Load()
	if yr := old[y]; yr != nil {
		return yr
	}
	yr := &year{}
	for d := model.MakeDate(y, 1, 1); d.Year() == y; d = d.AddDays(1) {
		wd := d.Time().Weekday()
		yr.work[int(d.Month())*32+d.Day()] = wd != time.Saturday && wd != time.Sunday
	}
	for e := HolidayUtil.GetHolidaysByYear(y).Front(); e != nil; e = e.Next() {
		h := e.Value.(*HolidayUtil.Holiday)
		if d, err := model.ParseDate(h.GetDay(), model.TextDates); err == nil && d.Year() == y {
			yr.work[int(d.Month())*32+d.Day()] = h.IsWork()
			yr.covered = true
		}
	}
	for d, w := range c.overrides {
		if d.Year() == y {
			yr.work[int(d.Month())*32+d.Day()] = w
			yr.covered = true
		}
	}
	if !yr.covered {
		c.uncovered[y] = true
	}
	years := make(map[int]*year, len(old)+1)
	maps.Copy(years, old)
	years[y] = yr
	c.years.Store(&years)
	return yr
}

// Workday reports whether d is a working day.
func (c *Calendar) Workday(d model.Date) bool {
	m, day := int(d.Month()), d.Day()
	if m < 1 || m > 12 || day < 1 || day > 31 {
		wd := d.Time().Weekday() // not a date the tables hold
		return wd != time.Saturday && wd != time.Sunday
	}
	return c.year(d.Year()).work[m*32+day]
}

// Between counts the working days after from up to and including to (0
// when to is not after from): a decision of Friday published the next
// Monday was published 1 working day after it.
func (c *Calendar) Between(from, to model.Date) int {
	n := 0
	for d := from.AddDays(1); d <= to; d = d.AddDays(1) {
		if c.Workday(d) {
			n++
		}
	}
	return n
}

// After returns the n-th working day after from: the last day of a
// deadline of n working days.
func (c *Calendar) After(from model.Date, n int) model.Date {
	d := from
	for n > 0 {
		d = d.AddDays(1)
		if c.Workday(d) {
			n--
		}
	}
	return d
}

// Uncovered lists, in order, the years asked about that neither the
// official notices lunar-go carries nor data/holidays.csv cover: in them
// Monday to Friday were counted.
func (c *Calendar) Uncovered() []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []int
	for y := range c.uncovered {
		out = append(out, y)
	}
	slices.Sort(out)
	return out
}
