package generator

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/register"
)

// The published tables name their columns as the input does (one
// definition, model.Column), so a journalist's copy of decisions.csv,
// regions.csv and the other tables reads back as the input it was made
// from: the same agencies in the same state.
func TestPublishedDataReadsBack(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, _, err := buildArchive(t, "build/verdicts.txtar", "https://rsj.example.gov.cn/", out)
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	for input, published := range map[string]string{"licences": "decisions", "regions": "regions", "annual-checks": "annual-checks", "grades": "grades", "abnormal": "abnormal"} {
		b, err := os.ReadFile(filepath.Join(out, "data", published+".csv"))
		if os.IsNotExist(err) && published != "decisions" && published != "regions" {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(data, input+".csv"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	back, err := Check(context.Background(), Config{Data: load.OSDir(data), Content: load.OSDir(filepath.Join(root, "content")), AsOf: model.MakeDate(2026, 11, 21)})
	if err != nil {
		t.Fatalf("the published tables do not read back: %v", err)
	}
	type state struct {
		Name, LicenceNo, Authority, Region, Parent, LegalRep, Address string
		Status                                                        model.Status
		Since, From, To, First                                        model.Date
		Decisions, Checks, Grades, Listings                           int
	}
	of := func(a *register.Agency) state {
		return state{a.Name, a.LicenceNo, a.Authority, a.RegionCode, a.ParentCode, a.LegalRep, a.Address, a.Status,
			a.StatusSince, a.ValidFrom, a.ValidTo, a.FirstLicensed, len(a.Decisions), len(a.Checks), len(a.Grades), len(a.Listings)}
	}
	want := map[string]state{}
	for _, a := range res.Register.Agencies {
		if !a.FromSnapshot() { // a snapshot row is published as a licence, not as the snapshot it was
			want[a.Code] = of(a)
		}
	}
	if len(want) < 5 {
		t.Fatalf("only %d agencies to compare", len(want))
	}
	got := map[string]state{}
	for _, a := range back.Register.Agencies {
		got[a.Code] = of(a)
	}
	for code, w := range want {
		if g, ok := got[code]; !ok {
			t.Errorf("%s: not read back", code)
		} else if g != w {
			t.Errorf("%s read back as\n%+v, was\n%+v", code, g, w)
		}
	}
}
