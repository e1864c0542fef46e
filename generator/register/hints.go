package register

import (
	"fmt"
	"slices"
	"strings"

	"portal/generator/model"
)

// hinter finds the agency a decision was probably meant for when its code
// has no licence in the data: one with the same name or licence number, or
// whose code is one mistyped or two swapped characters away. It is built on
// first use, as only rows in error need it.
type hinter struct {
	codes []string            // every code with decisions…
	runs  [][]*model.Decision // …and its decisions
	// indexed on the first hint
	groups            map[string][]*model.Decision
	byName, byLicence map[string][]string
}

// opened reports whether a code has a licence or a 备案 in the data.
func opened(decs []*model.Decision) bool {
	return slices.ContainsFunc(decs, func(d *model.Decision) bool { return d.Type == model.NewLicence || d.Type == model.Filing })
}

func (h *hinter) index() {
	h.groups, h.byName, h.byLicence = make(map[string][]*model.Decision, len(h.codes)), map[string][]string{}, map[string][]string{}
	for i, code := range h.codes {
		h.groups[code] = h.runs[i]
	}
	for i, code := range h.codes {
		decs := h.runs[i]
		if !opened(decs) {
			continue
		}
		for _, d := range decs {
			if d.Name != "" && !slices.Contains(h.byName[d.Name], code) {
				h.byName[d.Name] = append(h.byName[d.Name], code)
			}
			if k := model.LicenceKey(d.LicenceNo); k != "" && d.Type != model.Filing && !slices.Contains(h.byLicence[k], code) {
				h.byLicence[k] = append(h.byLicence[k], code)
			}
		}
	}
}

// hint says which licensed agency dec may have been meant for.
func (h *hinter) hint(dec *model.Decision) string {
	if h.byName == nil {
		h.index()
	}
	var found []string
	add := func(codes ...string) {
		for _, c := range codes {
			if c != dec.Code && !slices.Contains(found, c) {
				found = append(found, c)
			}
		}
	}
	add(h.byName[dec.Name]...)
	add(h.byLicence[model.LicenceKey(dec.LicenceNo)]...)
	for _, c := range nearCodes(dec.Code) {
		if opened(h.groups[c]) {
			add(c)
		}
	}
	if len(found) == 0 {
		return "add the agency's 新许可 (or a branch's 备案) row, or check the 统一社会信用代码"
	}
	slices.Sort(found)
	var parts []string
	for _, c := range found[:min(3, len(found))] {
		latest := slices.MaxFunc(h.groups[c], func(x, y *model.Decision) int { return int(x.DecidedOn - y.DecidedOn) })
		parts = append(parts, fmt.Sprintf("%s (%s)", c, latest.Name))
	}
	return "did you mean " + strings.Join(parts, " or ") + "? check the 统一社会信用代码"
}

// nearCodes lists the codes one substituted character or two swapped
// neighbours away from code.
func nearCodes(code string) []string {
	var out []string
	b := []byte(code)
	for i := range b {
		orig := b[i]
		for j := 0; j < len(model.CreditAlphabet); j++ {
			if c := model.CreditAlphabet[j]; c != orig {
				b[i] = c
				out = append(out, string(b))
			}
		}
		b[i] = orig
		if i+1 < len(b) && b[i] != b[i+1] {
			b[i], b[i+1] = b[i+1], b[i]
			out = append(out, string(b))
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
	return out
}
