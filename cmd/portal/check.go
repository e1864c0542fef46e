package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"portal/generator"
	"portal/generator/diag"
	"portal/generator/model"
	"portal/generator/pii"
	"portal/generator/register"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	var in inputFlags
	in.register(fs)
	list := fs.Bool("list", false, "also print every agency's derived state, one tab-separated line each:\ncode, status, name, licence number, valid to, former names, former licence numbers, parent")
	explainImport := fs.Bool("explain-import", false, "also print, for every input file, the layout recognised, the header row and what each column\nwas read as (a heading of the documented layout, a known alias, data/import.toml, dropped, unknown)")
	if code, stop := parseFlags(fs, args); stop {
		return code
	}
	data, content, err := in.dirs(fs, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "portal check: %v\n", err)
		return exitUsage
	}
	setMemoryBudget(data)
	res, err := generator.Check(context.Background(), generator.Config{
		Data: data, Content: content, AsOf: in.asOf.d, Strict: in.strict,
	})
	fmt.Fprint(stderr, res.Diags.FormatIn(in.lang.Lang, in.maxDiags))
	if res.Register != nil {
		if *list {
			fmt.Fprint(stdout, listing(res))
		}
		if *explainImport {
			fmt.Fprint(stdout, explainImports(res.Register.Data))
		}
		fmt.Fprint(stdout, summary(res, in.lang.Lang))
	}
	var ie *generator.InputError
	switch {
	case errors.As(err, &ie):
		if ie.Errors == 0 {
			fmt.Fprintf(stderr, say(in.lang.Lang, "portal check: %d warnings, which --strict makes errors\n", "portal check：%d 个警告，--strict 时按错误处理\n"), ie.Warnings)
		} else {
			fmt.Fprintf(stderr, say(in.lang.Lang, "portal check: %d errors, %d warnings — nothing may be published until the errors are fixed\n",
				"portal check：%d 个错误，%d 个警告——改正错误之前不得发布\n"), ie.Errors, ie.Warnings)
		}
		return exitInput
	case err != nil:
		fmt.Fprintf(stderr, "portal check: %v\n", err)
		return exitInput
	}
	return exitOK
}

// summary is the one-screen account of what the inputs amount to, in
// lang (the statuses, types and results are the register's Chinese words
// in either).
func summary(res *generator.Result, lang diag.Lang) string {
	tr := func(en, zh string) string { return say(lang, en, zh) }
	var b strings.Builder
	reg := res.Register
	ds := reg.Data
	fmt.Fprintf(&b, tr("数据截至 as of %s\n", "数据截至 %s\n"), res.AsOf)
	var files []string
	for f := range ds.Columns {
		files = append(files, f)
	}
	slices.Sort(files)
	for _, f := range files {
		if how := ds.ReadAs[f]; how != "" {
			if lang == diag.Chinese {
				how = diag.Translate(how)
			}
			fmt.Fprintf(&b, tr("  %s: %s\n", "  %s：%s\n"), f, how)
		}
	}
	if ys := reg.Calendar.Uncovered(); len(ys) > 0 {
		fmt.Fprintf(&b, tr("  working days in %s counted Monday to Friday: no official holiday calendar for them (add the days to data/holidays.csv: 日期,休/班,依据)\n",
			"  %s 年的工作日按周一至周五计算：没有这些年份的官方节假日安排（请在 data/holidays.csv 中补充：日期,休/班,依据）\n"), joinInts(ys))
	}
	fmt.Fprintf(&b, tr("agencies     %7s  ", "单位         %7s  "), thousands(len(reg.Agencies)))
	writeCounts(&b, reg.Agencies, func(a *register.Agency) model.Status { return a.Status }, model.Statuses)
	b.WriteString(tr("\nverdicts             ", "\n结论                 "))
	writeCounts(&b, reg.Agencies, func(a *register.Agency) register.Dispatch { return reg.Verdict(a).Dispatch() }, register.Dispatches[:])
	fmt.Fprintf(&b, tr("\ndecisions    %7s  ", "\n许可决定     %7s  "), thousands(len(ds.Decisions)))
	writeCounts(&b, ds.Decisions, func(d *model.Decision) model.DecisionType { return d.Type }, model.DecisionTypes)
	fmt.Fprintf(&b, tr("\nannual checks %6s  ", "\n年度核验     %7s  "), thousands(len(ds.Checks)))
	writeCounts(&b, ds.Checks, func(c *model.AnnualCheck) model.CheckResult { return c.Result }, model.CheckResults)
	current := 0
	for _, a := range reg.Agencies {
		if a.Abnormal(res.AsOf) {
			current++
		}
	}
	fmt.Fprintf(&b, tr("\ngrades       %7s\n", "\n信用等级     %7s\n"), thousands(len(ds.Grades)))
	fmt.Fprintf(&b, tr("abnormal     %7s   of which still listed %s\n", "经营异常     %7s   其中仍在名录 %s\n"), thousands(len(ds.Listings)), thousands(current))
	fmt.Fprintf(&b, tr("regions      %7s\n", "行政区划     %7s\n"), thousands(len(ds.Regions)))
	c := res.Content
	fmt.Fprintf(&b, tr("content        policies %d · FAQ %d · news %d · pages %d\n", "内容           政策 %d · 问答 %d · 新闻 %d · 页面 %d\n"), len(c.Policies), len(c.FAQs), len(c.News), len(c.Pages))
	e, w := res.Diags.Count()
	fmt.Fprintf(&b, tr("%d errors, %d warnings\n", "%d 个错误，%d 个警告\n"), e, w)
	return b.String()
}

// writeCounts writes " key count" for each of keys, rows counted by key.
func writeCounts[R any, K interface {
	comparable
	fmt.Stringer
}](b *strings.Builder, rows []R, key func(R) K, keys []K) {
	n := make(map[K]int, len(keys))
	for _, r := range rows {
		n[key(r)]++
	}
	for _, k := range keys {
		fmt.Fprintf(b, " %s %s", k.String(), thousands(n[k]))
	}
}

// listing prints the derived register, one agency a line, by code. A
// personal number in a name or a licence number (an error the check
// reports) is masked, as in the diagnostics: a build's log may be read by
// more people than its data.
func listing(res *generator.Result) string {
	var b strings.Builder
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	numbers := func(s string) string { return pii.Mask(s, pii.FindAll(s, pii.Options{SkipMobile: true})) }
	for _, a := range res.Register.Agencies {
		var former []string
		for _, f := range a.FormerNames {
			former = append(former, pii.MaskAll(f.Name))
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.Code, a.Status, pii.MaskAll(a.Name), dash(numbers(a.LicenceNo)), dash(a.ValidTo.String()),
			dash(strings.Join(former, "；")), dash(numbers(strings.Join(a.FormerLicenceNos, "；"))), dash(a.ParentCode))
	}
	return b.String()
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// explainImports is how every input file was read: its layout, its
// header row and each column's reading (portal check --explain-import).
func explainImports(ds *model.Dataset) string {
	var b strings.Builder
	files := make([]string, 0, len(ds.Explain))
	for f := range ds.Explain {
		files = append(files, f)
	}
	slices.Sort(files)
	for _, f := range files {
		fmt.Fprintf(&b, "%s\n", f)
		for _, line := range ds.Explain[f] {
			fmt.Fprintf(&b, "  %s\n", line)
		}
	}
	return b.String()
}
