package render

import (
	"encoding/xml"
	"fmt"
	"strings"

	"portal/generator/model"
	"portal/generator/register"
)

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

// stamp is a date as an Atom timestamp at midnight China time.
func stamp(d model.Date) string { return d.String() + "T00:00:00+08:00" }

// writeFeed writes an Atom feed. It is written directly rather than with
// encoding/xml, whose reflection cost seconds across 50,000 agency feeds.
func (r *Renderer) writeFeed(path, title, self, alternate string, entries []atomEntry, updated model.Date) error {
	var b strings.Builder
	b.Grow(512 + 400*len(entries))
	x := func(s string) {
		xml.EscapeText(&b, []byte(s))
	}
	b.WriteString(xml.Header + `<feed xmlns="http://www.w3.org/2005/Atom">` + "\n<title>")
	x(title)
	b.WriteString("</title>\n<id>")
	x(r.abs + self)
	b.WriteString("</id>\n<updated>" + stamp(updated) + "</updated>\n<link rel=\"self\" href=\"")
	x(r.abs + self)
	b.WriteString("\"/>\n<link rel=\"alternate\" href=\"")
	x(r.abs + alternate)
	b.WriteString("\"/>\n<author><name>")
	x(r.site.Bureau)
	b.WriteString("</name></author>\n")
	for _, e := range entries {
		b.WriteString("<entry>\n <title>")
		x(e.Title)
		b.WriteString("</title>\n <id>")
		x(e.ID)
		b.WriteString("</id>\n <updated>" + e.Updated + "</updated>\n <link href=\"")
		x(e.Link.Href)
		b.WriteString("\"/>\n <summary>")
		x(e.Summary)
		b.WriteString("</summary>\n</entry>\n")
	}
	b.WriteString("</feed>\n")
	return r.add(path, []byte(b.String()))
}

func (r *Renderer) decisionEntry(d *model.Decision, seq int) atomEntry {
	summary := fmt.Sprintf("%s %s：%s，许可证编号 %s，许可机关 %s。", d.DecidedOn, d.Type, d.Name, d.LicenceNo, d.Authority)
	if d.Changes != "" {
		summary += "变更事项：" + d.Changes
	}
	if d.ValidTo != 0 {
		summary += fmt.Sprintf("有效期 %s 至 %s。", d.ValidFrom, d.ValidTo)
	}
	link := r.abs + "agencies/" + d.Code + "/"
	return atomEntry{Title: fmt.Sprintf("【%s】%s", d.Type, d.Name), ID: fmt.Sprintf("%s#decision-%s-%d", link, d.DecidedOn, seq),
		Updated: stamp(d.PublishedOn), Link: atomLink{Href: link}, Summary: summary}
}

func (r *Renderer) announcementsFeed(ds []*model.Decision) error {
	var es []atomEntry
	for _, d := range ds[:min(50, len(ds))] {
		es = append(es, r.decisionEntry(d, d.Src.Line))
	}
	updated := r.asOf
	if len(ds) > 0 {
		updated = ds[0].PublishedOn
	}
	return r.writeFeed("announcements/index.xml", r.site.Name+" · 许可公示", "announcements/index.xml", "announcements/", es, updated)
}

// agencyFeed is a static "follow this agency": its decisions, checks and listings.
func (r *Renderer) agencyFeed(a *register.Agency) error {
	var es []atomEntry
	updated := a.Last().PublishedOn
	for i := len(a.Decisions) - 1; i >= 0; i-- {
		es = append(es, r.decisionEntry(a.Decisions[i], a.Decisions[i].Src.Line))
	}
	link := r.abs + "agencies/" + a.Code + "/"
	for _, c := range a.Checks {
		on := c.PublishedOn
		if on == 0 {
			on = model.MakeDate(c.Year+1, 6, 30)
		}
		s := fmt.Sprintf("%d年度经营情况报告核验结果：%s", c.Year, c.Result)
		if c.FailReasons != "" {
			s += "（" + c.FailReasons + "）"
		}
		es = append(es, atomEntry{Title: fmt.Sprintf("【年度核验】%d年度 %s", c.Year, c.Result), ID: fmt.Sprintf("%s#check-%d", link, c.Year), Updated: stamp(on), Link: atomLink{Href: link + "#checks"}, Summary: s})
		updated = max(updated, on)
	}
	for i, l := range a.Listings {
		s := fmt.Sprintf("%s 列入经营异常名录：%s（%s）", l.ListedOn, l.Reason, l.Authority)
		on := l.ListedOn
		if l.RemovedOn != 0 {
			s += fmt.Sprintf("；%s 移出：%s", l.RemovedOn, l.RemovalReason)
			on = l.RemovedOn
		}
		es = append(es, atomEntry{Title: "【经营异常名录】" + strings.TrimSpace(l.Reason), ID: fmt.Sprintf("%s#listing-%d", link, i+1), Updated: stamp(on), Link: atomLink{Href: link + "#abnormal"}, Summary: s})
		updated = max(updated, on)
	}
	p := "agencies/" + a.Code + "/"
	return r.writeFeed(p+"index.xml", a.Name+" · 许可动态", p+"index.xml", p, es, updated)
}

type sitemapURL struct {
	Loc     string
	LastMod model.Date
}

// sitemapMax is below the protocol's 50,000 URLs per file.
const sitemapMax = 40000

func (r *Renderer) writeSitemap() error {
	urls := r.sitemap
	sortURLs(urls)
	const head = xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n"
	urlset := func(us []sitemapURL) []byte {
		var b strings.Builder
		b.Grow(len(head) + 100*len(us))
		b.WriteString(head)
		for _, u := range us {
			b.WriteString(" <url><loc>")
			xml.EscapeText(&b, []byte(u.Loc))
			b.WriteString("</loc><lastmod>" + u.LastMod.String() + "</lastmod></url>\n")
		}
		b.WriteString("</urlset>\n")
		return []byte(b.String())
	}
	if len(urls) <= sitemapMax {
		if err := r.add("sitemap.xml", urlset(urls)); err != nil {
			return err
		}
	} else {
		var idx strings.Builder
		idx.WriteString(xml.Header + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for i := 0; i*sitemapMax < len(urls); i++ {
			name := fmt.Sprintf("sitemap-%d.xml", i+1)
			if err := r.add(name, urlset(urls[i*sitemapMax:min((i+1)*sitemapMax, len(urls))])); err != nil {
				return err
			}
			idx.WriteString(" <sitemap><loc>")
			xml.EscapeText(&idx, []byte(r.abs+name))
			idx.WriteString("</loc></sitemap>\n")
		}
		idx.WriteString("</sitemapindex>\n")
		if err := r.add("sitemap.xml", []byte(idx.String())); err != nil {
			return err
		}
	}
	robots := "User-agent: *\nAllow: /\nSitemap: " + r.abs + "sitemap.xml\n"
	return r.add("robots.txt", []byte(robots))
}
