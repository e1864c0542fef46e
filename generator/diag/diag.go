// Package diag holds user-input problems as data: a Diagnostic has a
// position in an input file, the field and value at fault, what is wrong and,
// where it helps, a hint on how to fix it. Stages collect diagnostics into a
// List instead of stopping at the first problem, so a bureau web team sees
// every bad row of an export in one run.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"portal/generator/pii"
)

// Severity says whether a diagnostic stops the build.
type Severity uint8

const (
	Warning Severity = iota // printed; an error under --strict
	Error                   // the build fails and nothing is published
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one problem in the input, at a 1-based line and column.
// Line is the physical line where the record starts (quoted newlines in
// earlier records count); Col is the 1-based column of the field in its table
// (0 when the problem is not about one field).
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Field    string
	Value    string
	Msg      string
	Hint     string
	Severity Severity
	// Masked says Value is already masked (the personal-data guard's own
	// diagnostic), so List does not mask it again.
	Masked bool
	// Table says the problem is with a file or table as a whole — it is
	// missing, cannot be decoded or parsed, lacks a required column: the
	// cause of whatever else goes wrong with it, so it is shown first.
	Table bool
}

// String renders the diagnostic the way compilers do, in English:
//
//	data/licences.csv:25:2: 统一社会信用代码 "91440106MA5CXYZIO0": character 'I' is not allowed (…)
func (d Diagnostic) String() string { return d.In(English) }

// List collects diagnostics. It is safe for concurrent use, so loaders of
// different files may share one.
type List struct {
	mu       sync.Mutex
	items    []Diagnostic
	redacted map[Pos]bool // rows (file, line) that hold personal data
}

// Redact marks a row that holds personal data: no diagnostic of it shows
// its values (each is masked but for its last four characters), and any
// personal number in any message is masked (pii.MaskAll) anyway.
func (l *List) Redact(file string, line int) {
	l.mu.Lock()
	if l.redacted == nil {
		l.redacted = map[Pos]bool{}
	}
	l.redacted[Pos{File: file, Line: line}] = true
	l.mu.Unlock()
}

// masked is d as it may be shown.
func (l *List) masked(d Diagnostic) Diagnostic {
	if !d.Masked {
		if l.redacted[Pos{File: d.File, Line: d.Line}] {
			d.Value = maskValue(d.Value)
		} else {
			d.Value = pii.MaskAll(d.Value)
		}
	}
	d.Msg, d.Hint = pii.MaskAll(d.Msg), pii.MaskAll(d.Hint)
	// a file may be named after a number (content/faq/13800138000.md); the
	// directories above it are the user's own, published nowhere
	i := strings.LastIndexAny(d.File, `/\`) + 1
	d.File = d.File[:i] + pii.MaskAll(d.File[i:])
	return d
}

// maskValue hides all of v but its last four characters.
func maskValue(v string) string {
	r := []rune(v)
	for i := 0; i < len(r)-4; i++ {
		r[i] = '*'
	}
	return string(r)
}

// Add appends d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Append adds o's diagnostics, in their order, and the rows it redacts.
func (l *List) Append(o *List) {
	o.mu.Lock()
	items, redacted := o.items, o.redacted
	o.mu.Unlock()
	l.mu.Lock()
	l.items = append(l.items, items...)
	for p := range redacted {
		if l.redacted == nil {
			l.redacted = map[Pos]bool{}
		}
		l.redacted[p] = true
	}
	l.mu.Unlock()
}

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, field, value, format string, args ...any) {
	l.Add(Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col, Field: field, Value: value, Msg: fmt.Sprintf(format, args...), Severity: Error})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Pos, field, value, format string, args ...any) {
	l.Add(Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col, Field: field, Value: value, Msg: fmt.Sprintf(format, args...), Severity: Warning})
}

// Pos is where a diagnostic points.
type Pos struct {
	File      string
	Line, Col int
}

// Sorted returns the diagnostics ordered with the problems of whole files
// and tables first (the causes), then by file, line, column and message, so
// output is stable whatever order stages ran in.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := make([]Diagnostic, len(l.items))
	for i, d := range l.items {
		out[i] = l.masked(d)
	}
	l.mu.Unlock()
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			-cmp.Compare(boolInt(a.Table), boolInt(b.Table)), // causes first
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(b.Severity, a.Severity),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return out
}

// Count returns the number of errors and warnings.
func (l *List) Count() (errors, warnings int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}

// HasErrors reports whether any error was added; with strict, warnings count too.
func (l *List) HasErrors(strict bool) bool {
	e, w := l.Count()
	return e > 0 || (strict && w > 0)
}

// Len returns the number of diagnostics.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Format writes the sorted diagnostics in English, at most max of them
// (all when max <= 0), followed by a line counting the rest.
func (l *List) Format(max int) string { return l.FormatIn(English, max) }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Rename sets each diagnostic's Field to what name returns for its file,
// column and field.
func (l *List) Rename(name func(file string, col int, field string) string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range l.items {
		it := &l.items[i]
		it.Field = name(it.File, it.Col, it.Field)
	}
}

// TableErrorf adds an error about a file or table as a whole (Table).
func (l *List) TableErrorf(pos Pos, hint, format string, args ...any) {
	l.Add(Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...), Hint: hint, Severity: Error, Table: true})
}
