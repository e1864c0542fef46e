// Package demodata writes a deterministic synthetic dataset in exactly the
// input format of DESIGN §4: Guangdong's 21 prefecture-level cities and their
// districts with real GB/T 2260 codes, valid 统一社会信用代码, plausible agency
// names, and the realistic mix of renames, renewals, expiries, 撤销/吊销/注销,
// re-licences with new numbers, 备案 branches, several years of annual checks
// with all three results, grades and abnormal listings (some removed). The
// same options always give the same bytes.
package demodata

import (
	"fmt"
	"math/rand/v2"
	"time"

	"portal/generator/model"
)

// Options control the size and randomness of the dataset.
type Options struct {
	Agencies int
	Seed     uint64
}

// Stats counts the rows written.
type Stats struct {
	Agencies, Decisions, Checks, Grades, Listings, Regions int
}

var (
	firstDay = model.MakeDate(2014, time.January, 1)
	// lastDay is the last date any row carries: fixed, so output never depends
	// on the day it is generated, and before any as-of date used since.
	lastDay = model.MakeDate(2026, time.October, 31)
)

type datedName struct {
	from model.Date
	name string
}

type agency struct {
	code, name, legalRep, address, capital string
	city                                   *city
	district                               [2]string
	authority, region, licenceNo           string
	branch                                 bool
	decisions                              []*model.Decision
	names                                  []datedName
	spans                                  [][2]model.Date // periods in which it held a valid licence
}

func (a *agency) nameOn(d model.Date) string {
	n := a.names[0].name
	for _, x := range a.names {
		if x.from <= d {
			n = x.name
		}
	}
	return n
}

func (a *agency) validOn(d model.Date) bool {
	for _, s := range a.spans {
		if s[0] <= d && d <= s[1] {
			return true
		}
	}
	return false
}

type gen struct {
	rng      *rand.Rand
	names    map[string]bool
	codes    map[string]bool
	licences map[string]bool
	docSeq   map[string]int
	agencies []*agency
}

func newGen(seed uint64) *gen {
	return &gen{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), names: map[string]bool{}, codes: map[string]bool{}, licences: map[string]bool{}, docSeq: map[string]int{}}
}

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }
func (g *gen) chance(p float64) bool     { return g.rng.Float64() < p }
func (g *gen) between(a, b model.Date) model.Date {
	n := a.DaysUntil(b)
	if n <= 0 {
		return a
	}
	return a.AddDays(g.rng.IntN(n + 1))
}

func (g *gen) pickCity() *city {
	total := 0
	for _, c := range guangdong {
		total += c.weight
	}
	n := g.rng.IntN(total)
	for i := range guangdong {
		if n < guangdong[i].weight {
			return &guangdong[i]
		}
		n -= guangdong[i].weight
	}
	return &guangdong[0]
}

func (g *gen) person() string {
	n := g.pick(surnames) + g.pick(givenParts)
	if g.chance(0.6) {
		n += g.pick(givenParts)
	}
	return n
}

// uniqueName draws a new agency name with the given prefix.
func (g *gen) uniqueName(prefix string) string {
	for i := 0; ; i++ {
		brand := g.pick(brands)
		if i > 3 || g.chance(0.3) {
			brand += g.pick(brands)
		}
		if i > 20 {
			brand += g.pick(brands)
		}
		n := prefix + brand + g.pick(trades)
		if !g.names[n] {
			g.names[n] = true
			return n
		}
	}
}

// orgCode draws a GB 11714 organisation code with its check character.
func (g *gen) orgCode() string {
	const alpha = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	var b [8]byte
	if g.chance(0.7) { // MA-series codes of companies registered since 2015
		b[0], b[1] = 'M', 'A'
		for i := 2; i < 8; i++ {
			b[i] = alpha[g.rng.IntN(len(alpha))]
		}
	} else {
		for i := 0; i < 8; i++ {
			b[i] = byte('0' + g.rng.IntN(10))
		}
	}
	w := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range b {
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * w[i]
	}
	check := "0123456789X0"[11-sum%11]
	return string(b[:]) + string(check)
}

func (g *gen) creditCode(region string) string {
	for {
		first := "91" + region + g.orgCode()
		code := first + string(model.CreditCheckChar(first))
		if !g.codes[code] {
			g.codes[code] = true
			return code
		}
	}
}

func (g *gen) licenceNo(region string, year int) string {
	for {
		n := fmt.Sprintf("%s%d%05d", region, year, 1+g.rng.IntN(99999))
		if !g.licences[n] {
			g.licences[n] = true
			return n
		}
	}
}

func (g *gen) address(c *city, district string) string {
	return fmt.Sprintf("%s%s%s%d号%d室", c.name, district, g.pick(roads), 1+g.rng.IntN(998), 101+g.rng.IntN(30)*100+g.rng.IntN(20))
}

func (g *gen) docNo(short string, d model.Date) string {
	key := fmt.Sprint(short, d.Year())
	g.docSeq[key]++
	return fmt.Sprintf("%s人社派许〔%d〕%d号", short, d.Year(), g.docSeq[key])
}

var capitals = []string{"200", "200", "200", "300", "500", "500", "1000", "2000", "5000"}

// publishDate is usually within 7 working days; now and then late.
func (g *gen) publishDate(d model.Date) model.Date {
	days := 1 + g.rng.IntN(5)
	if g.chance(0.004) {
		days = 10 + g.rng.IntN(8)
	}
	p := d
	for n := 0; n < days; {
		p = p.AddDays(1)
		if wd := p.Time().Weekday(); wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return p
}

func (g *gen) emit(a *agency, typ model.DecisionType, on model.Date, from, to model.Date, changes string) *model.Decision {
	short := a.city.short
	dec := &model.Decision{
		Name: a.name, Code: a.code, LegalRep: a.legalRep, Address: a.address, Capital: a.capital,
		LicenceNo: a.licenceNo, Type: typ, Changes: changes, DecidedOn: on, ValidFrom: from, ValidTo: to,
		Authority: a.authority, RegionCode: a.region, PublishedOn: g.publishDate(on), DocNo: g.docNo(short, on),
	}
	a.decisions = append(a.decisions, dec)
	return dec
}
