package generator

import (
	"fmt"
	"portal/generator/catalogue"
	"strconv"
	"strings"
)

// Allowance is how many agencies of the previous release a build may leave
// out: a count, or a percentage of the previous release's agencies.
type Allowance struct {
	Count   int
	Percent float64 // used when > 0
}

// ParseAllowance reads --allow-removals: "3" or "0.5%".
func ParseAllowance(s string) (Allowance, error) {
	s = strings.TrimSpace(s)
	if p, ok := strings.CutSuffix(s, "%"); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || f < 0 || f > 100 {
			return Allowance{}, fmt.Errorf("%q is not a percentage between 0%% and 100%%", s)
		}
		return Allowance{Percent: f}, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return Allowance{}, fmt.Errorf("%q is not a number of agencies (or a percentage such as 1%%)", s)
	}
	return Allowance{Count: n}, nil
}

// Allows reports whether removing n of the previous release's total
// agencies is within the allowance.
func (a Allowance) Allows(n, total int) bool {
	if a.Percent > 0 {
		return float64(n) <= a.Percent/100*float64(total)
	}
	return n <= a.Count
}

func (a Allowance) String() string {
	if a.Percent > 0 {
		return strconv.FormatFloat(a.Percent, 'f', -1, 64) + "%"
	}
	return strconv.Itoa(a.Count)
}

// RemovalError stops a build that would leave out agencies the previous
// release held, beyond what --allow-removals allows.
type RemovalError struct {
	Removed  []catalogue.AgencyRef
	Previous int
	Allowed  Allowance
}

func (e *RemovalError) Error() string {
	return fmt.Sprintf("publish: this release would remove %d of the %d agencies of the previous release (allowed: %s); a register keeps every agency it held, so this looks like a truncated export — check the data, or pass --allow-removals %d if the agencies are to go",
		len(e.Removed), e.Previous, e.Allowed, len(e.Removed))
}
