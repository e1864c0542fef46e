package search_test

import (
	"fmt"

	"portal/generator/search"
)

// A query shaped like a 统一社会信用代码 (as Analysis.Key folds it) that
// cannot be one says why, and which code it most likely means.
func ExampleCheckCode() {
	for _, key := range []string{
		"91440114mam7urbt8c", // valid: nothing to say
		"91440114mam7urbt8",  // 17 characters
		"91440114mam7urbt8d", // a wrong check character
		"9144o114mam7urbt8c", // O for 0
		"91440114mam7urbt8v", // V is not used
		"广州市众诚人力资源有限公司",      // not shaped like a code
	} {
		c := search.CheckCode(key)
		fmt.Printf("%q %q\n", c.Problem, c.Fix)
	}
	// Output:
	// "" ""
	// "只有 17 位，统一社会信用代码为 18 位（最后一位是校验码）" "91440114mam7urbt8c"
	// "按前 17 位算得的校验码是 C，与第 18 位不符（或前 17 位中有一位输错）" "91440114mam7urbt8c"
	// "统一社会信用代码不使用字母 I、O、S、Z（易与数字 1、0、5、2 混淆）" "91440114mam7urbt8c"
	// "统一社会信用代码不使用字母 V" ""
	// "" ""
}

// A name typed with another organisation form, without its 市, or in
// traditional characters has the near key of the name it means: the
// near tier answers it with that name, without look-alikes.
func ExampleAnalysis_NearKey() {
	an, err := search.NewAnalysis()
	if err != nil {
		panic(err)
	}
	for _, q := range []string{
		"广州市穗安人力资源有限公司",   // as registered
		"广州市穗安人力资源有限责任公司", // 有限责任公司
		"广州穗安人力资源公司",      // 市 and 有限 left out
		"廣州市穗安人力資源有限公司",   // traditional characters
		"广州市穗安劳务派遣有限公司",   // another name
	} {
		fmt.Println(an.NearKey(q))
	}
	// Output:
	// 广州穗安人力资源
	// 广州穗安人力资源
	// 广州穗安人力资源
	// 广州穗安人力资源
	// 广州穗安劳务派遣
}
