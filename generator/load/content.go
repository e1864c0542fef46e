package load

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"portal/generator/diag"
	"portal/generator/internal/markdown"
	"portal/generator/model"
	"portal/generator/pii"
)

// DatedAhead warns of each policy and news item dated after asOf, the day
// the release describes: its page is published with the release, so a
// mistyped year (2062 for 2026) or a page meant for a later day (a policy
// not to be seen before its 发布日期) would be public now without a word.
func DatedAhead(c *model.Content, asOf model.Date, d *diag.List) {
	warn := func(src model.Source, line int, key string, on model.Date) {
		d.Warnf(diag.Pos{File: src.File, Line: max(line, 1)}, key, on.String(),
			"is after the as-of date %s, the day this release describes, and the page is published with it: check the year; a page not to be seen before that day stays out of content/ until a build as of that day",
			asOf)
	}
	for _, p := range c.Policies {
		if p.PublishedOn > asOf {
			warn(p.Src, p.PublishedLine, "published_on", p.PublishedOn)
		}
	}
	for _, n := range c.News {
		if n.Date > asOf {
			warn(n.Src, n.DateLine, "date", n.Date)
		}
	}
}

// draftTitle is how a title marks a document not yet adopted: 征求意见稿
// (for comment), 草案, 送审稿 (for review), 讨论稿 or 代拟稿, in brackets
// after its name (XX办法（征求意见稿）), or 征求意见稿 ending it. A notice
// that asks for comments on a draft (关于公开征求…意见的通知) is not one.
var draftTitle = regexp.MustCompile(`[（(〔\[【](征求意见稿|草案|送审稿|讨论稿|代拟稿)[）)〕\]】]|(征求意见稿)$`)

// draftWord is the word in title that marks it a draft, "" when none does.
func draftWord(title string) string {
	m := draftTitle.FindStringSubmatch(strings.TrimSpace(title))
	if m == nil {
		return ""
	}
	return m[1] + m[2]
}

// Content loads content/: site.toml and the Markdown of policies/, faq/,
// news/ and pages/. Problems are added to d.
func Content(dir Dir, d *diag.List) *model.Content { return ContentKept(dir, nil, d) }

// ContentKept is Content, the attachments that an earlier load read
// without finding personal data taken from kept (nil: none) instead of
// read again (Kept.cleanAttachment).
func ContentKept(dir Dir, kept *Kept, d *diag.List) *model.Content {
	c := &model.Content{Site: loadSite(dir, d)}
	docs := map[string]*model.Policy{} // the first policy of each 文号 (LicenceKey)
	eachMarkdown(dir, "policies", d, func(fm *frontMatter) {
		fm.kept = kept
		p := &model.Policy{Src: fm.src(), Slug: fm.slug, Body: fm.body, BodyLine: fm.bodyLine}
		fm.alias(policyKeyNames)      // 废止日期 is abolished_on
		p.Draft = fm.boolean("draft") // a 征求意见稿 may carry no dates
		p.Title = fm.str("title", true)
		if w := draftWord(p.Title); w != "" && !p.Draft {
			fm.errorf("title", "the title says the document is a draft (%s), but the front matter has no draft: true: it would be published as in force (现行有效), which a draft never is — add draft: true, or correct the title if the document was adopted", w)
		}
		p.DocNo = fm.str("doc_no", false)
		if o := docs[model.LicenceKey(p.DocNo)]; o != nil && p.DocNo != "" {
			// one document in two files (a copy under another name, or
			// filed twice): published twice, one page left as it was when
			// the other is corrected or the document abolished
			pos := fm.pos("doc_no")
			d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Col: pos.Col, Field: "doc_no", Value: p.DocNo, Severity: diag.Error,
				Msg:  fmt.Sprintf("%s has this 文号 too (%s): one document would be published twice, and one of the two pages would stay as it is when the other is corrected or the document abolished", o.Src.File, o.DocNo),
				Hint: "keep one file of the document (its 解读 or 图解 belongs under interpretation: or diagram:), or correct the 文号"})
		} else if p.DocNo != "" {
			docs[model.LicenceKey(p.DocNo)] = p
		}
		p.Issuer = fm.str("issuer", true)
		p.WrittenOn = fm.date("written_on", false)
		p.PublishedOn, p.PublishedLine = fm.date("published_on", !p.Draft), fm.keyLines["published_on"]
		p.EffectiveFrom = fm.date("effective_from", false)
		p.EffectiveTo = fm.date("effective_to", false)
		p.AbolishedOn = fm.date("abolished_on", false)
		p.IndexNo = fm.str("index_no", false)
		p.Topic = fm.str("topic", false)
		p.Summary = fm.str("summary", false)
		if p.EffectiveFrom != 0 && p.EffectiveTo != 0 && p.EffectiveTo < p.EffectiveFrom {
			fm.errorf("effective_to", "effective_to is before effective_from %s", p.EffectiveFrom)
		}
		if p.EffectiveFrom != 0 && p.AbolishedOn != 0 && p.AbolishedOn < p.EffectiveFrom {
			fm.errorf("abolished_on", "abolished_on (废止日期) is before effective_from (施行日期) %s", p.EffectiveFrom)
		}
		// a document is written, then published, then abolished (a
		// mistyped year would publish it 已废止 from the day it came out);
		// it may govern a period set back before it was written (执行期限
		// 2024-01-01 至 2024-02-29, of a subsidy), so its 失效 is held to that
		// order only when it names no effective_from (an end before that is
		// said above)
		if p.WrittenOn != 0 && p.PublishedOn != 0 && p.PublishedOn < p.WrittenOn {
			fm.errorf("published_on", "published_on (发布日期) is before written_on (成文日期) %s", p.WrittenOn)
		}
		first := cmp.Or(p.WrittenOn, p.PublishedOn)
		if p.AbolishedOn != 0 && first != 0 && p.AbolishedOn < first && (p.EffectiveFrom == 0 || p.AbolishedOn >= p.EffectiveFrom) {
			fm.errorf("abolished_on", "abolished_on (废止日期) is before the document was written or published (%s)", first)
		}
		if p.EffectiveTo != 0 && first != 0 && p.EffectiveTo < first && p.EffectiveFrom == 0 {
			fm.errorf("effective_to", "effective_to (失效日期) is before the document was written or published (%s)", first)
		}
		fm.checkStatedTerm(p)
		have := map[string]bool{}
		p.Interpretation = fm.link("interpretation", dir, have, &p.Attachments)
		p.Diagram = fm.link("diagram", dir, have, &p.Attachments)
		p.AppliesTo = fm.list("applies_to")
		p.Replaces = fm.list("replaces")
		fm.attachments(dir, have, &p.Attachments)
		fm.refuseValidityKeys(policyDates)
		fm.done()
		c.Policies = append(c.Policies, p)
	})
	checkPolicyLinks(c.Policies, d)
	checkAbolishedByText(c.Policies, d)
	markReplaced(c.Policies)
	eachMarkdown(dir, "faq", d, func(fm *frontMatter) {
		f := &model.FAQ{Src: fm.src(), Slug: fm.slug, Body: fm.body, BodyLine: fm.bodyLine}
		f.Question = fm.str("question", true)
		f.Category = fm.str("category", true)
		f.Order = fm.integer("order")
		fm.done()
		c.FAQs = append(c.FAQs, f)
	})
	eachMarkdown(dir, "news", d, func(fm *frontMatter) {
		n := &model.NewsItem{Src: fm.src(), Slug: fm.slug, Body: fm.body, BodyLine: fm.bodyLine}
		n.Title = fm.str("title", true)
		n.Date, n.DateLine = fm.date("date", true), fm.keyLines["date"]
		n.Summary = fm.str("summary", false)
		fm.done()
		c.News = append(c.News, n)
	})
	eachMarkdown(dir, "pages", d, func(fm *frontMatter) {
		p := &model.Page{Src: fm.src(), Slug: fm.slug, Body: fm.body, BodyLine: fm.bodyLine}
		p.Title = fm.str("title", true)
		p.Order = fm.integer("order")
		if model.ReservedPaths[p.Slug] {
			d.Add(diag.Diagnostic{File: fm.path, Line: 1, Severity: diag.Error,
				Msg:  fmt.Sprintf("the page would be published at /%s/, which the portal uses for its own section", p.Slug),
				Hint: "rename the file, e.g. " + p.Slug + "-info.md"})
		}
		fm.done()
		c.Pages = append(c.Pages, p)
	})
	unreadContent(dir, c, d)
	return c
}

func loadSite(dir Dir, d *diag.List) model.Site {
	s := model.Site{}
	path := dir.show("site.toml")
	text, err := fs.ReadFile(dir.FS, "site.toml")
	var md toml.MetaData
	if err == nil {
		seen := guardText(path, 1, string(text), d)
		md, err = toml.Decode(string(text), &s)
		if err == nil {
			guardTOML(path, string(text), seen, d)
		}
	}
	if err != nil {
		var pe toml.ParseError
		switch {
		case errors.As(err, &pe):
			d.Errorf(diag.Pos{File: path, Line: pe.Position.Line, Col: pe.Position.Col}, "", "", "%s", pe.Message)
		case errors.Is(err, fs.ErrNotExist):
			d.Errorf(diag.Pos{File: path}, "", "", "site.toml is missing: it names the site, the bureau and the open-data licence")
		default:
			d.Errorf(diag.Pos{File: path}, "", "", "%v", err)
		}
	} else {
		for _, k := range md.Undecoded() {
			d.Warnf(diag.Pos{File: path}, "", "", "unknown setting %q is ignored", k.String())
		}
		if s.Name == "" {
			d.Errorf(diag.Pos{File: path}, "name", "", "the site needs a name")
		}
		if s.Bureau == "" {
			d.Errorf(diag.Pos{File: path}, "bureau", "", "the site needs its bureau (主办单位)")
		}
		if s.KeepReleases < 0 {
			d.Errorf(diag.Pos{File: path}, "keep_releases", fmt.Sprint(s.KeepReleases), "keep_releases is how many releases /data/releases/ keeps downloadable, newest first: a positive number, or 0 (the default) to keep every release")
		}
		for _, c := range s.Codings() {
			if !slices.Contains(model.Codings, c) {
				d.Errorf(diag.Pos{File: path}, "precompress", c, "precompress lists the codings of the precompressed copies written beside each page and data file: \"gzip\" and \"br\" (brotli), or [] for none")
			}
		}
		for key, v := range map[string]string{"error_report_url": s.ErrorReportURL, "conac_url": s.ConacURL} {
			if v != "" && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
				d.Errorf(diag.Pos{File: path}, key, v, "%s must be an http(s) address", key)
			}
		}
	}
	if len(s.GradeScale) == 0 {
		s.GradeScale = model.DefaultGradeScale
	}
	if s.Timezone == "" {
		s.Timezone = "Asia/Shanghai"
	}
	if s.StaleAfterDays <= 0 {
		s.StaleAfterDays = 31
	}
	if s.ExpiringDays <= 0 {
		s.ExpiringDays = 60
	}
	return s
}

// markdownSlug is the page name of a Markdown file's name, and whether it
// is one: it ends in .md or .markdown, in any case (a.MD, saved so on
// Windows, was passed over without a word, its page never published).
func markdownSlug(name string) (string, bool) {
	ext := path.Ext(name)
	if e := strings.ToLower(ext); e != ".md" && e != ".markdown" || len(name) == len(ext) {
		return "", false
	}
	return name[:len(name)-len(ext)], true
}

// eachMarkdown calls fn for every Markdown file (markdownSlug) in dir, in
// name order; of two with one page name, the second is an error.
func eachMarkdown(dir Dir, sub string, d *diag.List, fn func(*frontMatter)) {
	entries, err := fs.ReadDir(dir.FS, sub)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			d.Errorf(diag.Pos{File: dir.show(sub)}, "", "", "%v", err)
		}
		return
	}
	at := map[string]string{}    // the file of each slug read
	slugs := map[string]string{} // every Markdown file's, lower-cased
	for _, e := range entries {
		if slug, ok := markdownSlug(e.Name()); ok && !e.IsDir() {
			slugs[strings.ToLower(slug)] = e.Name()
		}
	}
	for _, e := range entries {
		slug, ok := markdownSlug(e.Name())
		if e.IsDir() || !ok {
			continue
		}
		path := dir.show(sub + "/" + e.Name())
		if orig, ok := slugs[strings.ToLower(copyOf(slug))]; ok && copyOf(slug) != "" {
			// 关于…的通知 - 副本.md: a page of its own, left as it was when
			// the file it copies is corrected or its document abolished
			d.Add(diag.Diagnostic{File: path, Severity: diag.Error,
				Msg:  fmt.Sprintf("the file's name says it is a copy of %s, which is in %s/ too: it would be published as a page of its own, and stay as it is when that file is corrected (a document abolished there would still be published here as in force)", orig, sub),
				Hint: "delete the copy, or rename it if it is another document"})
		}
		if other, dup := at[slug]; dup {
			// a.md and a.MD (or a.markdown): one page address
			d.Add(diag.Diagnostic{File: path, Severity: diag.Error,
				Msg:  fmt.Sprintf("this file would be published at the same address as %s (/%s/%s/)", other, sub, slug),
				Hint: "keep one of the two files"})
			continue
		}
		at[slug] = e.Name()
		b, err := fs.ReadFile(dir.FS, sub+"/"+e.Name())
		if err != nil {
			d.Errorf(diag.Pos{File: path}, "", "", "%v", err)
			continue
		}
		if fm := ParseFrontMatter(path, b, d); fm != nil {
			seen := guardText(path, 1, strings.TrimPrefix(string(b), "\ufeff"), d) // front matter and body: all of it is published
			guardShown(fm, seen, d)
			for _, l := range markdown.Links(fm.body) {
				if l.Dropped {
					d.Add(diag.Diagnostic{File: path, Line: fm.bodyLine + l.Line - 1, Field: "链接", Value: l.Dest, Severity: diag.Warning,
						Msg:  "a javascript:, vbscript:, data: or file:// address is not published: the reader gets a link to nowhere",
						Hint: "link to an http(s) address or a path on this site, e.g. /policies/…/"})
				}
			}
			if kind, _, ok := personal(fm.slug); ok { // the name is published too: in the page's address, the sitemap, the open data
				d.Add(diag.Diagnostic{File: path, Severity: diag.Error,
					Msg:  fmt.Sprintf("the file name contains %s: personal data must never be published, and the name is the page's address", kind),
					Hint: "rename the file, e.g. after the document's number or subject"})
			}
			fn(fm)
		}
	}
}

// frontMatter is a Markdown file's YAML header, read key by key so that
// every problem has its line.
type frontMatter struct {
	path, slug string
	body       string
	bodyLine   int
	keys       map[string]*yaml.Node // value nodes
	keyLines   map[string]int
	used       map[string]bool
	d          *diag.List
	kept       *Kept // the attachments read clean before, when not nil
}

// ParseFrontMatter splits "---\nYAML\n---\nMarkdown" and parses the YAML.
// It returns nil (after reporting) when the file cannot be used.
func ParseFrontMatter(path string, b []byte, d *diag.List) *frontMatter {
	if !utf8.Valid(b) {
		d.Errorf(diag.Pos{File: path, Line: 1}, "", "", "Markdown files must be UTF-8")
		return nil
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	slug, ok := markdownSlug(filepath.Base(path))
	if !ok {
		slug = strings.TrimSuffix(filepath.Base(path), ".md")
	}
	fm := &frontMatter{path: path, slug: slug,
		keys: map[string]*yaml.Node{}, keyLines: map[string]int{}, used: map[string]bool{}, d: d}
	if !strings.HasPrefix(text, "---\n") {
		d.Errorf(diag.Pos{File: path, Line: 1}, "", "", "the file must start with front matter between --- lines (title, …)")
		return nil
	}
	end := strings.Index(text[4:], "\n---")
	if end < 0 {
		d.Errorf(diag.Pos{File: path, Line: 1}, "", "", "front matter is not closed: add a line with --- after it")
		return nil
	}
	head := text[4 : 4+end+1]
	rest := text[4+end+1+3:]
	rest = strings.TrimPrefix(rest, "\n")
	fm.bodyLine = strings.Count(text[:len(text)-len(rest)], "\n") + 1
	fm.body = rest
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(head), &doc); err != nil {
		// yaml.v3 says "yaml: line N: …" with N 1-based within the YAML (for an
		// unclosed [ or { it names the line the collection opened on)
		line, msg := 2, strings.TrimPrefix(err.Error(), "yaml: ")
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if num, after, ok := strings.Cut(rest, ": "); ok {
				if n, err2 := strconv.Atoi(num); err2 == nil {
					line, msg = n+1, after
				}
			}
		}
		d.Errorf(diag.Pos{File: path, Line: line}, "", "", "front matter is not valid YAML: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		return fm
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		d.Errorf(diag.Pos{File: path, Line: 2}, "", "", "front matter must be key: value lines")
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if _, dup := fm.keys[k.Value]; dup {
			d.Errorf(diag.Pos{File: path, Line: k.Line + 1}, "", "", "front matter key %q appears twice (also line %d): keep one", k.Value, fm.keyLines[k.Value])
			continue
		}
		fm.keys[k.Value] = v
		fm.keyLines[k.Value] = k.Line + 1 // +1 for the opening ---
	}
	return fm
}

func (fm *frontMatter) src() model.Source { return model.Source{File: fm.path, Line: 1} }

func (fm *frontMatter) pos(key string) diag.Pos {
	line := fm.keyLines[key]
	if line == 0 {
		line = 1
	}
	return diag.Pos{File: fm.path, Line: line}
}

func (fm *frontMatter) errorf(key, format string, args ...any) {
	v := ""
	if n := fm.keys[key]; n != nil {
		v = n.Value
	}
	fm.d.Errorf(fm.pos(key), key, v, format, args...)
}

func (fm *frontMatter) scalar(key string, required bool) (string, bool) {
	fm.used[key] = true
	n := fm.keys[key]
	if n == nil || (n.Kind == yaml.ScalarNode && strings.TrimSpace(n.Value) == "") {
		if required {
			fm.d.Errorf(diag.Pos{File: fm.path, Line: 1}, key, "", "front matter needs %s", key)
		}
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		fm.errorf(key, "%s must be a single value", key)
		return "", false
	}
	return strings.TrimSpace(n.Value), true
}

func (fm *frontMatter) str(key string, required bool) string {
	s, _ := fm.scalar(key, required)
	return s
}

func (fm *frontMatter) date(key string, required bool) model.Date {
	s, ok := fm.scalar(key, required)
	if !ok {
		return 0
	}
	d, err := model.ParseDate(s, model.TextDates)
	switch {
	case err == nil:
	case noEnd[unspaced(s)]:
		// 长期有效 as a policy's end: said as the contract says it
		pos := fm.pos(key)
		fm.d.Add(diag.Diagnostic{File: pos.File, Line: pos.Line, Field: key, Value: s, Severity: diag.Error,
			Msg:  "not a date: a document in force with no end date has no " + key,
			Hint: "delete the " + key + " line (or write the date it ends)"})
	default:
		fm.errorf(key, "%v", err)
	}
	return d
}

// noEnd are the words a document's metadata uses for "no end date".
var noEnd = map[string]bool{"长期": true, "长期有效": true, "无固定期限": true, "永久": true, "永久有效": true}

func (fm *frontMatter) integer(key string) int {
	s, ok := fm.scalar(key, false)
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		fm.errorf(key, "%s must be a whole number", key)
	}
	return n
}

func (fm *frontMatter) boolean(key string) bool {
	s, ok := fm.scalar(key, false)
	if !ok {
		return false
	}
	switch s {
	case "true", "yes":
		return true
	case "false", "no":
		return false
	}
	fm.errorf(key, "%s must be true or false", key)
	return false
}

// done warns about keys no one asked for (a typo such as efective_from).
func (fm *frontMatter) done() {
	var unknown []string
	for k := range fm.keys {
		if !fm.used[k] {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		fm.d.Warnf(fm.pos(k), "", "", "unknown front matter key %q is ignored", k)
	}
}

// guardText refuses personal data anywhere in a content file — front
// matter, Markdown body, site.toml — reporting each line that holds some,
// masked. first is the line text starts on. A number broken across lines
// (the soft line breaks of a Markdown paragraph are shown as spaces) is
// reported at the line it begins on, with the lines it spans.
func guardText(path string, first int, text string, d *diag.List) (seen map[string]bool) {
	ms := pii.FindAll(text, pii.Options{})
	for _, m := range ms {
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[pii.Number(text, m)] = true
	}
	for k := 0; k < len(ms); {
		lo := strings.LastIndexByte(text[:ms[k].Start], '\n') + 1
		hi, j := lineEnd(text, ms[k].End), k+1
		for j < len(ms) && ms[j].Start < hi { // later numbers on the lines reported
			hi, j = max(hi, lineEnd(text, ms[j].End)), j+1
		}
		on := make([]pii.Match, j-k)
		for i, m := range ms[k:j] {
			on[i] = pii.Match{Kind: m.Kind, Start: m.Start - lo, End: m.End - lo}
		}
		masked := strings.Join(strings.Fields(pii.Mask(text[lo:hi], on)), " ")
		n := first + strings.Count(text[:lo], "\n")
		for i := 0; i <= strings.Count(text[lo:hi], "\n"); i++ {
			d.Redact(path, n+i)
		}
		d.Add(diag.Diagnostic{File: path, Line: n, Severity: diag.Error, Masked: true,
			Msg:  fmt.Sprintf("contains %s: personal data must never be published: %s", ms[k].Kind, masked),
			Hint: "remove it; the number is masked here"})
		k = j
	}
	return seen
}

// guardTOML refuses personal data that a TOML string holds only once
// decoded ("\u0031\u0033…"), at the setting's name; seen are the numbers
// the text itself was refused for.
func guardTOML(path, text string, seen map[string]bool, d *diag.List) {
	var all map[string]any
	if _, err := toml.Decode(text, &all); err != nil {
		return
	}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case string:
			seen = refuseShown(diag.Pos{File: path}, key, v, seen, d)
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(strings.TrimPrefix(key+"."+k, "."), v[k])
			}
		case []any:
			for _, e := range v {
				walk(key, e)
			}
		case []map[string]any:
			for _, e := range v {
				walk(key, e)
			}
		}
	}
	walk("", all)
}

// guardShown refuses personal data that only a reader sees whole: in the
// Markdown as rendered (a number split by emphasis, a link or a code span,
// or written as character references: 138**0013**8000, &#49;&#51;&#56;…)
// and in the front matter's values as YAML decodes them ("\u0031…"). seen
// are the numbers the file's text was already refused for.
func guardShown(fm *frontMatter, seen map[string]bool, d *diag.List) {
	report := func(line int, text string) {
		seen = refuseShown(diag.Pos{File: fm.path, Line: line}, "", text, seen, d)
	}
	keys := make([]string, 0, len(fm.keys))
	for k := range fm.keys {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var each func(n *yaml.Node)
		each = func(n *yaml.Node) {
			if n.Kind == yaml.ScalarNode {
				report(n.Line+1, n.Value) // +1 for the opening ---
			}
			for _, c := range n.Content {
				each(c)
			}
		}
		each(fm.keys[k])
	}
	for _, b := range markdown.Shown(fm.body) {
		report(fm.bodyLine+b.Line-1, b.Text)
		report(fm.bodyLine+b.Line-1, b.Markup)
	}
}

// refuseShown refuses each personal number in text — a value as it is
// read once published — that is not among seen (the numbers already
// refused in the file's own text), showing the line that holds it, masked.
// It returns seen with the numbers it refused.
func refuseShown(at diag.Pos, field, text string, seen map[string]bool, d *diag.List) map[string]bool {
	if dec := percentDecoded(text); dec != text {
		seen = refuseShown(at, field, dec, seen, d) // a link's address as a browser or server reads it
	}
	for _, m := range pii.FindAll(text, pii.Options{}) {
		n := pii.Number(text, m)
		if seen[n] {
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[n] = true
		lo := strings.LastIndexByte(text[:m.Start], '\n') + 1
		hi := lineEnd(text, m.End)
		masked := strings.Join(strings.Fields(pii.Mask(text[lo:hi], []pii.Match{{Kind: m.Kind, Start: m.Start - lo, End: m.End - lo}})), " ")
		if at.Line > 0 {
			d.Redact(at.File, at.Line)
		}
		value := ""
		if field != "" {
			value = masked // a setting, named by its key: its value shown, as a cell's is
		}
		d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Field: field, Value: value, Severity: diag.Error, Masked: true,
			Msg:  fmt.Sprintf("contains %s once it is read as published (written in pieces, or as escapes or character references): personal data must never be published: %s", m.Kind, masked),
			Hint: "remove it; the number is masked here"})
	}
	return seen
}

// percentDecoded is text with every percent escape of a byte (%31 for 1)
// decoded, as a link's address is read by the browser and the server it
// goes to: https://…?tel=%31%33%38… sends a mobile number. An escape that
// is not one (a % not before two hex digits, 5%) is left as it is.
func percentDecoded(text string) string {
	i := strings.IndexByte(text, '%')
	if i < 0 {
		return text
	}
	b := []byte(text[:i])
	for ; i < len(text); i++ {
		if text[i] == '%' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]) {
			b = append(b, unhex(text[i+1])<<4|unhex(text[i+2]))
			i += 2
			continue
		}
		b = append(b, text[i])
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// lineEnd is the offset of the end of the line that holds byte i-1 of
// text (before its line break).
func lineEnd(text string, i int) int {
	if e := strings.IndexByte(text[i:], '\n'); e >= 0 {
		return i + e
	}
	return len(text)
}

// personal reports whether a line of published text holds personal data:
// the kind of the first number found, and the line, trimmed, with every
// number masked.
func personal(line string) (pii.Kind, string, bool) {
	line = strings.TrimSpace(line)
	ms := pii.FindAll(line, pii.Options{})
	if len(ms) == 0 {
		return pii.None, "", false
	}
	return ms[0].Kind, pii.Mask(line, ms), true
}
