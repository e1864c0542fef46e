// Package tmplexec executes html/template templates faster than
// html/template does, with the same output.
//
// html/template makes a template safe by rewriting its parse tree — every
// action gets the escaper its context needs, e.g. {{.Name}} in text becomes
// {{.Name | _html_template_htmlescaper}} — and then runs text/template's
// executor on that tree. The executor calls every function, escapers
// included, through reflect.Value.Call, and looks every field and method
// up by name each time; on a page with 150 actions that is most of the
// cost of a render. This package runs the same escaped trees with a copy
// of text/template's executor (exec.go, funcs.go: Go's own, BSD licence in
// LICENSE) that differs in three ways only:
//
//   - the escapers are called directly, not through reflect — they are
//     copies of html/template's (html.go, url.go, content.go);
//   - a field's index and a method's number are looked up once per type;
//   - a string is written as it is, not through fmt.
//
// The copied files keep Go's text as it is, repetitions included (the
// evalInteger, evalUnsignedInteger and evalFloat triplet, the two nospace
// escaping tables, eq's switch over kinds, stringify's over content
// types, which duplicates pairs), so that a newer Go's change to them can
// be carried over by diff.
//
// What it does not copy it does not guess at: the JavaScript, CSS
// and attribute-name escapers, and template.HTML given to an attribute
// (html/template strips its tags with its whole context machine), make
// Execute return ErrUnsupported before anything of the page is used, and
// the caller renders that page with html/template. A template set whose
// escaped trees name a function this package does not know (a newer Go's
// escaper) is refused whole by New.
package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"text/template/parse"
)

// ErrUnsupported is what Execute returns when the page needs what only
// html/template does; render it with html/template.
var ErrUnsupported = errors.New("tmplexec: unsupported by the fast executor")

// unsupported is the panic that unwinds to Execute as ErrUnsupported.
type unsupported struct{ what string }

func (u unsupported) Error() string { return ErrUnsupported.Error() + ": " + u.what }
func (u unsupported) Unwrap() error { return ErrUnsupported }

// missingKey options, as text/template's.
type missingKeyAction int

const (
	mapInvalid   missingKeyAction = iota // Return an invalid reflect.Value.
	mapZeroValue                         // Return the zero value for the map element.
	mapError                             // Error out
)

// fn is a function a template can call.
type fn struct {
	v       reflect.Value
	builtin bool
	direct  func(args ...any) string // an escaper, called without reflect
}

// Engine runs one html/template set's escaped templates.
type Engine struct {
	trees      map[string]*parse.Tree
	funcs      map[string]fn
	missingKey missingKeyAction
	// what execution would look up by name, by node (fast.go: index)
	idents     map[*parse.IdentifierNode]fn
	plans      map[*parse.PipeNode]*plan
	fieldSites map[*parse.FieldNode][]site
	varSites   map[*parse.VariableNode][]site
	chainSites map[*parse.ChainNode][]site
	breaks     map[*parse.RangeNode]bool // ranges with a break or continue of their own
}

// escapers are html/template's, by the names its escaped trees call them.
var escapers = map[string]func(args ...any) string{
	"_html_template_attrescaper":      attrEscaper,
	"_html_template_commentescaper":   commentEscaper,
	"_html_template_htmlescaper":      htmlEscaper,
	"_html_template_nospaceescaper":   htmlNospaceEscaper,
	"_html_template_rcdataescaper":    rcdataEscaper,
	"_html_template_urlescaper":       urlEscaper,
	"_html_template_urlfilter":        urlFilter,
	"_html_template_urlnormalizer":    urlNormalizer,
	"_eval_args_":                     evalArgs,
	"_html_template_cssescaper":       unsupportedEscaper("CSS"),
	"_html_template_cssvaluefilter":   unsupportedEscaper("CSS"),
	"_html_template_htmlnamefilter":   unsupportedEscaper("an attribute name"),
	"_html_template_jsregexpescaper":  unsupportedEscaper("JavaScript"),
	"_html_template_jsstrescaper":     unsupportedEscaper("JavaScript"),
	"_html_template_jstmpllitescaper": unsupportedEscaper("JavaScript"),
	"_html_template_jsvalescaper":     unsupportedEscaper("JavaScript"),
	"_html_template_srcsetescaper":    srcsetFilterAndEscaper,
}

func unsupportedEscaper(what string) func(args ...any) string {
	return func(...any) string { panic(unsupported{what}) }
}

// evalArgs is html/template's _eval_args_.
func evalArgs(args ...any) string {
	if len(args) == 1 {
		if s, ok := args[0].(string); ok {
			return s
		}
	}
	for i, arg := range args {
		args[i] = indirectToStringerOrError(arg)
	}
	return fmt.Sprint(args...)
}

// filterFailsafe is what html/template writes for a value it refuses.
const filterFailsafe = "ZgotmplZ"

// New prepares set for fast execution: it escapes every template of the set
// that is reachable from roots (as html/template does on their first
// Execute) and takes the escaped trees. funcs are the functions the set
// was parsed with; missingKey is the set's option ("error", "zero",
// "invalid" or "default"). An error is an escaping error of html/template's
// (the templates are unsafe) or a tree this package cannot run.
func New(set *template.Template, funcs template.FuncMap, missingKey string, roots ...string) (*Engine, error) {
	e := &Engine{trees: map[string]*parse.Tree{}, funcs: map[string]fn{}}
	switch missingKey {
	case "error":
		e.missingKey = mapError
	case "zero":
		e.missingKey = mapZeroValue
	}
	for name, f := range builtins() {
		e.funcs[name] = fn{v: reflect.ValueOf(f), builtin: true}
	}
	for name, f := range funcs {
		v := reflect.ValueOf(f)
		if v.Kind() != reflect.Func {
			return nil, fmt.Errorf("tmplexec: value for %s not a function", name)
		}
		if err := goodFunc(name, v.Type()); err != nil {
			return nil, err
		}
		e.funcs[name] = fn{v: v}
	}
	for name, f := range escapers {
		e.funcs[name] = fn{direct: f}
	}
	for _, root := range roots {
		if set.Lookup(root) == nil {
			return nil, fmt.Errorf("tmplexec: no template %q", root)
		}
		// html/template escapes a template and what it calls on its first
		// execution; executing with no data escapes it, then stops
		var probe bytes.Buffer
		if err := set.ExecuteTemplate(&probe, root, nil); err != nil {
			var terr *template.Error
			if errors.As(err, &terr) {
				return nil, err
			}
		}
	}
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			e.trees[t.Name()] = t.Tree
		}
	}
	// every template and function the escaped trees name must be known
	for _, root := range roots {
		if err := e.check(root, map[string]bool{}); err != nil {
			return nil, err
		}
	}
	e.index()
	return e, nil
}

// check walks the tree of name and what it calls.
func (e *Engine) check(name string, seen map[string]bool) error {
	if seen[name] {
		return nil
	}
	seen[name] = true
	t := e.trees[name]
	if t == nil {
		return fmt.Errorf("tmplexec: template %q is not in the set (html/template derived it for another context)", name)
	}
	var err error
	var called []string
	eachNode(t.Root, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.IdentifierNode:
			if _, ok := e.funcs[n.Ident]; !ok && err == nil {
				err = fmt.Errorf("tmplexec: function %q unknown", n.Ident)
			}
		case *parse.TemplateNode:
			called = append(called, n.Name)
		}
	}, nil)
	for _, c := range called {
		if err == nil {
			err = e.check(c, seen)
		}
	}
	return err
}

// Execute runs the template name with data, writing to w. On
// ErrUnsupported, part of a page may have been written: discard it and use
// html/template.
func (e *Engine) Execute(w *bytes.Buffer, name string, data any) (err error) {
	defer errRecover(&err)
	tree := e.trees[name]
	if tree == nil {
		return fmt.Errorf("template: no template %q", name)
	}
	value, ok := data.(reflect.Value)
	if !ok {
		value = reflect.ValueOf(data)
	}
	s := &state{e: e, name: name, tree: tree, wr: w, vars: []variable{{"$", value}}}
	s.walk(value, tree.Root)
	return nil
}

// evalDirect calls an escaper: its arguments are evaluated as for a
// function of ...any, and it is called without reflect.
func (s *state) evalDirect(dot reflect.Value, f func(args ...any) string, args []parse.Node, final reflect.Value) reflect.Value {
	return reflect.ValueOf(s.callDirect(dot, f, args, final))
}

var emptyInterfaceType = reflect.TypeFor[any]()

// mapEntry is a key and value of a map ranged over.
type mapEntry struct{ Key, Value reflect.Value }

// sortedMap is the entries of a map in key order, as text/template ranges
// over a map (internal/fmtsort), for the key kinds that order simply.
func sortedMap(m reflect.Value) []mapEntry {
	out := make([]mapEntry, 0, m.Len())
	it := m.MapRange()
	for it.Next() {
		out = append(out, mapEntry{it.Key(), it.Value()})
	}
	var cmp func(a, b reflect.Value) int
	switch m.Type().Key().Kind() {
	case reflect.String:
		cmp = func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		cmp = func(a, b reflect.Value) int { return compareOrdered(a.Int(), b.Int()) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		cmp = func(a, b reflect.Value) int { return compareOrdered(a.Uint(), b.Uint()) }
	default:
		panic(unsupported{"ranging over a map keyed by " + m.Type().Key().String()})
	}
	sortEntries(out, cmp)
	return out
}
