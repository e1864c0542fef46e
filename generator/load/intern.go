package load

import (
	"strings"

	"portal/generator/model"
)

// A record read from a table keeps only the text it needs. The cells of a
// CSV row are slices of one string, the row's line: a record holding any
// cell of it would keep the whole line alive — the columns no stage reads,
// and cells personal data was screened from. So each record's own texts
// (its name, code, address, document number…) are copied into one string
// of their own, and the few texts many records repeat (the authority, the
// region, a grade) are kept once per table. At 200,000 agencies this is
// the difference between a register that fits the build's memory and one
// the collector spends most of the build on.

// texts holds one copy of each distinct text of a column with few values,
// and, by 统一社会信用代码, the texts of the agency's last record read, which
// its next record most often repeats.
type texts struct {
	few  map[string]string
	last map[string][]string
}

// newTexts is the texts of a table part of rows rows: at most that many
// agencies, so the map by code never grows.
func newTexts(rows int) *texts {
	return &texts{few: map[string]string{}, last: make(map[string][]string, rows)}
}

// shared returns the one copy of s every record holding the same text shares.
func (t *texts) shared(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := t.few[s]; ok {
		return c
	}
	c := strings.Clone(s)
	t.few[c] = c
	return c
}

// keep gives a record's own texts fs (the first its agency's code) copies
// of their own: the texts of the agency's last record where they are the
// same, else one new string for all the others.
func (t *texts) keep(fs ...*string) {
	prev := t.last[*fs[0]]
	var fresh [16]*string
	n := 0
	for i, f := range fs {
		if prev != nil && *f == prev[i] {
			*f = prev[i]
			continue
		}
		fresh[n] = f
		n++
	}
	own(fresh[:n]...)
	if prev == nil {
		prev = make([]string, len(fs))
		t.last[*fs[0]] = prev
	}
	for i, f := range fs {
		prev[i] = *f
	}
}

// own copies the texts fs point at into one new string and points them at
// their copies: one allocation per record, nothing else kept alive.
func own(fs ...*string) {
	n := 0
	for _, f := range fs {
		n += len(*f)
	}
	if n == 0 {
		return
	}
	var b strings.Builder
	b.Grow(n)
	for _, f := range fs {
		b.WriteString(*f)
	}
	all := b.String()
	at := 0
	for _, f := range fs {
		l := len(*f)
		if l == 0 {
			*f = ""
			continue
		}
		*f = all[at : at+l]
		at += l
	}
}

func (t *texts) decision(d *model.Decision) {
	d.Capital, d.Authority, d.RegionCode = t.shared(d.Capital), t.shared(d.Authority), t.shared(d.RegionCode)
	t.keep(&d.Code, &d.Name, &d.LegalRep, &d.Address, &d.LicenceNo, &d.ParentCode, &d.Changes, &d.DocNo, &d.Note)
}

func (t *texts) check(c *model.AnnualCheck) {
	c.FailReasons, c.Authority = t.shared(c.FailReasons), t.shared(c.Authority)
	t.keep(&c.Code, &c.Name, &c.LicenceNo)
}

func (t *texts) grade(g *model.Grade) {
	g.Grade, g.Evaluator = t.shared(g.Grade), t.shared(g.Evaluator)
	t.keep(&g.Code, &g.Name)
}

func (t *texts) listing(l *model.Listing) {
	l.Authority, l.Reason, l.RemovalReason = t.shared(l.Authority), t.shared(l.Reason), t.shared(l.RemovalReason)
	t.keep(&l.Code, &l.Name)
}
