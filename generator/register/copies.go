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

// A folder of a table's exports may hold one export twice: the second
// under the name a browser gives a file downloaded again, or Excel a
// copied sheet (2024.csv and 2024 (1).csv, 导出(1).xlsx and 导出(2).xlsx,
// the sheets 2025年 and 2025年 (2)), saved in another format under the
// same name (2024.csv and 2024.xlsx), or the older version kept beside the
// newer under a name that says which it is (2024（旧）.csv, 2024_v2.csv,
// 2024更正后.xlsx). Read as two exports that overlap, the rows they share
// are published once — and a row the bureau corrected or deleted in one is
// still published from the other: a 吊销 taken back, a result corrected,
// stays published. (A copy named as one, 2024 - 副本.csv, is refused by its
// name alone when it is read.) So a row alike in two files (or sheets) of
// one name but for such a mark is an error, said once a pair. Exports of
// their own that a browser happened to number alike (导出.xlsx and
// 导出 (1).xlsx, each of another city) share no row, and are read as they
// are; so are exports of periods that overlap, whose names say the period
// (2024.xlsx, 2024上半年.xlsx), not a version.

// versionMark is the end of a name that says it is another version of a
// file of the name before it: the number a browser or Excel gives a
// second copy, bracketed (2024 (1), 导出(2), 2025年（3）), or a version's
// number or word, bracketed or not (2024_v2, 2024（旧）, 2024更正后,
// 许可决定-最终版, 2024 old).
var versionMark = regexp.MustCompile(`^(.+?)[\s_\-－—.]*(?:[(（\[【]\s*(?:\d{1,3}|` + versionWords + `)\s*[)）\]】]|` + versionWords + `)$`)

// versionWords are the words and numbers of a version (versionMark).
const versionWords = `[vV]\d{1,3}|第\d{1,3}版|版本\d{1,3}|旧版?|老版|新版?|最新版?|修改[版前后]?|更正[版前后]?|修订[版前后]?|修正[版前后]?|原版|原始|原表|最终版?|终版|定稿|正式版|(?i:old|new|final|latest|updated|revised)`

// otherVersion reports whether the rows read at a and b (Source.File: a
// path, perhaps with its sheet in brackets) are of two versions of one
// file beside each other (2024.csv and 2024 (1).csv or 2024（旧）.csv; two
// marked versions of one name, 导出(1).xlsx and 导出(2).xlsx; one name
// saved twice, 2024.csv and 2024.xlsx), or of two versions of one sheet in
// a workbook; cp is the one marked (the later named of two), orig the
// other.
func otherVersion(a, b string) (cp, orig string, ok bool) {
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
	bx, nx := unversioned(x)
	by, ny := unversioned(y)
	if !strings.EqualFold(bx, by) || !nx && !ny && !strings.EqualFold(x, y) {
		return "", "", false
	}
	// (of one name but for the ending: one export saved as .csv and .xlsx)
	if nx && !ny || nx == ny && a > b {
		return a, b, true
	}
	return b, a, true
}

// unversioned is name without its versionMark, and whether it had one.
func unversioned(name string) (string, bool) {
	name = strings.TrimSpace(name)
	if m := versionMark.FindStringSubmatch(name); m != nil {
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

// copiedRows gathers, from every core, the rows alike in two versions of
// a file, to report each pair of files once (report), at the copy's
// first such row: the same error whatever order the cores met them in.
type copiedRows struct {
	mu    sync.Mutex
	pairs map[[2]string]*copiedPair // copy's, original's Source.File
	// names says what two files are (otherVersion), asked once a pair:
	// exports that overlap repeat thousands of rows between two files
	names map[[2]string]versions
}

type copiedPair struct {
	at, other    model.Source // the copy's first row alike, and its twin
	field, value string       // what says which row it is
	n            int          // rows alike
}

// versions is otherVersion's answer for two files.
type versions struct {
	cp, orig string
	ok       bool
}

// add takes a row alike to another (dup and first, wherever they stand)
// when they are of two versions of a file (otherVersion), and reports
// true; false otherwise, for the caller to warn of the repeat as of
// exports that overlap. field and value say which row it is, alike in
// both.
func (c *copiedRows) add(dup, first model.Source, field, value string) bool {
	if dup.File == first.File {
		return false // rows of one file (or sheet) are no versions of it
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	names := [2]string{dup.File, first.File}
	v, asked := c.names[names]
	if !asked {
		v.cp, v.orig, v.ok = otherVersion(dup.File, first.File)
		if c.names == nil {
			c.names, c.pairs = map[[2]string]versions{}, map[[2]string]*copiedPair{}
		}
		c.names[names] = v
	}
	if !v.ok {
		return false
	}
	cp, orig := v.cp, v.orig
	at, other := dup, first
	if dup.File != cp {
		at, other = first, dup
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
			Msg: fmt.Sprintf("%s is named as another version of %s beside it (a file downloaded again or saved in another format, a sheet Excel copied, or a version kept: 2024 (1), 2024.xlsx beside 2024.csv, 2024（旧）, 2024_v2), and the two share %s, this one among them (as %s:%d): read both, a row corrected or deleted in one would still be published from the other",
				k[0], k[1], rows, p.other.File, p.other.Line),
			Hint: "keep one of the two (the newer export); if each is an export of its own, name it after what it holds (e.g. 天河区2024.xlsx)"})
	}
}
