package render

import (
	"encoding/json"
	"fmt"
	"strings"

	"portal/generator/catalogue"
)

// Citation is how to cite a release or one of its datasets: GB/T 7714-2015
// text (a dataset is [DS/OL]; the citing reader adds the date they
// accessed it, which the site cannot know), BibTeX and CSL-JSON, each
// naming the release ID and the address of the data.
type Citation struct {
	GBT, BibTeX, CSL string
}

// cite makes the citation of the release (title "" ) or of its dataset
// titled title, at url.
func (r *Renderer) cite(cat *catalogue.Catalogue, title, key, url string) Citation {
	full := r.site.Name
	if title != "" {
		full += "：" + title
	}
	y, m, d := r.asOf.Year(), int(r.asOf.Month()), r.asOf.Day()
	place := strings.TrimSuffix(r.site.Province, "省")
	if place == "" {
		place = "[出版地不详]"
	}
	c := Citation{
		GBT: fmt.Sprintf("%s. %s[DS/OL]. 版本 %s. %s: %s, %d(%s). %s.", r.site.Bureau, full, cat.Version, place, r.site.Bureau, y, r.asOf, url),
		BibTeX: fmt.Sprintf("@misc{%s,\n  author = {{%s}},\n  title = {%s},\n  year = {%d},\n  month = {%d},\n  version = {%s},\n  howpublished = {\\url{%s}},\n  note = {数据集，数据截至 %s}\n}",
			strings.NewReplacer("-", "", ".", "_").Replace("portal-"+key+"-"+cat.Version), r.site.Bureau, full, y, m, cat.Version, url, r.asOf),
	}
	csl, _ := json.MarshalIndent(map[string]any{
		"type": "dataset", "id": key + "-" + cat.Version, "title": full, "author": []map[string]string{{"literal": r.site.Bureau}},
		"publisher": r.site.Bureau, "issued": map[string]any{"date-parts": [][]int{{y, m, d}}}, "version": cat.Version, "URL": url, "language": "zh-CN",
	}, "", "  ")
	c.CSL = string(csl)
	return c
}
