package load

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"portal/generator/diag"
	"portal/generator/model"
)

// row reads one record's cells with diagnostics pointing at line:column.
type row struct {
	t    *table
	line int
	d    *diag.List
	// left says the row is not a record of the table (a decision on
	// another licence in a 双公示 export): eachRow leaves it out
	left bool
}

func (r *row) src() model.Source { return model.Source{File: r.t.file, Line: r.line} }

func (r *row) pos(field string) diag.Pos {
	return diag.Pos{File: r.t.file, Line: r.line, Col: r.t.cols[field]}
}

func (r *row) errorf(field, value, hint, format string, args ...any) {
	p := r.pos(field)
	r.d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: field, Value: value,
		Msg: fmt.Sprintf(format, args...), Hint: hint, Severity: diag.Error})
}

func (r *row) warnf(field, value, hint, format string, args ...any) {
	p := r.pos(field)
	r.d.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Field: field, Value: value,
		Msg: fmt.Sprintf(format, args...), Hint: hint, Severity: diag.Warning})
}

// present reports whether v is non-empty. An empty required value is an
// error; when its whole column is missing, a column the schema always
// requires has been reported once by the header check, while a column
// required only by this row (e.g. 上级单位统一社会信用代码 for a 备案) is reported here.
func (r *row) present(field, v string, required bool) bool {
	if v != "" {
		return true
	}
	switch {
	case !required:
	case r.t.cols[field] != 0:
		r.errorf(field, v, "fill in the value or remove the row", "required value is empty")
	case !r.t.schema.requires(field):
		r.errorf(field, v, "add a column headed "+field, "this row needs a %s, and the table has no such column", field)
	}
	return false
}

// date parses a date cell; XLSX cells may be Excel serial numbers.
func (r *row) date(field, v string, required bool) model.Date {
	if !r.present(field, v, required) {
		return 0
	}
	if set := r.t.set; set != nil {
		for _, l := range set.dates {
			if d, ok := l.Parse(v); ok {
				return d
			}
		}
	}
	d, err := model.ParseDate(v, r.t.dates)
	if err != nil {
		hint := "" // a day that does not exist (2024-02-30) is in a form the loader reads
		if errors.Is(err, model.ErrDateFormat) {
			hint = "if your system writes dates another way, name its form in " + ImportFile + ": date_formats = [\"DD/MM/YYYY\"]"
			if set := r.t.set; set != nil && len(set.dates) > 0 {
				hint = "nor in the date_formats of " + ImportFile + ": " + layoutList(set.dates)
			}
		}
		r.errorf(field, v, hint, "%v", err)
		return 0
	}
	return d
}

func layoutList(ls []model.DateLayout) string {
	var names []string
	for _, l := range ls {
		names = append(names, l.String())
	}
	return strings.Join(names, ", ")
}

// creditCode normalises and validates a 统一社会信用代码.
func (r *row) creditCode(field, v string, required bool) string {
	if !r.present(field, v, required) {
		return ""
	}
	code := model.NormalizeCreditCode(v)
	if strings.Contains(code, "E+") {
		r.errorf(field, v, "format the column as text (文本) in Excel and re-enter the codes", "the code was stored as a number and has lost its digits")
		return code
	}
	if p := model.CheckCreditCode(code); p != nil {
		if p.Checksum {
			r.warnf(field, v, p.Hint, "%s", p.Msg)
		} else {
			r.errorf(field, v, p.Hint, "%s", p.Msg)
		}
	}
	return code
}

// year parses a four-digit year, as written alone or with 年 or 年度
// (2024年度: the year an annual check or a grade is for).
func (r *row) year(field, v string) int {
	if !r.present(field, v, true) {
		return 0
	}
	y, ok := yearOf(v)
	if !ok {
		r.errorf(field, v, "", "not a year: write it as 2024")
		return 0
	}
	return y
}

// yearOf reads a year cell: 2024, 2024年, 2024年度, 二〇二四.
func yearOf(v string) (int, bool) {
	n := model.NormalizeCode(v)
	if t, ok := strings.CutSuffix(n, "年度"); ok {
		n = t
	} else {
		n = strings.TrimSuffix(n, "年")
	}
	n = strings.TrimSpace(n)
	y, err := strconv.Atoi(n)
	if h, ok := model.HanYear(n); err != nil && ok {
		y, err = h, nil // 二〇二四, as a document writes a year
	}
	return y, err == nil && y >= 1990 && y <= 2200
}

// regionCode checks a 6-digit GB/T 2260 code.
func (r *row) regionCode(field, v string, required bool) string {
	if !r.present(field, v, required) {
		return ""
	}
	c := model.NormalizeCode(v)
	if len(c) != 6 || strings.Trim(c, "0123456789") != "" {
		r.errorf(field, v, "e.g. 440106 for 广州市天河区", "not a 6-digit GB/T 2260 region code")
	}
	return c
}

// unspaced is a word as written without the white space a cell spaces it
// out with for alignment (新　许　可, 合 格, A +): the word.
func unspaced(s string) string { return strings.Join(strings.Fields(s), "") }
