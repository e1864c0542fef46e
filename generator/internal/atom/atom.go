// Package atom writes Atom feeds (RFC 4287) and escapes XML text: the one
// writer of the portal's feeds — every agency's, the announcements', the
// expiring licences', the open data's changes — and of its sitemap's text.
// It appends to a byte slice rather than going through encoding/xml, whose
// reflection cost seconds across 50,000 agency feeds; AppendText escapes as
// encoding/xml.EscapeText does (FuzzAppendText holds them equal).
package atom

import (
	"encoding/xml"
	"unicode/utf8"
)

// Feed is one Atom feed.
type Feed struct {
	Lang    string // xml:lang of the feed, "" for none
	Title   string
	ID      string
	Updated string // RFC 3339
	Author  string
	Links   []Link
	Entries []Entry
}

// Link is an atom:link.
type Link struct {
	Rel, Href, Type string // Rel and Type may be ""
}

// Entry is one atom:entry: its text as a summary or as content (type text).
type Entry struct {
	Title, ID, Updated string
	Link               Link
	Summary            string
	Content            string
}

// Append appends the feed as an XML document.
func Append(b []byte, f *Feed) []byte {
	b = append(b, xml.Header+`<feed xmlns="http://www.w3.org/2005/Atom"`...)
	if f.Lang != "" {
		b = append(b, ` xml:lang="`...)
		b = AppendText(b, f.Lang)
		b = append(b, '"')
	}
	b = append(b, ">\n"...)
	b = appendLine(b, "", "title", f.Title)
	b = appendLine(b, "", "id", f.ID)
	b = appendLine(b, "", "updated", f.Updated)
	for _, l := range f.Links {
		b = appendLink(b, l)
		b = append(b, '\n')
	}
	b = append(b, "<author><name>"...)
	b = AppendText(b, f.Author)
	b = append(b, "</name></author>\n"...)
	for i := range f.Entries {
		e := &f.Entries[i]
		b = append(b, "<entry>\n"...)
		b = appendLine(b, " ", "title", e.Title)
		b = appendLine(b, " ", "id", e.ID)
		b = appendLine(b, " ", "updated", e.Updated)
		b = appendLink(append(b, ' '), e.Link)
		b = append(b, '\n')
		if e.Summary != "" {
			b = appendLine(b, " ", "summary", e.Summary)
		}
		if e.Content != "" {
			b = append(b, " <content type=\"text\">"...)
			b = AppendText(b, e.Content)
			b = append(b, "</content>\n"...)
		}
		b = append(b, "</entry>\n"...)
	}
	return append(b, "</feed>\n"...)
}

// appendLine appends an element holding text, on a line of its own.
func appendLine(b []byte, indent, name, text string) []byte {
	b = append(append(append(append(b, indent...), '<'), name...), '>')
	b = AppendText(b, text)
	return append(append(append(b, "</"...), name...), ">\n"...)
}

func appendLink(b []byte, l Link) []byte {
	b = append(b, "<link"...)
	if l.Rel != "" {
		b = append(b, ` rel="`...)
		b = AppendText(b, l.Rel)
		b = append(b, '"')
	}
	b = append(b, ` href="`...)
	b = AppendText(b, l.Href)
	b = append(b, '"')
	if l.Type != "" {
		b = append(b, ` type="`...)
		b = AppendText(b, l.Type)
		b = append(b, '"')
	}
	return append(b, "/>"...)
}

// xmlEscapes is what AppendText writes for each ASCII byte ("" keeps it):
// markup characters and quotes as character references, tab and line
// breaks too (so they survive in attributes), other control characters,
// which XML cannot hold, as U+FFFD.
var xmlEscapes = func() (t [utf8.RuneSelf]string) {
	for c := range 0x20 {
		t[c] = "\uFFFD"
	}
	t['\t'], t['\n'], t['\r'] = "&#x9;", "&#xA;", "&#xD;"
	t['"'], t['\''], t['&'], t['<'], t['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	return t
}()

// AppendText escapes s as encoding/xml.EscapeText does: xmlEscapes for
// ASCII, and what XML cannot hold beyond it (invalid UTF-8, U+FFFE,
// U+FFFF) as U+FFFD.
func AppendText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		var esc string
		width := 1
		if c := s[i]; c < utf8.RuneSelf {
			esc = xmlEscapes[c]
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			width = n
			if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			b = append(b, s[start:i]...)
			b = append(b, esc...)
			start = i + width
		}
		i += width
	}
	return append(b, s[start:]...)
}
