package model

import (
	"strings"
	"testing"
)

func TestStatusChangesAfter(t *testing.T) {
	d := func(s string) Date {
		x, err := ParseDate(s, TextDates)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	for _, c := range []struct {
		name string
		p    Policy
		want string
	}{
		{"in force, no end", Policy{EffectiveFrom: d("2020-01-01")}, ""},
		{"ends ahead", Policy{EffectiveFrom: d("2020-01-01"), EffectiveTo: d("2026-12-31")}, "2027-01-01 已失效"},
		{"ends on the day", Policy{EffectiveTo: d("2026-11-21")}, "2026-11-22 已失效"},
		{"ended", Policy{EffectiveTo: d("2026-11-20")}, ""},
		{"not yet, then ends", Policy{EffectiveFrom: d("2027-01-01"), EffectiveTo: d("2031-12-31")}, "2027-01-01 现行有效; 2032-01-01 已失效"},
		{"abolished ahead", Policy{EffectiveFrom: d("2020-01-01"), AbolishedOn: d("2027-03-01"), EffectiveTo: d("2029-12-31")}, "2027-03-01 已废止"},
		{"replaced ahead", Policy{ReplacedBy: "x", ReplacedFrom: d("2027-02-01")}, "2027-02-01 已废止"},
		{"a draft", Policy{Draft: true, EffectiveFrom: d("2027-01-01")}, ""},
	} {
		var got []string
		for _, ch := range c.p.StatusChangesAfter(d("2026-11-21")) {
			got = append(got, ch.On.String()+" "+ch.Status.String())
		}
		if s := strings.Join(got, "; "); s != c.want {
			t.Errorf("%s: %q, want %q", c.name, s, c.want)
		}
	}
}
