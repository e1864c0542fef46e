package load

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/xml"
	"path"
	"slices"
	"strconv"
	"strings"
)

// OFD (GB/T 33190-2016, 版式文档) is the fixed-layout format Chinese
// government offices publish documents in beside PDF: a ZIP of XML parts.
// OFD.xml holds the document's properties (DocInfo: 标题, 作者, 自定义数据)
// and names each document's Document.xml, which lists its pages; a page's
// Content.xml places its text as TextCode runs inside TextObjects, by
// coordinates. A writer may put each character of a line in a run of its
// own, so a page is read as lines: the runs on one baseline, left to
// right. Every other text and attribute of the package (annotations,
// links, bookmarks, custom tags) is read too, but for the lists of
// numbers that place and draw things, whose digits run together would
// read as numbers no one wrote.

// ofdText is the text of an OFD package: each page's lines, then the rest
// of its XML parts; nil when it is not a readable zip.
func ofdText(b []byte) []textPart {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil
	}
	files := make(map[string]*zip.File, len(z.File))
	for _, f := range z.File {
		files[ofdClean(f.Name)] = f
	}
	read := func(name string) ([]byte, bool) {
		f := files[name]
		if f == nil || f.UncompressedSize64 > maxAttachment {
			return nil, false
		}
		x, err := readZipped(f)
		return x, err == nil
	}
	var parts []textPart
	done := map[string]bool{}
	page := 0
	if root, ok := read("OFD.xml"); ok {
		for _, doc := range ofdLocs(root, "DocRoot", "", "") {
			x, ok := read(doc)
			if !ok {
				continue
			}
			for _, loc := range ofdLocs(x, "Page", "BaseLoc", path.Dir(doc)) {
				page++
				c, ok := read(loc)
				if !ok || done[loc] {
					continue
				}
				done[loc] = true
				if text := ofdPageText(c); text != "" {
					parts = append(parts, textPart{page, text})
				}
			}
		}
	}
	var stored strings.Builder
	for _, f := range z.File {
		name := ofdClean(f.Name)
		if !strings.HasSuffix(strings.ToLower(name), ".xml") {
			continue
		}
		x, ok := read(name)
		if !ok {
			continue
		}
		if path.Base(name) == "Content.xml" && !done[name] {
			stored.WriteString(ofdPageText(x)) // a page no document lists, or a template's
			stored.WriteByte('\n')
		}
		ofdStored(x, &stored)
	}
	return append(parts, textPart{storedText, stored.String()})
}

// ofdClean is a path in the package as its parts name one: slashes, no
// leading one (ST_Loc is absolute from the package's root with one).
func ofdClean(name string) string {
	return strings.TrimPrefix(path.Clean("/"+strings.ReplaceAll(name, `\`, "/")), "/")
}

// ofdLocs are the package paths that the elements named elem of x give —
// in the attribute attr, or in their text when attr is "" — resolved
// against dir (ST_Loc: relative to the part naming it, unless it begins
// with a slash), in document order.
func ofdLocs(x []byte, elem, attr, dir string) []string {
	var out []string
	dec := xml.NewDecoder(bytes.NewReader(x))
	dec.Strict = false
	in := false
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != elem {
				continue
			}
			if attr == "" {
				in = true
				continue
			}
			for _, a := range t.Attr {
				if a.Name.Local == attr {
					out = append(out, ofdResolve(dir, a.Value))
				}
			}
		case xml.CharData:
			if in {
				out = append(out, ofdResolve(dir, string(t)))
				in = false
			}
		case xml.EndElement:
			in = false
		}
	}
}

func ofdResolve(dir, loc string) string {
	loc = strings.TrimSpace(strings.ReplaceAll(loc, `\`, "/"))
	if strings.HasPrefix(loc, "/") || dir == "." {
		return ofdClean(loc)
	}
	return ofdClean(dir + "/" + loc)
}

// ofdRun is one TextCode: where its baseline starts on the page (mm) and
// its text.
type ofdRun struct {
	x, y float64
	text string
}

// ofdLineGap is how far apart (mm) two runs' baselines may be and still be
// one line: less than any line spacing, more than a writer's rounding.
const ofdLineGap = 1.0

// ofdPageText is a page's text as lines (ofdLines of its runs).
func ofdPageText(x []byte) string { return ofdLines(ofdRuns(x)) }

// ofdRuns are the TextCode runs of a page's XML, placed on the page; the
// text of a run inside another (a damaged page) is a run of its own, and
// the outer run's text goes on after it.
func ofdRuns(x []byte) []ofdRun {
	var runs []ofdRun
	dec := xml.NewDecoder(bytes.NewReader(x))
	dec.Strict = false
	var bx, by, lastX, lastY float64
	var open []int // the runs whose TextCode is open, innermost last
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return runs
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TextObject":
				bx, by, lastX, lastY = 0, 0, 0, 0
				if f := ofdNumbers(attr(t, "Boundary")); len(f) >= 2 {
					bx, by = f[0], f[1]
				}
			case "TextCode":
				// a run without X or Y goes on from the one before it
				if f := ofdNumbers(attr(t, "X")); len(f) == 1 {
					lastX = f[0]
				}
				if f := ofdNumbers(attr(t, "Y")); len(f) == 1 {
					lastY = f[0]
				}
				runs = append(runs, ofdRun{x: bx + lastX, y: by + lastY})
				open = append(open, len(runs)-1)
			}
		case xml.CharData:
			if len(open) > 0 {
				runs[open[len(open)-1]].text += string(t)
			}
		case xml.EndElement:
			if t.Name.Local == "TextCode" && len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
}

// ofdLines groups runs by baseline into lines, top to bottom, each line's
// runs joined left to right — a space between two digits, so that a
// number is not run into the one beside it (the personal-data scan joins
// a number's groups across spaces itself).
func ofdLines(runs []ofdRun) string {
	// a coordinate that is no number (NaN) sorts first, as 0 does
	at := func(v float64) float64 {
		if v != v {
			return 0
		}
		return v
	}
	slices.SortStableFunc(runs, func(a, b ofdRun) int { return cmp.Compare(at(a.y), at(b.y)) })
	var out strings.Builder
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && at(runs[j].y)-at(runs[i].y) <= ofdLineGap {
			j++
		}
		line := runs[i:j]
		slices.SortStableFunc(line, func(a, b ofdRun) int { return cmp.Compare(at(a.x), at(b.x)) })
		prev := ""
		for _, r := range line {
			if prev != "" && r.text != "" && isDigitRune(lastRune(prev)) && isDigitRune(firstRune(r.text)) {
				out.WriteByte(' ')
			}
			out.WriteString(r.text)
			if r.text != "" {
				prev = r.text
			}
		}
		out.WriteByte('\n')
		i = j
	}
	return out.String()
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// ofdNumbers is a list of numbers as OFD writes one (ST_Array: numbers
// apart by spaces); nil when s is anything else.
func ofdNumbers(s string) []float64 {
	var out []float64
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil
		}
		out = append(out, v)
	}
	return out
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// ofdDrawing are the elements whose text is numbers that place or draw
// (a path's data, a page's boxes) and DocID, a hexadecimal identifier.
var ofdDrawing = map[string]bool{"AbbreviatedData": true, "PhysicalBox": true, "ApplicationBox": true,
	"ContentBox": true, "BleedBox": true, "DocID": true, "MaxUnitID": true}

// ofdStored writes every text of the XML part x and every attribute value
// that is not a list of numbers with more than one (a Boundary, a CTM, a
// DeltaX: their digits run together would read as numbers no one wrote),
// one a line.
func ofdStored(x []byte, out *strings.Builder) {
	dec := xml.NewDecoder(bytes.NewReader(x))
	dec.Strict = false
	skip := false
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			skip = ofdDrawing[t.Name.Local]
			for _, a := range t.Attr {
				if !ofdNumberList(a.Value) {
					out.WriteString(a.Value)
					out.WriteByte('\n')
				}
			}
		case xml.CharData:
			if !skip {
				if s := strings.TrimSpace(string(t)); s != "" {
					out.WriteString(s)
					out.WriteByte('\n')
				}
			}
		case xml.EndElement:
			skip = false
		}
	}
}

// ofdNumberList reports whether s is two or more numbers apart by spaces,
// as a coordinate list is — with DeltaX's "g" (a repeated spacing) among
// them.
func ofdNumberList(s string) bool {
	fs := strings.Fields(s)
	if len(fs) < 2 {
		return false
	}
	for _, f := range fs {
		if f == "g" {
			continue
		}
		if _, err := strconv.ParseFloat(f, 64); err != nil {
			return false
		}
	}
	return true
}
