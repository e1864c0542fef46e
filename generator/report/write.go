package report

import (
	"bytes"
	"context"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"portal/generator/internal/par"
)

//go:embed templates/report.html
var templates embed.FS

var pages = template.Must(template.ParseFS(templates, "templates/report.html"))

// Formats are the outputs Write can make.
var Formats = []string{"html", "csv", "json"}

// Write writes the report into dir: for every list a CSV (UTF-8 with a
// BOM, for Excel), a JSON file and HTML pages — one per column it can be
// sorted by, linked from the column headings, so sorting needs no script —
// and an index.html, as formats asks. It returns the files written.
func Write(dir string, r *Report, formats []string) ([]string, error) {
	want := map[string]bool{}
	for _, f := range formats {
		want[f] = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// each list's files are made and written on a core of their own
	files := make([][]string, len(r.Lists))
	err := par.Each(context.Background(), len(r.Lists), func(_, i int) error {
		l := r.Lists[i]
		put := func(name string, b []byte) error {
			files[i] = append(files[i], name)
			return os.WriteFile(filepath.Join(dir, name), b, 0o644)
		}
		if want["csv"] {
			if err := put(l.Slug+".csv", l.csv()); err != nil {
				return err
			}
		}
		if want["json"] {
			b, err := l.json(r)
			if err == nil {
				err = put(l.Slug+".json", b)
			}
			if err != nil {
				return err
			}
		}
		if want["html"] {
			rows, err := l.rowsHTML()
			if err != nil {
				return err
			}
			for i := range l.SortBy {
				var b bytes.Buffer
				if err := pages.ExecuteTemplate(&b, "list", l.page(r, i, rows)); err != nil {
					return err
				}
				if err := put(l.pageName(i), b.Bytes()); err != nil {
					return err
				}
			}
		}
		return nil
	})
	written := slices.Concat(files...)
	if err != nil {
		return written, err
	}
	put := func(name string, b []byte) error {
		written = append(written, name)
		return os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	if want["html"] {
		var b bytes.Buffer
		if err := pages.ExecuteTemplate(&b, "index", r); err != nil {
			return written, err
		}
		if err := put("index.html", b.Bytes()); err != nil {
			return written, err
		}
	}
	return written, nil
}

func (l *List) csv() []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	head := make([]string, len(l.Columns))
	for i, c := range l.Columns {
		head[i] = c.Key
	}
	w.Write(head)
	for _, row := range l.Rows {
		w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

func (l *List) json(r *Report) ([]byte, error) {
	rows := make([]map[string]string, len(l.Rows))
	for i, row := range l.Rows {
		m := make(map[string]string, len(row))
		for j, c := range l.Columns {
			m[c.Key] = row[j]
		}
		rows[i] = m
	}
	return json.MarshalIndent(struct {
		Title string              `json:"title"`
		Rule  string              `json:"rule"`
		Note  string              `json:"note,omitempty"`
		AsOf  string              `json:"as_of"`
		Rows  []map[string]string `json:"rows"`
	}{l.Title, l.Rule, l.Note, r.AsOf.String(), rows}, "", " ")
}

// pageName is the HTML page of the list sorted by its i-th SortBy column.
func (l *List) pageName(i int) string {
	if i == 0 {
		return l.Slug + ".html"
	}
	return fmt.Sprintf("%s-by-%s.html", l.Slug, strings.ReplaceAll(l.Columns[l.SortBy[i]].Key, "_", "-"))
}

// listPage is what the list template shows.
type listPage struct {
	L        *List
	AsOf     string
	SortedBy string
	Heads    []head
	Rows     []template.HTML // each row's <tr>, made by the row template
}

type head struct {
	Title, Href string
	Sorted      bool
}

type cell struct {
	Text, Href string
	Num        bool
}

// rowsHTML executes the row template once for each row, in the list's
// order: every sorted page of the list shows the same rows.
func (l *List) rowsHTML() ([]template.HTML, error) {
	out := make([]template.HTML, len(l.Rows))
	var b bytes.Buffer
	cells := make([]cell, len(l.Columns))
	for i, row := range l.Rows {
		for j, v := range row {
			cells[j] = cell{Text: v, Num: l.Columns[j].Number}
			if l.Columns[j].Agency {
				cells[j].Href = l.link(v)
			}
		}
		b.Reset()
		if err := pages.ExecuteTemplate(&b, "row", cells[:len(row)]); err != nil {
			return nil, err
		}
		out[i] = template.HTML(b.String()) // html/template escaped every value in it
	}
	return out, nil
}

// page is the list sorted by its i-th SortBy column, from its rows as
// rowsHTML made them.
func (l *List) page(r *Report, i int, rows []template.HTML) listPage {
	by := l.SortBy[i]
	p := listPage{L: l, AsOf: r.AsOf.String(), SortedBy: l.Columns[by].Title, Rows: rows}
	for j, c := range l.Columns {
		h := head{Title: c.Title, Sorted: j == by}
		for k, s := range l.SortBy {
			if s == j && j != by {
				h.Href = l.pageName(k)
			}
		}
		p.Heads = append(p.Heads, h)
	}
	if i > 0 {
		p.Rows = make([]template.HTML, len(rows))
		for k, o := range l.order(by) {
			p.Rows[k] = rows[o]
		}
	}
	return p
}
