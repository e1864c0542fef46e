package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	pmarkdown "portal/generator/internal/markdown"
)

// markdown is the portal's one Markdown dialect (GFM tables, East Asian
// line breaks, no raw HTML): load guards the same text it shows.
var markdown = pmarkdown.Engine

// Heading is one entry of a document's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Markdown renders src to HTML and lists its level-2 and level-3 headings.
func Markdown(src string) (template.HTML, []Heading, error) {
	source := []byte(src)
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{used: map[string]bool{}}))
	doc := markdown.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
	var toc []Heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && (h.Level == 2 || h.Level == 3) {
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			toc = append(toc, Heading{Level: h.Level, ID: string(idb), Text: plainText(h, source)})
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := markdown.Renderer().Render(&buf, source, doc); err != nil {
		return "", nil, err
	}
	return template.HTML(buf.String()), toc, nil // goldmark escapes text and drops raw HTML
}

func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(source))
		} else {
			b.WriteString(plainText(c, source))
		}
	}
	return b.String()
}

// headingIDs makes heading IDs that keep Chinese: goldmark's own keep only
// ASCII, so "一、政策对象范围" would become "heading". One per document.
type headingIDs struct{ used map[string]bool }

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range string(value) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.Trim(b.String(), "-")
	if id == "" {
		id = "section"
	}
	base := id
	for i := 2; h.used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	h.used[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }
