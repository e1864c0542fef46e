package render

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"portal/generator/catalogue"
	"portal/generator/model"
)

// formatNames are how the catalogue names each format for a reader.
var formatNames = map[string]string{
	catalogue.FormatCSV:   "CSV（标准，UTF-8）",
	catalogue.FormatExcel: "CSV（Excel 适用，UTF-8 带 BOM）",
	catalogue.FormatXLSX:  "Excel 工作簿（.xlsx）",
	catalogue.FormatJSON:  "JSON",
	catalogue.FormatJSONL: "JSON Lines",
}

// fieldTypes are the Table Schema types in words.
var fieldTypes = map[catalogue.Type]string{
	model.TypeString: "文本", model.TypeDate: "日期（YYYY-MM-DD）", model.TypeInteger: "整数", model.TypeCount: "整数",
	model.TypeNumber: "数值", model.TypeBoolean: "布尔（true/false）", model.TypeArray: "列表",
}

// Size is a byte count for people: 1.2 MB, 530 KB, 12 B.
func Size(n int64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.0f KB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}

// dataPages renders the open-data catalogue /data/ and /data/changes/.
func (r *Renderer) dataPages(ctx context.Context) error {
	cat := r.catalogue
	if cat == nil {
		return nil
	}
	var lds []any
	var datasets []any
	for _, t := range cat.Tables {
		ld := r.datasetLD(cat, t)
		datasets = append(datasets, ld)
	}
	lds = append(lds, map[string]any{
		"@context": "https://schema.org", "@type": "DataCatalog", "name": r.site.Name + " · 开放数据",
		"url": r.abs + "data/", "inLanguage": "zh-CN", "dateModified": r.asOf.String(),
		"publisher": map[string]any{"@type": "GovernmentOrganization", "name": r.site.Bureau},
		"dataset":   datasets,
	})
	err := r.page("data", "data/", &Page{Title: "开放数据", Section: "data", Feed: catalogue.ChangesAtom,
		Desc:   "劳务派遣许可名录、许可决定、年度核验、信用等级和经营异常名录的开放数据：CSV、Excel 适用 CSV、JSON、JSON Lines，附数据字典、SHA-256 校验值和 Frictionless 数据包描述。",
		JSONLD: lds, D: r.catalogueData()}, r.asOf)
	if err != nil {
		return err
	}
	if err := r.page("data-changes", "data/changes/", &Page{Title: "数据更新记录", Section: "data", Feed: catalogue.ChangesAtom,
		Desc:   "本次数据发布与上一版相比的变化：新增、移除、状态变化、更名和许可证编号变更，以及历次发布记录。",
		Crumbs: []Crumb{{"开放数据", "data/"}}, D: r.changesData(cat.Version, cat.Changes)}, r.asOf); err != nil {
		return err
	}
	for _, rel := range cat.Releases { // each kept release's own page
		c := cat.History[rel.Version]
		if c == nil {
			continue
		}
		if err := r.page("data-changes", catalogue.ChangesPage(rel.Version), &Page{Title: "数据更新记录 · " + rel.Version + " 版", Section: "data", Feed: catalogue.ChangesAtom,
			Desc:   rel.Version + " 版开放数据与上一版相比的变化。",
			Crumbs: []Crumb{{"开放数据", "data/"}, {"数据更新记录", "data/changes/"}}, D: r.changesData(rel.Version, c)}, r.asOf); err != nil {
			return err
		}
	}
	return nil
}

// DatasetView is one dataset on the catalogue page.
type DatasetView struct {
	*catalogue.Dataset
	Files  []FileView
	Fields []FieldView
	CSVURL string
	Cite   Citation
}

// FileView is one download.
type FileView struct {
	catalogue.FileInfo
	Label, URL, Size string
}

// FieldView is one row of the data dictionary.
type FieldView struct {
	catalogue.Field
	TypeText, Rules, Example string
}

func (r *Renderer) catalogueData() CatalogueView {
	cat := r.catalogue
	var sets []DatasetView
	for _, t := range cat.Tables {
		v := DatasetView{Dataset: t, CSVURL: r.abs + t.Files[0].Path, Cite: r.cite(cat, t.Title, t.Name, r.abs+"data/#"+t.Name)}
		for _, f := range t.Files {
			v.Files = append(v.Files, FileView{FileInfo: f, Label: formatNames[f.Format], URL: r.base + f.Path, Size: Size(f.Bytes)})
		}
		for j, f := range t.Fields {
			v.Fields = append(v.Fields, FieldView{Field: f, TypeText: fieldTypes[f.Type], Rules: rules(f, t), Example: t.Examples[j]})
		}
		sets = append(sets, v)
	}
	v := CatalogueView{Cat: cat, Sets: sets, Package: FileView{FileInfo: cat.Package, URL: r.base + cat.Package.Path, Size: Size(cat.Package.Bytes)},
		DataURL: r.abs + "data/", Triggers: "= + - @", Sep: catalogue.ListSep, Cite: r.cite(cat, "", "release", r.abs+"data/")}
	if a := cat.Archive; a.Path != "" {
		v.Archive = FileView{FileInfo: a, URL: r.base + a.Path, Size: Size(a.Bytes)}
	}
	return v
}

// rules says a field's constraints in words.
func rules(f catalogue.Field, t *catalogue.Dataset) string {
	var out []string
	for _, k := range t.PrimaryKey {
		if k == f.Name {
			out = append(out, "主键")
			break
		}
	}
	if f.Required {
		out = append(out, "必填")
	}
	if f.Unique {
		out = append(out, "唯一")
	}
	if len(f.Enum) > 0 {
		out = append(out, "取值："+strings.Join(f.Enum, "、"))
	}
	for _, fk := range t.ForeignKeys {
		if len(fk.Fields) == 1 && fk.Fields[0] == f.Name {
			out = append(out, "对应 "+fk.Resource+"."+fk.RefField[0])
		}
	}
	if f.Pattern != "" {
		out = append(out, "格式："+catalogue.PatternText(f.Pattern))
	}
	return strings.Join(out, "；")
}

func (r *Renderer) datasetLD(cat *catalogue.Catalogue, t *catalogue.Dataset) map[string]any {
	var dist []any
	for _, f := range t.Files {
		dist = append(dist, map[string]any{"@type": "DataDownload", "name": f.Name(), "contentUrl": r.abs + f.Path,
			"encodingFormat": catalogue.Mediatype(f.Format), "contentSize": fmt.Sprintf("%d B", f.Bytes)})
	}
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "Dataset", "name": t.Title, "alternateName": t.Name,
		"description": t.Description, "url": r.abs + "data/#" + t.Name, "inLanguage": "zh-CN",
		"dateModified": r.asOf.String(), "version": cat.Version, "isAccessibleForFree": true,
		"spatialCoverage": map[string]any{"@type": "Place", "name": cmp.Or(r.site.Province, "中国")},
		"publisher":       map[string]any{"@type": "GovernmentOrganization", "name": r.site.Bureau},
		"distribution":    dist,
	}
	if l := r.site.DataLicense; l.Path != "" {
		ld["license"] = l.Path
	}
	if t.Coverage != "" {
		ld["temporalCoverage"] = t.Coverage
	}
	return ld
}

// changeListCap is how many changes of one kind the page lists; changes.json has all.
const changeListCap = 1000

// changesData is the page of one release's changes c, with the history.
func (r *Renderer) changesData(version string, c *catalogue.Changes) ChangesView {
	capped := func(n int) int { return min(n, changeListCap) }
	var releases []ReleaseView
	for _, rel := range r.catalogue.Releases {
		v := ReleaseView{Release: rel, Current: rel.Version == version}
		if rel.Changes != "" {
			v.Page = r.base + catalogue.ChangesPage(rel.Version)
		}
		if rel.Archive != "" {
			v.ArchiveURL, v.ArchiveSize = r.base+catalogue.Dir+rel.Archive, Size(rel.ArchiveBytes)
		}
		releases = append(releases, v)
	}
	var tables []TableChangeView
	for _, tc := range c.TableChanges {
		tables = append(tables, TableChangeView{TableChange: tc, Shown: tc.Rows[:capped(len(tc.Rows))]})
	}
	json := r.base + catalogue.ChangesJSON
	if version != r.catalogue.Version {
		json = r.base + catalogue.ReleaseChanges(version)
	}
	var cities []CityFeedView
	if version == r.catalogue.Version {
		for _, code := range r.reg.Cities() {
			cities = append(cities, CityFeedView{Name: r.reg.RegionName(code), URL: r.base + catalogue.CityFeed(code)})
		}
	}
	return ChangesView{C: c, Releases: releases, Cap: changeListCap, Tables: tables, Cities: cities, Newest: r.catalogue.Version,
		Added: c.Added[:capped(len(c.Added))], Removed: c.Removed[:capped(len(c.Removed))],
		Status: c.StatusChanges[:capped(len(c.StatusChanges))], Renames: c.Renames[:capped(len(c.Renames))],
		Licences: c.LicenceChanges[:capped(len(c.LicenceChanges))], Fields: c.FieldChanges[:capped(len(c.FieldChanges))],
		JSON: json, Atom: r.base + catalogue.ChangesAtom, ReleasesJSON: r.base + catalogue.ReleasesJSON}
}
