package render

import (
	"html/template"
	"os"
	"testing"
)

// reaches follows {{template}} calls: an agency page reaches the search
// index only if the edited template calls the search box.
func TestReaches(t *testing.T) {
	parse := func(content string) *template.Template {
		t.Helper()
		set := template.Must(template.New("base").Funcs(template.FuncMap{"searchIndex": func() any { return nil }}).Parse(
			`{{define "base"}}<main>{{template "content" .}}</main>{{end}}` +
				`{{define "box"}}{{with searchIndex}}<form data-index="{{.}}"></form>{{end}}{{end}}`))
		return template.Must(set.Parse(`{{define "content"}}` + content + `{{end}}`))
	}
	for content, want := range map[string]bool{
		`<h1>{{.}}</h1>`: false,
		`{{if .}}{{range .}}{{template "box" .}}{{end}}{{end}}`: true,
		`{{with searchIndex}}{{.}}{{end}}`:                      true,
		`{{template "missing"}}`:                                false,
	} {
		if got := reaches(parse(content), "base", "searchIndex"); got != want {
			t.Errorf("%s: reaches = %v, want %v", content, got, want)
		}
	}
	// the repository's agency page does not show the search box
	_, set, err := parseTemplates(os.DirFS("../../templates"), (&Renderer{}).funcs())
	if err != nil {
		t.Fatal(err)
	}
	if reaches(set["agency"], "base", "searchIndex") || !reaches(set["home"], "base", "searchIndex") {
		t.Error("agency page reaches the search index, or the home page does not")
	}
}

// The columns' key is the same for the same files in another directory,
// and differs when a file gains or loses a column or one moves.
func TestColumnsKey(t *testing.T) {
	cols := func(dir string, extra ...string) map[string]map[string]int {
		m := map[string]map[string]int{
			dir + "/licences.csv":   {"行政相对人名称": 1, "公示日期": 14},
			dir + "/sub/grades.csv": {"等级": 3},
		}
		for _, c := range extra {
			m[dir+"/licences.csv"][c] = 18
		}
		return m
	}
	a := columnsKey(cols("/srv/data"))
	if b := columnsKey(cols("/tmp/elsewhere/data")); a != b {
		t.Error("the same files in another directory give another key")
	}
	if b := columnsKey(cols("data")); a != b {
		t.Error("the same files by a relative path give another key")
	}
	if b := columnsKey(cols("/srv/data", "备注")); a == b {
		t.Error("a column added gives the same key")
	}
	moved := cols("/srv/data")
	moved["/srv/data/grades.csv"] = moved["/srv/data/sub/grades.csv"]
	delete(moved, "/srv/data/sub/grades.csv")
	if columnsKey(moved) == a {
		t.Error("a file moved to another folder gives the same key")
	}
}
