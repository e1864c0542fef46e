package register

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"portal/generator/model"
)

// mutate changes v (settable) to a different value of its type.
func mutate(t *testing.T, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	case reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Slice:
		e := reflect.New(v.Type().Elem()).Elem()
		if e.Kind() == reflect.Pointer {
			e.Set(reflect.New(e.Type().Elem()))
		}
		v.Set(reflect.Append(v, e))
	default:
		t.Fatalf("mutate: no rule for %s", v.Type())
	}
}

// settable gives a settable view of a struct field, exported or not.
func settable(f reflect.Value) reflect.Value {
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// sameAgency reports whether two agencies have the same fingerprint.
func sameAgency(a, b *Agency) bool {
	var d digest
	return d.agency(a) == d.agency(b)
}

// A change to any field of an agency makes it different; the list in
// digest.agency cannot silently miss a field added later.
func TestFingerprintCoversEveryField(t *testing.T) {
	base := Agency{Decisions: []*model.Decision{{}}, Checks: []*model.AnnualCheck{{}}, Grades: []*model.Grade{{}}, Listings: []*model.Listing{{}}}
	if !sameAgency(&base, &base) {
		t.Fatal("an agency differs from itself")
	}
	typ := reflect.TypeOf(base)
	for i := range typ.NumField() {
		c := base
		mutate(t, settable(reflect.ValueOf(&c).Elem().Field(i)))
		if sameAgency(&base, &c) {
			t.Errorf("changing Agency.%s is not seen", typ.Field(i).Name)
		}
	}
}

// A change to any field of a row but its Source makes the agency
// different; moving the row in its file does not.
func TestSameAgencyRows(t *testing.T) {
	rows := []any{&model.Decision{}, &model.AnnualCheck{}, &model.Grade{}, &model.Listing{}}
	for _, r := range rows {
		typ := reflect.TypeOf(r).Elem()
		for i := range typ.NumField() {
			a, b := &Agency{}, &Agency{}
			cp := reflect.New(typ)
			cp.Elem().Set(reflect.ValueOf(r).Elem())
			mutate2 := func() {
				f := cp.Elem().Field(i)
				if f.Type() == reflect.TypeOf(model.Source{}) {
					f.Field(1).SetInt(f.Field(1).Int() + 7)
					return
				}
				mutate(t, f)
			}
			mutate2()
			switch r := r.(type) {
			case *model.Decision:
				a.Decisions, b.Decisions = []*model.Decision{r}, []*model.Decision{cp.Interface().(*model.Decision)}
			case *model.AnnualCheck:
				a.Checks, b.Checks = []*model.AnnualCheck{r}, []*model.AnnualCheck{cp.Interface().(*model.AnnualCheck)}
			case *model.Grade:
				a.Grades, b.Grades = []*model.Grade{r}, []*model.Grade{cp.Interface().(*model.Grade)}
			case *model.Listing:
				a.Listings, b.Listings = []*model.Listing{r}, []*model.Listing{cp.Interface().(*model.Listing)}
			}
			isSrc := typ.Field(i).Name == "Src"
			if got := sameAgency(a, b); got != isSrc {
				t.Errorf("%s.%s changed: same = %v, want %v", typ.Name(), typ.Field(i).Name, got, isSrc)
			}
		}
	}
}

// An agency is unchanged only when it, its head office and its branches
// are; a new date or region table changes every agency.
func TestUnchanged(t *testing.T) {
	mk := func(parentName string, branchName ...string) *Register {
		r := &Register{AsOf: 100, Regions: map[string]*model.Region{"440100": {Code: "440100", Name: "广州市"}}, byCode: map[string]*Agency{}}
		for _, a := range []*Agency{
			{Code: "P", Name: parentName, Branches: []string{"B"}},
			{Code: "B", Name: append(branchName, "分公司")[0], ParentCode: "P"},
			{Code: "X", Name: "无关公司"},
		} {
			r.Agencies = append(r.Agencies, a)
			r.byCode[a.Code] = a
		}
		return r
	}
	old, cur := mk("总公司"), mk("总公司（新名）")
	same := unchanged(old, cur)
	for code, want := range map[string]bool{"P": false, "B": false, "X": true, "gone": false} {
		if got := same(code); got != want {
			t.Errorf("Unchanged(%s) = %v, want %v", code, got, want)
		}
	}
	// a renamed branch: the head office's page lists it
	same = unchanged(old, mk("总公司", "分公司（新名）"))
	if same("P") || same("B") || !same("X") {
		t.Errorf("a renamed branch: P %v, B %v, X %v; want false, false, true", same("P"), same("B"), same("X"))
	}
	cur = mk("总公司")
	cur.Regions["440100"] = &model.Region{Code: "440100", Name: "广州"}
	if unchanged(old, cur)("X") {
		t.Error("a renamed region leaves agencies unchanged")
	}
	cur = mk("总公司")
	cur.AsOf++
	if unchanged(old, cur)("X") {
		t.Error("a new date leaves agencies unchanged")
	}
	if !unchanged(old, mk("总公司"))("B") {
		t.Error("an identical register changed")
	}
}

// unchanged is Unchanged between two registers.
func unchanged(old, cur *Register) func(string) bool {
	return Unchanged(old.Fingerprints(), cur, cur.Fingerprints())
}

// A change to any field of a span but its verdict (which follows from
// the others) makes the agency different.
func TestFingerprintCoversSpans(t *testing.T) {
	base := Agency{Spans: []Span{{}}}
	typ := reflect.TypeOf(Span{})
	for i := range typ.NumField() {
		f := typ.Field(i)
		c := base
		c.Spans = []Span{{}}
		v := settable(reflect.ValueOf(&c.Spans[0]).Elem().Field(i))
		if v.Kind() == reflect.Pointer {
			v.Set(reflect.New(v.Type().Elem()))
		} else {
			mutate(t, v)
		}
		if got := sameAgency(&base, &c); got != (f.Name == "verdict") {
			t.Errorf("Span.%s changed: same = %v", f.Name, got)
		}
	}
	// the head office's span and the deciding row, field by field
	for _, set := range []func(s *Span){
		func(s *Span) { s.Head = &Span{From: 1} },
		func(s *Span) { s.Head = &Span{Until: 1} },
		func(s *Span) { s.Head = &Span{Status: 1} },
		func(s *Span) { s.Head = &Span{Term: 1} },
		func(s *Span) { s.By = &model.Decision{DocNo: "x"} },
	} {
		a, b := Agency{Spans: []Span{{Head: &Span{}, By: &model.Decision{}}}}, Agency{Spans: []Span{{Head: &Span{}, By: &model.Decision{}}}}
		set(&b.Spans[0])
		if sameAgency(&a, &b) {
			t.Errorf("a change in %+v is not seen", b.Spans[0])
		}
	}
}

// Fingerprints survive the state file as they were written before they
// were values: hex strings, 16 digits each; anything else is refused.
func TestFingerprintsAsJSON(t *testing.T) {
	f := Fingerprints{AsOf: 20261121, Regions: "r", Agencies: map[string]Print{"91440101MA5XXXXX0X": {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}}}
	b, err := json.Marshal(f)
	if err != nil || !strings.Contains(string(b), `"agencies":{"91440101MA5XXXXX0X":"0123456789abcdef"}`) {
		t.Fatalf("%s %v", b, err)
	}
	var back Fingerprints
	if err := json.Unmarshal(b, &back); err != nil || back.Agencies["91440101MA5XXXXX0X"] != f.Agencies["91440101MA5XXXXX0X"] {
		t.Fatalf("%+v %v", back, err)
	}
	for _, bad := range []string{`"0123"`, `"0123456789abcdeg"`, `"0123456789abcdef00"`} {
		if json.Unmarshal([]byte(`{"agencies":{"x":`+bad+`}}`), &back) == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

// A record's fingerprint holds its file's column layout, not the file's
// path or line: a page shows a blank value as 未注明 only where the file
// has the column, so a row moved to a file without it, or the column
// dropped, changes the agency; the data folder moved, or the row's line,
// does not.
func TestFingerprintHoldsTheFilesLayout(t *testing.T) {
	with := map[string]int{"行政相对人名称": 1, "公示日期": 14}
	without := map[string]int{"行政相对人名称": 1}
	fp := func(cols map[string]map[string]int, src model.Source) Print {
		d := digest{files: layouts(cols)}
		return d.agency(&Agency{Decisions: []*model.Decision{{Src: src}}, Checks: []*model.AnnualCheck{{Src: src}}})
	}
	a := fp(map[string]map[string]int{"/d/a.csv": with, "/d/b.csv": without}, model.Source{File: "/d/a.csv", Line: 2})
	if b := fp(map[string]map[string]int{"/e/a.csv": with, "/e/b.csv": without}, model.Source{File: "/e/a.csv", Line: 9}); a != b {
		t.Error("the folder moved or the line changed: another fingerprint")
	}
	if b := fp(map[string]map[string]int{"/d/a.csv": with, "/d/b.csv": without}, model.Source{File: "/d/b.csv", Line: 2}); a == b {
		t.Error("the row moved to a file without the column: the same fingerprint")
	}
	if b := fp(map[string]map[string]int{"/d/a.csv": without, "/d/b.csv": without}, model.Source{File: "/d/a.csv", Line: 2}); a == b {
		t.Error("the column dropped: the same fingerprint")
	}
}
