package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// industryWords are the words of a company's name that say what it does
// (行业表述), which stand between its trade name (字号) and its
// organisation form: 广州市|博雅|人力资源|有限公司. People remember a name by
// its place and trade name and write the rest as they think of the trade
// — 人力资源服务 for 人力资源, 劳务派遣 for 人力资源开发 — so a name with
// other such words is still looked for by its place and trade name
// (TradeName). Longer words come before the shorter ones they hold.
// search.js reads them from s.json ("i").
var industryWords = []string{
	"人力资源", "劳务派遣", "职业介绍", "经济技术", "供应链",
	"人力", "人才", "劳务", "派遣", "人事", "职介", "就业", "外包", "代理", "中介",
	"服务", "管理", "开发", "咨询", "顾问", "企业", "商务", "事务", "后勤", "物业",
	"保安", "家政", "培训", "教育", "科技", "信息", "技术", "网络", "智能", "数字",
	"实业", "发展", "投资", "经济", "合作", "国际", "建设", "建筑", "工程", "装卸",
	"搬运", "清洁", "环境", "物流", "运输", "贸易", "工贸", "市场", "营销", "文化",
	"传媒", "电子", "酒店", "餐饮", "安全", "健康", "医疗", "汽车", "电力", "能源",
}

// districtChars end a district's, county's or county-level city's name.
const districtChars = "区县市"

// maxTradeName is the most characters a trade name is taken to have: most
// have two to four. What is left longer still holds words of what the
// company does, or the character a person typed wrong (名匠力人资源 for
// 名匠人力资源), and searched it found nothing for the index files it read
// (潮州市名匠力人资源开发有限公司, a sample: 15 requests, then 20).
const maxTradeName = 4

// TradeName is the place and trade name (字号) of a name, given as its
// key (Analysis.Key: traditional characters folded, spaces and brackets
// gone) — "广州 博雅" for 广州市博雅人力资源服务有限公司 —: the name without
// its organisation form (orgForms) and the industry words before it, its
// province and places set apart (each with its 省, 市, 区 or 县, and after
// a place a district of two or three characters it does not know), the
// first place and the trade name as two terms, so that 广州市博雅… and
// 广州博雅… are both found, and so is 中智人力资源管理（广州）有限公司 by
// 广州中智, its place put first as people say it. "" when the name has
// neither an industry word to leave out nor a place, or leaves less than
// two characters, or more than maxTradeName, or an industry word.
// A query that finds nothing otherwise, or only look-alikes one edit away
// or by all terms but one, is searched again as the TradeName of the
// name it holds (Find; search.js has the same, tradeName).
func TradeName(key string, places, provinces []string) string {
	rest := key
	// cutPlace cuts the first of names that begins rest, with its 省, 市,
	// 区 or 县 (which admin requires)
	cutPlace := func(names []string, admin bool) string {
		for _, p := range names {
			if r, ok := strings.CutPrefix(rest, p); ok {
				c, size := utf8.DecodeRuneInString(r)
				if size > 0 && strings.ContainsRune(adminChars, c) {
					r = r[size:]
				} else if admin {
					continue
				}
				rest = r
				return p
			}
		}
		return ""
	}
	cutPlace(provinces, false)
	place := cutPlace(places, false)
	for place != "" && cutPlace(places, true) != "" { // a district after its city
	}
	if place != "" { // a district, county or county-level city regions.csv does not name (乐昌市)
		for k, i := 0, 0; k <= 3 && i < len(rest); k++ {
			c, size := utf8.DecodeRuneInString(rest[i:])
			if strings.ContainsRune(districtChars, c) {
				if k >= 2 && utf8.RuneCountInString(rest[i+size:]) >= 2 {
					rest = rest[i+size:]
				}
				break
			}
			i += size
		}
	}
	rest, _ = cutEnds(rest, orgForms, 0)
	rest, cut := cutEnds(rest, industryWords, 2)
	if n := utf8.RuneCountInString(rest); !cut && place == "" || n < 2 || n > maxTradeName || slices.Contains(industryWords, rest) {
		return ""
	}
	if place == "" {
		return rest
	}
	return place + " " + rest
}

// cutEnds cuts words off the end of s, the first of words that ends it
// each time, as long as at least min characters are left; cut says
// whether it cut any. search.js has the same, cutEnd.
func cutEnds(s string, words []string, min int) (rest string, cut bool) {
	for more := true; more; {
		more = false
		for _, w := range words {
			if r, ok := strings.CutSuffix(s, w); ok && utf8.RuneCountInString(r) >= min {
				s, cut, more = r, true, true
				break
			}
		}
	}
	return s, cut
}
