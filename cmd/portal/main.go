// Command portal builds the 劳务派遣许可公示与开放数据门户 from a labour
// bureau's data exports and Markdown content. See README.md.
package main

import (
	"os"
	_ "time/tzdata" // Asia/Shanghai for the default as-of date, even without system tzdata
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
