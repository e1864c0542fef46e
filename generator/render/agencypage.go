package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"portal/generator/model"
)

// The agency page written directly. 50,000 of a national portal's 60,000
// pages are agency pages, and html/template spends most of the render on
// them: some 80 reflect-driven field lookups, function and escaper calls a
// page. With the built-in theme the page is written here instead, byte for
// byte what layouts/base.html and pages/agency.html make of it:
// TestDirectAgencyPage compares the two on every agency of the test
// registers and FuzzDirectAgencyPage on hostile values. The templates stay
// the definition of the page: when layouts/, partials/ or pages/agency.html
// differ from the built-in ones (a customised theme, or an edit to the
// built-in one not yet mirrored here) their digest differs from
// builtinAgencyDigest and the templates render every agency page.
//
// Values are escaped as html/template escapes a plain string in text, in a
// quoted attribute and in <title>; a link that html/template's URL
// filter or normaliser would change (a base URL with characters outside
// [A-Za-z0-9-._~/:]) sends the page back to the templates.

// builtinAgencyDigest is agencyTemplateDigest of the built-in templates
// that writeAgencyPage reproduces.
const builtinAgencyDigest = "a5e8926cacc0b9927b35695f7d24b4b3005a4c70015d9d1881519bd8d8d23cfc"

// agencyTemplateDigest digests the templates an agency page is made with:
// the layouts, the partials and pages/agency.html.
func agencyTemplateDigest(fsys fs.FS) (string, error) {
	h := sha256.New()
	var paths []string
	for _, pattern := range []string{"layouts/*.html", "partials/*.html", "pages/agency.html"} {
		ps, err := fs.Glob(fsys, pattern)
		if err != nil {
			return "", err
		}
		paths = append(paths, ps...)
	}
	for _, p := range paths {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			continue // a directory
		}
		fmt.Fprintf(h, "%s %d\n", p, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// directAgencyPage writes and publishes the agency page pg at p with
// writeAgencyPage when the built-in templates are in use; false: the
// templates are to render it.
func (r *Renderer) directAgencyPage(pg *Page, p string, v *AgencyView, lastmod model.Date) (bool, error) {
	if !r.direct {
		return false, nil
	}
	r.fill(pg, p)
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if !r.writeAgencyPage(buf, pg, v) {
		return false, nil
	}
	r.nDirect.Add(1)
	return true, r.publishPage("agency", p, buf.Bytes(), lastmod)
}

// writeAgencyPage writes pg, an agency page (pg.D is its AgencyView; the
// row fragments need not be set), as the built-in templates would. It
// reports false, having written part of a page, when a link would need
// html/template's URL escaping; the caller then uses the templates.
func (r *Renderer) writeAgencyPage(b *bytes.Buffer, pg *Page, v *AgencyView) bool {
	if len(pg.JSONLD) > 0 || !plainURL(pg.Canonical) {
		return false
	}
	a := v.A
	// layouts/base.html, to {{template "content" .}}
	b.WriteString("<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'\">\n<title>")
	if pg.Path == "" {
		escapeHTML(b, pg.Site.Name)
	} else {
		escapeHTML(b, pg.Title)
		b.WriteString(" - ")
		escapeHTML(b, pg.Site.Name)
	}
	b.WriteString("</title>\n")
	if pg.Desc != "" {
		b.WriteString(`<meta name="description" content="`)
		escapeHTML(b, pg.Desc)
		b.WriteString(`">`)
	}
	b.WriteString("\n<link rel=\"canonical\" href=\"")
	b.WriteString(pg.Canonical)
	b.WriteString("\">\n")
	b.WriteString(string(pg.Head))
	b.WriteString("\n")
	if pg.Search {
		if !r.writeURL(b, `<script src="`, "static/search.js") {
			return false
		}
		b.WriteString("\" defer></script>\n")
	}
	if pg.Verdict {
		if !r.writeURL(b, `<script src="`, "static/verdict.js") {
			return false
		}
		b.WriteString("\" defer></script>\n")
	}
	if pg.Feed != "" {
		if !r.writeURL(b, `<link rel="alternate" type="application/atom+xml" title="Atom" href="`, pg.Feed) {
			return false
		}
		b.WriteString(`">`)
	}
	b.WriteString("\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">跳到正文</a>\n<header class=\"site-header\">\n<div class=\"wrap\">\n")
	b.WriteString(string(pg.Masthead))
	b.WriteString("\n")
	b.WriteString(string(pg.Nav))
	b.WriteString("\n</div>\n</header>\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n")
	if len(pg.Crumbs) > 0 {
		if !r.writeURL(b, `<nav class="crumbs" aria-label="当前位置"><ol><li><a href="`, "") {
			return false
		}
		b.WriteString(`">首页</a></li>`)
		for _, c := range pg.Crumbs {
			if !r.writeURL(b, `<li><a href="`, c.Path) {
				return false
			}
			b.WriteString(`">`)
			escapeHTML(b, c.Title)
			b.WriteString(`</a></li>`)
		}
		b.WriteString(`<li aria-current="page">`)
		escapeHTML(b, pg.Title)
		b.WriteString(`</li></ol></nav>`)
	}
	b.WriteString("\n")

	// pages/agency.html
	b.WriteString("\n<article class=\"agency\">\n<h1>")
	escapeHTML(b, a.Name)
	asOf := pg.AsOf.String()
	b.WriteString("</h1>\n<div class=\"verdict verdict-")
	escapeHTML(b, v.V.Class)
	writeAll(b, "\" data-asof=\"", asOf, "\" data-stale=\"", strconv.Itoa(v.Stale), "\" data-spans=\"")
	escapeHTML(b, v.Spans)
	b.WriteString("\">\n<p class=\"verdict-head\"><span class=\"icon\" aria-hidden=\"true\">")
	escapeHTML(b, v.V.Icon)
	b.WriteString("</span> <span class=\"verdict-text\">")
	escapeHTML(b, v.V.Headline)
	b.WriteString("</span></p>\n<p class=\"verdict-detail\">")
	escapeHTML(b, v.V.Detail)
	b.WriteString("</p>\n")
	if v.V.Grounds != "" {
		b.WriteString("<p class=\"verdict-grounds\">")
		escapeHTML(b, v.V.Grounds)
		b.WriteString("</p>\n")
	}
	if h := v.V.Head; h != nil {
		if !r.writeURL(b, "<p>总公司：<a href=\"", "agencies/", h.Code, "/") {
			return false
		}
		b.WriteString("\">")
		escapeHTML(b, h.Name)
		b.WriteString("</a></p>\n")
	}
	if c := v.Watch; c != nil {
		writeAll(b, "<p class=\"notice\"><strong>重点监控：</strong>", strconv.Itoa(c.Year), " 年度经营情况报告核验不合格")
		if c.FailReasons != "" {
			b.WriteString("（")
			escapeHTML(b, c.FailReasons)
			b.WriteString("）")
		}
		b.WriteString("；许可状态不因此改变。</p>\n")
	}
	if v.Abnormal {
		b.WriteString("<p class=\"notice\"><strong>注意：</strong>该单位目前列入经营异常名录，详见下方。</p>\n")
	}
	writeAll(b, "<p class=\"verdict-asof noprint\">以上结论依据截至 ", asOf, " 的数据作出。</p>\n<p class=\"verdict-live\" hidden></p>\n</div>\n",
		"<form class=\"on-date noprint\" hidden>\n<label for=\"on-date\">查询某一日期的许可状态（例如签订劳动合同的日期）</label>\n",
		"<span class=\"on-date-row\"><input type=\"date\" id=\"on-date\" name=\"on\" required> <button type=\"submit\">查询</button></span>\n",
		"<output for=\"on-date\" class=\"on-date-result\" aria-live=\"polite\"></output>\n</form>\n<p class=\"asof\">数据截至 <time datetime=\"", asOf, "\">", asOf, "</time> · 本页地址：<span class=\"code\">")
	escapeHTML(b, pg.Canonical)
	b.WriteString("</span></p>\n\n<h2 id=\"facts\">许可信息</h2>\n<dl class=\"facts\">\n<dt>许可状态</dt><dd>")
	b.WriteString(string(verdictTag(v.V)))
	b.WriteString("</dd>\n<dt>统一社会信用代码</dt><dd class=\"code\">")
	escapeHTML(b, a.Code)
	b.WriteString("</dd>\n<dt>许可证编号</dt><dd class=\"code\">")
	escapeHTML(b, a.LicenceNo)
	if len(a.FormerLicenceNos) > 0 {
		b.WriteString("（原编号：")
		for i, n := range a.FormerLicenceNos {
			if i > 0 {
				b.WriteString("、")
			}
			escapeHTML(b, n)
		}
		b.WriteString("）")
	}
	b.WriteString("</dd>\n")
	if a.ValidTo != 0 {
		writeAll(b, "<dt>有效期</dt><dd>", a.ValidFrom.String(), " 至 ", a.ValidTo.String())
		escapeHTML(b, v.TermNote)
		b.WriteString("</dd>")
	}
	b.WriteString("\n<dt>许可机关</dt><dd>")
	escapeHTML(b, a.Authority)
	b.WriteString("</dd>\n<dt>行政区划</dt><dd><a href=\"")
	if !r.writeURL(b, "", "register/", a.RegionCode, "/") {
		return false
	}
	b.WriteString("\">")
	escapeHTML(b, r.reg.RegionName(a.RegionCode))
	b.WriteString("</a></dd>\n")
	if a.Address != "" {
		b.WriteString("<dt>住所</dt><dd>")
		escapeHTML(b, a.Address)
		b.WriteString("</dd>")
	}
	b.WriteString("\n")
	if a.LegalRep != "" {
		b.WriteString("<dt>法定代表人</dt><dd>")
		escapeHTML(b, a.LegalRep)
		b.WriteString("</dd>")
	}
	b.WriteString("\n")
	if a.Capital != "" {
		b.WriteString("<dt>注册资本</dt><dd>")
		escapeHTML(b, a.Capital)
		b.WriteString(" 万元</dd>")
	}
	writeAll(b, "\n<dt>首次许可或备案</dt><dd>", a.FirstLicensed.String(), "</dd>\n")
	if p := v.Parent; p.Agency != nil {
		if !r.writeAgencyLink(b, "<dt>总公司</dt><dd>", p) {
			return false
		}
		b.WriteString("</dd>")
	} else if a.ParentCode != "" {
		b.WriteString("<dt>总公司</dt><dd>统一社会信用代码 <span class=\"code\">")
		escapeHTML(b, a.ParentCode)
		b.WriteString("</span>（本地数据中没有该单位）</dd>")
	}
	b.WriteString("\n")
	if g := v.Grade; g != nil {
		writeAll(b, "<dt>信用等级</dt><dd>", strconv.Itoa(g.Year), "年度 <strong>")
		escapeHTML(b, g.Grade)
		b.WriteString("</strong>")
		if g.ValidUntil != 0 {
			writeAll(b, "（有效期至 ", g.ValidUntil.String(), "）")
		}
		b.WriteString("</dd>")
	}
	b.WriteString("\n</dl>\n")
	if len(a.FormerNames) > 0 {
		b.WriteString("<h2 id=\"former\">曾用名</h2>\n<ul>")
		for _, f := range a.FormerNames {
			b.WriteString("<li>")
			escapeHTML(b, f.Name)
			writeAll(b, "（使用至 ", f.Until.String(), "）</li>")
		}
		b.WriteString("</ul>")
	}
	b.WriteString("\n")
	if len(v.Branches) > 0 {
		b.WriteString("<h2 id=\"branches\">已备案的分支机构</h2>\n<ul>")
		for _, br := range v.Branches {
			if br.Agency == nil || !r.writeAgencyLink(b, "<li>", br) {
				return false // the templates report the missing branch
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ul>")
	}
	b.WriteString("\n\n<h2 id=\"history\">许可记录</h2>\n<ol class=\"timeline\">\n")
	writeTimeline(r, b, a)
	b.WriteString("</ol>\n\n<h2 id=\"checks\">年度经营情况报告核验</h2>\n")
	writeTable(b, len(a.Checks), "<th scope=\"col\">年度</th><th scope=\"col\">结果</th><th scope=\"col\">不合格情形</th><th scope=\"col\">核验机关</th><th scope=\"col\">公布日期</th>",
		func() { writeChecks(r, b, a) }, "暂无核验记录。")
	b.WriteString("\n\n<h2 id=\"grades\">信用等级评价</h2>\n")
	writeTable(b, len(a.Grades), "<th scope=\"col\">评价年度</th><th scope=\"col\">等级</th><th scope=\"col\">评价机构</th><th scope=\"col\">有效期至</th>",
		func() { writeGrades(b, a) }, "暂无评价记录。")
	b.WriteString("\n\n<h2 id=\"abnormal\">经营异常名录</h2>\n")
	writeTable(b, len(a.Listings), "<th scope=\"col\">列入日期</th><th scope=\"col\">列入原因</th><th scope=\"col\">列入机关</th><th scope=\"col\">移出日期</th><th scope=\"col\">移出原因</th>",
		func() { writeListings(b, a) }, "未列入经营异常名录。")
	if !r.writeURL(b, "\n<p class=\"follow noprint\"><a href=\"", pg.Feed) ||
		!r.writeURL(b, "\">订阅该单位的许可动态（Atom）</a> · <a href=\"", "agencies/", a.Code, "/") ||
		!r.writeURL(b, "index.json\" type=\"application/json\">本单位完整记录（JSON）</a> · <a href=\"", "data/") {
		return false
	}
	b.WriteString("\">全部开放数据</a></p>\n</article>\n")

	// layouts/base.html, after the content
	b.WriteString("\n</main>\n")
	b.WriteString(string(pg.Footer))
	b.WriteString("\n</body>\n</html>\n")
	return true
}

// writeTable writes one of the agency page's tables — its header cells
// heads, then rows — or, when it has no rows (n == 0), the sentence none.
func writeTable(b *bytes.Buffer, n int, heads string, rows func(), none string) {
	if n == 0 {
		writeAll(b, "<p>", none, "</p>")
		return
	}
	writeAll(b, `<div class="table-wrap" tabindex="0"><table><thead><tr>`, heads, "</tr></thead>\n<tbody>")
	rows()
	b.WriteString("</tbody></table></div>\n")
}

// writeURL writes before, then the link below the base made of parts (the
// templates' url function), if html/template would write it unchanged.
// The parts are written one by one: no link string is made.
func (r *Renderer) writeURL(b *bytes.Buffer, before string, parts ...string) bool {
	b.WriteString(before)
	if !r.plainBase {
		return false
	}
	b.WriteString(r.base)
	for i, p := range parts {
		if i == 0 {
			p = strings.TrimPrefix(p, "/")
		}
		if !plainPath(p) {
			return false
		}
		b.WriteString(p)
	}
	return true
}

// writeAgencyLink writes before, then a linked to its page with its status
// tag, as the agency template does for a head office and for branches.
func (r *Renderer) writeAgencyLink(b *bytes.Buffer, before string, a AgencyRef) bool {
	b.WriteString(before)
	if !r.writeURL(b, "<a href=\"", "agencies/", a.Code, "/") {
		return false
	}
	b.WriteString("\">")
	escapeHTML(b, a.Name)
	b.WriteString("</a>（")
	b.WriteString(string(verdictTag(a.V)))
	b.WriteString("）")
	return true
}

// escapeHTML writes s as html/template's text, quoted-attribute and RCDATA
// escapers write a plain string: NUL becomes U+FFFD and " & ' + < > become
// character references. Bytes of multi-byte or invalid UTF-8 are never
// one of these, so a byte scan replaces what html/template's rune scan does.
func escapeHTML(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// plainURL reports whether html/template writes the link u into a quoted
// href unchanged: an http(s) URL or a path made of [A-Za-z0-9-._~/:],
// which its URL filter passes and neither its normaliser nor its
// attribute escaper rewrites.
func plainURL(u string) bool {
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(u, "http://")
	}
	if !ok {
		return plainPath(u)
	}
	host, path, _ := strings.Cut(rest, "/")
	return plainPath(strings.Replace(host, ":", "", 1)) && plainPath(path) // a port after the host
}

// plainPath reports whether s is made of [A-Za-z0-9-._~/] only.
func plainPath(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~', c == '/':
		default:
			return false
		}
	}
	return true
}
