package demodata

import (
	"fmt"
	"math"
	"time"

	"portal/generator/model"
)

// newAgency draws an agency's identity: where it is, who licenses it, its name and code.
func (g *gen) newAgency() *agency {
	c := g.pickCity()
	a := &agency{city: c, region: c.code, authority: c.name + "人力资源和社会保障局"}
	prefix := c.name
	if len(c.districts) > 0 {
		a.district = c.districts[g.rng.IntN(len(c.districts))]
		if g.chance(0.65) { // most licences are granted by district bureaus
			a.region = a.district[0]
			a.authority = c.name + a.district[1] + "人力资源和社会保障局"
		}
		if g.chance(0.25) {
			prefix += a.district[1]
		}
	}
	if g.chance(0.05) {
		prefix = "广东"
	}
	a.name = g.uniqueName(prefix)
	codeRegion := c.code
	if a.district[0] != "" {
		codeRegion = a.district[0]
	}
	a.code = g.creditCode(codeRegion)
	a.legalRep = g.person()
	a.address = g.address(c, a.district[1])
	a.capital = g.pick(capitals)
	return a
}

// firstDate skews towards recent years, as the number of agencies grew.
func (g *gen) firstDate() model.Date {
	span := firstDay.DaysUntil(lastDay.AddDays(-20))
	return firstDay.AddDays(int(float64(span) * math.Sqrt(g.rng.Float64())))
}

// simulate writes one licensed agency's decisions from its first licence on.
func (g *gen) simulate(a *agency) {
	on := g.firstDate()
	for on <= lastDay {
		a.licenceNo = g.licenceNo(a.region, on.Year())
		from, to := on, on.AddYears(3).AddDays(-1)
		g.emit(a, model.NewLicence, on, from, to, "")
		if len(a.names) == 0 {
			a.names = append(a.names, datedName{on, a.name})
		}
		ended, endOn := g.period(a, from, to)
		for !ended {
			renewOn := to.AddDays(-30 - g.rng.IntN(40))
			if renewOn > lastDay {
				a.spans = append(a.spans, [2]model.Date{from, to})
				return // still valid at the end of the data
			}
			if !g.chance(0.8) { // not renewed: it expires
				a.spans = append(a.spans, [2]model.Date{from, to})
				cancelOn := to.AddDays(30 + g.rng.IntN(300))
				if g.chance(0.5) && cancelOn <= lastDay {
					g.emit(a, model.Cancellation, cancelOn, 0, 0, "")
					endOn = cancelOn
					break
				}
				return
			}
			next := to.AddDays(1)
			g.emit(a, model.Renewal, renewOn, next, next.AddYears(3).AddDays(-1), "")
			a.spans = append(a.spans, [2]model.Date{from, renewOn})
			from, to = renewOn, next.AddYears(3).AddDays(-1)
			ended, endOn = g.period(a, next, to)
		}
		if ended {
			a.spans = append(a.spans, [2]model.Date{from, endOn})
		}
		// after the licence ended: now and then the agency is licensed again, with a new number
		if !g.chance(0.18) {
			return
		}
		on = endOn.AddDays(200 + g.rng.IntN(700))
	}
}

// period draws the changes and perhaps a terminal decision within a licence
// period; it reports whether (and when) the licence was ended.
func (g *gen) period(a *agency, from, to model.Date) (bool, model.Date) {
	end := to.AddDays(-75) // changes come before the renewal window opens
	if end > lastDay {
		end = lastDay
	}
	if end <= from {
		return false, 0
	}
	// changes come at intervals of one month to sixteen months; drawing each one
	// between the last and the period's end would crowd them at the end
	on := from
	for g.chance(0.8) {
		on = on.AddDays(30 + g.rng.IntN(450))
		if on >= end {
			break
		}
		g.change(a, on)
	}
	if r := g.rng.Float64(); r < 0.06 {
		on = g.between(on.AddDays(30), end)
		if on >= end {
			return false, 0
		}
		typ := model.Cancellation
		switch {
		case r < 0.015:
			typ = model.Withdrawal
		case r < 0.025:
			typ = model.Revocation
		}
		g.emit(a, typ, on, 0, 0, "")
		return true, on
	}
	return false, 0
}

// change emits a 变更 of one or two particulars.
func (g *gen) change(a *agency, on model.Date) {
	var parts []string
	switch g.pick(changes) {
	case "名称":
		old := a.name
		a.name = g.uniqueName(a.city.name)
		a.names = append(a.names, datedName{on, a.name})
		parts = append(parts, fmt.Sprintf("名称：%s→%s", old, a.name))
	case "住所":
		old := a.address
		a.address = g.address(a.city, a.district[1])
		parts = append(parts, fmt.Sprintf("住所：%s→%s", old, a.address))
	case "法定代表人":
		old := a.legalRep
		a.legalRep = g.person()
		parts = append(parts, fmt.Sprintf("法定代表人：%s→%s", old, a.legalRep))
	default:
		old := a.capital
		a.capital = g.pick([]string{"500", "1000", "2000", "3000"})
		if a.capital == old {
			a.capital = "5000"
		}
		parts = append(parts, fmt.Sprintf("注册资本：%s万元→%s万元", old, a.capital))
	}
	g.emit(a, model.Change, on, 0, 0, joinParts(parts))
}

func joinParts(p []string) string {
	s := p[0]
	for _, x := range p[1:] {
		s += "；" + x
	}
	return s
}

// branch makes a 备案 branch of parent (nil: an out-of-province parent).
func (g *gen) branch(parent *agency) *agency {
	a := g.newAgency()
	a.branch = true
	g.names[a.name] = false
	var parentCode, parentName, parentLicence string
	earliest := firstDay
	if parent != nil {
		parentCode, parentName, parentLicence = parent.code, parent.nameOn(lastDay), parent.licenceNo
		earliest = parent.decisions[0].DecidedOn.AddDays(60)
	} else {
		o := outOfProvince[g.rng.IntN(len(outOfProvince))]
		parentName = g.uniqueName(o[1])
		first := "91" + o[0] + g.orgCode()
		parentCode = first + string(model.CreditCheckChar(first))
		parentLicence = g.licenceNo(o[0], 2015+g.rng.IntN(9))
	}
	where := a.city.name
	if a.district[1] != "" && g.chance(0.5) {
		where += a.district[1]
	}
	a.name = parentName + where + "分公司"
	if g.names[a.name] {
		a.name = parentName + where + "第二分公司"
	}
	g.names[a.name] = true
	if earliest > lastDay.AddDays(-30) {
		return nil
	}
	on := g.between(earliest, lastDay.AddDays(-10))
	a.licenceNo = parentLicence
	a.names = []datedName{{on, a.name}}
	d := g.emit(a, model.Filing, on, 0, 0, "")
	d.ParentCode = parentCode
	d.Note = "分支机构备案"
	if parent == nil {
		d.Note = "外省劳务派遣单位分支机构备案"
	}
	a.spans = [][2]model.Date{{on, lastDay}}
	if g.chance(0.08) {
		if off := g.between(on.AddDays(90), lastDay); off > on && off <= lastDay {
			g.emit(a, model.Cancellation, off, 0, 0, "").Note = "分支机构注销"
			a.spans[0][1] = off
		}
	}
	return a
}

// yearEnd is 31 December of y.
func yearEnd(y int) model.Date { return model.MakeDate(y, time.December, 31) }
