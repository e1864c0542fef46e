package load

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"portal/generator/demodata"
	"portal/generator/diag"
	"portal/generator/model"
	"portal/internal/testsite"
)

// Every field of a kept row comes back as it went in: the rows' types
// hold only the kinds the encoding writes, and each field, set to a value
// of its own, is read back (a field added to a row type is kept, or the
// encoding panics here).
func TestKeptRowsRoundTrip(t *testing.T) {
	const path = "data/annual-checks.csv"
	n := 0
	var set func(v reflect.Value)
	set = func(v reflect.Value) {
		n++
		if v.Type() == sourceType {
			v.Set(reflect.ValueOf(model.Source{File: path, Line: n}))
			return
		}
		switch v.Kind() {
		case reflect.String:
			v.SetString("值" + strings.Repeat("x", n))
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			v.SetInt(int64(n*1000) - 500)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			v.SetUint(uint64(n))
		case reflect.Float32, reflect.Float64:
			v.SetFloat(float64(n) + 0.5)
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Struct:
			for i := range v.NumField() {
				set(v.Field(i))
			}
		default:
			t.Fatalf("a row's field of kind %s", v.Kind())
		}
	}
	f := &keptFile{Cols: map[string]int{"年度": 1}, Headings: []string{"年度"}, How: "read as GB18030", Explain: []string{"header on row 1"},
		decisions: []*model.Decision{{}}, checks: []*model.AnnualCheck{{}, {}}, grades: []*model.Grade{{}}, listings: []*model.Listing{{}, {}}}
	for _, r := range f.decisions {
		set(reflect.ValueOf(r).Elem())
	}
	for _, r := range f.checks {
		set(reflect.ValueOf(r).Elem())
	}
	for _, r := range f.grades {
		set(reflect.ValueOf(r).Elem())
	}
	for _, r := range f.listings {
		set(reflect.ValueOf(r).Elem())
	}
	b, err := encodeKept(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeKept(b, path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, f)
	}
	for i := range b {
		if _, err := decodeKept(b[:i], path); err == nil {
			t.Fatalf("the first %d of %d bytes were read as a kept file", i, len(b))
		}
	}
}

// A load with a Kept gives what a load without one gives; the rows of the
// annual checks, grades and listings come from what the first load kept
// (shown by a kept value changed by hand), until their file changes; a
// file with a warning is not kept.
func TestKeptLoad(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	testsite.CopyDir(t, filepath.Join("..", "..", "data"), data)
	scale := Content(OSDir(filepath.Join("..", "..", "content")), &diag.List{}).Site.GradeScale
	dir, kdir := OSDir(data), filepath.Join(t.TempDir(), "rows")
	load := func(kept *Kept) (*model.Dataset, string) {
		d := &diag.List{}
		ds := DataKept(dir, scale, kept, d)
		return ds, d.Format(0)
	}
	same := func(what string, a, b *model.Dataset, da, db string) {
		t.Helper()
		for _, p := range []struct {
			name string
			a, b any
		}{{"decisions", a.Decisions, b.Decisions}, {"checks", a.Checks, b.Checks}, {"grades", a.Grades, b.Grades}, {"listings", a.Listings, b.Listings},
			{"columns", a.Columns, b.Columns}, {"headings", a.Headings, b.Headings}, {"read as", a.ReadAs, b.ReadAs}, {"unreadable", a.Unreadable, b.Unreadable}} {
			if !reflect.DeepEqual(p.a, p.b) {
				t.Errorf("%s: the %s differ", what, p.name)
			}
		}
		for f := range a.Explain {
			if strings.Join(a.Explain[f], "\n") != strings.Join(b.Explain[f], "\n") {
				t.Errorf("%s: how %s was read differs", what, f)
			}
		}
		if da != db {
			t.Errorf("%s: the diagnostics differ:\n%s\n%s", what, da, db)
		}
	}
	plain, dplain := load(nil)
	first, dfirst := load(OpenKept(kdir))
	same("the first load with a Kept", plain, first, dplain, dfirst)
	entries, _ := os.ReadDir(kdir)
	if len(entries) != 4 {
		t.Fatalf("%d files kept, want the annual checks', grades' and listings' and the licences' one part", len(entries))
	}
	again, dagain := load(OpenKept(kdir))
	same("a second load", plain, again, dplain, dagain)

	// the kept rows are what the second load read
	var checks string
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(kdir, e.Name()))
		f, err := decodeKept(b, filepath.Join(data, "annual-checks.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if len(f.checks) > 0 {
			checks = e.Name()
			f.checks[0].Authority = "从保存的行读出"
			b, _ = encodeKept(f)
			os.WriteFile(filepath.Join(kdir, e.Name()), b, 0o644)
		}
	}
	if ds, _ := load(OpenKept(kdir)); ds.Checks[0].Authority != "从保存的行读出" {
		t.Errorf("the annual checks were read again, not taken from %s", checks)
	}
	// the same files in another directory are the same rows, in their files
	moved := filepath.Join(t.TempDir(), "exports")
	testsite.CopyDir(t, data, moved)
	ds := DataKept(OSDir(moved), scale, OpenKept(kdir), &diag.List{})
	if c := ds.Checks[0]; c.Authority != "从保存的行读出" || c.Src.File != filepath.Join(moved, "annual-checks.csv") {
		t.Errorf("the same files elsewhere: %q at %s", c.Authority, c.Src.File)
	}

	// an edited file is read again, and kept anew; what it no longer is, is removed
	csv := filepath.Join(data, "annual-checks.csv")
	b, _ := os.ReadFile(csv)
	os.WriteFile(csv, []byte(strings.Replace(string(b), "合格", "无业务", 1)), 0o644)
	plain, dplain = load(nil)
	edited, dedited := load(OpenKept(kdir))
	same("after an edit", plain, edited, dplain, dedited)
	if _, err := os.Stat(filepath.Join(kdir, checks)); err == nil {
		t.Error("the rows of the file as it was are still kept")
	}

	// a warning in a file: read every time
	os.WriteFile(csv, []byte(strings.Replace(string(b), "合格", "合格（逾期）", 1)), 0o644)
	plain, dplain = load(nil)
	warned, dwarned := load(OpenKept(kdir))
	same("a file with a warning", plain, warned, dplain, dwarned)
	if !strings.Contains(dwarned, "annual-checks.csv") {
		t.Fatalf("no warning of the annual checks:\n%s", dwarned)
	}
	if entries, _ := os.ReadDir(kdir); len(entries) != 3 {
		t.Errorf("%d files kept, want the grades', listings' and licences' only", len(entries))
	}
}

// A kept file is read from disk, where anything may have happened to it:
// whatever its bytes, decodeKept returns rows or an error, never panics,
// and what it returns, written again, reads back the same.
func FuzzDecodeKept(f *testing.F) {
	seed, _ := encodeKept(&keptFile{Cols: map[string]int{"年度": 1},
		checks: []*model.AnnualCheck{{Src: model.Source{File: "a.csv", Line: 2}, Year: 2024, Name: "甲", Result: model.CheckPass}},
		grades: []*model.Grade{{Year: 2023, Grade: "A"}}, listings: []*model.Listing{{Code: "9144", ListedOn: 20000}}})
	f.Add(seed)
	f.Add([]byte(keptMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := decodeKept(b, "a.csv")
		if err != nil {
			return
		}
		again, err := encodeKept(k)
		if err != nil {
			t.Fatal(err)
		}
		k2, err := decodeKept(again, "a.csv")
		if err != nil || !reflect.DeepEqual(k, k2) {
			t.Fatalf("read back differently: %v", err)
		}
	})
}

// The licences, read again each time, are kept a part of their rows at a
// time (keptParts): after one row is edited or appended, the other parts'
// rows are taken from what the last load kept (shown by a kept value
// changed by hand) and the load is what a load without a Kept gives; a
// row inserted before them moves their lines, and they are read again.
func TestKeptParts(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, err := demodata.Write(data, demodata.Options{Agencies: 5000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(data, "licences.csv")
	orig, _ := os.ReadFile(csv)
	lines := strings.SplitAfter(string(orig), "\n")
	if len(lines) < 2*decodeRows+2 {
		t.Fatalf("%d lines: the licences need three parts", len(lines))
	}
	dir, kdir := OSDir(data), filepath.Join(t.TempDir(), "rows")
	load := func(kept *Kept) (*model.Dataset, string) {
		d := &diag.List{}
		ds := DataKept(dir, nil, kept, d)
		return ds, d.Format(0)
	}
	plain, dplain := load(nil)
	first, dfirst := load(OpenKept(kdir))
	if !reflect.DeepEqual(plain.Decisions, first.Decisions) || dplain != dfirst {
		t.Fatal("the first load with a Kept differs")
	}
	// the part that holds the first row, changed by hand
	var part string
	entries, _ := os.ReadDir(kdir)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(kdir, e.Name()))
		f, err := decodeKept(b, csv)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.decisions) > 0 && f.decisions[0].Src.Line == 2 {
			part = e.Name()
			f.decisions[0].Authority = "从保存的行读出"
			b, _ = encodeKept(f)
			os.WriteFile(filepath.Join(kdir, e.Name()), b, 0o644)
		}
	}
	if part == "" {
		t.Fatal("the licences' first part is not kept")
	}
	for _, tc := range []struct {
		what   string
		text   string
		handed bool // the first part is taken from the kept one
	}{
		{"a row edited in the last part", strings.Join(lines[:len(lines)-3], "") + strings.Replace(lines[len(lines)-3], "号", "号之一", 1) + strings.Join(lines[len(lines)-2:], ""), true},
		{"a row appended", string(orig) + lines[1], true},
		{"a row inserted first", lines[0] + lines[len(lines)-2] + strings.Join(lines[1:], ""), false},
	} {
		os.WriteFile(csv, []byte(tc.text), 0o644)
		plain, dplain := load(nil)
		kept, dkept := load(OpenKept(kdir))
		if got := kept.Decisions[0].Authority == "从保存的行读出"; got != tc.handed {
			t.Errorf("%s: the first part taken from the kept one: %v, want %v", tc.what, got, tc.handed)
		}
		if tc.handed {
			kept.Decisions[0].Authority = plain.Decisions[0].Authority
		}
		if !reflect.DeepEqual(plain.Decisions, kept.Decisions) || dplain != dkept {
			t.Errorf("%s: the load with a Kept differs from one without", tc.what)
		}
		if tc.text == string(orig) {
			t.Fatalf("%s: changed nothing", tc.what)
		}
	}
}

// A KeptMemory keeps rows as a directory does, for the loads of one
// process: the second load takes them (shown by a kept value changed by
// hand), and gives what a load without them gives otherwise.
func TestKeptMemory(t *testing.T) {
	dir := OSDir(filepath.Join("..", "..", "data"))
	var m KeptMemory
	d0, d1 := &diag.List{}, &diag.List{}
	plain := DataKept(dir, nil, nil, d0)
	first := DataKept(dir, nil, m.Kept(), d1)
	if !reflect.DeepEqual(plain.Decisions, first.Decisions) || !reflect.DeepEqual(plain.Checks, first.Checks) || d0.Format(0) != d1.Format(0) {
		t.Fatal("the first load with a KeptMemory differs")
	}
	if len(m.files) == 0 {
		t.Fatal("nothing kept")
	}
	for key, b := range m.files {
		f, err := decodeKept(b, "data/licences.csv")
		if err != nil {
			t.Fatal(err)
		}
		if len(f.decisions) > 0 {
			f.decisions[0].Authority = "从保存的行读出"
			m.files[key], _ = encodeKept(f)
		}
	}
	again := DataKept(dir, nil, m.Kept(), &diag.List{})
	if again.Decisions[0].Authority != "从保存的行读出" {
		t.Error("the licences were read again, not taken from memory")
	}
	again.Decisions[0].Authority = plain.Decisions[0].Authority
	if !reflect.DeepEqual(plain.Decisions, again.Decisions) {
		t.Error("the second load differs")
	}
}
