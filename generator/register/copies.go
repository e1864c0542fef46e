package register

import (
	"cmp"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"portal/generator/diag"
	"portal/generator/model"
)

// A folder of a table's exports may hold one export twice, the second
// under the name a browser gives a file downloaded again, or Excel a
// copied sheet: 2024.csv and 2024 (1).csv, 导出.xlsx and 导出(2).xlsx, the
// sheets 2025年 and 2025年 (2). Read as two exports that overlap, the rows
// they share are published once — and a row the bureau corrected or
// deleted in one is still published from the other: a 吊销 taken back, a
// result corrected, stays published. (A copy named as one, 2024 - 副本.csv,
// is refused by its name alone when it is read.) So a row alike in a file
// and in its numbered copy beside it is an error, said once a pair of
// files. Exports of their own that a browser happened to number alike
// (导出.xlsx and 导出 (1).xlsx, each of another city) share no row, and
// are read as they are.

// numberedName is a name ending in the number a browser or Excel gives a
// second copy: 2024 (1), 导出(2), 2025年（3）.
var numberedName = regexp.MustCompile(`^(.+?)\s*[(（]\d{1,3}[)）]$`)

// numberedCopy reports whether the rows read at a and b (Source.File:
// a path, perhaps with its sheet in brackets) are of a file and its
// numbered copy beside it (2024.csv, 2024 (1).csv; or two numbered copies
// of one name, 导出(1).xlsx and 导出(2).xlsx), or of a sheet and its
// numbered copy in one workbook; cp is the copy's (the numbered one, the
// later named of two), orig the other's.
func numberedCopy(a, b string) (cp, orig string, ok bool) {
	fa, sa := splitSheet(a)
	fb, sb := splitSheet(b)
	var x, y string // the names compared: the sheets' or the files' (without their endings)
	switch {
	case fa == fb && sa != "" && sb != "": // two sheets of one workbook
		x, y = sa, sb
	case fa != fb && sa == sb && path.Dir(fa) == path.Dir(fb):
		x, y = strings.TrimSuffix(path.Base(fa), path.Ext(fa)), strings.TrimSuffix(path.Base(fb), path.Ext(fb))
	default:
		return "", "", false
	}
	bx, nx := unnumbered(x)
	by, ny := unnumbered(y)
	if !nx && !ny || !strings.EqualFold(bx, by) {
		return "", "", false
	}
	if nx && (!ny || a > b) {
		return a, b, true
	}
	return b, a, true
}

// unnumbered is name without the number a browser or Excel gives a
// second copy, and whether it had one.
func unnumbered(name string) (string, bool) {
	name = strings.TrimSpace(name)
	if m := numberedName.FindStringSubmatch(name); m != nil {
		return strings.TrimSpace(m[1]), true
	}
	return name, false
}

// splitSheet splits a Source.File into the file's path and the sheet the
// rows were read from ("" for a file of one table).
func splitSheet(f string) (file, sheet string) {
	if strings.HasSuffix(f, "]") {
		if i := strings.LastIndex(f, "["); i > 0 {
			return f[:i], f[i+1 : len(f)-1]
		}
	}
	return f, ""
}

// copiedRows gathers, from every core, the rows alike in a file and its
// numbered copy, to report each pair of files once (report), at the copy's
// first such row: the same error whatever order the cores met them in.
type copiedRows struct {
	mu    sync.Mutex
	pairs map[[2]string]*copiedPair // copy's, original's Source.File
}

type copiedPair struct {
	at, other    model.Source // the copy's first row alike, and its twin
	field, value string       // what says which row it is
	n            int          // rows alike
}

// add takes a row alike to another (dup and first, wherever they stand)
// when they are of a file and its numbered copy, and reports true; false
// otherwise, for the caller to warn of the repeat as of exports that
// overlap. field and value say which row it is, alike in both.
func (c *copiedRows) add(dup, first model.Source, field, value string) bool {
	cp, orig, ok := numberedCopy(dup.File, first.File)
	if !ok {
		return false
	}
	at, other := dup, first
	if dup.File != cp {
		at, other = first, dup
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pairs == nil {
		c.pairs = map[[2]string]*copiedPair{}
	}
	k := [2]string{cp, orig}
	p := c.pairs[k]
	if p == nil {
		p = &copiedPair{at: at, other: other, field: field, value: value}
		c.pairs[k] = p
	} else if at.Line < p.at.Line {
		p.at, p.other, p.field, p.value = at, other, field, value
	}
	p.n++
	return true
}

// report adds an error for each pair of files that share rows.
func (c *copiedRows) report(ds *model.Dataset, d *diag.List) {
	keys := make([][2]string, 0, len(c.pairs))
	for k := range c.pairs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	for _, k := range keys {
		p := c.pairs[k]
		rows := "a row"
		if p.n > 1 {
			rows = fmt.Sprintf("%d rows", p.n)
		}
		pos := at(ds, p.at, p.field)
		d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col, Field: p.field, Value: p.value, Severity: diag.Error,
			Msg: fmt.Sprintf("%s is named as a copy of %s beside it (the name a browser gives a file downloaded again, or Excel a copied sheet), and the two share %s, this one among them (as %s:%d): read both, a row corrected or deleted in one would still be published from the other",
				k[0], k[1], rows, p.other.File, p.other.Line),
			Hint: "keep one of the two (the newer export); if each is an export of its own, name it after what it holds (e.g. 天河区2024.xlsx)"})
	}
}
