package diag

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Every message the loader and the register make has its Chinese: the
// text given to each diagnostic-making call (and to fmt.Sprintf, fmt.Errorf
// and errors.New in those packages and the model's), when it is a string
// literal, is a catalogue entry (with values) or translated whole (without).
// Messages joined from parts are checked where they are shown
// (cmd/portal TestChinese).
func TestEveryMessageTranslated(t *testing.T) {
	// the argument positions of the message and the hint, by function name
	positions := map[string][]int{
		"Errorf": {3}, "Warnf": {3}, // diag.List: pos, field, value, format
		"TableErrorf": {1, 2},                  // pos, hint, format
		"errorf":      {2, 3}, "warnf": {2, 3}, // load's row: field, value, hint, format
		"errorAt": {3, 4}, // register: ds, d, dec, msg, hint
		"yearly":  {5, 6}, // register: r, a, rows, of, col, second, unheld
	}
	fset := token.NewFileSet()
	var missing []string
	check := func(pos token.Pos, e ast.Expr) {
		if c, ok := e.(*ast.CallExpr); ok { // fmt.Sprintf("…", …)
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sprintf" && len(c.Args) > 0 {
				e = c.Args[0]
			}
		}
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		s, _ := strconv.Unquote(lit.Value)
		if s == "" || s == "%s" || s == "%v" {
			return
		}
		if verb.MatchString(s) {
			for _, m := range zhMessages {
				if m[0] == s {
					return
				}
			}
		} else if _, ok := catalogue().exact[s]; ok || Translate(s) != s && leftover.FindString(stripValues(Translate(s))) == "" && !englishLeft(Translate(s)) {
			return
		}
		missing = append(missing, fset.Position(pos).String()+": "+s)
	}
	for _, dir := range []string{"../load", "../register", "../model"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			af, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(af, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.CallExpr:
					name := ""
					switch fn := x.Fun.(type) {
					case *ast.SelectorExpr:
						name = fn.Sel.Name
						if id, ok := fn.X.(*ast.Ident); ok && (id.Name == "fmt" && name == "Errorf" || id.Name == "errors" && name == "New") {
							if len(x.Args) > 0 {
								check(x.Pos(), x.Args[0])
							}
							return true
						}
					case *ast.Ident:
						name = fn.Name
					}
					for _, i := range positions[name] {
						if i < len(x.Args) {
							check(x.Pos(), x.Args[i])
						}
					}
				case *ast.KeyValueExpr:
					if k, ok := x.Key.(*ast.Ident); ok && (k.Name == "Msg" || k.Name == "Hint") {
						check(x.Pos(), x.Value)
					}
				case *ast.AssignStmt: // p.Hint = "…"
					for i, l := range x.Lhs {
						if sel, ok := l.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Msg" || sel.Sel.Name == "Hint") && i < len(x.Rhs) {
							check(x.Pos(), x.Rhs[i])
						}
					}
				}
				return true
			})
		}
	}
	for _, m := range missing {
		t.Errorf("no Chinese for %s", m)
	}
}

// keptWords are the English words a Chinese message may keep: names of
// products, formats, files and settings, and the README section it cites.
var keptWords = map[string]bool{"Excel": true, "WPS": true, "UTF": true, "CSV": true, "xlsx": true, "Markdown": true,
	"README": true, "Importing": true, "your": true, "exports": true, "licences": true, "regions": true,
	"name": true, "bureau": true, "title": true, "precompress": true, "brotli": true}

// englishLeft reports whether a translation kept an English word of three
// letters or more that is not one of keptWords ("unknown 核验结果: use …"
// had only its "or" translated).
func englishLeft(zh string) bool {
	for _, w := range englishWord.FindAllString(stripValues(zh), -1) {
		if !keptWords[w] {
			return true
		}
	}
	return false
}

var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// leftover finds English words a translation should not have kept.
var leftover = regexp.MustCompile(`\b(the|a|an|or|and|of|to|is|are|not|no|for|with|in|on|by|it|its|this|row|rows|column|file|e\.g)\b`)

// stripValues drops what stays as written: quoted values, paths and names.
func stripValues(s string) string {
	s = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`).ReplaceAllString(s, "")
	return regexp.MustCompile(`\S*/\S*|\S+\.[a-z]{2,4}\b|--[a-z-]+|[a-z]+_[a-z_]+`).ReplaceAllString(s, "")
}
