// Package searchsamples makes the queries the search is tested and
// measured with: full names, parts of names, former names, codes typed in
// every way people type them (and mistype them), licence numbers, names in
// traditional characters, with a character left out or two swapped,
// document words, and queries that must find nothing. Only tests and
// benchmarks import it: the search's own tests, the browser tests and the
// search benchmark run the same samples, so the static index, bleve and
// search.js are held to one list.
package searchsamples

import (
	"strings"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/width"

	"portal/generator/model"
)

// Sample is a query and the item it is meant to find (-1: none).
type Sample struct {
	Query string `json:"q"`
	Want  int    `json:"want"` // ord of the item that must rank first; -1 when nothing must be found
	What  string `json:"what"` // full name, part of a name, former name, code…
}

// Item is what samples are made from: one entry of the search index, the
// ordinal a Sample's Want names being its index in the slice.
type Item struct {
	Agency  bool     // an agency; otherwise a document
	Policy  bool     // a policy document (its title is a sample)
	Name    string   // current name or title
	Former  []string // an agency's former names, newest first
	Code    string   // an agency's 统一社会信用代码
	Licence string   // an agency's licence number
	// Province is the province of an agency's region (广东省), which
	// people may write before its name
	Province string
}

// Samples picks queries of every kind from docs, deterministically: full
// names, parts of names, former names, codes (also typed in full-width and
// lower case, and mistyped), licence numbers, names as people write and
// mistype them (a character left out, mistyped, doubled; two swapped;
// after their province),
// document words, a single character, a common bigram, names no agency
// has, and codes that do not exist. The parity tests run them in
// the browser and against bleve; the search benchmark measures them.
func Samples(docs []Item, perKind int) []Sample {
	var out []Sample
	var agencies, formers []int
	for i := range docs {
		if !docs[i].Agency {
			continue
		}
		agencies = append(agencies, i)
		if len(docs[i].Former) > 0 {
			formers = append(formers, i)
		}
	}
	pick := func(from []int, k int) []int {
		if len(from) == 0 {
			return nil
		}
		var out []int
		step := max(1, len(from)/k)
		for j := step / 2; j < len(from) && len(out) < k; j += step {
			out = append(out, from[j])
		}
		return out
	}
	for _, i := range pick(agencies, perKind) {
		out = append(out, Sample{docs[i].Name, i, "full name"})
	}
	for _, i := range pick(agencies[len(agencies)/3:], perKind) {
		r := []rune(docs[i].Name)
		from := 0 // the distinctive middle of a name: after the place
		for k := range min(8, len(r)) {
			if r[k] == '市' || r[k] == '区' || r[k] == '县' {
				from = k + 1
			}
		}
		from = min(from, max(0, len(r)-4))
		out = append(out, Sample{string(r[from:min(len(r), from+4)]), -1, "part of a name"})
	}
	for _, i := range pick(formers, perKind) {
		out = append(out, Sample{docs[i].Former[0], i, "former name"})
	}
	for j, i := range pick(agencies, perKind) {
		q := docs[i].Code
		switch j % 3 {
		case 1:
			q = strings.ToLower(q)
		case 2:
			q = width.Widen.String(q)
		}
		out = append(out, Sample{q, i, "code"})
	}
	// a code pasted with its label, or after the name: the code answers
	for j, i := range pick(agencies[len(agencies)/2:], (perKind+1)/2) {
		q, what := "统一社会信用代码："+docs[i].Code, "code after its label"
		if j%2 == 1 {
			q, what = docs[i].Name+" "+docs[i].Code, "name and code"
		}
		out = append(out, Sample{q, i, what})
	}
	// a code copied from a web page with a character no reader sees inside
	// it (a soft hyphen, a zero-width space)
	for j, i := range pick(agencies[len(agencies)/5:], 2) {
		out = append(out, Sample{docs[i].Code[:4+j*6] + []string{"\u00ad", "\u200b"}[j] + docs[i].Code[4+j*6:], i, "code with an invisible character inside"})
	}
	holders, codes17 := map[string]int{}, map[string]bool{}
	for _, i := range agencies {
		holders[docs[i].Licence]++
		codes17[docs[i].Code] = true
	}
	for j, i := range pick(agencies[len(agencies)/3:], (perKind+1)/2) {
		// …written as on paper: a licence number in groups after its
		// label, a code of 17 characters after its label
		q, what := "统一社会信用代码："+docs[i].Code[:min(17, len(docs[i].Code))], "code of 17 characters after its label"
		if l := docs[i].Licence; j%2 == 0 && len(l) > 10 && strings.Trim(l, "0123456789") == "" && holders[l] == 1 {
			q, what = "许可证编号："+l[:6]+"-"+l[6:10]+"-"+l[10:], "licence number in groups after its label"
		} else if model.CheckCreditCode(docs[i].Code) != nil || codes17[q[len("统一社会信用代码："):]] {
			continue // completed, it would be another code
		}
		out = append(out, Sample{q, i, what})
	}
	for j, i := range pick(agencies[len(agencies)/4:], perKind) {
		// a name as people write it: 有限责任公司 for 有限公司, 有限 left
		// out, the 市 after the city left out or added
		name := docs[i].Name
		var q, what string
		r := []rune(name)
		switch {
		case j%4 == 0 && strings.HasSuffix(name, "有限公司"):
			q, what = strings.TrimSuffix(name, "有限公司")+"有限责任公司", "name with 有限责任公司"
		case j%4 == 1 && strings.HasSuffix(name, "有限公司"):
			q, what = strings.TrimSuffix(name, "有限公司")+"公司", "name without 有限"
		case j%4 == 2 && len(r) > 4 && r[2] == '市':
			q, what = string(r[:2])+string(r[3:]), "name without the 市"
		case len(r) > 4 && r[2] != '市' && r[2] != '省':
			q, what = string(r[:2])+"市"+string(r[2:]), "name with a 市 added"
		default:
			continue
		}
		out = append(out, Sample{q, i, what})
	}
	for j, i := range pick(agencies[len(agencies)/9:], 2) {
		// the organisation form miswritten: 责任有限公司, 股份公司
		if name := docs[i].Name; strings.HasSuffix(name, "有限公司") && !strings.HasSuffix(name, "分公司") {
			form := []string{"责任有限公司", "股份公司"}[j%2]
			out = append(out, Sample{strings.TrimSuffix(name, "有限公司") + form, i, "name with " + form})
		}
	}
	for _, i := range pick(agencies[len(agencies)/8:], max(perKind/2, 2)) {
		// the name after its province, as an address is written
		// (广东省清远市…): no name holds both
		r, p := []rune(docs[i].Name), docs[i].Province
		if p == "" || len(r) < 5 || r[2] != '市' || strings.HasPrefix(p, string(r[:2])) {
			continue
		}
		out = append(out, Sample{p + docs[i].Name, i, "name after its province"})
	}
	if cc, err := opencc.New("s2t"); err == nil {
		for _, i := range pick(agencies[len(agencies)/6:], perKind/2) {
			// the name typed in traditional characters
			if q, err := cc.Convert(docs[i].Name); err == nil && q != docs[i].Name {
				out = append(out, Sample{q, i, "name in traditional characters"})
			}
		}
	}
	for j, i := range pick(agencies[len(agencies)/5:], max(perKind, 4)) {
		// one character of the distinctive part left out, mistyped or
		// doubled (at least one of each)
		name := docs[i].Name
		if !strings.HasSuffix(name, "有限公司") {
			continue
		}
		r := []rune(strings.TrimSuffix(name, "有限公司"))
		if len(r) < 7 {
			continue
		}
		k := len(r) / 2
		switch j % 4 {
		case 0:
			out = append(out, Sample{string(r[:k]) + string(r[k+1:]) + "有限公司", i, "name with a character left out"})
		case 1:
			out = append(out, Sample{string(r[:len(r)-1]) + "甲有限公司", i, "name with its last character mistyped"})
		case 2:
			out = append(out, Sample{string(r[:k]) + "乙" + string(r[k+1:]) + "有限公司", i, "name with a character inside mistyped"})
		default:
			out = append(out, Sample{string(r[:k+1]) + string(r[k:]) + "有限公司", i, "name with a character inside doubled"})
		}
	}
	for _, i := range pick(agencies[len(agencies)/7:], max(perKind/2, 2)) {
		// two neighbouring characters of the distinctive part swapped
		name := docs[i].Name
		r := []rune(strings.TrimSuffix(name, "有限公司"))
		if !strings.HasSuffix(name, "有限公司") || len(r) < 7 || r[len(r)/2] == r[len(r)/2+1] {
			continue
		}
		k := len(r) / 2
		r[k], r[k+1] = r[k+1], r[k]
		out = append(out, Sample{string(r) + "有限公司", i, "name with two characters swapped"})
	}
	codes := map[string]bool{}
	var valid []int // agencies whose code passes its check
	for _, i := range agencies {
		codes[docs[i].Code] = true
		if model.CheckCreditCode(docs[i].Code) == nil && strings.ContainsRune(docs[i].Code[8:17], '0') {
			valid = append(valid, i)
		}
	}
	for j, i := range pick(valid, perKind) {
		// a code mistyped as people mistype it: the search says the code
		// fails its check and offers the agency it most likely means
		c := docs[i].Code
		var q, what string
		switch j % 4 {
		case 3:
			k := 8 + j%9 // a character of the organisation code mistyped
			q, what = c[:k]+string(model.CreditAlphabet[(strings.IndexByte(model.CreditAlphabet, c[k])+1)%len(model.CreditAlphabet)])+c[k+1:], "code with one character mistyped"
		case 0:
			q, what = c[:17], "code of 17 characters"
		case 1:
			bad := model.CreditAlphabet[(strings.IndexByte(model.CreditAlphabet, c[17])+1)%len(model.CreditAlphabet)]
			q, what = c[:17]+string(bad), "code with a wrong check character"
		default:
			k := 8 + strings.IndexByte(c[8:17], '0')
			q, what = c[:k]+"O"+c[k+1:], "code with O for 0"
		}
		if !codes[q] {
			out = append(out, Sample{q, i, what})
		}
	}
	for _, i := range pick(agencies[len(agencies)/2:], perKind) {
		// branches (备案) share their parent's number: the first holder ranks first
		first := i
		for j := range docs {
			if docs[j].Licence == docs[i].Licence {
				first = j
				break
			}
		}
		q, what := docs[i].Licence, "licence number"
		if len(q) >= 12 && strings.Trim(q, "0123456789") == "" && first%2 == 1 {
			q, what = q[:4]+"-"+q[4:8]+" "+q[8:], "licence number with a dash and a space"
		}
		out = append(out, Sample{q, first, what})
	}
	for i := range docs {
		if docs[i].Policy && utf8.RuneCountInString(docs[i].Name) > 6 {
			out = append(out, Sample{docs[i].Name, i, "document title"})
		}
	}
	for _, w := range []string{"同工同酬", "年度经营情况报告", "劳务派遣经营许可证", "辅助性 岗位", "经营异常名录", "信用等级"} {
		out = append(out, Sample{w, -1, "document words"})
	}
	// names no agency has, of the usual shape (an agency's city, a trade
	// name no name holds): what a person sees who checks an unlicensed
	// agency; they may find look-alikes (名称相近) or nothing
	for k, i := range pick(agencies[len(agencies)/5:], perKind) {
		city, _, ok := strings.Cut(docs[i].Name, "市")
		trade := unheldTrades[k%len(unheldTrades)]
		if !ok || utf8.RuneCountInString(city) > 3 || held(docs, trade) {
			continue
		}
		out = append(out, Sample{city + "市" + trade + "人力资源有限公司", -1, NameNoAgencyHas})
	}
	out = append(out,
		Sample{"劳", -1, "single character"},
		Sample{"人力", -1, "common bigram"},
		Sample{"人力资源", -1, "common words"},
		Sample{"91440000MA5XXXXX0X", -1, "code that does not exist"},
		Sample{"440100209999999", -1, "licence number that does not exist"},
	)
	return out
}

// NameNoAgencyHas is the kind of a sample that names no agency: a name
// of the usual shape whose trade name no name holds.
const NameNoAgencyHas = "name no agency has"

// unheldTrades are trade names (字号) for NameNoAgencyHas, made up.
var unheldTrades = []string{"星辰大海", "翰墨丹青", "云端飞扬", "松柏长青"}

// held says whether any name or former name in docs holds w.
func held(docs []Item, w string) bool {
	for _, d := range docs {
		if strings.Contains(d.Name, w) {
			return true
		}
		for _, f := range d.Former {
			if strings.Contains(f, w) {
				return true
			}
		}
	}
	return false
}
