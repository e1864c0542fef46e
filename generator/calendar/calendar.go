// Package calendar counts working days as the official calendar does: the
// State Council's yearly holiday notice, with its 调休 make-up working days
// (a Saturday or Sunday can be a working day, a weekday a holiday). The
// notices are those github.com/6tail/lunar-go's HolidayUtil carries; a
// bureau adds or corrects days (a year not yet in it, a local holiday) in
// data/holidays.csv. For a year neither knows, Monday to Friday are counted
// and the caller is told (Uncovered).
package calendar

import (
	"slices"
	"sync"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

	"portal/generator/model"
)

// Calendar answers which days are working days. It is safe for concurrent use.
type Calendar struct {
	overrides map[model.Date]bool // from data/holidays.csv: true for a working day
	mu        sync.Mutex
	years     map[int]*year
	uncovered map[int]bool
}

// year is what the official notices say of one year's days.
type year struct {
	days    map[model.Date]bool // true: a working day (调休), false: a holiday
	covered bool
}

// New makes a calendar with the bureau's own days, which win over the
// notices lunar-go carries.
func New(days []*model.Holiday) *Calendar {
	c := &Calendar{overrides: map[model.Date]bool{}, years: map[int]*year{}, uncovered: map[int]bool{}}
	for _, d := range days {
		if d.Date != 0 {
			c.overrides[d.Date] = d.Work
		}
	}
	return c
}

func (c *Calendar) year(y int) *year {
	if yr := c.years[y]; yr != nil {
		return yr
	}
	yr := &year{days: map[model.Date]bool{}}
	for e := HolidayUtil.GetHolidaysByYear(y).Front(); e != nil; e = e.Next() {
		h := e.Value.(*HolidayUtil.Holiday)
		if d, err := model.ParseDate(h.GetDay(), model.TextDates); err == nil && d.Year() == y {
			yr.days[d] = h.IsWork()
			yr.covered = true
		}
	}
	for d := range c.overrides {
		yr.covered = yr.covered || d.Year() == y
	}
	c.years[y] = yr
	return yr
}

// Workday reports whether d is a working day.
func (c *Calendar) Workday(d model.Date) bool {
	if w, ok := c.overrides[d]; ok {
		return w
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	yr := c.year(d.Year())
	if !yr.covered {
		c.uncovered[d.Year()] = true
	}
	if w, ok := yr.days[d]; ok {
		return w
	}
	wd := d.Time().Weekday()
	return wd != time.Saturday && wd != time.Sunday
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
