package search

import (
	"strings"

	"portal/generator/model"
)

// TierCodeFix is a result found not by the query but by the code it most
// likely means: a 统一社会信用代码 typed with 17 characters, a wrong check
// character, or letters mistaken for digits (O for 0, I for 1, Z for 2, S
// for 5 — letters GB 32100 does not use). The search says the code failed
// its check and asks 您是否要找 …; it never says the agency is not there.
const TierCodeFix Tier = TierAny + 1

// CodeCheck is what a query shaped like a 统一社会信用代码 says of itself.
type CodeCheck struct {
	// Problem says why the query cannot be a valid code, in Chinese
	// (CodeProblems[Kind] with Want); "" when it is one, or is not shaped
	// like one.
	Problem string
	// Kind is the key of the problem in CodeProblems, "" when none.
	Kind string
	// Want is the check character the first 17 characters give, for the
	// kind "check".
	Want string
	// Fix is the key of the code the query most likely means (lower case,
	// as exact keys are); "" when there is none to suggest.
	Fix string
	// Near are, for an 18-character query that fails its check, the keys
	// (CodeNeighbours) of the codes one mistyped character away, asked for
	// when Fix finds nothing.
	Near []string
	// Typed is the query as a code (lower case, confusable letters
	// folded) for the kind "check": what a code found under Near must be
	// one character away from (OneAway).
	Typed string
}

// OneAway reports whether code (any case) and typed (a lower-case key)
// differ in at most one character: a code found under a neighbour key
// shares every other character with the query, but may differ in more
// than one of the rest, and is then no suggestion for it. search-index.js
// has the same (in search, after the neighbours' lookup).
func OneAway(code, typed string) bool {
	if len(code) != len(typed) {
		return false
	}
	n := 0
	for i := 0; i < len(code); i++ {
		if c := code[i]; c != typed[i] && c|0x20 != typed[i] {
			n++
		}
	}
	return n <= 1
}

// CodeNeighbours are the keys under which a code (a lower-case key of 18
// letters and digits) is found by a query with one character mistyped:
// its characters in even positions, and in odd ones. One substitution
// leaves one of the two whole, so two lookups find every code one
// character away (and, rarely, one that shares all nine characters of a
// half and differs in the other). nil for anything else.
func CodeNeighbours(key string) []string {
	if len(key) != 18 || strings.Trim(key, "0123456789abcdefghijklmnopqrstuvwxyz") != "" {
		return nil
	}
	var even, odd [9]byte
	for i := range 9 {
		even[i], odd[i] = key[2*i], key[2*i+1]
	}
	return []string{"~e" + string(even[:]), "~o" + string(odd[:])}
}

// CodeProblems word each kind of CodeCheck problem, {0} standing for the
// check character the first 17 characters give. The search page carries
// them (its search-words), so that search.js says what `portal search` says.
var CodeProblems = map[string]string{
	"v":     "统一社会信用代码不使用字母 V",
	"17":    "只有 17 位，统一社会信用代码为 18 位（最后一位是校验码）",
	"check": "按前 17 位算得的校验码是 {0}，与第 18 位不符（或前 17 位中有一位输错）",
	"ios":   "统一社会信用代码不使用字母 I、O、S、Z（易与数字 1、0、5、2 混淆）",
}

// HeadOfficeWords say what a Result with HeadOfficeOf is, {0} standing
// for the branch asked about; HeadOfficeTag marks each of its hits.
const (
	HeadOfficeWords = "本名录没有分支机构“{0}”的备案。分支机构凭总公司的许可经营，以下是其总公司：请核对其许可状态，并向发证机关核实该分支机构。"
	HeadOfficeTag   = "总公司"
)

// MaxQuery is the longest query searched, in characters: a name, a code
// or a few words, not a document. /api/search refuses a longer one (400),
// portal search too (exit 2), and the search box says so (TooLongWords).
const MaxQuery = 200

// TooLongWords say that a query is longer than MaxQuery: {0} its length,
// {1} MaxQuery.
const TooLongWords = "查询内容过长（{0} 个字），最多 {1} 个字。"

// Words are what search.js says as `portal search` does, by the key the
// search page's search-words carry them under: each CodeProblems kind
// under cc-KIND, the words of a branch's head office and of a query longer
// than MaxQuery.
func Words() map[string]string {
	w := map[string]string{"headOffice": HeadOfficeWords, "headTag": HeadOfficeTag, "tooLong": TooLongWords}
	for k, v := range CodeProblems {
		w["cc-"+k] = v
	}
	return w
}

// problem is a CodeCheck of the kind, worded.
func problem(kind, want, fix string, near []string) CodeCheck {
	return CodeCheck{Problem: strings.ReplaceAll(CodeProblems[kind], "{0}", want), Kind: kind, Want: want, Fix: fix, Near: near}
}

// confusable are the letters GB 32100 leaves out because they look like
// digits, folded to the digits people mean by them.
var confusable = strings.NewReplacer("O", "0", "I", "1", "Z", "2", "S", "5")

// CheckCode checks a query key (Analysis.Key: folded, lower case) that is
// 17 or 18 letters and digits with at least 8 digits, the shape of a
// 统一社会信用代码. search-index.js has the same rules (codeCheck).
func CheckCode(key string) CodeCheck {
	if n := len(key); (n != 17 && n != 18) || digits(key) < 8 || strings.Trim(key, "0123456789abcdefghijklmnopqrstuvwxyz") != "" {
		return CodeCheck{}
	}
	k := strings.ToUpper(key)
	f := confusable.Replace(k)
	if strings.Trim(f, model.CreditAlphabet) != "" {
		return problem("v", "", "", nil)
	}
	if len(f) == 17 {
		fix := f + string(model.CreditCheckChar(f))
		return problem("17", "", strings.ToLower(fix), nil)
	}
	want := model.CreditCheckChar(f[:17])
	switch {
	case f[17] != want:
		c := problem("check", string(want), strings.ToLower(f[:17]+string(want)), CodeNeighbours(strings.ToLower(f)))
		c.Typed = strings.ToLower(f)
		return c
	case f != k:
		return problem("ios", "", strings.ToLower(f), nil)
	}
	return CodeCheck{}
}
