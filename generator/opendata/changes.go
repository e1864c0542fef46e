package opendata

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"portal/generator/catalogue"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"portal/generator/internal/atom"
	"portal/generator/model"
	"portal/generator/pii"
	"portal/generator/register"
)

// trackedFields are the register's columns a release compares beyond
// status, name and licence number.
var trackedFields = []string{"address", "legal_representative", "registered_capital_wan", "valid_from", "valid_to",
	"authority", "region_code", "parent_code", "latest_check_year", "latest_check_result", "grade", "grade_year", "abnormal"}

// shown is a canonical CSV value as a change lists it: a boolean as 是/否.
func shown(v, typ string) string {
	if typ == "boolean" {
		switch v {
		case "true":
			return "是"
		case "false":
			return "否"
		}
	}
	return v
}

// Previous is what the last release published, as far as the changes
// and the removal guard need it (ReadPrevious).
type Previous struct {
	snap     *Snapshot // nil: no previous release
	releases []catalogue.Release
	changes  *catalogue.Changes // its changes.json, if any
	// tables are its datapackage.json's resources' hashes, by path: the
	// same hashes mean the same release
	tables map[string]string
	// dataDir is its data directory, where its archives are
	dataDir string
	// earlier are the changes.json of the releases its history lists, by
	// version, as the next release carries them forward
	earlier map[string]keptChanges
	// personal are its values that held a personal number, masked, each
	// once (seen: by agency, field and masked value)
	personal []Personal
	seen     map[[3]string]bool
	// tainted are the releases whose tables held a personal number (their
	// archives would publish it again): both sides of a release's changes
	// that held one, and the previous release when its rows did
	tainted map[string]bool
}

// suspect reports whether the archive of release version may hold a
// personal number: it is one that held one, or older than one. A portal
// that missed a way of writing a number made the releases before it too,
// and a value that never changed, or an agency that left, shows in no
// changes to be found there; archives are not read (each is the whole
// register of its day), so they are not carried.
func (p *Previous) suspect(version string) bool {
	for v := range p.tainted {
		if v != "" && compareIDs(version, v) <= 0 {
			return true
		}
	}
	return false
}

// keptChanges is one release's changes.json read back: its bytes, carried
// as they are unless a personal number had to be masked (then as ch is
// written), or why it cannot be carried.
type keptChanges struct {
	b   []byte
	ch  *catalogue.Changes
	err error
}

// Personal lists the values of the previous release that held a personal
// number: its releases' changes (read by ReadPrevious) and its rows (found
// among this release's changes: complete once Write has returned), each
// value once. Each is masked in what this release publishes, and the
// archives of the releases that held them, and of those before, are not
// carried forward (suspect); the previous release itself, served
// elsewhere, may still hold them.
func (p *Previous) Personal() []Personal { return p.personal }

// found records values that held a personal number, each once: the
// previous release's changes.json is also its own release's, kept twice.
func (p *Previous) found(ps []Personal) {
	if p.seen == nil {
		p.seen = map[[3]string]bool{}
	}
	for _, x := range ps {
		if k := [3]string{x.Code, x.Field, x.Value}; !p.seen[k] {
			p.seen[k] = true
			p.personal = append(p.personal, x)
		}
	}
}

// taint marks releases whose tables held a personal number.
func (p *Previous) taint(versions ...string) {
	if p.tainted == nil {
		p.tainted = map[string]bool{}
	}
	for _, v := range versions {
		p.tainted[v] = true
	}
}

func (p *Previous) version() string {
	if len(p.releases) > 0 {
		return p.releases[0].Version
	}
	return ""
}

// AsOf is the date the previous release's data was as of — its version
// without the .N of a second release that day — or 0 when there is none.
func (p *Previous) AsOf() model.Date {
	v, _, _ := strings.Cut(p.version(), ".")
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return 0
	}
	return model.DateOf(t)
}

// ReadPrevious reads the previous release from a site root (or its data
// directory). A missing release is not an error; a damaged one is.
func ReadPrevious(root string) (*Previous, error) {
	p := &Previous{}
	if root == "" {
		return p, nil
	}
	dir := dataDir(root)
	snap, err := readSnapshotLater(os.DirFS(dir), true) // the other tables when the changes are listed (settle)
	if errors.Is(err, errNoRelease) {
		return p, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v (move the damaged release aside, or pass --previous with an intact one)", dir, err)
	}
	p.snap, p.dataDir = snap, dir
	read := func(name string, v any) (bool, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		if err == nil {
			err = json.Unmarshal(b, v)
		}
		if err != nil {
			return false, fmt.Errorf("%s: %v (move the damaged release aside, or pass --previous with an intact one)", filepath.Join(dir, name), err)
		}
		return true, nil
	}
	if _, err := read("releases.json", &p.releases); err != nil {
		return nil, err
	}
	for i, r := range p.releases {
		// the history is published again, entry by entry: each must be a
		// release's, as a build writes it
		if err := checkRelease(r); err != nil {
			return nil, fmt.Errorf("%s: entry %d: %v: the file is damaged (restore it, or move the previous release aside, or pass --previous with an intact one)", filepath.Join(dir, "releases.json"), i+1, err)
		}
	}
	var pkg struct {
		Resources []struct{ Path, Hash string } `json:"resources"`
	}
	if ok, err := read("datapackage.json", &pkg); err != nil {
		return nil, err
	} else if ok {
		p.tables = map[string]string{}
		for _, r := range pkg.Resources {
			p.tables[r.Path] = r.Hash
		}
	}
	var ch catalogue.Changes
	if ok, err := read("changes.json", &ch); err != nil {
		return nil, err
	} else if ok {
		p.changes = &ch
		if found := maskChanges(p.changes, func(string) string { return filepath.Join(dir, "changes.json") }); len(found) > 0 {
			p.found(found)
			p.taint(ch.Version, ch.Previous())
		}
	}
	p.earlier = map[string]keptChanges{}
	for _, r := range p.releases {
		if validID(r.Version) {
			if k, ok := p.readChanges(r.Version); ok {
				p.earlier[r.Version] = k
			}
		}
	}
	return p, nil
}

// readChanges reads the changes.json that release version keeps in the
// previous output, masking any personal number in it; false when it has
// none (a release from before its changes were kept).
func (p *Previous) readChanges(version string) (keptChanges, bool) {
	path := catalogue.ReleaseChanges(version)
	file := filepath.Join(p.dataDir, filepath.FromSlash(strings.TrimPrefix(path, catalogue.Dir)))
	b, err := os.ReadFile(file)
	if err != nil {
		return keptChanges{}, false
	}
	ch := &catalogue.Changes{}
	if err := json.Unmarshal(b, ch); err != nil {
		return keptChanges{err: fmt.Errorf("%s in the previous release is damaged (%v): restore it, or move the previous release aside", path, err)}, true
	}
	if ch.Version != version {
		return keptChanges{err: fmt.Errorf("%s in the previous release is the changes of %q: restore it, or move the previous release aside", path, ch.Version)}, true
	}
	if found := maskChanges(ch, func(string) string { return file }); len(found) > 0 {
		p.found(found)
		p.taint(version, ch.Previous())
		if b, err = marshal(ch); err != nil {
			return keptChanges{err: err}, true
		}
	}
	return keptChanges{b: b, ch: ch}, true
}

// Removed lists the agencies of the previous release that reg does not
// hold, by code: a register never drops an agency (its status changes,
// its row stays), so a release that would is a truncated export until
// someone says otherwise.
func (p *Previous) Removed(reg *register.Register) []catalogue.AgencyRef {
	t := p.snap.table("register")
	if t == nil {
		return nil
	}
	var out []catalogue.AgencyRef
	for _, k := range t.order {
		if ref := t.ref(t.rows[k]); reg.Agency(ref.Code) == nil {
			out = append(out, ref)
		}
	}
	slices.SortFunc(out, func(x, y catalogue.AgencyRef) int { return strings.Compare(x.Code, y.Code) })
	return out
}

// Agencies is how many agencies the previous release held (0 when there was none).
func (p *Previous) Agencies() int {
	if t := p.snap.table("register"); t != nil {
		return len(t.rows)
	}
	return 0
}

// diff compares the register this release publishes with the previous.
func (w *writer) diff(prev *Previous, tables []*Table, cat *catalogue.Catalogue) (*catalogue.Changes, error) {
	if prev.snap == nil {
		return diff(nil, nil), nil
	}
	csvSum := func(name string) string {
		for _, t := range cat.Tables {
			if t.Name == name {
				for _, f := range t.Files {
					if f.Format == catalogue.FormatCSV {
						return f.SHA256
					}
				}
			}
		}
		return ""
	}
	same, err := prev.snap.settle(csvSum)
	if err != nil {
		return nil, fmt.Errorf("the previous release %s: %v (move the damaged release aside, or pass --previous with an intact one)", prev.dataDir, err)
	}
	return diff(prev.snap, liveSnapshot(tables, "", prev.snap, same)), nil // masked by writeChanges, which says what it masked
}

// releaseID names the release: its as-of date, and for a second release
// of the same date with other data, a sequence — 2026-11-29.2. Data the
// same as the previous release's (every table's hash) keeps its ID, so a
// rebuild is the same release.
func releaseID(cat *catalogue.Catalogue, prev *Previous) string {
	date := cat.Version
	last := prev.version()
	lastDate, seq := splitID(last)
	if last == "" || lastDate != date {
		return date
	}
	same := prev.tables != nil
	for _, t := range cat.Tables {
		same = same && prev.tables[t.Files[0].Name()] == "sha256:"+t.Files[0].SHA256
	}
	if same {
		return last
	}
	return date + "." + strconv.Itoa(seq+1)
}

// checkRelease says what makes r, an entry of a release history read
// back, unlike any a build writes.
func checkRelease(r catalogue.Release) error {
	if !validID(r.Version) {
		return fmt.Errorf("version %q is not a release ID (YYYY-MM-DD, or YYYY-MM-DD.N for a later release of the day)", pii.MaskAll(r.Version))
	}
	if _, err := time.Parse(time.RFC3339, r.Created); err != nil {
		return fmt.Errorf("release %s: created %q is not a time (RFC 3339)", r.Version, pii.MaskAll(r.Created))
	}
	for _, n := range []int{r.Agencies, r.Decisions, r.Added, r.Removed, r.StatusChanges, r.Renames, r.LicenceChanges, r.FieldChanges, r.RowChanges} {
		if n < 0 {
			return fmt.Errorf("release %s: a count is negative (%d)", r.Version, n)
		}
	}
	return nil
}

// validID reports whether id is a release ID (2026-11-29, 2026-11-29.2):
// an earlier release's history is only trusted to name its folders so.
func validID(id string) bool { return releaseIDPattern.MatchString(id) }

var releaseIDPattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}(\.[0-9]+)?$`)

// splitID splits a release ID into its date and sequence (1 for none).
func splitID(id string) (date string, seq int) {
	date, n, ok := strings.Cut(id, ".")
	if !ok {
		return date, 1
	}
	seq, _ = strconv.Atoi(n)
	return date, max(seq, 1)
}

// compareIDs orders release IDs by date, then sequence.
func compareIDs(a, b string) int {
	da, sa := splitID(a)
	db, sb := splitID(b)
	return cmp.Or(strings.Compare(da, db), cmp.Compare(sa, sb))
}

// writeChanges publishes changes.json, changes.xml and releases.json,
// with the release's archive and the kept archives of the ones before
// (keep: how many releases the history keeps, 0 all). A
// rebuild of the same version from unchanged data keeps the changes the
// version was first published with, so rebuilding gives identical bytes;
// a rebuild from changed data on the same date compares with the build it
// replaces.
func (w *writer) writeChanges(cat *catalogue.Catalogue, prev *Previous, tables []*Table, keep int, entries []*archiveEntry, pkg []byte) error {
	ch, err := w.diff(prev, tables, cat)
	if err != nil {
		return err
	}
	if found := maskChanges(ch, func(table string) string { return filepath.Join(prev.dataDir, table+".csv") }); len(found) > 0 {
		// the previous release's rows held them: this release's are guarded
		prev.found(found)
		prev.taint(prev.version())
	}
	ch.Version = cat.Version
	if prev.version() == ch.Version && ch.Total() == 0 && prev.changes != nil && prev.changes.Version == ch.Version {
		ch = prev.changes
	}
	cat.Changes = ch
	rel := ch.Counted(catalogue.Release{Version: cat.Version, Created: cat.Created, Agencies: len(w.reg.Agencies), Decisions: len(w.reg.Data.Decisions)})
	cat.Releases = []catalogue.Release{rel}
	for _, r := range prev.releases {
		if r.Version != rel.Version {
			cat.Releases = append(cat.Releases, r)
		}
	}
	slices.SortStableFunc(cat.Releases, func(x, y catalogue.Release) int { return compareIDs(y.Version, x.Version) })
	if keep > 0 {
		cat.Releases = cat.Releases[:min(len(cat.Releases), keep)]
	}
	if err := w.writeArchive(cat, prev, entries, pkg); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	for _, f := range []struct {
		path string
		v    any
	}{{catalogue.ChangesJSON, ch}, {catalogue.ReleasesJSON, cat.Releases}} {
		b, err := marshal(f.v)
		if err != nil {
			return err
		}
		if _, err := w.add(f.path, "json", b); err != nil {
			return err
		}
	}
	if _, err := w.add(catalogue.ChangesAtom, "atom", w.changesFeed(cat, "", nil)); err != nil {
		return err
	}
	return w.cityFeeds(cat)
}

// cityFeeds publishes one changes feed per city (地级市) of the register:
// each release's changes of the agencies there.
func (w *writer) cityFeeds(cat *catalogue.Catalogue) error {
	for _, city := range w.reg.Cities() {
		in := func(code string) bool {
			a := w.reg.Agency(code)
			return a != nil && register.City(a.RegionCode) == city
		}
		if _, err := w.add(catalogue.CityFeed(city), "atom", w.changesFeed(cat, city, in)); err != nil {
			return err
		}
	}
	return nil
}

// MarshalJSON is v as the release's JSON files are written: indented,
// without HTML escaping, ending in a newline.
func MarshalJSON(v any) ([]byte, error) { return marshal(v) }

// marshal is indented JSON without HTML escaping, ending in a newline.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return b.Bytes(), err
}

// changesFeed is an Atom feed with one entry per release, each listing
// its changes when the history keeps them (the first 200; the release's
// changes.json has them all). With city set, it is that city's feed: the
// changes of the agencies in says are there, and only the releases that
// changed any.
func (w *writer) changesFeed(cat *catalogue.Catalogue, city string, in func(code string) bool) []byte {
	page := w.abs + "data/changes/"
	self, title := w.abs+catalogue.ChangesAtom, cat.Site.Name+" · 开放数据更新"
	if city != "" {
		self, title = w.abs+catalogue.CityFeed(city), cat.Site.Name+" · "+w.reg.RegionName(city)+" · 开放数据更新"
	}
	f := atom.Feed{Lang: "zh-CN", Title: title, ID: self, Updated: cat.Created, Author: cat.Site.Bureau,
		Links: []atom.Link{{Rel: "self", Href: self, Type: "application/atom+xml"}, {Rel: "alternate", Href: page, Type: "text/html"}}}
	for i, r := range cat.Releases {
		ch := cat.History[r.Version]
		if i == 0 {
			ch = cat.Changes
		}
		link := page + "#v" + r.Version
		if r.Changes != "" {
			link = w.abs + catalogue.ChangesPage(r.Version)
		}
		summary := r.Summary()
		if city != "" {
			if ch == nil {
				continue
			}
			if ch = ch.Filter(in); ch.Total() == 0 {
				continue
			}
			summary = w.reg.RegionName(city) + "：" + ch.Counted(catalogue.Release{}).Summary()
		}
		id := page + "#v" + r.Version // as the feed has always named its entries
		if city != "" {
			id += "-" + city
		}
		e := atom.Entry{Title: r.Version + " 版：" + summary, ID: id, Updated: r.Created, Link: atom.Link{Href: link}}
		asOf, _ := splitID(r.Version)
		e.Content = fmt.Sprintf("数据截至 %s：共 %d 家单位，%d 条许可决定。%s。", asOf, r.Agencies, r.Decisions, summary)
		if ch != nil {
			e.Content += "\n" + ChangeLines(ch, 200) + "完整清单：" + w.abs + catalogue.Dir + cmp.Or(r.Changes, "changes.json")
		}
		f.Entries = append(f.Entries, e)
	}
	return atom.Append(nil, &f)
}

// ChangeLines lists up to limit changes, one per line (limit < 0: all).
func ChangeLines(c *catalogue.Changes, limit int) string {
	var b strings.Builder
	n := 0
	line := func(s string) {
		if n < limit || limit < 0 {
			b.WriteString(s + "\n")
		}
		n++
	}
	for _, a := range c.Added {
		line("新增：" + a.Name + "（" + a.Code + "），" + a.Status)
	}
	for _, a := range c.Removed {
		line("移除：" + a.Name + "（" + a.Code + "）")
	}
	for _, x := range c.StatusChanges {
		line("状态：" + x.Name + "（" + x.Code + "）" + x.From + " → " + x.To)
	}
	for _, x := range c.Renames {
		line("更名：" + x.From + " → " + x.To + "（" + x.Code + "）")
	}
	for _, x := range c.LicenceChanges {
		line("许可证编号：" + x.Name + "（" + x.Code + "）" + x.From + " → " + x.To)
	}
	for _, x := range c.FieldChanges {
		line(x.Title + "：" + x.Name + "（" + x.Code + "）" + cmp.Or(x.From, "（无）") + " → " + cmp.Or(x.To, "（无）"))
	}
	for _, tc := range c.TableChanges {
		for _, r := range tc.Rows {
			line(strings.TrimSuffix(tc.Title+"："+r.Label()+" "+r.Name+"（"+r.Code+"）"+r.Which()+"，"+r.Detail("，"), "，"))
		}
	}
	if limit >= 0 && n > limit {
		b.WriteString(fmt.Sprintf("……另有 %d 项。\n", n-limit))
	}
	return b.String()
}
