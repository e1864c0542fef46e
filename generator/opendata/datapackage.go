package opendata

import "portal/generator/catalogue"

// ProfileURL is the Data Package v2 profile the descriptor declares.
const ProfileURL = "https://datapackage.org/profiles/2.0/datapackage.json"

// The types below are the JSON shapes of datapackage.json as the Data
// Package v2 profile names them, one struct per object of the descriptor.
// Lists of tagged fields look alike (duplicates pairs them by shape), and
// are the descriptor's vocabulary, not logic.
type pkgDescriptor struct {
	Schema       string           `json:"$schema"`
	Name         string           `json:"name"`
	Title        string           `json:"title"`
	Description  string           `json:"description"`
	Version      string           `json:"version"`
	Created      string           `json:"created"`
	Homepage     string           `json:"homepage"`
	Keywords     []string         `json:"keywords"`
	Licenses     []pkgLicense     `json:"licenses,omitempty"`
	Sources      []pkgSource      `json:"sources"`
	Contributors []pkgContributor `json:"contributors"`
	Resources    []pkgResource    `json:"resources"`
}

type pkgLicense struct {
	Name  string `json:"name,omitempty"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title,omitempty"`
}

type pkgSource struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

type pkgContributor struct {
	Title string   `json:"title"`
	Roles []string `json:"roles"`
}

type pkgResource struct {
	Name        string      `json:"name"`
	Type        string      `json:"type"`
	Path        string      `json:"path"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Format      string      `json:"format"`
	Mediatype   string      `json:"mediatype"`
	Encoding    string      `json:"encoding"`
	Bytes       int64       `json:"bytes"`
	Hash        string      `json:"hash"`
	Schema      tableSchema `json:"schema"`
}

type tableSchema struct {
	Fields        []schemaField   `json:"fields"`
	MissingValues []string        `json:"missingValues"`
	PrimaryKey    []string        `json:"primaryKey,omitempty"`
	ForeignKeys   []schemaForeign `json:"foreignKeys,omitempty"`
}

type schemaField struct {
	Name        string       `json:"name"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Type        string       `json:"type"`
	Format      string       `json:"format,omitempty"`
	Example     string       `json:"example,omitempty"`
	Constraints *constraints `json:"constraints,omitempty"`
}

type constraints struct {
	Required bool     `json:"required,omitempty"`
	Unique   bool     `json:"unique,omitempty"`
	Enum     []string `json:"enum,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
}

type schemaForeign struct {
	Fields    []string        `json:"fields"`
	Reference schemaReference `json:"reference"`
}

type schemaReference struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

// writePackage publishes datapackage.json describing every canonical CSV.
func (w *writer) writePackage(cat *catalogue.Catalogue) (FileInfo, []byte, error) {
	site := cat.Site
	p := pkgDescriptor{
		Schema: ProfileURL, Name: catalogue.PackageName,
		Title:       site.Name,
		Description: "劳务派遣行政许可、年度经营情况报告核验、信用等级评价和经营异常名录的开放数据，由" + site.Bureau + "公示的数据生成，数据截至 " + w.reg.AsOf.String() + "。",
		Version:     cat.Version, Created: cat.Created, Homepage: w.abs + "data/",
		Keywords:     []string{"劳务派遣", "行政许可", "许可公示", "年度核验", "信用等级", "开放数据"},
		Sources:      []pkgSource{{Title: site.Bureau + " 劳务派遣行政许可公示", Path: w.abs}},
		Contributors: []pkgContributor{{Title: site.Bureau, Roles: []string{"publisher"}}},
	}
	if l := site.DataLicense; l.Name != "" || l.Path != "" {
		p.Licenses = []pkgLicense{{Name: l.Name, Path: l.Path, Title: l.Title}}
	}
	for _, t := range cat.Tables {
		csv := t.Files[0]
		r := pkgResource{Name: t.Name, Type: "table", Path: csv.Name(), Title: t.Title, Description: t.Description,
			Format: "csv", Mediatype: "text/csv", Encoding: "utf-8", Bytes: csv.Bytes, Hash: "sha256:" + csv.SHA256,
			Schema: tableSchema{MissingValues: []string{""}, PrimaryKey: t.PrimaryKey}}
		for j, f := range t.Fields {
			sf := schemaField{Name: f.Name, Title: f.Title, Description: f.Description, Type: f.Type.String(), Format: f.Format, Example: t.Examples[j]}
			if f.Required || f.Unique || len(f.Enum) > 0 || f.Pattern != "" {
				sf.Constraints = &constraints{Required: f.Required, Unique: f.Unique, Enum: f.Enum, Pattern: f.Pattern}
			}
			r.Schema.Fields = append(r.Schema.Fields, sf)
		}
		for _, fk := range t.ForeignKeys {
			r.Schema.ForeignKeys = append(r.Schema.ForeignKeys, schemaForeign{Fields: fk.Fields, Reference: schemaReference{Resource: fk.Resource, Fields: fk.RefField}})
		}
		p.Resources = append(p.Resources, r)
	}
	b, err := marshal(p)
	if err != nil {
		return FileInfo{}, nil, err
	}
	fi, err := w.add(catalogue.PackageFile, "json", b)
	return fi, b, err
}
