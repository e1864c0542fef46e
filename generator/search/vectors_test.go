package search

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"portal/generator/model"
)

var update = flag.Bool("update", false, "rewrite testdata/analyzer-vectors.json")

// Vector is what the analysis gives for one input; search.js must give the
// same (internal/e2e runs it in Chromium against this file).
type Vector struct {
	In     string      `json:"in"`
	Tokens [][2]any    `json:"tokens"` // term, kind: 0 word, 1 single CJK character, 2 bigram
	Query  []string    `json:"query"`
	Key    string      `json:"key"`
	Ident  bool        `json:"ident"`
	Shard  map[int]int `json:"shard"` // Shard(in, n) for a few n
	Code   [3]string   `json:"code"`  // CheckCode(Key): problem, fix, near keys
	Near   []string    `json:"near"`  // NearTerms with the demo docs' Places
	NKey   string      `json:"nkey"`  // NearKey
	Codes  []string    `json:"codes"` // Codes
	NDK    string      `json:"ndk"`   // noDistrictKey of NKey, with the demo's places
	Sigs   []string    `json:"sigs"`  // QuerySigs of NKey
	Lic    string      `json:"lic"`   // the Key of LicenceKey, "" when none
	Alt    string      `json:"alt"`   // placeFirst with the demo's places, "" when none
}

// vectorEdgeCases are inputs where a hand-written tokenizer could go wrong.
var vectorEdgeCases = []string{
	"", " ", "人力资源", "劳", "人 力", "北京 华夏A股 MA01x 2019.5 1,000",
	"２０１９年", "ＡＢＣ有限公司", "９１４４０１０６ＭＡ５Ｃ００Ｏ１０Ｗ", "91440106ma5c00010w", " 9144 0106 MA5C 0001 0W ",
	"〔2019〕第0001号", "穗人社派许〔2014〕1号", "粤人社规〔2024〕14号", "（征求意见稿）", "A+、A、B、C、D",
	"e.g. O'Brien's a:b 3.14 1,000,000 a.1 1.a", "hello_world __x", "カタカナ ひらがな ｶﾀｶﾅ", "Straße ÀÉÎ ΣΑΣ",
	"emoji 😀 劳务", "tab\tnew\nline\rcr", "全角　空格", "第一章　总则", "①②③ ⅣⅤ ²³", "中-华 中—华 中·华",
	"《劳务派遣暂行规定》第十条", "AAAAAA \u0301", "e \u0301te\u0301", "12345678", "1234567a", "abcdefgh", "4401-0020-1470-009", "440100201470009",
	"廣州穗安人力資源有限責任公司", "東莞宏圖勞務派遣有限公司", "臺灣", "乾坤",
	"广州穗安人力资源有限责任公司", "广州市穗安人力资源（集团）有限公司", "穗安人力资源(广州)有限公司", "穗安人力资源（广州）有限责任公司", "穗安人力资源广州", "广州穗安人力资源天河", "穗安·人力&资源【集团】", "东莞宏图劳务派遣有限公司", "深圳市南山捷达人力资源公司", "穗安人力资源公司", "广州市 天河区 有限公司", "有限公司", "市",
	"91440106MA5C00010", "91440106MA5COOO1OW", "91440106MA5C0001OV", "9144 0106 MA5C 0001 0X", "91440106ma5c00010w", "9144010612345678", "914401061234567890",
	// upper case whose lower case is shorter (Ɫ → ɫ) or longer (Ⱥ → ⱥ) in UTF-8, then more
	"ⱢⅤ²", "ⱢV2 劳务", "ȺB有限公司 ȾΣ",
	// marks and format characters after an ideograph (a stray accent, a
	// joiner, a variation selector pasted with a name): not part of it
	"东\u0301莞市盈科泰和人力资源管理有限公司", "东莞\u0301\u0302市", "\u0301东莞", "东\u200d莞 东\u200b莞", "葛\U000E0100洲坝 东\ufe0f莞", "カ\u3099タ", "东\u0301 莞", "章\u3000\u103b", "东 \u0301莞",
	// dots that join a name's parts between ideographs: left out there only
	"广东（广州）鑫·达人力资源集团有限公司", "中智（广东）人力资源有限公司", "中智((广东))人力 中·(广东)·人力 中（́广东）人 公司（A） (中智) 中智（ ） 〔中〕国 【中】国", "麦克・李 麦克･李 麦克•李", "中··华 中·\u200b华 中\u0301·华 中·\u0301华 中\u200b·华", "A·B 中·B A·中 ·中 中·", "カ・タ 中‧华∙国⋅人⸱民 中\u0387华 中\uff65华",
	// brackets a 文号 or licence number is typed with: keys leave them out;
	// white space JavaScript's \s has and RE2's does not
	"粤人社规[2023]32号", "粤人社规(2023)32号", "粤人社规【2023】32号", "粤劳派（穗）字〔2014〕第0001号", "a{b}〖c〗〒〓",
	"a\vb\u1680c\u2028d\u2029e\ufeffF\u0085g", "章\ufeff\u103b", "a\ufeff\u0301",
	// codes and licence numbers among other words (Codes)
	"统一社会信用代码：91440106MA5C00010W", "许可证编号：4401-0020-1470-009", "许可证编号 440100 2014 70009", "名称（９１４４０１０６ＭＡ５Ｃ００Ｏ１０Ｗ）",
	"No.440100201470009", "ABC 91440106MA5C00010W 劳务", "代码\u30009144\u00a00106\u2014MA5C00010W", "许可证号440100201470009；代码91440106MA5C00010",
	"12345678 1234567a abc_12345678", "代码\u1680123456789\u2028x",
	// format characters no reader sees, pasted inside a code or a number
	"9144\u00ad0106MA5C00010W", "440100\u200b201470009", "\ufeff91440106MA5C00010W\u200e", "a\u200bb c\u2060\u0301d 字\u200b\u0301\u200c",
	// a capital and a combining mark whose lower case composes (a key
	// keyed again must not change)
	"T\u0308", "J\u030cX 劳务", "W\u030a有限公司",
	// licence numbers as they are retyped (LicenceKey)
	"粤人社派许字第0012号", "粤人社派许字0012号", "粤人社派许12", "京人社派许字〔2019〕00123号", "粵人社派許字第０１２號", "第0号", "00 000",
	"HR-440106-2025-0007", "ＨＲ４４０１０６ ２０２５ ０００７", "沪人社派许字第01202100015号", "字号", "ǅ1ⅻ2", "许可证编号：粤劳派（穗）字〔2014〕第0001号",
}

func vectorInputs(docs []Doc) []string {
	in := slices.Clone(vectorEdgeCases)
	regions := map[string]bool{}
	lines := 0
	for i, d := range docs {
		if d.Kind == KindAgency {
			if i%10 == 0 {
				in = append(in, d.Name)
			}
			in = append(in, d.Former...)
			if !regions[d.Region] {
				regions[d.Region] = true
				in = append(in, d.Region)
			}
			continue
		}
		in = append(in, d.Name)
		for _, o := range d.Other {
			for _, l := range strings.Split(o, "\n") {
				if l = strings.TrimSpace(l); l != "" && lines < 120 {
					if r := []rune(l); len(r) > 80 {
						l = string(r[:80])
					}
					in = append(in, l)
					lines++
				}
			}
		}
	}
	for _, s := range sampleQueries(docs, 10) {
		in = append(in, s.Query)
	}
	for _, s := range model.Statuses {
		in = append(in, s.String())
	}
	return in
}

// TestAnalyzerVectors keeps testdata/analyzer-vectors.json equal to what
// bleve's analysers give for the inputs (go test -update rewrites it).
func TestAnalyzerVectors(t *testing.T) {
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	var vs []Vector
	docs := demoDocs(t)
	places := Places(docs)
	for _, s := range vectorInputs(docs) {
		v := Vector{In: s, Tokens: [][2]any{}, Query: an.QueryTerms(s), Key: an.Key(s), Shard: map[int]int{}}
		v.Ident = Identifier(v.Key)
		c := CheckCode(v.Key)
		v.Code = [3]string{c.Kind + c.Want, c.Fix, strings.Join(c.Near, " ")}
		v.Near = an.NearTerms(s, places)
		v.NKey = an.NearKey(s)
		v.Codes = append([]string{}, an.Codes(s)...)
		v.NDK = noDistrictKey(v.NKey, places)
		v.Alt = placeFirst(s, places)
		if lk := LicenceKey(s); lk != "" {
			v.Lic = an.Key(lk)
		}
		if v.Sigs = QuerySigs(v.NKey, places); v.Sigs == nil {
			v.Sigs = []string{}
		}
		if v.Query == nil {
			v.Query = []string{}
		}
		for _, tk := range an.Tokens(s) {
			kind := 0
			switch {
			case tk.Unigram:
				kind = 1
			case tk.Bigram:
				kind = 2
			}
			v.Tokens = append(v.Tokens, [2]any{tk.Term, kind})
		}
		for _, n := range []int{1, 64, 4096} {
			v.Shard[n] = Shard(s, n)
		}
		vs = append(vs, v)
	}
	var b bytes.Buffer // one vector a line, so a diff shows which input changed
	b.WriteString("[\n")
	for i, v := range vs {
		var line bytes.Buffer
		enc := json.NewEncoder(&line)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		b.Write(bytes.TrimSuffix(line.Bytes(), []byte("\n")))
		if i < len(vs)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	path := filepath.Join("testdata", "analyzer-vectors.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(old, b.Bytes()) {
		t.Fatalf("%s is not what the analysers give now (go test ./generator/search -run Vectors -update, then check the diff)", path)
	}
}

// The analysis, in examples: full-width digits are kept (bleve's tokenizer
// alone would drop them), codes become keys, bigrams cover characters.
func TestAnalysis(t *testing.T) {
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in    string
		query string
		key   string
		ident bool
	}{
		{"人力资源", "人力 力资 资源", "人力资源", false},
		{"劳", "劳", "劳", false},
		{"２０１９年", "2019 年", "2019年", false},
		{"９１４４０１０６ＭＡ５Ｃ００Ｏ１０Ｗ", "91440106ma5c00o10w", "91440106ma5c00o10w", true},
		{" 9144 0106 MA5C 0001 0W ", "9144 0106 ma5c 0001 0w", "91440106ma5c00010w", true},
		{"440100201470009", "440100201470009", "440100201470009", true},
		{"4401-0020-1470-009", "4401 0020 1470 009", "440100201470009", true},
		{"4401 0020—1470 009", "4401 0020 1470 009", "440100201470009", true},
		{"华夏 人力", "华夏 人力", "华夏人力", false},
		{"廣州穗安人力資源", "广州 州穗 穗安 安人 人力 力资 资源", "广州穗安人力资源", false},
	} {
		if q := strings.Join(an.QueryTerms(c.in), " "); q != c.query {
			t.Errorf("QueryTerms(%q) = %q, want %q", c.in, q, c.query)
		}
		k := an.Key(c.in)
		if k != c.key || Identifier(k) != c.ident {
			t.Errorf("Key(%q) = %q (identifier %v), want %q (%v)", c.in, k, Identifier(k), c.key, c.ident)
		}
	}
}
