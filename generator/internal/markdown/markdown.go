// Package markdown is the portal's one Markdown dialect: the engine
// render shows content with, and the text a reader sees of it, which
// load guards for personal data.
package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	goldhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Engine renders content with GFM tables and East Asian line breaks (a
// line break between Chinese characters adds no space); raw HTML is not
// passed through (goldmark's default), so content cannot inject markup.
var Engine = goldmark.New(
	goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft)),
	),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// Block is one top-level block of a Markdown text as a reader gets it,
// in two texts: the text on the page — tags dropped, so the parts of a
// word split by emphasis, a link or a code span are one again, and
// character references decoded (&#49; is 1) — and the markup itself with
// its attribute values decoded (a link's address, an image's text). A
// number written in pieces or in references is whole in one of them.
type Block struct {
	Line         int // of the source, 1-based
	Text, Markup string
}

// Shown renders src block by block.
func Shown(src string) []Block {
	source := []byte(src)
	doc := Engine.Parser().Parse(text.NewReader(source))
	var out []Block
	var buf bytes.Buffer
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		buf.Reset()
		if err := Engine.Renderer().Render(&buf, source, n); err != nil {
			continue
		}
		html := buf.String()
		out = append(out, Block{Line: 1 + bytes.Count(source[:start(n)], []byte("\n")), Text: unescape(stripTags(html)), Markup: unescape(html)})
	}
	return out
}

// start is the source offset where block n begins: its first line, or its
// first descendant's (a list or a quote has no lines of its own).
func start(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return 0
}

func stripTags(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for s != "" {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:lt])
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			b.WriteString(s[lt:])
			break
		}
		s = s[lt+gt+1:]
	}
	return b.String()
}

var unescape = html.UnescapeString

// Link is a link, image or autolink of a Markdown text.
type Link struct {
	Line int    // of the source, 1-based: the line its block starts on
	Dest string // the address as written (an autolink's as linked)
	// Dropped: Engine publishes it without its address (href="", src=""),
	// as it does a javascript:, vbscript:, file: or data: address
	// (goldmark's IsDangerousURL), so the reader gets a link to nowhere.
	Dropped bool
}

// Links lists src's links, images and autolinks in order.
func Links(src string) []Link {
	source := []byte(src)
	doc := Engine.Parser().Parse(text.NewReader(source))
	var out []Link
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest = n.Destination
		case *ast.AutoLink:
			dest = n.URL(source)
		default:
			return ast.WalkContinue, nil
		}
		b := n
		for b.Parent() != nil && b.Type() != ast.TypeBlock {
			b = b.Parent()
		}
		out = append(out, Link{Line: 1 + bytes.Count(source[:start(b)], []byte("\n")), Dest: string(dest), Dropped: goldhtml.IsDangerousURL(dest)})
		return ast.WalkContinue, nil
	})
	return out
}
