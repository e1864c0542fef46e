package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"portal/generator/internal/atom"
	"portal/generator/internal/textlist"
	"portal/generator/model"
	"portal/generator/register"
)

// stamp is a date as an Atom timestamp at midnight China time.
func stamp(d model.Date) string { return d.String() + "T00:00:00+08:00" }

// writeFeed writes an Atom feed of the site (atom.Append).
func (r *Renderer) writeFeed(path, title, self, alternate string, entries []atom.Entry, updated model.Date) error {
	f := atom.Feed{Title: title, ID: r.abs + self, Updated: stamp(updated), Author: r.site.Bureau,
		Links: []atom.Link{{Rel: "self", Href: r.abs + self}, {Rel: "alternate", Href: r.abs + alternate}}, Entries: entries}
	// in a page buffer (bufPool): one feed per agency, a new buffer each
	// was ~120 MB of garbage at 50,000 agencies
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	buf.Write(atom.Append(buf.AvailableBuffer(), &f)) // grows buf when the feed is larger than it
	return r.add(path, buf.Bytes())
}

func (r *Renderer) decisionEntry(d *model.Decision) atom.Entry {
	summary := d.DecidedOn.String() + " " + d.Type.String() + "：" + d.Name + "，许可证编号 " + d.LicenceNo + "，许可机关 " + d.Authority + "。"
	if d.Changes != "" {
		summary += "变更事项：" + d.Changes
	}
	if d.ValidTo != 0 {
		summary += "有效期 " + d.ValidFrom.String() + " 至 " + d.ValidTo.String() + "。"
	}
	link := r.abs + "agencies/" + d.Code + "/"
	return atom.Entry{Title: "【" + d.Type.String() + "】" + d.Name, ID: r.decisionID(d),
		Updated: stamp(d.ListedOn()), Link: atom.Link{Href: link}, Summary: summary}
}

// decisionID is a decision's Atom entry ID, the same in the agency's feed
// and the announcements feed. It stays put when rows are added or moved in
// licences.csv (feed readers would show a moved decision again): the
// agency's page, the decision's date and type, and — for a second decision
// of the same date and type — its place among them.
func (r *Renderer) decisionID(d *model.Decision) string {
	n := 1
	if a := r.reg.Agency(d.Code); a != nil {
		for _, e := range a.Decisions {
			if e == d {
				break
			}
			if e.DecidedOn == d.DecidedOn && e.Type == d.Type {
				n++
			}
		}
	}
	id := r.abs + "agencies/" + d.Code + "/#decision-" + d.DecidedOn.String() + "-" + d.Type.Slug()
	if n > 1 {
		id += "-" + strconv.Itoa(n)
	}
	return id
}

func (r *Renderer) announcementsFeed(ds []*model.Decision) error {
	var es []atom.Entry
	for _, d := range ds[:min(50, len(ds))] {
		es = append(es, r.decisionEntry(d))
	}
	updated := r.asOf
	if len(ds) > 0 {
		updated = ds[0].ListedOn()
	}
	return r.writeFeed("announcements/index.xml", r.site.Name+" · 许可公示", "announcements/index.xml", "announcements/", es, updated)
}

// agencyFeed is a static "follow this agency": its decisions, checks and listings.
func (r *Renderer) agencyFeed(a *register.Agency) error {
	es := make([]atom.Entry, 0, len(a.Decisions)+len(a.Checks)+len(a.Listings))
	updated := a.Last().ListedOn()
	for i := len(a.Decisions) - 1; i >= 0; i-- {
		if !a.Decisions[i].Snapshot { // a snapshot's row was never announced
			es = append(es, r.decisionEntry(a.Decisions[i]))
		}
	}
	link := r.abs + "agencies/" + a.Code + "/"
	for _, c := range a.Checks {
		on := c.PublishedOn
		if on == 0 {
			on = model.MakeDate(c.Year+1, 6, 30)
		}
		year := strconv.Itoa(c.Year)
		s := year + "年度经营情况报告核验结果：" + c.Result.String()
		if c.FailReasons != "" {
			s += "（" + c.FailReasons + "）"
		}
		es = append(es, atom.Entry{Title: "【年度核验】" + year + "年度 " + c.Result.String(), ID: link + "#check-" + year, Updated: stamp(on), Link: atom.Link{Href: link + "#checks"}, Summary: s})
		updated = max(updated, on)
	}
	for i, l := range a.Listings {
		s := l.ListedOn.String() + " 列入经营异常名录：" + l.Reason + "（" + l.Authority + "）"
		on := l.ListedOn
		if l.RemovedOn != 0 {
			s += "；" + l.RemovedOn.String() + " 移出：" + l.RemovalReason
			on = l.RemovedOn
		}
		es = append(es, atom.Entry{Title: "【经营异常名录】" + strings.TrimSpace(l.Reason), ID: link + "#listing-" + strconv.Itoa(i+1), Updated: stamp(on), Link: atom.Link{Href: link + "#abnormal"}, Summary: s})
		updated = max(updated, on)
	}
	p := "agencies/" + a.Code + "/"
	return r.writeFeed(p+"index.xml", a.Name+" · 许可动态", p+"index.xml", p, es, updated)
}

// sitemapList is the pages the sitemap lists, kept to the end of the
// render: their paths (below the base URL) in a textlist, each with its
// date — no pointers, so the collector skips the list, which at 200,000
// agencies grew to a few hundred thousand URL strings it marked on every
// cycle.
type sitemapList struct {
	paths textlist.List
	urls  []sitemapURL
}

type sitemapURL struct {
	i       int32 // the path is paths.At(i)
	LastMod model.Date
}

func (l *sitemapList) add(p string, lastmod model.Date) {
	l.urls = append(l.urls, sitemapURL{int32(l.paths.Len()), lastmod})
	l.paths.Add(p)
}

func (l *sitemapList) path(u sitemapURL) []byte { return l.paths.At(int(u.i)) }

// sitemapMax is below the protocol's 50,000 URLs per file.
const sitemapMax = 40000

func (r *Renderer) writeSitemap() error {
	urls := r.sitemap.urls
	sortURLs(&r.sitemap) // by path: every URL has the same base
	const head = xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n"
	urlset := func(us []sitemapURL) []byte {
		b := make([]byte, 0, len(head)+100*len(us))
		b = append(b, head...)
		for _, u := range us {
			b = append(b, " <url><loc>"...)
			b = atom.AppendText(b, r.abs+string(r.sitemap.path(u)))
			b = append(append(append(b, "</loc><lastmod>"...), u.LastMod.String()...), "</lastmod></url>\n"...)
		}
		return append(b, "</urlset>\n"...)
	}
	if len(urls) <= sitemapMax {
		if err := r.add("sitemap.xml", urlset(urls)); err != nil {
			return err
		}
	} else {
		idx := []byte(xml.Header + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for i := 0; i*sitemapMax < len(urls); i++ {
			name := fmt.Sprintf("sitemap-%d.xml", i+1)
			if err := r.add(name, urlset(urls[i*sitemapMax:min((i+1)*sitemapMax, len(urls))])); err != nil {
				return err
			}
			idx = append(atom.AppendText(append(idx, " <sitemap><loc>"...), r.abs+name), "</loc></sitemap>\n"...)
		}
		if err := r.add("sitemap.xml", append(idx, "</sitemapindex>\n"...)); err != nil {
			return err
		}
	}
	robots := "User-agent: *\nAllow: /\nSitemap: " + r.abs + "sitemap.xml\n"
	return r.add("robots.txt", []byte(robots))
}
