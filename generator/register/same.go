package register

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"slices"

	"portal/generator/internal/par"
	"portal/generator/model"
)

// Reuse lets a stage keep the files it made in the previous output for
// agencies that are the same (a rebuild after a data edit).
type Reuse struct {
	// Key is what the stage reported as its key when it made the previous
	// output: the digest of everything its per-agency files show besides
	// the agencies' records. A stage keeps nothing when its key differs.
	Key string
	// Same reports whether an agency is unchanged (Unchanged).
	Same func(code string) bool
}

// Fingerprints identify a register's agencies by everything their own
// pages show, so that a later build — in this process (the preview) or
// another (portal build, from the state it left beside the output) —
// can tell which agencies an edit touched (Unchanged). They survive a
// process: plain digests (SHA-256, the first 8 bytes, in hex).
type Fingerprints struct {
	AsOf    model.Date `json:"as_of"`
	Regions string     `json:"regions"` // of the region table
	// Agencies maps each agency's code to the digest of its record: every
	// decision, check, grade and listing, each with its file's column
	// layout, but not where in the files the rows were (inserting a row
	// moves every later row's line).
	Agencies map[string]Print `json:"agencies"`
}

// Print is an agency's fingerprint: the first 8 bytes of a SHA-256, in hex
// as text. A value, not a string, so that the 200,000 of a national
// register are no objects of their own for the collector to mark.
type Print [8]byte

func (p Print) String() string { return hex.EncodeToString(p[:]) }

// MarshalText writes p in hex.
func (p Print) MarshalText() ([]byte, error) { return hex.AppendEncode(nil, p[:]), nil }

// UnmarshalText reads p from 16 hex digits.
func (p *Print) UnmarshalText(b []byte) error {
	if len(b) != hex.EncodedLen(len(p)) {
		return fmt.Errorf("fingerprint %q: want %d hex digits", b, hex.EncodedLen(len(p)))
	}
	_, err := hex.Decode(p[:], b)
	return err
}

// Fingerprints digests every agency of r, on every core.
func (r *Register) Fingerprints() Fingerprints {
	f := Fingerprints{AsOf: r.AsOf, Regions: regionsDigest(r.Regions), Agencies: make(map[string]Print, len(r.Agencies))}
	sums := make([]Print, len(r.Agencies))
	const per = 1024
	var files map[string]string
	if r.Data != nil { // a register made in a test may have no dataset
		files = layouts(r.Data.Columns)
	}
	par.Each(context.Background(), (len(r.Agencies)+per-1)/per, func(_, i int) error {
		d := digest{files: files}
		for j := i * per; j < min((i+1)*per, len(r.Agencies)); j++ {
			sums[j] = d.agency(r.Agencies[j])
		}
		return nil
	})
	for i, a := range r.Agencies {
		f.Agencies[a.Code] = sums[i]
	}
	return f
}

// Unchanged tells, for an agency of cur (whose fingerprints are now),
// whether everything its own pages show is as it was when old was taken:
// its record, and its head office's and branches' records, which the page
// names. It reports false for every agency when the date or the regions
// differ. A rebuild uses it to re-render only what a data edit touched.
func Unchanged(old Fingerprints, cur *Register, now Fingerprints) func(code string) bool {
	if old.Agencies == nil || old.AsOf != now.AsOf || old.Regions != now.Regions {
		return func(string) bool { return false }
	}
	same := func(code string) bool {
		o, ok := old.Agencies[code]
		return ok && o == now.Agencies[code]
	}
	unchanged := make(map[string]bool, len(cur.Agencies))
	for _, a := range cur.Agencies {
		ok := same(a.Code)
		// a head office missing from both registers is unchanged too
		if _, was := old.Agencies[a.ParentCode]; ok && a.ParentCode != "" && (was || cur.Agency(a.ParentCode) != nil) {
			ok = same(a.ParentCode)
		}
		for _, b := range a.Branches {
			ok = ok && same(b)
		}
		unchanged[a.Code] = ok
	}
	return func(code string) bool { return unchanged[code] }
}

func regionsDigest(regions map[string]*model.Region) string {
	var d digest
	for _, c := range slices.Sorted(maps.Keys(regions)) {
		g := regions[c]
		d.str(g.Code)
		d.str(g.Name)
		d.str(g.Parent)
	}
	return d.sum().String()
}

// digest writes values, each length-prefixed or of fixed size, so that
// no two different sequences write the same bytes. files are the input
// files' column layouts (layouts), by path: a record is written with its
// file's, not its file's name or line.
type digest struct {
	b     []byte
	files map[string]string
}

// layouts digests each file's columns, field=column in field order: a
// page shows a blank value as 未注明 only where the record's file has the
// column (render's "exported"), so a record's fingerprint holds its file's
// layout — a column dropped, or a row moved to a file without it, changes
// it — and not where the file is (a data folder moved changes nothing).
// A digest, 16 bytes, not the columns' text: every record writes it, and a
// licences header is ~400 bytes.
func layouts(cols map[string]map[string]int) map[string]string {
	out := make(map[string]string, len(cols))
	for f, c := range cols {
		h := sha256.New()
		for _, k := range slices.Sorted(maps.Keys(c)) {
			fmt.Fprintf(h, "%q=%d ", k, c[k])
		}
		out[f] = string(h.Sum(nil)[:16])
	}
	return out
}

// src writes the column layout of the file a record came from.
func (d *digest) src(s model.Source) { d.str(d.files[s.File]) }

func (d *digest) str(s string) {
	d.b = binary.AppendUvarint(d.b, uint64(len(s)))
	d.b = append(d.b, s...)
}
func (d *digest) int(i int64)       { d.b = binary.AppendVarint(d.b, i) }
func (d *digest) date(t model.Date) { d.int(int64(t)) }
func (d *digest) bool(b bool) {
	if b {
		d.b = append(d.b, 1)
	} else {
		d.b = append(d.b, 0)
	}
}

// sum is the digest of what was written; d is empty again after it.
func (d *digest) sum() Print {
	s := sha256.Sum256(d.b)
	d.b = d.b[:0]
	return Print(s[:8])
}

// agency writes every field of a (TestFingerprintCoversEveryField and
// TestSameAgencyRows keep the lists complete) and returns the sum. The
// lists are declarative, one call per field, so the rows' look alike.
func (d *digest) agency(a *Agency) Print {
	d.str(a.Code)
	d.str(a.Name)
	d.int(int64(len(a.FormerNames)))
	for _, n := range a.FormerNames {
		d.str(n.Name)
		d.date(n.Until)
	}
	d.int(int64(a.Status))
	d.date(a.StatusSince)
	d.str(a.LicenceNo)
	d.int(int64(len(a.FormerLicenceNos)))
	for _, n := range a.FormerLicenceNos {
		d.str(n)
	}
	d.date(a.ValidFrom)
	d.date(a.ValidTo)
	d.str(a.Authority)
	d.str(a.RegionCode)
	d.str(a.ParentCode)
	d.str(a.LegalRep)
	d.str(a.Address)
	d.str(a.Capital)
	d.date(a.FirstLicensed)
	d.int(int64(len(a.Decisions)))
	for _, x := range a.Decisions {
		d.decision(x)
	}
	d.int(int64(len(a.Checks)))
	for _, c := range a.Checks {
		d.src(c.Src)
		d.int(int64(c.Year))
		d.str(c.Name)
		d.str(c.Code)
		d.str(c.LicenceNo)
		d.int(int64(c.Result))
		d.str(c.FailReasons)
		d.str(c.Authority)
		d.date(c.PublishedOn)
	}
	d.int(int64(len(a.Grades)))
	for _, g := range a.Grades {
		d.src(g.Src)
		d.int(int64(g.Year))
		d.str(g.Name)
		d.str(g.Code)
		d.str(g.Grade)
		d.str(g.Evaluator)
		d.date(g.ValidUntil)
	}
	d.int(int64(len(a.Listings)))
	for _, l := range a.Listings {
		d.src(l.Src)
		d.str(l.Code)
		d.str(l.Name)
		d.date(l.ListedOn)
		d.str(l.Reason)
		d.str(l.Authority)
		d.date(l.RemovedOn)
		d.str(l.RemovalReason)
	}
	d.int(int64(len(a.Branches)))
	for _, b := range a.Branches {
		d.str(b)
	}
	d.int(int64(len(a.names)))
	for _, n := range a.names {
		d.date(n.from)
		d.str(n.name)
	}
	d.int(int64(len(a.Spans)))
	for _, s := range a.Spans {
		d.span(&s)
		// the head office's span by its dates and status (Unchanged
		// compares the head office itself); the verdict follows from these
		d.bool(s.Head != nil)
		if s.Head != nil {
			d.span(s.Head)
		}
		d.bool(s.By != nil)
		if s.By != nil {
			d.decision(s.By)
		}
	}
	return d.sum()
}

func (d *digest) span(s *Span) {
	d.date(s.From)
	d.date(s.Until)
	d.int(int64(s.Status))
	d.date(s.Term)
}

// decision writes every field of x but its Src, and its file's layout.
func (d *digest) decision(x *model.Decision) {
	d.src(x.Src)
	d.str(x.Name)
	d.str(x.Code)
	d.str(x.LegalRep)
	d.str(x.Address)
	d.str(x.Capital)
	d.int(int64(math.Float64bits(x.CapitalWan)))
	d.str(x.LicenceNo)
	d.int(int64(x.Type))
	d.str(x.Changes)
	d.date(x.DecidedOn)
	d.date(x.ValidFrom)
	d.date(x.ValidTo)
	d.str(x.Authority)
	d.str(x.RegionCode)
	d.date(x.PublishedOn)
	d.str(x.DocNo)
	d.str(x.ParentCode)
	d.str(x.Note)
	d.bool(x.Snapshot)
	d.bool(x.Penalty)
	d.int(int64(x.Stated))
	d.int(int64(x.StatedCol))
}
