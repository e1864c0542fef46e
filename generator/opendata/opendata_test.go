package opendata_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"portal/generator/catalogue"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"portal/generator"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/opendata"
	"portal/generator/verify"
	"portal/internal/testsite"
)

const root = "../.."

var asOf = model.MakeDate(2026, 11, 21)

// buildFrom builds the site whose inputs are in dir into out, listing the
// changes since the release in previous ("": the one in out).
func buildFrom(dir, out, previous string, d model.Date) (*generator.Result, error) {
	res, _, err := generator.Build(context.Background(), generator.BuildConfig{
		Config:    generator.Config{Data: load.OSDir(filepath.Join(dir, "data")), Content: load.OSDir(filepath.Join(dir, "content")), AsOf: d},
		Templates: os.DirFS(filepath.Join(root, "templates")), Out: out, Previous: previous,
	})
	return res, err
}

// build builds the site whose inputs are in dir into out.
func build(t *testing.T, dir, out string, d model.Date) *generator.Result {
	t.Helper()
	res, err := buildFrom(dir, out, "", d)
	if err != nil {
		if res != nil {
			t.Log(res.Diags.Format(20))
		}
		t.Fatal(err)
	}
	return res
}

func tricky(t *testing.T) (out string, res *generator.Result) {
	t.Helper()
	dir, out := trickySite(t)
	return out, build(t, dir, out, asOf)
}

// trickySite extracts the tricky-values site into a temporary dir and
// builds it into out, as of each date of releases in turn.
func trickySite(t *testing.T, releases ...model.Date) (dir, out string) {
	t.Helper()
	dir, _, _ = testsite.Extract(t, filepath.Join(root, "testdata/opendata/tricky-values.txtar"))
	out = filepath.Join(dir, "public")
	for _, d := range releases {
		build(t, dir, out, d)
	}
	return dir, out
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(b, []byte("\uFEFF")) && !strings.HasSuffix(path, ".excel.csv") {
		t.Fatalf("%s: canonical CSV has a BOM", path)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func readJSON(t *testing.T, path string, lines bool) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if !lines {
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return out
	}
	for i, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		out = append(out, m)
	}
	return out
}

// column returns the values of the named column (header row excluded).
func column(t *testing.T, recs [][]string, name string) []string {
	t.Helper()
	j := slices.Index(recs[0], name)
	if j < 0 {
		t.Fatalf("no column %q in %v", name, recs[0])
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, r[j])
	}
	return out
}

// Every dataset read back from its canonical CSV holds the model's values,
// exactly, in input order — quotes, commas, line breaks and all.
func TestCSVRoundTrip(t *testing.T) {
	out, res := tricky(t)
	data := filepath.Join(out, "data")
	ds, reg := res.Register.Data, res.Register

	decs := readCSV(t, filepath.Join(data, "decisions.csv"))
	if len(decs)-1 != len(ds.Decisions) {
		t.Fatalf("decisions: %d rows, input has %d", len(decs)-1, len(ds.Decisions))
	}
	for name, get := range map[string]func(d *model.Decision) string{
		"code": func(d *model.Decision) string { return d.Code }, "name": func(d *model.Decision) string { return d.Name },
		"address": func(d *model.Decision) string { return d.Address }, "type": func(d *model.Decision) string { return d.Type.String() },
		"changes": func(d *model.Decision) string { return d.Changes }, "decided_on": func(d *model.Decision) string { return d.DecidedOn.String() },
		"valid_to": func(d *model.Decision) string { return d.ValidTo.String() }, "doc_no": func(d *model.Decision) string { return d.DocNo },
		"note": func(d *model.Decision) string { return d.Note }, "parent_code": func(d *model.Decision) string { return d.ParentCode },
		"published_on": func(d *model.Decision) string { return d.PublishedOn.String() },
	} {
		for i, got := range column(t, decs, name) {
			if want := get(ds.Decisions[i]); got != want {
				t.Errorf("decisions row %d %s = %q, want %q", i+1, name, got, want)
			}
		}
	}
	if got := column(t, decs, "note")[0]; got != `=HYPERLINK("http://evil.example/","点击")` {
		t.Errorf("canonical CSV must keep values exactly, got note %q", got)
	}

	regRecs := readCSV(t, filepath.Join(data, "register.csv"))
	if len(regRecs)-1 != len(reg.Agencies) {
		t.Fatalf("register: %d rows for %d agencies", len(regRecs)-1, len(reg.Agencies))
	}
	codes, names, statuses := column(t, regRecs, "code"), column(t, regRecs, "name"), column(t, regRecs, "status")
	former := column(t, regRecs, "former_names")
	for i, a := range reg.Agencies {
		if codes[i] != a.Code || names[i] != a.Name || statuses[i] != a.Status.String() {
			t.Errorf("register row %d = %s %s %s, want %s %s %s", i+1, codes[i], names[i], statuses[i], a.Code, a.Name, a.Status)
		}
		var fn []string
		if former[i] != "" {
			if err := json.Unmarshal([]byte(former[i]), &fn); err != nil {
				t.Errorf("former_names %q: %v", former[i], err)
			}
		}
		if len(fn) != len(a.FormerNames) {
			t.Errorf("%s: former names %v, want %d", a.Code, fn, len(a.FormerNames))
		}
	}
	if a := reg.Agency("91440106MA5C00010W"); a.Name != `广州市"丙"人力资源有限公司` || len(a.FormerNames) != 1 {
		t.Fatalf("test data: the renamed agency is %q %v", a.Name, a.FormerNames)
	}

	for file, want := range map[string]int{"annual-checks.csv": len(ds.Checks), "grades.csv": len(ds.Grades), "abnormal.csv": len(ds.Listings),
		"regions.csv": len(ds.Regions), "policies.csv": len(res.Content.Policies), "faq.csv": len(res.Content.FAQs)} {
		if got := len(readCSV(t, filepath.Join(data, file))) - 1; got != want {
			t.Errorf("%s: %d rows, input has %d", file, got, want)
		}
	}
	checks := readCSV(t, filepath.Join(data, "annual-checks.csv"))
	for i, c := range ds.Checks {
		if y := column(t, checks, "year")[i]; y != strconv.Itoa(c.Year) || column(t, checks, "fail_reasons")[i] != c.FailReasons || column(t, checks, "result")[i] != c.Result.String() {
			t.Errorf("annual-checks row %d differs from the input", i+1)
		}
	}
	ls := readCSV(t, filepath.Join(data, "abnormal.csv"))
	if got := column(t, ls, "current"); !slices.Equal(got, []string{"true", "false"}) {
		t.Errorf("abnormal current = %v", got)
	}
	faq := readCSV(t, filepath.Join(data, "faq.csv"))
	if q := column(t, faq, "question")[0]; q != `怎样查询"许可"是否有效？` {
		t.Errorf("faq question = %q", q)
	}
	pol := readCSV(t, filepath.Join(data, "policies.csv"))
	if v := column(t, pol, "validity")[0]; v != "现行有效" {
		t.Errorf("policy validity = %q", v)
	}
}

// JSON and JSON Lines hold the same records as the canonical CSV, keys in
// schema order, typed: dates as strings, integers and numbers as numbers,
// booleans, arrays, and null for an empty value.
func TestJSONMatchesCSV(t *testing.T) {
	out, _ := tricky(t)
	data := filepath.Join(out, "data")
	pkg := readPackage(t, data)
	for _, r := range pkg.Resources {
		recs := readCSV(t, filepath.Join(data, r.Path))
		stem := strings.TrimSuffix(r.Path, ".csv")
		for _, lines := range []bool{false, true} {
			ext := map[bool]string{false: ".json", true: ".jsonl"}[lines]
			objs := readJSON(t, filepath.Join(data, stem+ext), lines)
			if len(objs) != len(recs)-1 {
				t.Fatalf("%s%s: %d records, CSV has %d", stem, ext, len(objs), len(recs)-1)
			}
			for i, o := range objs {
				for j, f := range r.Schema.Fields {
					if got, want := jsonAsCSV(t, o[f.Name], f.Type), recs[i+1][j]; got != want {
						t.Errorf("%s%s record %d %s = %q, CSV has %q", stem, ext, i+1, f.Name, got, want)
					}
				}
			}
		}
		raw, _ := os.ReadFile(filepath.Join(data, stem+".json"))
		var first []json.RawMessage
		json.Unmarshal(raw, &first)
		if len(first) > 0 {
			keys := keyOrder(t, first[0])
			var names []string
			for _, f := range r.Schema.Fields {
				names = append(names, f.Name)
			}
			if !slices.Equal(keys, names) {
				t.Errorf("%s.json keys %v, want schema order %v", stem, keys, names)
			}
		}
	}
}

func jsonAsCSV(t *testing.T, v any, typ string) string {
	t.Helper()
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		if len(x) == 0 {
			return ""
		}
		b, _ := json.Marshal(x)
		var buf bytes.Buffer
		json.Compact(&buf, b)
		return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(buf.String())
	}
	t.Fatalf("unexpected JSON value %#v for a %s", v, typ)
	return ""
}

func keyOrder(t *testing.T, obj json.RawMessage) []string {
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.Token()
	var keys []string
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var skip json.RawMessage
		dec.Decode(&skip)
	}
	return keys
}

// The Excel copy has a BOM and Chinese headers, and no cell that a
// spreadsheet would run as a formula; otherwise it holds the CSV's values.
func TestExcelCopyIsSafe(t *testing.T) {
	out, _ := tricky(t)
	data := filepath.Join(out, "data")
	pkg := readPackage(t, data)
	prefixed := 0
	for _, r := range pkg.Resources {
		stem := strings.TrimSuffix(r.Path, ".csv")
		raw, err := os.ReadFile(filepath.Join(data, stem+".excel.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
			t.Errorf("%s.excel.csv has no UTF-8 BOM", stem)
		}
		xl := readCSV(t, filepath.Join(data, stem+".excel.csv"))
		canon := readCSV(t, filepath.Join(data, r.Path))
		for j, f := range r.Schema.Fields {
			if xl[0][j] != f.Title {
				t.Errorf("%s.excel.csv header %d = %q, want the title %q", stem, j+1, xl[0][j], f.Title)
			}
		}
		for i := 1; i < len(xl); i++ {
			for j, cell := range xl[i] {
				if cell != "" && strings.ContainsRune(opendata.FormulaTriggers, rune(cell[0])) {
					t.Errorf("%s.excel.csv row %d col %d %q starts a formula", stem, i, j+1, cell)
				}
				want := canon[i][j]
				if r.Schema.Fields[j].Type == "array" && want != "" {
					var l []string
					json.Unmarshal([]byte(want), &l)
					want = strings.Join(l, catalogue.ListSep)
				}
				if cell != want {
					if cell != "'"+want {
						t.Errorf("%s.excel.csv row %d col %d = %q, canonical %q", stem, i, j+1, cell, want)
					}
					prefixed++
				}
			}
		}
	}
	if prefixed < 5 { // =HYPERLINK, @SUM, +备注, -减号, the "-" reason
		t.Errorf("only %d cells were made safe; the test data has at least 5 formula-like cells", prefixed)
	}
}

type pkgFile struct {
	Resources []struct {
		Name, Path, Hash string
		Bytes            int64
		Schema           struct {
			Fields []struct{ Name, Title, Type string }
		}
	}
}

func readPackage(t *testing.T, data string) pkgFile {
	t.Helper()
	var p pkgFile
	b, err := os.ReadFile(filepath.Join(data, "datapackage.json"))
	if err == nil {
		err = json.Unmarshal(b, &p)
	}
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// datapackage.json validates against the official Data Package 2.0 profile,
// and every CSV against its own Table Schema (types, enums, patterns, keys,
// foreign keys, bytes and hash).
func TestDataPackageValid(t *testing.T) {
	out, _ := tricky(t)
	data := filepath.Join(out, "data")
	validateProfile(t, filepath.Join(data, "datapackage.json"))
	for _, err := range verify.Package(data) {
		t.Error(err)
	}
	raw, _ := os.ReadFile(filepath.Join(data, "datapackage.json"))
	if !bytes.Contains(raw, []byte(`"$schema": "https://datapackage.org/profiles/2.0/datapackage.json"`)) {
		t.Error("datapackage.json does not declare the 2.0 profile")
	}
}

func regexp2Engine(s string) (jsonschema.Regexp, error) {
	re, err := regexp2.Compile(s, regexp2.ECMAScript)
	if err != nil {
		return nil, err
	}
	return regexp2Regexp{re}, nil
}

type regexp2Regexp struct{ re *regexp2.Regexp }

func (r regexp2Regexp) MatchString(s string) bool {
	ok, err := r.re.MatchString(s)
	return err == nil && ok
}

func (r regexp2Regexp) String() string { return r.re.String() }

func validateProfile(t *testing.T, path string) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(regexp2Engine) // the profile's patterns use look-ahead, which Go's regexp lacks
	profile := filepath.Join(root, "testdata/frictionless-2.0/datapackage.json")
	sch, err := c.Compile(profile)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("datapackage.json does not validate against the Data Package 2.0 profile: %v", err)
	}
	// the profile must be able to say no, down to a field's type
	if err := sch.Validate(map[string]any{"resources": "not a list"}); err == nil {
		t.Error("the profile accepted a broken descriptor")
	}
	field := doc.(map[string]any)["resources"].([]any)[0].(map[string]any)["schema"].(map[string]any)["fields"].([]any)[0].(map[string]any)
	field["type"] = "text"
	if err := sch.Validate(doc); err == nil {
		t.Error("the profile accepted a field of type \"text\"")
	}
}

// The project's validator finds what a broken release would hold.
func TestValidateFindsErrors(t *testing.T) {
	out, _ := tricky(t)
	data := filepath.Join(out, "data")
	path := filepath.Join(data, "annual-checks.csv")
	recs := readCSV(t, path)
	recs[1][4] = "优秀"                          // result not in the enum
	recs[2][1] = "91440000MA5X99999X"          // no such agency
	recs = append(recs, slices.Clone(recs[1])) // duplicate primary key
	recs[3][0] = "二〇二三"                        // not an integer
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(recs)
	os.WriteFile(path, b.Bytes(), 0o644)
	var msgs []string
	for _, err := range verify.Package(data) {
		msgs = append(msgs, err.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"annual-checks.csv: ", // size and hash no longer match
		`annual-checks.csv:2:5: field "result" "优秀": not one of 合格 不合格 无业务`,
		`annual-checks.csv:3:2: field "code" "91440000MA5X99999X": no register row has this code (foreign key)`,
		`annual-checks.csv:4:1: field "year" "二〇二三": not an integer`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("Validate missed %q; it said:\n%s", want, all)
		}
	}
}

// SHA256SUMS covers every other file under /data/ (but the precompressed
// copies of the files it lists) and sha256sum accepts it.
func TestSHA256SUMS(t *testing.T) {
	out, _ := tricky(t)
	data := filepath.Join(out, "data")
	sums, err := os.ReadFile(filepath.Join(data, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		_, name, ok := strings.Cut(l, "  ")
		if !ok {
			t.Fatalf("bad line %q", l)
		}
		listed[name] = true
	}
	filepath.WalkDir(data, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(data, p)
			rel = filepath.ToSlash(rel)
			if ext := filepath.Ext(rel); (ext == ".gz" || ext == ".br") && listed[strings.TrimSuffix(rel, ext)] {
				return nil // a precompressed copy, which verify-data checks against its file
			}
			if rel != "SHA256SUMS" && !listed[rel] {
				t.Errorf("%s is not in SHA256SUMS", rel)
			}
		}
		return nil
	})
	for _, want := range []string{"register.csv", "datapackage.json", "changes.json", "index.html", "changes/index.html"} {
		if !listed[want] {
			t.Errorf("SHA256SUMS lacks %s", want)
		}
	}
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Skip("sha256sum not installed")
	}
	cmd := exec.Command("sha256sum", "--strict", "-c", "SHA256SUMS")
	cmd.Dir = data
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sha256sum -c: %v\n%s", err, b)
	}
	os.WriteFile(filepath.Join(data, "faq.csv"), []byte("tampered"), 0o644)
	cmd = exec.Command("sha256sum", "-c", "SHA256SUMS")
	cmd.Dir = data
	if err := cmd.Run(); err == nil {
		t.Error("sha256sum -c passed after a file was changed")
	}
}

// Two builds of the same inputs give the same bytes, and so does a rebuild
// into the same output (which reads the previous release for its changes).
func TestDeterministic(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata/opendata/tricky-values.txtar"))
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	build(t, dir, a, asOf)
	build(t, dir, b, asOf)
	snapA := testsite.ReadTree(t, a)
	if d := diffTrees(snapA, testsite.ReadTree(t, b)); d != "" {
		t.Errorf("two builds differ: %s", d)
	}
	build(t, dir, a, asOf)
	if d := diffTrees(snapA, testsite.ReadTree(t, a)); d != "" {
		t.Errorf("a rebuild into the same output differs: %s", d)
	}
}

func diffTrees(a, b map[string]string) string {
	for k, v := range a {
		if w, ok := b[k]; !ok {
			return k + " missing"
		} else if v != w {
			return k + " differs"
		}
	}
	if len(a) != len(b) {
		return fmt.Sprintf("%d files against %d", len(a), len(b))
	}
	return ""
}

// A release lists exactly what changed since the previous one: here an
// agency added, one revoked and one renamed.
func TestChangesSincePreviousRelease(t *testing.T) {
	dir, out := trickySite(t, model.MakeDate(2026, 11, 1))

	lic := filepath.Join(dir, "data/licences.csv")
	b, _ := os.ReadFile(lic)
	b = append(b, []byte(strings.Join([]string{
		// added
		"佛山市新人力资源有限公司,91440604MA5E000402,孙七,佛山市禅城区季华路4号,200,440604202600004,新许可,,2026-11-10,2026-11-10,2029-11-09,佛山市禅城区人力资源和社会保障局,440106,2026-11-12,,,",
		// renamed (and nothing else changed)
		`广州市丁人力资源有限公司黄埔分公司,91440112MA5G000602,郑十,广州市黄埔区开发大道7号,,440106202200001,变更,名称,2026-11-05,,,广州市黄埔区人力资源和社会保障局,440112,2026-11-06,,,`,
		// revoked
		`"广州市""丙""人力资源有限公司",91440106MA5C00010W,李四,广州市天河区天河路1号,300.5,440106202200001,撤销,,2026-11-15,,,广州市天河区人力资源和社会保障局,440106,2026-11-16,,,`,
	}, "\n")+"\n")...)
	os.WriteFile(lic, b, 0o644)
	build(t, dir, out, asOf)

	var ch catalogue.Changes
	raw, _ := os.ReadFile(filepath.Join(out, "data/changes.json"))
	if err := json.Unmarshal(raw, &ch); err != nil {
		t.Fatal(err)
	}
	if ch.Version != "2026-11-21" || ch.Previous() != "2026-11-01" {
		t.Errorf("version %s previous %s", ch.Version, ch.Previous())
	}
	want := catalogue.Changes{
		Added:         []catalogue.AgencyRef{{Code: "91440604MA5E000402", Name: "佛山市新人力资源有限公司", Status: "有效"}},
		StatusChanges: []catalogue.Change{{Code: "91440106MA5C00010W", Name: `广州市"丙"人力资源有限公司`, From: "有效", To: "已撤销"}},
		Renames:       []catalogue.Change{{Code: "91440112MA5G000602", Name: "广州市丁人力资源有限公司黄埔分公司", From: "广州市丙人力资源有限公司黄埔分公司", To: "广州市丁人力资源有限公司黄埔分公司"}},
	}
	if !slices.Equal(ch.Added, want.Added) || !slices.Equal(ch.StatusChanges, want.StatusChanges) || !slices.Equal(ch.Renames, want.Renames) ||
		len(ch.Removed) != 0 || len(ch.LicenceChanges) != 0 {
		t.Errorf("changes.json = %s", raw)
	}
	var rel []catalogue.Release
	raw, _ = os.ReadFile(filepath.Join(out, "data/releases.json"))
	json.Unmarshal(raw, &rel)
	if len(rel) != 2 || rel[0].Version != "2026-11-21" || rel[1].Version != "2026-11-01" || rel[0].Added != 1 || rel[0].StatusChanges != 1 || rel[0].Renames != 1 {
		t.Errorf("releases.json = %s", raw)
	}
	page, _ := os.ReadFile(filepath.Join(out, "data/changes/index.html"))
	for _, s := range []string{"佛山市新人力资源有限公司", "有效</td><td>已撤销", "广州市丙人力资源有限公司黄埔分公司</td><td>广州市丁人力资源有限公司黄埔分公司", "2026-11-01"} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("/data/changes/ lacks %q", s)
		}
	}
	feed, _ := os.ReadFile(filepath.Join(out, "data/changes.xml"))
	var f struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(feed, &f); err != nil || len(f.Entries) != 2 || !strings.Contains(f.Entries[0].Title, "新增 1 家") {
		t.Errorf("changes.xml: %v %+v", err, f)
	}

	// --previous compares with another release; a damaged one is an error
	other := filepath.Join(dir, "other")
	if _, err := buildFrom(dir, other, out, asOf); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "data/register.csv"), []byte("code,name\n\"91"), 0o644)
	if _, err := buildFrom(dir, out, "", asOf); err == nil || !strings.Contains(err.Error(), "register.csv") {
		t.Errorf("a damaged previous release: err = %v", err)
	}
}

// Each agency's index.json holds its full record and history.
func TestAgencyJSON(t *testing.T) {
	out, res := tricky(t)
	for _, a := range res.Register.Agencies {
		raw, err := os.ReadFile(filepath.Join(out, "agencies", a.Code, "index.json"))
		if err != nil {
			t.Fatal(err)
		}
		var rec struct {
			AsOf        string `json:"as_of"`
			Code, Name  string
			Status      string
			NameHistory []struct{ Name, Until string } `json:"name_history"`
			Decisions   []map[string]any
			Checks      []map[string]any `json:"annual_checks"`
			Grades      []map[string]any
			Abnormal    []map[string]any `json:"abnormal_listings"`
			Branches    []string
		}
		if err := json.Unmarshal(raw, &rec); err != nil {
			t.Fatalf("%s: %v", a.Code, err)
		}
		if rec.AsOf != "2026-11-21" || rec.Code != a.Code || rec.Name != a.Name || rec.Status != a.Status.String() ||
			len(rec.Decisions) != len(a.Decisions) || len(rec.Checks) != len(a.Checks) || len(rec.Grades) != len(a.Grades) ||
			len(rec.Abnormal) != len(a.Listings) || len(rec.NameHistory) != len(a.FormerNames) || len(rec.Branches) != len(a.Branches) {
			t.Errorf("%s: index.json does not match the register: %s", a.Code, raw)
		}
		for i, d := range rec.Decisions {
			if d["type"] != a.Decisions[i].Type.String() || d["decided_on"] != a.Decisions[i].DecidedOn.String() {
				t.Errorf("%s decision %d = %v", a.Code, i, d)
			}
		}
	}
}

// The catalogue page lists every dataset with its row count, files, sizes,
// hashes and dictionary, and carries Dataset JSON-LD for each.
func TestCataloguePage(t *testing.T) {
	out, _ := tricky(t)
	page, err := os.ReadFile(filepath.Join(out, "data/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	pkg := readPackage(t, filepath.Join(out, "data"))
	for _, r := range pkg.Resources {
		for _, want := range []string{`id="` + r.Name + `"`, r.Path, strings.TrimPrefix(r.Hash, "sha256:"), r.Schema.Fields[0].Title} {
			if !strings.Contains(s, want) {
				t.Errorf("/data/ lacks %q for %s", want, r.Name)
			}
		}
	}
	lds := strings.Count(s, `"@type":"Dataset"`)
	if lds != len(pkg.Resources) || !strings.Contains(s, `"@type":"DataCatalog"`) || !strings.Contains(s, `"temporalCoverage":"2021-01-04/2026-11-21"`) {
		t.Errorf("/data/ JSON-LD: %d Dataset objects for %d resources", lds, len(pkg.Resources))
	}
	if !strings.Contains(s, "sha256sum -c --ignore-missing SHA256SUMS") || !strings.Contains(s, "https://rsj.example.gov.cn/ldpq/data/register.csv") {
		t.Error("/data/ lacks the download commands")
	}
}

// verify-data reads only regular files inside the directory it checks:
// SHA256SUMS lines naming ../, an absolute path, a device or a symlink out
// are reported, never read (today ../../dev/zero would read forever), and
// a file larger than datapackage.json says is not read past that size.
func TestVerifyReadsOnlyTheRelease(t *testing.T) {
	out, _ := tricky(t)
	data := filepath.Join(out, "data")
	outside := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(outside, []byte("not part of the release"), 0o644)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(outside, filepath.Join(data, "link-out.csv")))
	must(os.Symlink("/dev/zero", filepath.Join(data, "zero.csv")))
	zeros := strings.Repeat("0", 64)
	f, err := os.OpenFile(filepath.Join(data, "SHA256SUMS"), os.O_APPEND|os.O_WRONLY, 0)
	must(err)
	for _, name := range []string{"../../../../../../dev/zero", "/dev/zero", "link-out.csv", "zero.csv"} {
		fmt.Fprintf(f, "%s  %s\n", zeros, name)
	}
	f.Close()
	// a resource that grew: read no further than the size datapackage.json gives
	reg := filepath.Join(data, "register.csv")
	g, err := os.OpenFile(reg, os.O_APPEND|os.O_WRONLY, 0)
	must(err)
	g.Write(bytes.Repeat([]byte("x"), 1<<20))
	g.Close()

	done := make(chan []error, 1)
	go func() { done <- append(verify.Sums(data), verify.Package(data)...) }()
	var errs []error
	select {
	case errs = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("verify-data did not finish: it is reading something it must not")
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"../../../../../../dev/zero: not a path inside",
		"/dev/zero: not a path inside",
		"link-out.csv", // outside the root
		"zero.csv: not a regular file",
		"register.csv: larger than",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in\n%s", want, all)
		}
	}
	if strings.Contains(all, "not part of the release") {
		t.Error("read a file outside the release")
	}
}

// changes.json lists every published value of an agency that changed, not
// only its status, name and licence number: an address changed by a 变更,
// a new 经营异常 listing and a new grade each appear, counted by field, on
// /data/changes/ and in the release's summary (issue 17).
func TestChangesListEveryField(t *testing.T) {
	dir, out := trickySite(t, model.MakeDate(2026, 11, 1))
	appendTo := func(name, text string) {
		p := filepath.Join(dir, "data", name)
		b, _ := os.ReadFile(p)
		os.WriteFile(p, append(b, text...), 0o644)
	}
	appendTo("licences.csv", "广州市丙人力资源有限公司黄埔分公司,91440112MA5G000602,郑十,广州市黄埔区开发大道9号,,440106202200001,变更,住所,2026-11-05,,,广州市黄埔区人力资源和社会保障局,440112,2026-11-06,,,\n")
	appendTo("abnormal.csv", "91440106MA5C00010W,\"广州市\"\"丙\"\"人力资源有限公司\",2026-11-10,通过登记的住所无法联系,广州市天河区市场监督管理局,,\n")
	appendTo("grades.csv", "2026,\"广州市\"\"丙\"\"人力资源有限公司\",91440106MA5C00010W,B,广州市人力资源和社会保障局,2027-12-31\n")
	checks := filepath.Join(dir, "data/annual-checks.csv")
	b, _ := os.ReadFile(checks)
	os.WriteFile(checks, bytes.Replace(b, []byte(`不合格,"违规经营,弄虚作假"`), []byte("合格,"), 1), 0o644)
	build(t, dir, out, asOf)

	var ch catalogue.Changes
	raw, _ := os.ReadFile(filepath.Join(out, "data/changes.json"))
	if err := json.Unmarshal(raw, &ch); err != nil {
		t.Fatal(err)
	}
	got := map[string]catalogue.FieldChange{}
	for _, f := range ch.FieldChanges {
		got[f.Code+" "+f.Field] = f
	}
	for key, want := range map[string][2]string{
		"91440112MA5G000602 address":  {"广州市黄埔区开发大道7号", "广州市黄埔区开发大道9号"},
		"91440106MA5C00010W abnormal": {"否", "是"},
		"91440106MA5C00010W grade":    {"A", "B"},
	} {
		if f, ok := got[key]; !ok || f.From != want[0] || f.To != want[1] {
			t.Errorf("%s: %+v, want %s → %s\n%s", key, f, want[0], want[1], raw)
		}
	}
	counted := map[string]int{}
	for _, c := range ch.FieldCounts {
		counted[c.Field] = c.Count
	}
	if counted["address"] != 1 || counted["abnormal"] != 1 || counted["grade"] != 1 {
		t.Errorf("field_counts = %+v", ch.FieldCounts)
	}
	var rel []catalogue.Release
	raw, _ = os.ReadFile(filepath.Join(out, "data/releases.json"))
	json.Unmarshal(raw, &rel)
	if len(rel) != 2 || rel[0].FieldChanges != len(ch.FieldChanges) {
		t.Errorf("releases.json = %s", raw)
	}
	// the rows of the other tables: a grade and a listing added, a check changed
	rows := map[string]catalogue.TableChange{}
	for _, tc := range ch.TableChanges {
		rows[tc.Table] = tc
	}
	if g := rows["grades"]; g.Added != 1 || g.Removed+g.Changed != 0 || len(g.Rows) != 1 || g.Rows[0].Key["year"] != "2026" || g.Rows[0].Code != "91440106MA5C00010W" {
		t.Errorf("grades: %+v", g)
	}
	if a := rows["abnormal"]; a.Added != 1 || a.Removed+a.Changed != 0 || a.Rows[0].Key["listed_on"] != "2026-11-10" {
		t.Errorf("abnormal: %+v", a)
	}
	c := rows["annual-checks"]
	if c.Changed != 1 || c.Added+c.Removed != 0 || c.Rows[0].Code != "91440304MA5D00030Y" || c.Rows[0].Key["year"] != "2022" {
		t.Fatalf("annual-checks: %+v", c)
	}
	if f := c.Rows[0].Fields; len(f) != 2 || f[0].Field != "result" || f[0].From != "不合格" || f[0].To != "合格" || f[1].Field != "fail_reasons" {
		t.Errorf("annual-checks fields: %+v", f)
	}
	if rel[0].RowChanges != 3 {
		t.Errorf("releases.json row_changes = %d, want 3", rel[0].RowChanges)
	}
	page, _ := os.ReadFile(filepath.Join(out, "data/changes/index.html"))
	for _, s := range []string{"其他信息变化", "<td>住所</td><td>广州市黄埔区开发大道7号</td><td>广州市黄埔区开发大道9号</td>", "列入经营异常名录 1 家",
		"年度经营情况报告核验结果：新增 0 条，删除 0 条，变更 1 条", "核验结果：不合格 → 合格"} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("/data/changes/ lacks %q", s)
		}
	}
}

// Two builds of one day with other data are two releases, 2026-11-21 and
// 2026-11-21.2, both in releases.json; a rebuild of the same data is the
// same release (issue 17).
func TestTwoReleasesOneDay(t *testing.T) {
	dir, out := trickySite(t, asOf)
	lic := filepath.Join(dir, "data/licences.csv")
	b, _ := os.ReadFile(lic)
	os.WriteFile(lic, append(b, "佛山市新人力资源有限公司,91440604MA5E000402,孙七,佛山市禅城区季华路4号,200,440604202600004,新许可,,2026-11-10,2026-11-10,2029-11-09,佛山市禅城区人力资源和社会保障局,440106,2026-11-12,,,\n"...), 0o644)
	for range 2 { // the second build is a rebuild of the same data
		build(t, dir, out, asOf)
		var rel []catalogue.Release
		raw, _ := os.ReadFile(filepath.Join(out, "data/releases.json"))
		json.Unmarshal(raw, &rel)
		if len(rel) != 2 || rel[0].Version != "2026-11-21.2" || rel[1].Version != "2026-11-21" || rel[0].Added != 1 {
			t.Fatalf("releases.json = %s", raw)
		}
		var pkg struct{ Version string }
		raw, _ = os.ReadFile(filepath.Join(out, "data/datapackage.json"))
		json.Unmarshal(raw, &pkg)
		var ch catalogue.Changes
		raw, _ = os.ReadFile(filepath.Join(out, "data/changes.json"))
		json.Unmarshal(raw, &ch)
		if pkg.Version != "2026-11-21.2" || ch.Version != "2026-11-21.2" || ch.Previous() != "2026-11-21" || len(ch.Added) != 1 {
			t.Errorf("datapackage version %q, changes %s → %s, added %d", pkg.Version, ch.Previous(), ch.Version, len(ch.Added))
		}
	}
}
