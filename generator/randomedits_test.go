package generator

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"portal/generator/demodata"
	"portal/generator/diag"
	"portal/generator/load"
	"portal/generator/model"
	"portal/internal/testsite"
)

// A build that keeps what the last one made (the state beside the output)
// must publish what a build without that state writes over the same
// previous release, whatever was edited in between. The hand-picked edits
// of TestReuseMatchesFullBuild and TestPlainBuildKeepsUntouchedAgencies
// each test one thing the keeping depends on; here edits of every kind a
// bureau makes are drawn at random, several to a build and build after
// build, on a generated register with branches, revocations and lists:
// a head office revoked (its branches' verdicts change, not their rows),
// rows renamed, moved, deleted, a licence's end moved across the as-of
// date, a branch filed, results and grades changed, listings added and
// taken off, a region renamed, a content page edited, the as-of date
// moved on. An edit the check rejects is taken back, as a bureau would.
// Each seed is a different run; `go test -fuzz FuzzEditsMatchFreshBuild`
// draws more (with TMPDIR on tmpfs: the fuzzer's worker gives up on an
// input that runs past 10 s, and on a slow disk one may).
func FuzzEditsMatchFreshBuild(f *testing.F) {
	// 30: a head office renamed, which its branch's page shows; 111: a
	// branch's only row deleted, the agency with it; 207: a build of a
	// rejected edit, the output left as it was; 209: the preview's
	// build of a rejected edit, then of the edit undone
	for _, seed := range []uint64{1, 2, 3, 4, 30, 111, 207, 209} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		if testing.Short() {
			t.Skip("builds a site up to six times")
		}
		s := newEditSite(t, seed)
		for i := range 2 {
			var done []string
			for range 1 + s.pick(3) {
				done = append(done, s.edit())
			}
			what := strings.Join(done, "; ")
			if why := s.rejected(); why != "" {
				// a build of them fails and writes nothing; the preview
				// rebuilds on every save, the bad ones too: it must fail,
				// and build right once the edit is undone
				if s.pick(2) == 0 {
					before := testsite.ReadTree(t, s.cfg.Out)
					if _, _, err := Build(context.Background(), s.cfg); err == nil {
						t.Fatalf("build %d: built inputs the check rejects: %s (%s)", i+1, what, why)
					}
					sameFiles(t, testsite.ReadTree(t, s.cfg.Out), before, "the output before the failed build")
					what += ", a build failing"
				} else {
					if _, _, err := s.builder.Build(context.Background(), s.preview()); err == nil {
						t.Fatalf("build %d: the preview built inputs the check rejects: %s (%s)", i+1, what, why)
					}
					what += ", the preview's build failing"
				}
				t.Logf("build %d not made: %s (%s)", i+1, what, why)
				s.undo()
				continue
			}
			if s.pick(2) == 0 {
				t.Logf("build %d: %s", i+1, what)
				rebuildLikeFresh(t, s.cfg)
			} else {
				t.Logf("build %d, the preview's: %s", i+1, what)
				previewLikeFresh(t, &s.builder, s.preview())
			}
			s.commit()
		}
	})
}

// editSite is a generated site under edit: its data and content, the
// config that builds it, and the files as they were before the edits of
// the build to come.
type editSite struct {
	t         *testing.T
	rng       *rand.Rand
	dir       string
	cfg       BuildConfig
	saved     map[string][]byte // path → bytes before this round's edits
	savedAsOf model.Date
	// builder is the preview's, building into previewOut
	builder    Builder
	previewOut string
}

func newEditSite(t *testing.T, seed uint64) *editSite {
	t.Helper()
	dir := t.TempDir()
	if _, err := demodata.Write(filepath.Join(dir, "data"), demodata.Options{Agencies: 80, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	testsite.CopyDir(t, filepath.Join(root, "content"), filepath.Join(dir, "content"))
	// one precompressed copy: the carried siblings are tested, at less
	// than brotli's cost
	site := filepath.Join(dir, "content", "site.toml")
	b, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte(`precompress = ["gzip", "br"]`), []byte(`precompress = ["gzip"]`), 1)
	if err := os.WriteFile(site, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s := &editSite{t: t, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), dir: dir}
	s.cfg = BuildConfig{
		Config:    Config{Data: load.OSDir(filepath.Join(dir, "data")), Content: load.OSDir(filepath.Join(dir, "content")), AsOf: model.MakeDate(2026, 11, 21)},
		Templates: os.DirFS(filepath.Join(root, "templates")), Out: filepath.Join(dir, "public"),
		// a deleted row may be an agency's last: gone on purpose, as
		// with --allow-removals, its files must go too
		AllowRemovals: Allowance{Count: 8},
	}
	if _, _, err := Build(context.Background(), s.cfg); err != nil {
		t.Fatalf("the generated site does not build: %v", err)
	}
	s.previewOut = filepath.Join(dir, "preview")
	if _, _, err := s.builder.Build(context.Background(), s.preview()); err != nil {
		t.Fatalf("the generated site does not build in the preview: %v", err)
	}
	s.commit()
	return s
}

// preview is the config the preview's builds use.
func (s *editSite) preview() BuildConfig {
	c := s.cfg
	c.Out = s.previewOut
	return c
}

// rejected is the first error the check finds in the edited inputs, ""
// when there is none.
func (s *editSite) rejected() string {
	res, err := Check(context.Background(), s.cfg.Config)
	if res == nil {
		return err.Error()
	}
	for _, d := range res.Diags.Sorted() {
		if d.Severity == diag.Error {
			return fmt.Sprintf("%s:%d: %s %q: %s", filepath.Base(d.File), d.Line, d.Field, d.Value, d.Msg)
		}
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// commit makes the inputs as they are the ones undo goes back to.
func (s *editSite) commit() {
	s.saved = map[string][]byte{}
	s.savedAsOf = s.cfg.AsOf
}

// undo puts back every file this round's edits changed.
func (s *editSite) undo() {
	for p, b := range s.saved {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			s.t.Fatal(err)
		}
	}
	s.cfg.AsOf = s.savedAsOf
	s.commit()
}

// table is one CSV file of the site's data, read whole.
type table struct {
	path   string
	header []string
	rows   [][]string
}

func (s *editSite) read(name string) *table {
	s.t.Helper()
	p := filepath.Join(s.dir, "data", name)
	b, err := os.ReadFile(p)
	if err != nil {
		s.t.Fatal(err)
	}
	if _, ok := s.saved[p]; !ok {
		s.saved[p] = b
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	all, err := r.ReadAll()
	if err != nil || len(all) == 0 {
		s.t.Fatalf("%s: %v", p, err)
	}
	return &table{path: p, header: all[0], rows: all[1:]}
}

func (s *editSite) write(tb *table) {
	s.t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(tb.header)
	w.WriteAll(tb.rows)
	if err := os.WriteFile(tb.path, b.Bytes(), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// col is the index of the column c.
func (tb *table) col(c model.Column) int {
	i := slices.Index(tb.header, c.Title)
	if i < 0 {
		panic(fmt.Sprintf("%s has no column %q", tb.path, c.Title))
	}
	return i
}

// terminal says the 公示类型 written ends a licence.
func terminal(typ string) bool {
	return slices.ContainsFunc(model.DecisionTypes, func(t model.DecisionType) bool { return t.Terminal() && t.String() == typ })
}

// ending is the 公示类型 of a decision that ends a licence, at random.
func (s *editSite) ending() string {
	return []model.DecisionType{model.Cancellation, model.Revocation, model.Withdrawal}[s.pick(3)].String()
}

func (s *editSite) pick(n int) int { return s.rng.IntN(n) }

// date is a day near the as-of date: before it, on it, just after it, or
// weeks after it.
func (s *editSite) date() string {
	days := []int{-200, -30, -1, 0, 1, 20, 60}
	return s.cfg.AsOf.AddDays(days[s.pick(len(days))]).String()
}

// edit makes one random edit and says what it was.
func (s *editSite) edit() string {
	lic := s.read("licences.csv")
	name, code, typ := lic.col(model.ColName), lic.col(model.ColCode), lic.col(model.ColType)
	decided, published, to := lic.col(model.ColDecidedOn), lic.col(model.ColPublishedOn), lic.col(model.ColValidTo)
	parent, docNo, from := lic.col(model.ColParentCode), lic.col(model.ColDocNo), lic.col(model.ColValidFrom)
	// a third of the edits go to head offices with branches and to
	// branches: few agencies are either, and their pages show each other
	i := s.pick(len(lic.rows))
	if s.pick(3) == 0 {
		related := map[string]bool{}
		for _, x := range lic.rows {
			if x[parent] != "" {
				related[x[parent]], related[x[code]] = true, true
			}
		}
		var rows []int
		for j, x := range lic.rows {
			if related[x[code]] {
				rows = append(rows, j)
			}
		}
		if len(rows) > 0 {
			i = rows[s.pick(len(rows))]
		}
	}
	row := lic.rows[i]
	switch s.pick(13) {
	case 0, 1: // a licence ended: a head office's, whose branches then may not dispatch
		last := map[string]string{} // code → its latest decision or publication
		ended := map[string]bool{}  // code → its latest decision ends its licence
		for _, x := range lic.rows {
			if d := max(x[decided], x[published]); d >= last[x[code]] {
				last[x[code]] = d
				ended[x[code]] = terminal(x[typ])
			}
		}
		hasBranch := map[string]bool{}
		for _, x := range lic.rows {
			hasBranch[x[parent]] = true
		}
		var heads, withBranches []int
		for j, r := range lic.rows {
			if r[parent] == "" && !ended[r[code]] && last[r[code]] <= s.cfg.AsOf.String() {
				heads = append(heads, j)
				if hasBranch[r[code]] {
					withBranches = append(withBranches, j)
				}
			}
		}
		if len(withBranches) > 0 && s.pick(2) == 0 {
			heads = withBranches // few have branches; their pages depend on the head's
		}
		if len(heads) == 0 {
			return "no licence to end"
		}
		r := slices.Clone(lic.rows[heads[s.pick(len(heads))]])
		r[typ] = s.ending()
		r[decided] = max(last[r[code]], s.cfg.AsOf.AddDays(-s.pick(60)).String())
		r[published], r[from], r[to] = r[decided], "", ""
		r[docNo] += "补"
		lic.rows = append(lic.rows, r)
		s.write(lic)
		return fmt.Sprintf("%s %s on %s", r[typ], r[code], r[decided])
	case 2:
		if s.pick(2) == 0 {
			row[name] = strings.Replace(row[name], "有限公司", "服务有限公司", 1)
			s.write(lic)
			return fmt.Sprintf("licences.csv row %d renamed", i+2)
		}
		// an agency renamed by a 变更 after its latest decision: a head
		// office's new name shows on its branches' pages
		latest := -1
		for j, x := range lic.rows {
			if x[code] == row[code] && (latest < 0 || x[decided] >= lic.rows[latest][decided]) {
				latest = j
			}
		}
		r := slices.Clone(lic.rows[latest])
		if terminal(r[typ]) || r[decided] > s.cfg.AsOf.String() {
			return "no agency to rename"
		}
		renamed := strings.Replace(r[name], "有限公司", "集团有限公司", 1)
		r[typ], r[lic.col(model.ColChanges)] = model.Change.String(), "名称："+r[name]+"→"+renamed
		r[name], r[docNo] = renamed, r[docNo]+"更"
		r[decided] = max(r[decided], s.cfg.AsOf.AddDays(-s.pick(20)).String())
		r[published] = r[decided]
		lic.rows = append(lic.rows, r)
		s.write(lic)
		return fmt.Sprintf("%s renamed %s", r[code], renamed)
	case 3:
		lic.rows = slices.Delete(lic.rows, i, i+1)
		s.write(lic)
		return fmt.Sprintf("licences.csv row %d (%s %s) deleted", i+2, row[code], row[typ])
	case 4:
		start, err := model.ParseDate(row[from], model.TextDates)
		if err != nil || row[to] == "" {
			return "no licence end to move"
		}
		row[to] = min(s.date(), start.AddYears(3).AddDays(-1).String())
		s.write(lic)
		return fmt.Sprintf("licences.csv row %d ends %s", i+2, row[to])
	case 5: // a branch filed under a head office that holds a licence
		var heads []int
		for j, r := range lic.rows {
			if r[parent] == "" && r[typ] == model.NewLicence.String() {
				heads = append(heads, j)
			}
		}
		p := lic.rows[heads[s.pick(len(heads))]]
		b := slices.Clone(p)
		b[name] = p[name] + "测试分公司"
		b[code] = s.creditCode()
		b[typ], b[parent] = model.Filing.String(), p[code]
		b[from], b[to] = "", ""
		b[decided] = s.cfg.AsOf.AddDays(-s.pick(60)).String()
		b[published] = b[decided]
		lic.rows = append(lic.rows, b)
		s.write(lic)
		return fmt.Sprintf("branch %s of %s filed", b[code], p[code])
	case 6:
		j := s.pick(len(lic.rows))
		r := lic.rows[i]
		lic.rows = slices.Delete(lic.rows, i, i+1)
		lic.rows = slices.Insert(lic.rows, min(j, len(lic.rows)), r)
		s.write(lic)
		return fmt.Sprintf("licences.csv row %d moved to %d", i+2, j+2)
	case 7:
		row[lic.col(model.ColAddress)] += "之一"
		s.write(lic)
		return fmt.Sprintf("licences.csv row %d: a new address", i+2)
	case 8:
		if row[typ] != model.Change.String() && row[typ] != model.Renewal.String() {
			return "no 变更 or 延续 to retype"
		}
		row[typ] = []model.DecisionType{model.Change, model.Renewal}[s.pick(2)].String()
		s.write(lic)
		return fmt.Sprintf("licences.csv row %d is a %s", i+2, row[typ])
	case 9:
		ch := s.read("annual-checks.csv")
		r := ch.rows[s.pick(len(ch.rows))]
		result, reasons := ch.col(model.ColResult), ch.col(model.ColFailReasons)
		if r[result] == model.CheckFail.String() {
			r[result], r[reasons] = model.CheckPass.String(), ""
		} else {
			r[result], r[reasons] = model.CheckFail.String(), "未按规定报告"
		}
		s.write(ch)
		return fmt.Sprintf("annual check of %s is %s", r[ch.col(model.ColCode)], r[result])
	case 10:
		gr := s.read("grades.csv")
		r := gr.rows[s.pick(len(gr.rows))]
		r[gr.col(model.ColGrade)] = []string{"A+", "A", "B", "C", "D"}[s.pick(5)]
		s.write(gr)
		return fmt.Sprintf("grade of %s is %s", r[gr.col(model.ColCode)], r[gr.col(model.ColGrade)])
	case 11:
		ab := s.read("abnormal.csv")
		if len(ab.rows) > 0 && s.pick(2) == 0 {
			j := s.pick(len(ab.rows))
			c := ab.rows[j][ab.col(model.ColCode)]
			ab.rows = slices.Delete(ab.rows, j, j+1)
			s.write(ab)
			return fmt.Sprintf("%s taken off the list", c)
		}
		r := make([]string, len(ab.header))
		r[ab.col(model.ColCode)], r[ab.col(model.ColName)] = row[code], row[name]
		r[ab.col(model.ColListedOn)] = s.cfg.AsOf.AddDays(-s.pick(30)).String()
		r[ab.col(model.ColListReason)] = "未按规定提交年度经营情况报告"
		r[ab.col(model.ColListAuthority)] = row[lic.col(model.ColAuthority)]
		ab.rows = append(ab.rows, r)
		s.write(ab)
		return fmt.Sprintf("%s listed", row[code])
	default:
		return s.editOther()
	}
}

// creditCode is a new, valid 统一社会信用代码 of Shenzhen.
func (s *editSite) creditCode() string {
	const alpha = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	for {
		b := []byte("91440300")
		for range 9 {
			b = append(b, alpha[s.pick(len(alpha))])
		}
		if c := string(b) + string(model.CreditCheckChar(string(b))); model.ValidCreditCode(c) {
			return c
		}
	}
}

// editOther edits something besides the rows: a region's name, a content
// page, the as-of date.
func (s *editSite) editOther() string {
	switch s.pick(3) {
	case 0:
		rg := s.read("regions.csv")
		r := rg.rows[s.pick(len(rg.rows))]
		r[rg.col(model.ColRegionName)] += "新区"
		s.write(rg)
		return fmt.Sprintf("region %s renamed", r[rg.col(model.ColRegionCode)])
	case 1:
		var pages []string
		filepath.WalkDir(filepath.Join(s.dir, "content"), func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".md") {
				pages = append(pages, p)
			}
			return nil
		})
		p := pages[s.pick(len(pages))]
		b, err := os.ReadFile(p)
		if err != nil {
			s.t.Fatal(err)
		}
		if _, ok := s.saved[p]; !ok {
			s.saved[p] = b
		}
		if err := os.WriteFile(p, append(b, fmt.Sprintf("\n\n补充说明：第%d条。\n", s.pick(1000))...), 0o644); err != nil {
			s.t.Fatal(err)
		}
		return "content page " + filepath.Base(p) + " edited"
	default:
		s.cfg.AsOf = s.cfg.AsOf.AddDays(1 + s.pick(40))
		return "as of " + s.cfg.AsOf.String()
	}
}
