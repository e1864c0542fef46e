package tmplexec

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"text/template/parse"
)

// The fast paths. Each gives exactly what the general path gives; they
// only skip work the general path does for values of other types.

// stringEscapers are the escapers for the one case that matters — a
// single argument of type string — without boxing it.
var stringEscapers = map[string]func(string) string{
	"_html_template_htmlescaper":    func(s string) string { return htmlReplacer(s, htmlReplacementTable, true) },
	"_html_template_attrescaper":    func(s string) string { return htmlReplacer(s, htmlReplacementTable, true) },
	"_html_template_rcdataescaper":  func(s string) string { return htmlReplacer(s, htmlReplacementTable, true) },
	"_html_template_commentescaper": func(string) string { return "" },
	"_html_template_nospaceescaper": func(s string) string {
		if s == "" {
			return filterFailsafe
		}
		return htmlReplacer(s, htmlNospaceReplacementTable, false)
	},
	"_html_template_urlfilter": func(s string) string {
		if !isSafeURL(s) {
			return "#" + filterFailsafe
		}
		return s
	},
	"_html_template_urlnormalizer": func(s string) string { return urlString(true, s) },
	"_html_template_urlescaper":    func(s string) string { return urlString(false, s) },
	"_eval_args_":                  func(s string) string { return s },
}

// urlString is urlProcessor of a plain string, without a builder when
// nothing changes.
func urlString(norm bool, s string) string {
	for i := 0; i < len(s); i++ {
		if !urlKeeps(s, i, norm) {
			return urlProcessor(norm, s)
		}
	}
	return s
}

// urlKeeps reports whether processURLOnto keeps s[i] as it is.
func urlKeeps(s string, i int, norm bool) bool {
	c := s[i]
	switch c {
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
		return norm
	case '-', '.', '_', '~':
		return true
	case '%':
		return norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
	}
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// cleanFor reports whether htmlReplacer(s, table, true) is s: with
// badRunes only runes below len(table) — ASCII — are replaced, and no byte
// of a multi-byte or invalid UTF-8 sequence is ASCII.
func cleanFor(s string, table []string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; int(c) < len(table) && table[c] != "" {
			return false
		}
	}
	return true
}

var (
	stringType = reflect.TypeFor[string]()
	htmlType   = reflect.TypeFor[HTML]()
)

// plan is how an action whose pipeline ends in escapers is written: the
// commands before first give the value, the escapers from first on are
// applied in turn (esc[i] to the output of esc[i-1]); direct is the
// first escaper for values other than a plain string.
type plan struct {
	first  int
	esc    []func(string) string
	direct func(args ...any) string
	// htmlFirst: the first escaper is htmlEscaper, which writes a
	// template.HTML as it is
	htmlFirst bool
}

// planFor is the plan of pipe, nil when it does not end in escapers.
func (e *Engine) planFor(pipe *parse.PipeNode) *plan {
	n := len(pipe.Cmds)
	first := n
	for first > 0 {
		id, ok := pipe.Cmds[first-1].Args[0].(*parse.IdentifierNode)
		if !ok || len(pipe.Cmds[first-1].Args) != 1 || stringEscapers[id.Ident] == nil {
			break
		}
		first--
	}
	if first == n || first == 0 {
		return nil
	}
	name := pipe.Cmds[first].Args[0].(*parse.IdentifierNode).Ident
	p := &plan{first: first, direct: escapers[name], htmlFirst: name == "_html_template_htmlescaper"}
	for _, cmd := range pipe.Cmds[first:] {
		p.esc = append(p.esc, stringEscapers[cmd.Args[0].(*parse.IdentifierNode).Ident])
	}
	return p
}

// writeDirect writes the value of an action whose pipeline ends in one or
// more escapers — nearly every action of an escaped template — passing
// strings from one escaper to the next without reflect.
func (s *state) writeDirect(dot reflect.Value, pipe *parse.PipeNode, p *plan) {
	s.at(pipe)
	value := missingVal
	for _, cmd := range pipe.Cmds[:p.first] {
		value = s.evalCommand(dot, cmd, value)
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	str, ok := plainString(value)
	esc := p.esc
	if !ok && p.htmlFirst && value.IsValid() && value.Type() == htmlType {
		str, ok, esc = value.String(), true, esc[1:] // htmlEscaper: HTML content as it is
	}
	if !ok {
		// the general path for the first escaper: any type, content types
		cmd := pipe.Cmds[p.first]
		s.at(cmd.Args[0])
		str = s.callDirect(dot, p.direct, cmd.Args, value)
		esc = esc[1:]
	}
	for _, f := range esc {
		str = f(str)
	}
	if _, err := io.WriteString(s.wr, str); err != nil {
		s.writeError(err)
	}
}

// callDirect calls an escaper with its arguments evaluated as for a
// function of ...any.
func (s *state) callDirect(dot reflect.Value, f func(args ...any) string, args []parse.Node, final reflect.Value) string {
	if args != nil {
		args = args[1:] // the function's name
	}
	var buf [4]any
	argv := buf[:0]
	for _, a := range args {
		argv = append(argv, s.evalEmptyInterface(dot, a).Interface())
	}
	if !isMissing(final) {
		v := s.validateType(final, emptyInterfaceType)
		if v.IsValid() {
			argv = append(argv, v.Interface())
		} else {
			argv = append(argv, nil)
		}
	}
	return f(argv...)
}

// member is what a field name means on a receiver: a method (its number
// in the method set of ptr, the receiver or its address) or a field.
type member struct {
	ptr, recv reflect.Type
	method    int // -1: no method of that name
	field     reflect.StructField
	fieldOK   bool
}

// site caches the member one identifier of a field, chain or variable
// node last resolved to; a node usually sees one type.
type site struct{ last atomic.Pointer[member] }

// resolve resolves name on a receiver of type recv (ptr: the type methods
// are looked up on), cached in st (nil: not cached).
func resolve(st *site, ptr, recv reflect.Type, name string) *member {
	if st != nil {
		if m := st.last.Load(); m != nil && m.ptr == ptr && m.recv == recv {
			return m
		}
	}
	m := &member{ptr: ptr, recv: recv, method: -1}
	if mt, ok := ptr.MethodByName(name); ok {
		m.method = mt.Index
	}
	if recv.Kind() == reflect.Struct {
		m.field, m.fieldOK = recv.FieldByName(name)
	}
	if st != nil {
		st.last.Store(m)
	}
	return m
}

// sitesOf is the sites of a field, chain or variable node's identifiers.
func (e *Engine) sitesOf(n parse.Node) []site {
	switch n := n.(type) {
	case *parse.FieldNode:
		return e.fieldSites[n]
	case *parse.VariableNode:
		return e.varSites[n]
	case *parse.ChainNode:
		return e.chainSites[n]
	}
	return nil
}

// index records, for every node of the trees, what execution looks up by
// name: the function of an identifier, the plan of an action's pipeline,
// the sites of a field, chain or variable node.
func (e *Engine) index() {
	e.idents = map[*parse.IdentifierNode]fn{}
	e.plans = map[*parse.PipeNode]*plan{}
	e.fieldSites = map[*parse.FieldNode][]site{}
	e.varSites = map[*parse.VariableNode][]site{}
	e.chainSites = map[*parse.ChainNode][]site{}
	e.breaks = map[*parse.RangeNode]bool{}
	var ranges []*parse.RangeNode // the ranges being walked
	enter := func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ActionNode:
			if p := e.planFor(n.Pipe); p != nil {
				e.plans[n.Pipe] = p
			}
		case *parse.IdentifierNode:
			if f, ok := e.funcs[n.Ident]; ok {
				e.idents[n] = f
			}
		case *parse.FieldNode:
			e.fieldSites[n] = make([]site, len(n.Ident))
		case *parse.VariableNode:
			e.varSites[n] = make([]site, len(n.Ident))
		case *parse.ChainNode:
			e.chainSites[n] = make([]site, len(n.Field))
		case *parse.RangeNode:
			ranges = append(ranges, n)
		case *parse.BreakNode, *parse.ContinueNode:
			if len(ranges) > 0 {
				e.breaks[ranges[len(ranges)-1]] = true
			}
		}
	}
	leave := func(n parse.Node) {
		if _, ok := n.(*parse.RangeNode); ok {
			ranges = ranges[:len(ranges)-1]
		}
	}
	for _, t := range e.trees {
		eachNode(t.Root, enter, leave)
	}
}

// plainString is what html/template's stringify makes of a single value
// that is not one of its content types — fmt.Sprint of it — for the
// types where that is simply known: a string, a non-pointer fmt.Stringer
// that is neither an error nor a fmt.Formatter, an integer or a bool
// without methods. ok false: use the escaper's general path.
func plainString(v reflect.Value) (string, bool) {
	if !v.IsValid() {
		return "", false
	}
	t := v.Type()
	if t == stringType {
		return v.String(), true
	}
	switch kindOf(t) {
	case printStringer:
		return callString(v)
	case printInt:
		return strconv.FormatInt(v.Int(), 10), true
	case printUint:
		return strconv.FormatUint(v.Uint(), 10), true
	case printBool:
		return strconv.FormatBool(v.Bool()), true
	}
	return "", false
}

// callString is v.String(); ok false when it panics (fmt prints the panic).
func callString(v reflect.Value) (s string, ok bool) {
	defer func() {
		if recover() != nil {
			s, ok = "", false
		}
	}()
	return v.Interface().(fmt.Stringer).String(), true
}

type printKind int

const (
	printGeneral printKind = iota
	printStringer
	printInt
	printUint
	printBool
)

var printKinds sync.Map // reflect.Type → printKind

var (
	formatterType = reflect.TypeFor[fmt.Formatter]()
	stringerType  = reflect.TypeFor[fmt.Stringer]()
	errType       = reflect.TypeFor[error]()
)

func kindOf(t reflect.Type) printKind {
	if k, ok := printKinds.Load(t); ok {
		return k.(printKind)
	}
	k := printGeneral
	switch {
	case t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface || t.Implements(formatterType) || t.Implements(errType):
	case t.Implements(stringerType):
		k = printStringer
	case t.NumMethod() > 0:
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		k = printInt
	case t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uintptr:
		k = printUint
	case t.Kind() == reflect.Bool:
		k = printBool
	}
	printKinds.Store(t, k)
	return k
}

// stringFuncOf is fun as a func(string) string when it is one (not a
// builtin) and its one argument is a string, to call without reflect.
func stringFuncOf(fun reflect.Value, isBuiltin bool, argv []reflect.Value) (func(string) string, bool) {
	if isBuiltin || len(argv) != 1 || argv[0].Kind() != reflect.String || fun.Type() != stringFuncType {
		return nil, false
	}
	f, ok := fun.Interface().(func(string) string)
	return f, ok
}

var stringFuncType = reflect.TypeFor[func(string) string]()
