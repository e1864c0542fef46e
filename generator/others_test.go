package generator

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// What someone puts at the top of the output — a search engine's
// site-verification file, a folder of their own — is not the portal's to
// delete: the build that finds it says so and keeps it, as every later
// release does (it was dropped, without a word, into the release the build
// replaced). It changes nothing the state vouches for: the next build on
// the same inputs still does nothing. A name the release comes to publish
// itself is the release's.
func TestEntriesPutAtTheTopAreKept(t *testing.T) {
	dir, cfg := editableSite(t)
	out := cfg.Out
	build := func() BuildReport {
		t.Helper()
		_, rep, err := Build(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	has := func(rel string) bool { _, err := os.Stat(filepath.Join(out, rel)); return err == nil }
	build()
	os.WriteFile(filepath.Join(out, "baidu_verify_abc.html"), []byte("abc"), 0o644)
	os.MkdirAll(filepath.Join(out, "about"), 0o755)
	os.WriteFile(filepath.Join(out, "about", "readme.txt"), []byte("mine"), 0o644)
	// inside a directory of the release, a file is the release's to replace
	os.WriteFile(filepath.Join(out, "data", "mine.csv"), []byte("a,b\n"), 0o644)

	if rep := build(); !slices.Equal(rep.Found, []string{"about", "baidu_verify_abc.html"}) || !slices.Equal(rep.Stray, []string{"data/mine.csv"}) || rep.NothingChanged {
		t.Fatalf("found %q, stray %q (nothing changed: %v)", rep.Found, rep.Stray, rep.NothingChanged)
	}
	if !has("baidu_verify_abc.html") || !has("about/readme.txt") || has("data/mine.csv") {
		t.Fatal("what was put at the top was not kept, or a file put in the release's data/ was")
	}
	if rep := build(); !rep.NothingChanged || len(rep.Found) != 0 {
		t.Errorf("the same inputs again: nothing changed %v, found %q", rep.NothingChanged, rep.Found)
	}
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",A,", ",B,")
	if rep := build(); !slices.Equal(rep.Others, []string{"about", "baidu_verify_abc.html"}) || len(rep.Found) != 0 || rep.KeptPages == 0 {
		t.Errorf("after an edit: others %q, found %q, kept %d pages", rep.Others, rep.Found, rep.KeptPages)
	}
	if !has("baidu_verify_abc.html") || !has("about/readme.txt") {
		t.Fatal("what was put at the top was not kept by the next release")
	}

	// the release publishes about/ itself now
	os.MkdirAll(filepath.Join(dir, "content", "pages"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "pages", "about.md"), []byte("---\ntitle: 关于本站\n---\n\n本站公示劳务派遣经营许可。\n"), 0o644)
	if rep := build(); !slices.Equal(rep.Replaced, []string{"about"}) || !slices.Equal(rep.Others, []string{"baidu_verify_abc.html"}) {
		t.Errorf("replaced %q, others %q", rep.Replaced, rep.Others)
	}
	if has("about/readme.txt") || !has("about/index.html") || !has("baidu_verify_abc.html") {
		t.Error("the release's about/ is not its own, or the file put at the top went")
	}
}
