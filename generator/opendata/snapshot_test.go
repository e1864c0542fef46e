package opendata

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"portal/generator/catalogue"
)

// A live table whose canonical CSV has the bytes of the previous release's
// copy (read at once, as the register is) takes the previous snapshot's
// rows instead of making its own (settle tells it by the sums), and
// the changes are what they would be without the shortcut: none for it,
// and a changed table's rows compared as ever.
func TestLiveSnapshotOfAnUnchangedTable(t *testing.T) {
	table := func(name string, rows [][]Cell) *Table {
		return &Table{Schema: catalogue.Schema{Name: name, Title: "表" + name, PrimaryKey: []string{"code", "year"},
			Fields: []catalogue.Field{{Name: "code", Title: "代码", Type: String}, {Name: "year", Title: "年度", Type: Integer}, {Name: "result", Title: "结果", Type: String}}},
			Len: len(rows), In: len(rows), Row: func(i int, row []Cell) { copy(row, rows[i]) }}
	}
	csvOf := func(tb *Table) []byte {
		var b []byte
		out := &output{format: catalogue.FormatCSV, emit: func(p []byte) error { b = append(b, p...); return nil }}
		if err := encode(tb, []*output{out}, nil); err != nil {
			t.Fatal(err)
		}
		return b
	}
	sum := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	rows := [][]Cell{{Str("A1"), Int(2024), Str("合格")}, {Str("B2"), Int(2024), Str("不合格")}, {Str("A1"), Int(2025), Str("无业务")}}
	edited := [][]Cell{rows[0], {Str("B2"), Int(2024), Str("合格")}, rows[2]}
	old := &Snapshot{Version: "2026-11-20", tables: map[string]*snapTable{}}
	files := fstest.MapFS{}
	for _, name := range []string{"annual-checks", "grades"} {
		b := csvOf(table(name, rows))
		files[name+".csv"] = &fstest.MapFile{Data: b}
		st := &snapTable{name: name, title: "表" + name, titles: map[string]string{}, types: map[string]string{}, rows: map[string]string{}}
		if err := st.read(files, name+".csv", nil, []string{"code", "year"}); err != nil {
			t.Fatal(err)
		}
		if st.sum != sum(b) {
			t.Fatalf("%s read with the sum %q, its bytes' is %q", name, st.sum, sum(b))
		}
		old.tables[name] = st
	}
	live := []*Table{table("annual-checks", rows), table("grades", edited)}
	sums := map[string]string{}
	for _, tb := range live {
		sums[tb.Name] = sum(csvOf(tb))
	}
	same, err := old.settle(func(name string) string { return sums[name] })
	if err != nil {
		t.Fatal(err)
	}
	fast := liveSnapshot(live, "", old, same)
	slow := liveSnapshot(live, "", old, nil)
	if fast.tables["annual-checks"].sum == "" || fast.tables["grades"].sum != "" {
		t.Errorf("the shortcut was taken for the wrong tables: unchanged %q, edited %q", fast.tables["annual-checks"].sum, fast.tables["grades"].sum)
	}
	for _, name := range []string{"annual-checks", "grades"} {
		f, s := *fast.tables[name], *slow.tables[name]
		f.sum, s.sum = "", ""
		if !reflect.DeepEqual(f, s) {
			t.Errorf("%s: the snapshot taken over differs from the one made:\n%+v\n%+v", name, f, s)
		}
	}
	var changed []int
	for _, name := range []string{"annual-checks", "grades"} {
		a, b := diffRows(old.table(name), fast.table(name)), diffRows(old.table(name), slow.table(name))
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: the changes differ with the shortcut:\n%+v\n%+v", name, a, b)
		}
		changed = append(changed, a.Added+a.Removed+a.Changed)
	}
	if changed[0] != 0 || changed[1] != 1 {
		t.Errorf("rows changed %v: want none in annual-checks, one in grades", changed)
	}
}

// The tables ReadPrevious leaves for later are read when the changes are
// listed, but for those whose file has the live table's bytes: those are
// not parsed at all (here, bytes no CSV reader takes), and have no
// changes; a later table that differs is read, and a damaged one is an
// error naming its file.
func TestSettleReadsOnlyTheTablesThatDiffer(t *testing.T) {
	unparsable := []byte("code,year\n\"91")
	checks := []byte("code,year,result\r\nA1,2024,合格\r\n")
	sum := func(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }
	files := fstest.MapFS{"grades.csv": {Data: unparsable}, "annual-checks.csv": {Data: checks}, "abnormal.csv": {Data: unparsable}}
	job := func(name string, key ...string) *snapJob {
		return &snapJob{t: &snapTable{name: name, title: "表", titles: map[string]string{}, types: map[string]string{}, rows: map[string]string{}},
			fsys: files, path: name + ".csv", key: key}
	}
	live := map[string]string{"grades": sum(unparsable), "annual-checks": "another", "abnormal": sum(unparsable)}
	s := &Snapshot{tables: map[string]*snapTable{}, later: []*snapJob{job("grades", "code", "year"), job("annual-checks", "code", "year")}}
	same, err := s.settle(func(name string) string { return live[name] })
	if err != nil {
		t.Fatal(err)
	}
	if !same["grades"] || same["annual-checks"] {
		t.Errorf("same %v: want grades only", same)
	}
	if c := s.table("annual-checks"); c == nil || len(c.rows) != 1 {
		t.Errorf("the table that differs was not read: %+v", c)
	}
	snap := liveSnapshot([]*Table{{Schema: catalogue.Schema{Name: "grades", Title: "信用等级"}}}, "", s, same)
	if tc := diffRows(s.table("grades"), snap.table("grades")); tc.Added+tc.Removed+tc.Changed != 0 || tc.Title != "信用等级" || tc.Rows == nil {
		t.Errorf("an unchanged table's changes: %+v", tc)
	}
	// the same bytes, but the previous release named another column as
	// what identifies a row: not compared, as reading it would have said
	s = &Snapshot{tables: map[string]*snapTable{}, later: []*snapJob{job("grades", "code", "listed_on")}}
	if same, err := s.settle(func(name string) string { return live[name] }); err != nil || same["grades"] || s.table("grades") != nil {
		t.Errorf("a table without its key columns: same %v, table %+v, err %v", same, s.table("grades"), err)
	}
	live["abnormal"] = "edited"
	s = &Snapshot{tables: map[string]*snapTable{}, later: []*snapJob{job("abnormal", "code", "year")}}
	if _, err := s.settle(func(name string) string { return live[name] }); err == nil || !strings.Contains(err.Error(), "abnormal.csv") {
		t.Errorf("a damaged table that differs: err = %v", err)
	}
}
