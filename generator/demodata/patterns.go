package demodata

import (
	"hash/fnv"

	"portal/generator/model"
)

// The supervision report's signals (portal report) occur in real data; the
// demo carries a few of each so that its report is not empty. They are
// chosen by a hash of the agency's code, not drawn from the generator's
// random stream, so every other row stays as it was.

// pick reports whether the agency's code falls in one of every n.
func pick(code string, salt byte, n uint32) bool {
	h := fnv.New32a()
	h.Write([]byte{salt})
	h.Write([]byte(code))
	return h.Sum32()%n == 0
}

// skipsReports: the agency sent no annual report for the last two years
// with results (reports missing).
func skipsReports(a *agency, year int) bool {
	return (year == 2024 || year == 2025) && pick(a.code, 'r', 40)
}

// reRegister gives some new licences the legal representative and the
// address of an agency revoked in the same city in the three years
// before them (re-registration after a revocation).
func (g *gen) reRegister() {
	type revoked struct {
		a  *agency
		on model.Date
	}
	var gone []revoked
	for _, a := range g.agencies {
		for _, d := range a.decisions {
			if d.Type == model.Withdrawal || d.Type == model.Revocation {
				gone = append(gone, revoked{a, d.DecidedOn})
			}
		}
	}
	for _, a := range g.agencies {
		if a.branch || len(a.decisions) == 0 || a.decisions[0].Type != model.NewLicence || !pick(a.code, 'g', 12) {
			continue
		}
		first := a.decisions[0].DecidedOn
		for _, r := range gone {
			if r.a == a || r.a.city != a.city || r.on >= first || r.on < first.AddYears(-3) {
				continue
			}
			a.legalRep, a.address = r.a.legalRep, r.a.address
			for _, d := range a.decisions {
				d.LegalRep, d.Address = a.legalRep, a.address
			}
			break
		}
	}
}
