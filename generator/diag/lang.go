package diag

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Lang is the language diagnostics are shown in. They are made in English
// (the code's words, with the file's field names as the file has them)
// and shown in Chinese by default: a bureau's staff read them (issue 16).
type Lang uint8

const (
	Chinese Lang = iota // the default
	English
)

// ParseLang reads --lang: zh (or zh-CN, cn) and en.
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "zh", "zh-cn", "zh_cn", "cn", "chinese":
		return Chinese, nil
	case "en", "en-us", "en-gb", "english":
		return English, nil
	}
	return 0, fmt.Errorf("--lang %q: use zh (the default) or en", s)
}

// words are what a rendered diagnostic says around its parts, by language.
var words = [...]struct{ warning, value, hintOpen, hintClose, more string }{
	Chinese: {"警告：", "：", "（提示：", "）", "……另有 %d 条（加 --max-diagnostics 0 显示全部）\n"},
	English: {"warning: ", ": ", " (hint: ", ")", "… and %d more (run with --max-diagnostics 0 to see all)\n"},
}

// In renders d the way compilers do, in lang: file:line:col, the field
// and its value, what is wrong and the hint (Translate: in Chinese).
func (d Diagnostic) In(lang Lang) string {
	w := words[lang]
	msg, hint := d.Msg, d.Hint
	if lang == Chinese {
		msg, hint = Translate(msg), Translate(hint)
	}
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString(w.warning)
	}
	if d.Field != "" {
		fmt.Fprintf(&b, "%s %q%s", d.Field, d.Value, w.value)
	}
	b.WriteString(msg)
	if hint != "" {
		b.WriteString(w.hintOpen + hint + w.hintClose)
	}
	return b.String()
}

// FormatIn writes the sorted diagnostics in lang, at most max of them
// (all when max <= 0), followed by a line counting the rest.
func (l *List) FormatIn(lang Lang, max int) string {
	var b strings.Builder
	all := l.Sorted()
	shown := all
	if max > 0 && len(all) > max {
		shown = all[:max]
	}
	for _, d := range shown {
		b.WriteString(d.In(lang))
		b.WriteByte('\n')
	}
	if rest := len(all) - len(shown); rest > 0 {
		fmt.Fprintf(&b, words[lang].more, rest)
	}
	return b.String()
}

// Translate gives an English message of the portal's in Chinese: each
// entry of the catalogue (zh.go) is the English text as the code writes
// it, its verbs (%s, %d, %q…) standing for values, and its Chinese text
// with {1}, {2}… for those values in order. A message matches an entry
// whole; each value it holds is translated too (a value may be a message,
// or a list of them joined by "; "). A message no entry matches is
// returned as it is: a test (TestEveryMessageTranslated) keeps the
// catalogue complete for the messages the code makes.
func Translate(s string) string { return translate(s, 0) }

func translate(s string, depth int) string {
	if s == "" || depth > 4 {
		return s
	}
	cat := catalogue()
	if zh, ok := cat.exact[s]; ok {
		return zh
	}
	// A message whose value holds "; " may be one message with a list in
	// it ("character 'Z' is not allowed; 'I' is not allowed (…)") or
	// several messages joined ("read as GB18030; columns read as: …"):
	// it is read as the parts when each part is a message, else whole.
	var listed *entry
	var vals []string
	for i := range cat.patterns {
		e := &cat.patterns[i]
		if !strings.HasPrefix(s, e.prefix) {
			continue
		}
		m := e.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		if !slices.ContainsFunc(m[1:], func(v string) bool { return strings.Contains(v, "; ") }) {
			return e.fill(m[1:], depth)
		}
		if listed == nil {
			listed, vals = e, m[1:]
		}
	}
	if parts := strings.Split(s, "; "); len(parts) > 1 {
		all := true
		for i, p := range parts {
			parts[i] = translate(p, depth+1)
			all = all && parts[i] != p
		}
		if all || listed == nil {
			return strings.Join(parts, "；")
		}
	}
	if listed != nil {
		return listed.fill(vals, depth)
	}
	return s
}

// valueRE is what a verb of an English message matches in a message:
// digits for %d, a Go-quoted string for %q, one character for %c,
// anything (as little as will do, nothing too: a value the input left
// empty) for the others.
func valueRE(v string) string {
	switch v[len(v)-1] {
	case 'd':
		return `(-?[0-9]+)`
	case 'q':
		return `("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')`
	case 'c':
		return `(.)`
	}
	return `(.*?)`
}

type entry struct {
	prefix  string // the English text before its first value: a quick filter
	re      *regexp.Regexp
	zh      string
	literal int // bytes of English text besides the values
}

// fill puts the values into the Chinese text, each translated in turn —
// but a quoted one (%q: a cell, a name, a file's text), which is the
// input's own and shown as it is: "Alpha or Beta" is not "Alpha 或 Beta".
func (e entry) fill(vals []string, depth int) string {
	return placeholder.ReplaceAllStringFunc(e.zh, func(p string) string {
		i, _ := strconv.Atoi(p[1 : len(p)-1])
		if i < 1 || i > len(vals) {
			return p
		}
		if v := vals[i-1]; quoted(v) {
			return v
		}
		return translate(vals[i-1], depth+1)
	})
}

// quoted reports whether v is one Go-quoted string, as %q writes it.
func quoted(v string) bool {
	if len(v) < 2 || v[0] != '"' && v[0] != '\'' || v[len(v)-1] != v[0] {
		return false
	}
	_, err := strconv.Unquote(v)
	return err == nil
}

var (
	placeholder = regexp.MustCompile(`\{\d+\}`)
	verb        = regexp.MustCompile(`%[-+# 0]*\d*(?:\.\d+)?[sdqvcxXfgt]`)
	compiled    struct {
		once sync.Once
		c    zhCatalogue
	}
)

// zhCatalogue is zhMessages made ready: messages with no values by their
// text, the others as patterns, those with the most words first (a more
// specific message before one it could be read as).
type zhCatalogue struct {
	exact    map[string]string
	patterns []entry
}

func catalogue() *zhCatalogue {
	compiled.once.Do(func() {
		c := &compiled.c
		c.exact = map[string]string{}
		for _, m := range zhMessages {
			if !verb.MatchString(m[0]) {
				c.exact[strings.ReplaceAll(m[0], "%%", "%")] = m[1]
				continue
			}
			var re strings.Builder
			re.WriteString("^")
			last, prefix, literal := 0, "", 0
			for i, loc := range verb.FindAllStringIndex(m[0], -1) {
				lit := strings.ReplaceAll(m[0][last:loc[0]], "%%", "%")
				if i == 0 {
					prefix = lit
				}
				literal += len(lit)
				re.WriteString(regexp.QuoteMeta(lit))
				re.WriteString(valueRE(m[0][loc[0]:loc[1]]))
				last = loc[1]
			}
			tail := strings.ReplaceAll(m[0][last:], "%%", "%")
			literal += len(tail)
			re.WriteString(regexp.QuoteMeta(tail))
			re.WriteString("$")
			c.patterns = append(c.patterns, entry{prefix: prefix, re: regexp.MustCompile(re.String()), zh: m[1], literal: literal})
		}
		slices.SortStableFunc(c.patterns, func(a, b entry) int { return b.literal - a.literal })
	})
	return &compiled.c
}
