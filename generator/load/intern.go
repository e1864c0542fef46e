package load

import (
	"strings"
	"unsafe"

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
//
// The copies are cut from blocks of textBlock bytes, not allocated one by
// one: a record's texts are its most numerous pointers, and the collector,
// which looks up the span of every object a pointer reaches, found them in
// ~900,000 small objects scattered over the heap at 200,000 agencies — a
// fifth of the build's CPU time went to those look-ups (pprof, 2026-11-30:
// runtime.spanClass.sizeclass under tryDeferToSpanScan). Pointers into a
// few hundred large blocks find their spans in the cache. A block lives as
// long as any text cut from it does: the register keeps its records to the
// end of the build, so nothing is held longer than before. For the same
// reason the decoders allocate a table part's records in one slice
// (8,192 rows, a couple of megabytes), not one by one.

// texts holds one copy of each distinct text of a column with few values,
// and, by 统一社会信用代码, the texts of the agency's last record read, which
// its next record most often repeats.
type texts struct {
	few   map[string]string
	last  map[string][]string
	block []byte // the free end (empty, its capacity the room left) of the block texts are copied into
}

// textBlock is the size of a block of copied texts: a table part's texts
// (decodeRows rows, 150–250 bytes each) in a few blocks, and little left
// unused at the end of the last.
const textBlock = 256 << 10

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
	t.own(fresh[:n]...)
	if prev == nil {
		prev = make([]string, len(fs))
		t.last[*fs[0]] = prev
	}
	for i, f := range fs {
		prev[i] = *f
	}
}

// own copies the texts fs point at into the block and points them at their
// copies: nothing else kept alive. The bytes of a block are written once,
// before any string is made of them, and never again, so the strings are
// as immutable as any other.
func (t *texts) own(fs ...*string) {
	n := 0
	for _, f := range fs {
		n += len(*f)
	}
	if n == 0 {
		return
	}
	if cap(t.block) < n {
		t.block = make([]byte, 0, max(n, textBlock))
	}
	b := t.block
	for _, f := range fs {
		b = append(b, *f...)
	}
	all := unsafe.String(&b[0], n)
	t.block = b[n:] // empty: the block's free end
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
