package render

import (
	"portal/generator/catalogue"
	"portal/generator/model"
	"portal/generator/register"
)

// The views: what each page kind's template gets as .D, one type a kind.
// A view holds values, never markup; a template naming a field its view
// lacks fails the build instead of rendering an empty string.

// HomeView is the home page.
type HomeView struct {
	Counts                 []StatusCount
	Total                  int
	Latest                 []*model.Decision // the newest announcements
	CheckYears, GradeYears []int             // newest first
	Policies               int
}

// RegisterView is /register/: the register by status and by region.
type RegisterView struct {
	Cities []RegionCount
	Counts []StatusCount
	Total  int
}

// AgencyListView is one page of a register list (a region, a status).
type AgencyListView struct {
	Heading string
	Rows    []*register.Agency // rendered by the partial "agency-row"
	Pager   Pager
}

// AgencyView is what an agency page shows.
type AgencyView struct {
	A        *register.Agency
	V        Verdict
	Parent   AgencyRef // the head office of a branch, when this register holds it
	Branches []AgencyRef
	Grade    *model.Grade
	Watch    *model.AnnualCheck // the latest annual check, when 不合格: 重点监控
	Abnormal bool
	Spans    string            // every span's verdict, for verdict.js (spansData)
	Stale    int               // days after which the data may have changed (site.toml)
	Term     TermView          // the 有效期: the period in force, or the one last decided, and what it means
	TermNote string            // beside the agency's ValidFrom and ValidTo when they no longer or not yet count (themes before Term)
	Timeline []*model.Decision // the agency's decisions, newest first
	Poster   bool              // it may dispatch today: its 许可公示牌 is at poster/
}

// TagCount is a decision type with its number of announcements.
type TagCount struct {
	Tag model.DecisionType
	N   int
}

// AnnouncementsView is one page of an announcement list; the first page
// of the whole list also has the index by type and month.
type AnnouncementsView struct {
	Heading string
	Rows    []*model.Decision // rendered by the partial "decision-row"
	Pager   Pager
	Tags    []TagCount
	Months  []Month
}

// ChecksIndexView is /annual-checks/: the results per year.
type ChecksIndexView struct {
	Years []ResultCounts
}

// ChecksYearView is one page of a year's annual checks; the first page
// also has the summary by region (Regions, Total).
type ChecksYearView struct {
	Year    int
	Heading string
	Rows    []*model.AnnualCheck
	Pager   Pager
	Regions []ResultCounts
	Total   ResultCounts
}

// GradesIndexView is /grades/: the grades per year.
type GradesIndexView struct {
	Years []GradeCounts
	Scale []string // the grades, highest first
}

// GradesYearView is one page of a year's grades; the first page also has
// the summary by region.
type GradesYearView struct {
	Year    int
	Heading string
	Rows    []*model.Grade
	Pager   Pager
	Scale   []string
	Regions []GradeCounts
}

// AbnormalView is one page of the 经营异常名录, current or removed.
type AbnormalView struct {
	Heading           string
	Rows              []*model.Listing
	Pager             Pager
	Removed           bool // the list of removed listings
	Current, RemovedN int  // the two lists' lengths
}

// ExpiringView is /expiring/.
type ExpiringView struct {
	Rows []Expiring
	Days int // the window (site.toml expiring_days)
}

// CatalogueView is the open-data catalogue /data/.
type CatalogueView struct {
	Cat      *catalogue.Catalogue
	Sets     []DatasetView
	Package  FileView
	Archive  FileView // this release's archive; its URL is "" when there is none
	DataURL  string   // absolute
	Triggers string   // the characters a spreadsheet reads as a formula
	Sep      string   // what joins a list in the Excel copy
	Cite     Citation // of the release
}

// ReleaseView is one release of the history, with its archive's link
// ("" when it is not kept).
type ReleaseView struct {
	catalogue.Release
	ArchiveURL, ArchiveSize string
	Page                    string // its changes' page, "" when the history does not keep them
	Current                 bool   // the release the page shows
}

// CityFeedView is one city's changes feed.
type CityFeedView struct{ Name, URL string }

// TableChangeView is one table's changed rows, capped at the page's Cap.
type TableChangeView struct {
	catalogue.TableChange
	Shown []catalogue.RowChange
}

// ChangesView is /data/changes/: this release's changes, each kind capped
// at Cap rows, and the release history.
type ChangesView struct {
	C                         *catalogue.Changes
	Releases                  []ReleaseView
	Cap                       int
	Added, Removed            []catalogue.AgencyRef
	Status, Renames, Licences []catalogue.Change
	Fields                    []catalogue.FieldChange
	Tables                    []TableChangeView
	Cities                    []CityFeedView // on the newest release's page
	Newest                    string         // the newest release's version
	JSON, Atom, ReleasesJSON  string         // links
}
