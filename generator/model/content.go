package model

import "slices"

// Site is content/site.toml: the site's identity and policies.
type Site struct {
	Name      string `toml:"name"`            // 网站名称
	Bureau    string `toml:"bureau"`          // 主办单位
	BaseURL   string `toml:"base_url"`        // e.g. https://rsj.example.gov.cn/ldpq/
	Contact   string `toml:"contact"`         // 联系方式
	SiteCode  string `toml:"site_code"`       // 网站标识码
	ICP       string `toml:"icp"`             // ICP备案号
	PublicSec string `toml:"public_security"` // 公安备案号
	// ErrorReportURL is the site's 我为政府网站找错 page (the national
	// government-website error-report service), ConacURL its 党政机关网站标识
	// record: both linked from the footer when set.
	ErrorReportURL string `toml:"error_report_url"`
	ConacURL       string `toml:"conac_url"`
	// RequireSignature says every release must be signed: a build without
	// a key warns, and a strict one refuses.
	RequireSignature bool     `toml:"require_signature"`
	Province         string   `toml:"province"`     // e.g. 广东省
	Report           string   `toml:"report"`       // how to report unlicensed dispatch (举报方式)
	GradeScale       []string `toml:"grade_scale"`  // best first, default A+ A B C D
	DataLicense      License  `toml:"data_license"` // licence of the open data
	Timezone         string   `toml:"timezone"`     // for the default as-of date, default Asia/Shanghai
	// StaleAfterDays is how old the data may be, as a reader's clock
	// sees it, before the pages say that it may have changed since
	// (default 31).
	StaleAfterDays int `toml:"stale_after_days"`
	// KeepReleases is how many releases, newest first, stay downloadable
	// as archives under /data/releases/ and listed in releases.json; 0
	// (the default) keeps every release.
	KeepReleases int `toml:"keep_releases"`
	// Posters says whether every agency that may dispatch gets a printable
	// 许可公示牌 (/agencies/{code}/poster/); default true. A page each: on
	// the 50,000-agency set about a quarter of the build's time.
	Posters *bool `toml:"posters"`
	// Precompress lists the codings in which every text file of the
	// output above 1 KB also gets a precompressed sibling (x.html.gz,
	// x.html.br) for nginx gzip_static/brotli_static: "gzip", "br".
	// Unset: both; [] none. Only changed files are compressed again.
	Precompress *[]string `toml:"precompress"`
	// ExpiringDays is how close to its end a licence with no 延续 is
	// listed on /expiring/ (default 60).
	ExpiringDays int `toml:"expiring_days"`
}

// Codings are the names site.toml's precompress list may hold, as HTTP
// spells them in Content-Encoding.
var Codings = []string{"gzip", "br"}

// Codings is the precompress list with its default (every coding).
func (s *Site) Codings() []string {
	if s.Precompress == nil {
		return Codings
	}
	return *s.Precompress
}

// License names an open-data licence.
type License struct {
	Name  string `toml:"name"`  // SPDX-style id, e.g. CC-BY-4.0
	Title string `toml:"title"` // human title
	Path  string `toml:"path"`  // URL of the licence text
}

// DefaultGradeScale is the national 劳务派遣单位信用等级 scale (人社厅发〔2025〕6号).
var DefaultGradeScale = []string{"A+", "A", "B", "C", "D"}

// Policy is a policy document from content/policies/.
type Policy struct {
	Src           Source
	Slug          string
	Title         string // title
	DocNo         string // doc_no 文号
	Issuer        string // issuer 发文机关
	WrittenOn     Date   // written_on 成文日期
	PublishedOn   Date   // published_on 发布日期
	PublishedLine int    // the line of published_on in the front matter (0: none)
	EffectiveFrom Date   // effective_from 施行日期
	EffectiveTo   Date   // effective_to 有效期至
	AbolishedOn   Date   // abolished_on 废止日期
	IndexNo       string // index_no 索引号
	Topic         string // topic 主题分类
	Summary       string // summary
	Draft         bool   // draft: a 征求意见稿
	Body          string // Markdown
	BodyLine      int    // line where Body starts in the file
	// Interpretation (解读) and Diagram (图解) are links: an http(s) URL, a
	// file beside the policy (one of Attachments), or another policy's slug.
	Interpretation, Diagram Link
	AppliesTo               []string // applies_to 适用地区
	Replaces                []string // replaces 替代: slugs of the policies this one replaces
	// ReplacedBy is the slug of the policy replacing this one that takes
	// effect first, on ReplacedFrom (its 施行日期, else its 发布日期): from
	// that day this one is 已废止 though it gives no 废止日期 of its own.
	// Load sets both; "" when no policy replaces this one.
	ReplacedBy   string
	ReplacedFrom Date
	// Attachments are the files beside the policy that its body or front
	// matter links to (附件 PDF, DOC, XLS, images): published beside its page.
	Attachments []Attachment
}

// Link is where a policy's 解读 or 图解 is: one of URL, File (an
// attachment's name) and Policy (a slug) is set.
type Link struct{ URL, File, Policy string }

// Attachment is a file a policy links to.
type Attachment struct {
	Name string // as linked, cleaned: 附件1.pdf, attachments/图解.png
	Data []byte
}

// ReplacedAsOf reports whether a policy replacing p (ReplacedBy) has taken
// effect by day d: p is then 已被替代 (and 已废止); before, 将被替代.
func (p *Policy) ReplacedAsOf(d Date) bool { return p.ReplacedBy != "" && p.ReplacedFrom <= d }

// StatusAsOf gives the policy's 有效性 on d.
func (p *Policy) StatusAsOf(d Date) PolicyStatus {
	switch {
	case p.Draft:
		return PolicyDraft
	case !p.AbolishedOn.IsZero() && p.AbolishedOn <= d, p.ReplacedAsOf(d):
		return PolicyAbolished
	case !p.EffectiveFrom.IsZero() && p.EffectiveFrom > d:
		return PolicyNotYet
	case !p.EffectiveTo.IsZero() && p.EffectiveTo < d:
		return PolicyExpired
	}
	return PolicyInForce
}

// StatusChange is a day from which a policy's 有效性 is Status.
type StatusChange struct {
	On     Date
	Status PolicyStatus
}

// StatusChangesAfter lists the days after d on which the policy's 有效性
// (StatusAsOf) changes, in order, with what it becomes: what a page built
// as of d says to a reader of a later day — a 现行有效 document whose
// 有效期 ends, one not yet in force, one abolished or replaced on a day
// ahead. nil when it stays as it is on d.
func (p *Policy) StatusChangesAfter(d Date) []StatusChange {
	var days []Date
	for _, on := range []Date{p.EffectiveFrom, p.AbolishedOn, p.ReplacedFrom} {
		if !on.IsZero() && on > d {
			days = append(days, on)
		}
	}
	if !p.EffectiveTo.IsZero() && p.EffectiveTo >= d {
		days = append(days, p.EffectiveTo.AddDays(1))
	}
	slices.Sort(days)
	var out []StatusChange
	last := p.StatusAsOf(d)
	for _, on := range slices.Compact(days) {
		if s := p.StatusAsOf(on); s != last {
			out = append(out, StatusChange{on, s})
			last = s
		}
	}
	return out
}

// FAQ is one question from content/faq/.
type FAQ struct {
	Src      Source
	Slug     string
	Question string // question
	Category string // category
	Order    int    // order within the category
	Body     string // Markdown answer
	BodyLine int
}

// NewsItem is one item from content/news/.
type NewsItem struct {
	Src      Source
	Slug     string
	Title    string
	Date     Date
	DateLine int // the line of date in the front matter (0: none)
	Summary  string
	Body     string
	BodyLine int
}

// Page is a free-standing page from content/pages/ (about, licence, accessibility, contact).
type Page struct {
	Src      Source
	Slug     string
	Title    string
	Order    int
	Body     string
	BodyLine int
}

// ReservedPaths are the first URL segments the portal uses for its own
// sections (DESIGN §6); a page in content/pages/ may not take one of them.
var ReservedPaths = map[string]bool{"agencies": true, "register": true, "announcements": true, "annual-checks": true,
	"grades": true, "abnormal": true, "policies": true, "faq": true, "news": true, "stats": true, "data": true,
	"search": true, "static": true, "api": true, "expiring": true}

// Content is everything under content/.
type Content struct {
	Site     Site
	Policies []*Policy
	FAQs     []*FAQ
	News     []*NewsItem
	Pages    []*Page
}
