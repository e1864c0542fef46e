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
