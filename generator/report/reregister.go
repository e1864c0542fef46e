package report

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"portal/generator/model"
	"portal/generator/register"
)

// revoked is an agency's revocation (吊销 or 撤销) with what identified it
// then: its legal representative, address and name.
type revoked struct {
	a        *register.Agency
	on       model.Date
	how      model.DecisionType
	rep      string
	addr     string // normAddress
	name     string // nameCore
	region   string
	rawAddr  string
	rawName  string
	rawRep   string
	decision *model.Decision
}

// reRegistered pairs each new licence with the agencies revoked in the
// years before it that it shares an address, a legal representative (in
// the same city) or the distinctive part of a name with: a company
// re-registered to apply again after its licence was taken away (粤人社
// 2020 征求意见稿 十三).
func reRegistered(reg *register.Register, opt Options) *List {
	n := opt.ReRegisterYears
	l := &List{Slug: "re-registered", Title: "吊销、撤销后另行注册重新申请的疑似情形",
		Rule: fmt.Sprintf("新许可的单位与此前 %d 年内被吊销或撤销许可的另一单位：住所相同（忽略全半角、空格和室号），或法定代表人相同且在同一地级市，或名称除地名和组织形式外相同。仅为线索，需核实。", n),
		Columns: []Column{{Key: "code", Title: "新许可单位代码", Agency: true}, {Key: "name", Title: "新许可单位"}, {Key: "licensed_on", Title: "新许可日期"},
			{Key: "revoked_code", Title: "被吊销（撤销）单位代码", Agency: true}, {Key: "revoked_name", Title: "被吊销（撤销）单位"}, {Key: "revoked_on", Title: "吊销（撤销）日期"},
			{Key: "matched", Title: "相同之处"}},
		SortBy: []int{2, 0, 5}}
	places := placeNames(reg)
	var gone []*revoked
	byAddr, byRep, byName := map[string][]*revoked{}, map[string][]*revoked{}, map[string][]*revoked{}
	for _, a := range reg.Agencies {
		for i, d := range a.Decisions {
			if d.Type != model.Withdrawal && d.Type != model.Revocation {
				continue
			}
			r := &revoked{a: a, on: d.DecidedOn, how: d.Type, region: a.RegionCode, decision: d}
			// what identified it then: the latest particulars up to the revocation
			for _, p := range a.Decisions[:i+1] {
				r.rawRep = cmp.Or(p.LegalRep, r.rawRep)
				r.rawAddr = cmp.Or(p.Address, r.rawAddr)
				r.rawName = cmp.Or(p.Name, r.rawName)
				r.region = cmp.Or(p.RegionCode, r.region)
			}
			r.rep, r.addr, r.name = normText(r.rawRep), normAddress(r.rawAddr), nameCore(r.rawName, places)
			gone = append(gone, r)
			if r.addr != "" {
				byAddr[r.addr] = append(byAddr[r.addr], r)
			}
			if r.rep != "" {
				byRep[r.rep] = append(byRep[r.rep], r)
			}
			if r.name != "" {
				byName[r.name] = append(byName[r.name], r)
			}
		}
	}
	if len(gone) == 0 {
		return l
	}
	for _, a := range reg.Agencies {
		for _, d := range a.Decisions {
			if d.Type != model.NewLicence || d.Snapshot { // a snapshot's row does not say its licence was new
				continue
			}
			rep, addr, name := normText(d.LegalRep), normAddress(d.Address), nameCore(d.Name, places)
			var candidates []*revoked
			for _, c := range [][]*revoked{byAddr[addr], byRep[rep], byName[name]} {
				for _, g := range c {
					if !slices.Contains(candidates, g) {
						candidates = append(candidates, g)
					}
				}
			}
			for _, g := range candidates {
				if g.a == a || g.on > d.DecidedOn || g.on < d.DecidedOn.AddYears(-n) {
					continue
				}
				var matched []string
				if addr != "" && addr == g.addr {
					matched = append(matched, "住所："+d.Address)
				}
				if rep != "" && rep == g.rep && sameCity(d.RegionCode, g.region) {
					matched = append(matched, "法定代表人："+d.LegalRep)
				}
				if name != "" && name == g.name {
					matched = append(matched, "名称："+d.Name+" / "+g.rawName)
				}
				if len(matched) > 0 {
					l.Rows = append(l.Rows, []string{a.Code, a.Name, d.DecidedOn.String(), g.a.Code, g.a.Name, g.on.String() + " " + g.how.String(), strings.Join(matched, "；")})
				}
			}
		}
	}
	l.Rows = l.sorted(2)
	return l
}

// normText folds width and drops spaces.
func normText(s string) string {
	if folded(s) {
		return s
	}
	return strings.Join(strings.Fields(width.Fold.String(s)), "")
}

// folded reports whether normText leaves s as it is: valid UTF-8 with no
// space and none of the runes width.Fold changes (U+3000 and the
// Halfwidth and Fullwidth Forms, U+FF00–U+FFEF; TestFolded checks every
// rune). Most names and addresses are.
func folded(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || r >= 0xFF00 && r <= 0xFFEF || r == 0x3000 || unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// roomNumber is the part of an address below the building: 301室, 2单元,
// 5层, 8楼, B座… — two companies in one building are at one address.
var roomNumber = regexp.MustCompile(`[-—之]?[0-9A-Za-z]+(室|房|单元|层|楼|座|号房|号铺|铺|档)`)

// normAddress is an address as compared: width folded, spaces and the
// numbers below the building dropped.
func normAddress(s string) string {
	s = normText(s)
	if i := strings.LastIndex(s, "号"); i >= 0 {
		s = s[:i+len("号")] + roomNumber.ReplaceAllString(s[i+len("号"):], "")
	} else {
		s = roomNumber.ReplaceAllString(s, "")
	}
	return strings.TrimRight(s, "-—之")
}

// orgForms are the words of an organisation's form, dropped from a name
// to compare what distinguishes it.
var orgForms = []string{"股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "分公司"}

// placeNames are the register's region names.
func placeNames(reg *register.Register) map[string]bool {
	m := make(map[string]bool, len(reg.Regions))
	for _, g := range reg.Regions {
		if g.Name != "" {
			m[normText(g.Name)] = true
		}
	}
	return m
}

// nameCore is a name without its places (the register's region names, and
// names of two or three characters ending in 省/市/区/县 at its start) and
// its organisation form.
func nameCore(name string, places map[string]bool) string {
	s := dropPlaces(normText(name), places) // valid UTF-8: load decodes every file to it
	for _, f := range orgForms {
		s = strings.TrimSuffix(s, f)
	}
	// what is left must have a 字号 of its own: 人力资源 or 劳务派遣 alone
	// would pair every such company of one province with every other
	rest := s
	for _, w := range tradeWords {
		rest = strings.ReplaceAll(rest, w, "")
	}
	if utf8.RuneCountInString(rest) < 2 {
		return ""
	}
	return s
}

// dropPlaces removes the places at the start of a name: the longest
// prefix of two to eight characters that is a region's name, or of three
// or four ending in 省/市/区/县, again while one is there (never the whole
// name).
func dropPlaces(s string, places map[string]bool) string {
	for {
		// ends[n] is the length in bytes of the first n runes
		var ends [9]int
		runes := 0
		for i := range s {
			if runes < len(ends) {
				ends[runes] = i
			}
			runes++
		}
		cut := 0
		for n := min(runes-1, 8); n >= 2 && cut == 0; n-- {
			p := s[:ends[n]]
			if places[p] {
				cut = len(p)
			} else if last, _ := utf8.DecodeLastRuneInString(p); n <= 4 && n >= 3 && strings.ContainsRune("省市区县", last) {
				cut = len(p)
			}
		}
		if cut == 0 {
			return s
		}
		s = s[cut:]
	}
}

// tradeWords name the trade, not the company.
var tradeWords = []string{"人力资源", "劳务派遣", "劳务", "派遣", "服务", "管理", "咨询", "外包", "企业", "发展", "科技", "信息", "技术", "经济", "实业"}

// sameCity reports whether two region codes are in one prefecture (their
// first four digits).
func sameCity(a, b string) bool { return len(a) >= 4 && len(b) >= 4 && a[:4] == b[:4] }
