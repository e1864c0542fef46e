package diag_test

import (
	"fmt"

	"portal/generator/diag"
)

// Diagnostics print sorted by file, line and column, whatever order they
// were found in, and a cap leaves a count of the rest.
func ExampleList_Format() {
	var l diag.List
	l.Warnf(diag.Pos{File: "data/licences.csv", Line: 30, Col: 14}, "公示日期", "2024-05-20", "published 13 working days after the decision")
	l.Add(diag.Diagnostic{File: "data/licences.csv", Line: 25, Col: 2, Field: "统一社会信用代码", Value: "91440106MA5CXYZIO0",
		Msg: "character 'Z' is not allowed", Severity: diag.Error})
	l.Errorf(diag.Pos{File: "data/grades.csv", Line: 1}, "", "", "missing required column %q", "信用等级")
	fmt.Print(l.Format(2))
	e, w := l.Count()
	fmt.Println(e, "errors,", w, "warning")
	// Output:
	// data/grades.csv:1: missing required column "信用等级"
	// data/licences.csv:25:2: 统一社会信用代码 "91440106MA5CXYZIO0": character 'Z' is not allowed
	// … and 1 more (run with --max-diagnostics 0 to see all)
	// 2 errors, 1 warning
}
