package load

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"portal/generator/model"
)

// An export often says in a title row above its header when it was made
// or what day its data run to (导出时间：2026-06-01, 数据截至2026年6月1日).
// A register published as of a later day shows as 已过期 every licence
// whose period ended in between, though a 延续 granted after the export
// was made is not in it (register.CheckExportDates).

// stateWords are the words a title row states the export's day with.
var stateWords = []string{"截至", "截止", "导出", "统计", "数据日期", "生成", "制表", "报表日期", "查询", "打印", "更新"}

// statedDay is a date written in full: 2026-06-01, 2026/6/1, 2026.6.1,
// 2026年6月1日.
var statedDay = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)

// exportDate is the day a row above the header says the export was made
// or runs to, and the row's text: the date after 截至 or 截止, else the
// last date after another of stateWords (统计期间：2024年1月1日至2026年6月1日
// runs to the second). ok is false when the row says no such day.
func exportDate(rec []string) (day model.Date, text string, ok bool) {
	var cells []string
	for _, c := range rec {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, c)
		}
	}
	text = strings.Join(cells, " ")
	folded := strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, text)
	at, until := -1, false
	for _, w := range stateWords {
		if i := strings.Index(folded, w); i >= 0 && (at < 0 || i < at) {
			at, until = i, w == "截至" || w == "截止"
		}
	}
	if at < 0 {
		return 0, "", false
	}
	ms := statedDay.FindAllStringSubmatch(folded[at:], -1)
	if len(ms) == 0 {
		return 0, "", false
	}
	m := ms[len(ms)-1]
	if until {
		m = ms[0]
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	dd, _ := strconv.Atoi(m[3])
	day, err := model.ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, mo, dd), model.TextDates)
	if err != nil {
		return 0, "", false
	}
	return day, text, true
}
