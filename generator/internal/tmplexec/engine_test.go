package tmplexec_test

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"testing"

	"portal/generator/internal/tmplexec"
)

// page is a template that puts values in every context the portal's
// templates use — text, quoted and unquoted attributes, URLs, <title> —
// and the control structures, functions and content types they use.
const page = `{{define "base"}}<title>{{.Title}} - {{.Name}}</title>
<a href="{{.URL}}" title="{{.Name}}" data-n={{.Name}}>{{.Name}}</a>
<a href="/x/{{.Name}}/?q={{.Name}}#{{.Name}}">{{upper .Name}}</a>
<img alt='{{.Name}}' src="{{url .Path}}">
{{with .HTML}}<div>{{.}}</div>{{end}}{{if not .Items}}none{{end}}
<ul>{{range $i, $v := .Items}}{{if $i}}, {{end}}<li id="i{{$i}}">{{$v}}{{if eq $v "stop"}}{{break}}{{end}}</li>{{else}}<li>empty</li>{{end}}</ul>
{{range $k, $v := .Map}}{{$k}}={{$v}};{{end}} {{len .Items}} {{index .Map "a"}} {{printf "%d·%s" .N .Name}} {{.N}} {{.On}} {{.Flag}} {{.Ptr}} {{.Nil}}
{{template "part" .}}{{end}}
{{define "part"}}<p class="{{.Name}}">{{.Name | upper}}{{.On.Year}}</p>{{end}}`

type day int

func (d day) String() string { return "D" + strings.Repeat("x", int(d)%5) }
func (d day) Year() int      { return int(d) / 365 }

type data struct {
	Title, Name, URL, Path string
	HTML                   template.HTML
	Items                  []string
	Map                    map[string]int
	N                      int
	On                     day
	Flag                   bool
	Ptr                    *int
	Nil                    *string
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"upper": strings.ToUpper,
		"url":   func(p string) string { return "/base/" + strings.TrimPrefix(p, "/") },
	}
}

// both executes the page with html/template and with the fast executor.
func both(t testing.TB, d data) (fast, slow string, err error) {
	set := template.Must(template.New("t").Option("missingkey=error").Funcs(funcs()).Parse(page))
	var want bytes.Buffer
	werr := set.ExecuteTemplate(&want, "base", d)
	e, err := tmplexec.New(template.Must(template.New("t").Option("missingkey=error").Funcs(funcs()).Parse(page)), funcs(), "error", "base")
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	gerr := e.Execute(&got, "base", d)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("html/template error %v, fast executor %v", werr, gerr)
	}
	return got.String(), want.String(), gerr
}

func sample() data {
	n := 7
	return data{Title: `<b>"A+B" & 'c'</b>`, Name: "深圳市南山区捷达劳务派遣有限公司 <script>", URL: "javascript:alert(1)", Path: "/agencies/9144 0300/",
		HTML: "<em>已备案</em>", Items: []string{"a", "b&c", "stop", "d"}, Map: map[string]int{"b": 2, "a": 1}, N: 42, On: 800, Flag: true, Ptr: &n}
}

func TestExecuteMatchesHTMLTemplate(t *testing.T) {
	fast, slow, err := both(t, sample())
	if err != nil {
		t.Fatal(err)
	}
	if fast != slow {
		t.Errorf("fast executor:\n%s\nhtml/template:\n%s", fast, slow)
	}
	if !strings.Contains(fast, "#ZgotmplZ") || !strings.Contains(fast, "&lt;script&gt;") {
		t.Errorf("the values are not escaped:\n%s", fast)
	}
}

// What the fast executor does not copy (a value in JavaScript) it leaves to
// html/template, before anything wrong is written.
func TestUnsupportedContext(t *testing.T) {
	set := template.Must(template.New("t").Parse(`{{define "base"}}<p>{{.}}</p><script>var x = {{.}};</script>{{end}}`))
	e, err := tmplexec.New(set, nil, "default", "base")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := e.Execute(&b, "base", "x"); !errors.Is(err, tmplexec.ErrUnsupported) {
		t.Fatalf("err %v, want ErrUnsupported", err)
	}
}

// A template html/template refuses as unsafe is refused by New too.
func TestEscapeError(t *testing.T) {
	set := template.Must(template.New("t").Parse(`{{define "base"}}<a href="{{.}}{{end}}`))
	if _, err := tmplexec.New(set, nil, "default", "base"); err == nil {
		t.Fatal("no error for an unterminated attribute")
	}
}

// A missing map key is an error, as with html/template's missingkey=error.
func TestMissingKey(t *testing.T) {
	src := `{{define "base"}}{{.a}}{{.b}}{{end}}`
	e, err := tmplexec.New(template.Must(template.New("t").Option("missingkey=error").Parse(src)), nil, "error", "base")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := e.Execute(&b, "base", map[string]string{"a": "1"}); err == nil || !strings.Contains(err.Error(), `map has no entry for key "b"`) {
		t.Fatalf("err %v", err)
	}
}

func FuzzExecute(f *testing.F) {
	s := sample()
	f.Add(s.Title, s.Name, s.URL, s.Path, string(s.HTML), "stop", 3)
	f.Add("", "", "", "", "", "", 0)
	f.Add("\x00\xff\xfe", "a\u2028b\ufdd0", "HTTPS://x/%zz%41", "//evil.com/%2", "<a href=x>", "'", -1)
	f.Fuzz(func(t *testing.T, title, name, url, path, html, item string, n int) {
		d := data{Title: title, Name: name, URL: url, Path: path, HTML: template.HTML(html), Items: []string{item, name}, Map: map[string]int{name: n, "a": 1}, N: n, On: day(n), Flag: n%2 == 0}
		if strings.Contains(html, "<") {
			d.HTML = "" // template.HTML in an attribute would be unsupported; in text it is written as it is
		}
		fast, slow, err := both(t, d)
		if err != nil {
			return
		}
		if fast != slow {
			t.Errorf("fast executor:\n%q\nhtml/template:\n%q", fast, slow)
		}
	})
}
