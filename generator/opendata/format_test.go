package opendata

import (
	"context"
	"encoding/csv"
	"errors"
	"portal/generator/catalogue"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"portal/generator/diag"
	"portal/generator/model"
	"portal/generator/register"
)

func TestAppendCSVField(t *testing.T) {
	for in, want := range map[string]string{
		"plain": "plain", "a,b": `"a,b"`, `say "hi"`: `"say ""hi"""`, "two\nlines": "\"two\nlines\"", "": "", "中文": "中文",
	} {
		if got := string(appendCSVField(nil, in)); got != want {
			t.Errorf("appendCSVField(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestExcelSafe(t *testing.T) {
	f := &Field{Type: String}
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+86": "'+86", "-x": "'-x", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"a=b": "a=b", "正常": "正常", "": "",
	} {
		if got := string(appendText(nil, f.Type, Str(in), true)); got != want {
			t.Errorf("excel %q = %q, want %q", in, got, want)
		}
		if got := string(appendText(nil, f.Type, Str(in), false)); got != in {
			t.Errorf("canonical %q = %q: the canonical CSV keeps values exactly", in, got)
		}
	}
	arr := &Field{Type: Array}
	if got := string(appendText(nil, arr.Type, List([]string{"=甲", "乙"}), true)); got != "'=甲；乙" {
		t.Errorf("excel array = %q", got)
	}
}

func TestTypedValues(t *testing.T) {
	fields := []Field{{Name: "d", Type: Date}, {Name: "i", Type: Integer}, {Name: "n", Type: Number}, {Name: "b", Type: Boolean},
		{Name: "l", Type: Array}, {Name: "s", Type: String}}
	row := []Cell{Day(model.MakeDate(2024, 2, 29)), Int(2024), Str("300.5"), Bool(true), List([]string{"a\"b"}), Str("x\u2028y")}
	got := string(appendObject(nil, fields, row))
	want := `{"d":"2024-02-29","i":2024,"n":300.5,"b":true,"l":["a\"b"],"s":"x\u2028y"}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	empty := string(appendObject(nil, fields, make([]Cell, len(fields))))
	if empty != `{"d":null,"i":null,"n":null,"b":false,"l":[],"s":null}` {
		t.Errorf("empty row = %s", empty)
	}
}

// A table that writes fewer rows than its input held fails the release.
func TestReconcileFails(t *testing.T) {
	short := &Table{Schema: catalogue.Schema{Name: "decisions", Fields: []Field{{Name: "x", Type: String}}}, Len: 2, In: 3,
		Row: func(i int, row []Cell) { row[0] = Str("v") }}
	cat := &catalogue.Catalogue{Tables: []*catalogue.Dataset{{Schema: short.Schema, Files: make([]FileInfo, len(catalogue.Formats))}}}
	w := &writer{sink: discard{}}
	err := w.writeTables(context.Background(), cat, []*Table{short}, nil)
	var re *ReconcileError
	if !errors.As(err, &re) || re.In != 3 || re.Out != 2 || !strings.Contains(err.Error(), "the input has 3 rows but 2 were written") {
		t.Fatalf("err = %v", err)
	}
}

type discard struct{}

func (discard) Add(string, []byte) error { return nil }

// Whatever a cell holds, a CSV reader reads back exactly that cell.
func FuzzCSVField(f *testing.F) {
	for _, s := range []string{"", "a,b", `"`, "x\ny", "中文,\"引号\""} {
		f.Add(s, "second")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if strings.ContainsRune(a+b, '\r') || !utf8.ValidString(a+b) {
			t.Skip() // encoding/csv folds \r\n inside quotes to \n
		}
		line := appendCSVField(nil, a)
		line = append(line, ',')
		line = appendCSVField(line, b)
		line = append(line, '\r', '\n')
		r := csv.NewReader(strings.NewReader(string(line)))
		r.LazyQuotes = false
		rec, err := r.Read()
		if a == "" && b == "" {
			return // a blank line is skipped by readers
		}
		if err != nil || len(rec) != 2 || rec[0] != a || rec[1] != b {
			t.Fatalf("%q,%q → %q → %q %v", a, b, line, rec, err)
		}
	})
}

// Every field name is a snake_case ASCII key, which appendMembers copies into
// JSON without escaping.
func TestFieldNames(t *testing.T) {
	w := &writer{reg: register.Derive(&model.Dataset{}, 20261121, &diag.List{}), content: &model.Content{}}
	key := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	n := 0
	for _, tb := range w.buildTables() {
		for _, f := range tb.Fields {
			n++
			if !key.MatchString(f.Name) {
				t.Errorf("%s: field name %q is not snake_case ASCII", tb.Name, f.Name)
			}
		}
	}
	if n < 40 {
		t.Fatalf("only %d fields seen", n)
	}
}

// Release IDs sort by date, then sequence: 2026-11-21.10 after .2.
func TestReleaseIDOrder(t *testing.T) {
	if got := []string{"2026-11-21.10", "2026-11-21.2", "2026-11-21", "2026-11-20.3"}; !slices.IsSortedFunc(got, func(a, b string) int { return compareIDs(b, a) }) {
		t.Errorf("release IDs do not sort by date then sequence")
	}
}
