package load

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"portal/generator/diag"
	"portal/generator/model"
)

// A bureau publishes a year's annual-check results, and an association a
// year's credit grades, as a list under a title that names the year and
// who decided: 广州市人力资源和社会保障局关于公布2025年度劳务派遣单位年度
// 经营情况报告核验结果的公告, then 序号, 单位名称, 统一社会信用代码, 核验结果.
// Such a file has no 年度 column, nor one of its authority: every row is
// of the year and the authority the title names. A file without those
// columns takes them from its title rows (or, for the year, its file name:
// annual-checks/2025年度.xlsx) when they name exactly one; otherwise the
// column is missing, as before.

// titleKind says what a title may give for a column a file lacks.
type titleKind uint8

const (
	notTitled      titleKind = iota
	titleYear                // the one year a title names: 2025年度
	titleAuthority           // who the title says decided: …局关于…, 核验机关：…
)

var (
	// titledYear is a year a title names as the one its results are of
	titledYear = regexp.MustCompile(`((?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})\s*年度`)
	// titledAuthority is the body a notice's title is issued by, before
	// its 关于, or one a row names under a label
	titledAuthority   = regexp.MustCompile(`^\s*([^\s，,。；;：:（(]{2,40}?(?:局|厅|委员会|协会|办公室))\s*关于`)
	labelledAuthority = regexp.MustCompile(`^\s*(?:核验机关|评价机构|评价机关|发布机关|发布单位)\s*[：:]\s*(\S.{1,39}?)\s*$`)
)

// titleRow is a non-blank row above a table's header, its cells joined.
type titleRow struct {
	line int
	text string
}

// givenByTitle is, for each field of sc the file has no column of
// (cols, as matchHeader mapped its header) and its title gives, the value
// and where it was read; name is the file's path.
func givenByTitle(name string, raw *rawTable, sc *Schema, cols map[string]int) map[string]titled {
	var out map[string]titled
	for i := range sc.Fields {
		f := &sc.Fields[i]
		if f.fromTitle == notTitled || cols[f.Title] != 0 {
			continue
		}
		var got titled
		switch f.fromTitle {
		case titleYear:
			got = oneYear(raw.titles, raw.sheetName, name)
		case titleAuthority:
			got = authorityOf(raw.titles)
		}
		if got.value != "" {
			if out == nil {
				out = map[string]titled{}
			}
			out[f.Title] = got
		}
	}
	return out
}

// titled is a value a title gives, and where: the row's line, 0 for the
// file's name.
type titled struct {
	value string
	line  int
}

// fromSheetName is the line of a titled value read from the sheet's name.
const fromSheetName = -1

// where says where a titled value was read, for the summary.
func (v titled) where() string {
	switch v.line {
	case 0:
		return "the file's name"
	case fromSheetName:
		return "the sheet's name"
	}
	return fmt.Sprintf("the title (row %d)", v.line)
}

// oneYear is the one year the title rows name (2025年度, 二〇二五年度), or,
// when they name none, the workbook sheet's name (a sheet a year), else
// the file's name; none when they name two.
func oneYear(titles []titleRow, sheet, name string) titled {
	var got titled
	for _, t := range titles {
		for _, m := range titledYear.FindAllStringSubmatch(width.Fold.String(t.text), -1) {
			y, err := strconv.Atoi(m[1])
			if err != nil {
				var ok bool
				if y, ok = model.HanYear(m[1]); !ok {
					continue
				}
			}
			v := strconv.Itoa(y)
			if got.value != "" && got.value != v {
				return titled{} // 2024年度 and 2025年度: which one cannot be told
			}
			if got.value == "" {
				got = titled{value: v, line: t.line}
			}
		}
	}
	if got.value != "" {
		return got
	}
	name = strings.TrimSuffix(name, sheetSuffix(sheet)) // data/annual-checks.xlsx[2024年度]
	for _, c := range []titled{{sheet, fromSheetName}, {strings.TrimSuffix(path.Base(name), path.Ext(name)), 0}} {
		if ms := titledYear.FindAllStringSubmatch(width.Fold.String(c.value), -1); len(ms) == 1 {
			if _, err := strconv.Atoi(ms[0][1]); err == nil {
				return titled{value: ms[0][1], line: c.line}
			}
		}
	}
	return titled{}
}

// authorityOf is the body the title rows name as issuing the list, when
// they name one.
func authorityOf(titles []titleRow) titled {
	var got titled
	for _, t := range titles {
		m := labelledAuthority.FindStringSubmatch(t.text)
		if m == nil {
			m = titledAuthority.FindStringSubmatch(t.text)
		}
		if m == nil {
			continue
		}
		if got.value != "" && got.value != m[1] {
			return titled{}
		}
		got = titled{value: m[1], line: t.line}
	}
	return got
}

// yearAgainstTitle warns, once for the file, when its title names one
// year (2025年度) and rows of its own year column say another: a list
// copied from last year's with its 年度 left as it was would publish this
// year's results as last year's.
func yearAgainstTitle(t *table, raw *rawTable, name string, d *diag.List) {
	for _, f := range t.schema.Fields {
		col := t.cols[f.Title]
		if f.fromTitle != titleYear || col == 0 {
			continue
		}
		title := oneYear(raw.titles, raw.sheetName, name)
		want, err := strconv.Atoi(title.value)
		if err != nil {
			return
		}
		n, of, first, firstLine := 0, 0, "", 0
		for i, r := range raw.rows {
			if col > len(r) {
				continue
			}
			y, ok := yearOf(r[col-1])
			if !ok {
				continue
			}
			of++
			if y != want {
				if n == 0 {
					first, firstLine = r[col-1], raw.lines[i]
				}
				n++
			}
		}
		if n > 0 {
			d.Warnf(diag.Pos{File: t.file, Line: firstLine, Col: col}, f.Title, first,
				"%s names %d年度, and %d of the file's %d rows give another %s (the first here): they are published as their column says", title.where(), want, n, of, f.Title)
		}
	}
}
