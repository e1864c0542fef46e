package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"portal/generator/sign"
	"strings"
	"time"

	"portal/generator"
	"portal/generator/diag"
	"portal/generator/load"
)

// progressTo shows a build's stage and file count on one rewritten line when
// w is a terminal; elsewhere (CI logs, pipes) it shows nothing.
func progressTo(w io.Writer) func(generator.Progress) {
	if !isTerminal(w) {
		return nil
	}
	start := time.Now()
	return func(p generator.Progress) {
		fmt.Fprintf(w, "\r\033[K%5.1fs  %-9s %s files", time.Since(start).Seconds(), p.Stage, thousands(p.Files))
	}
}

func clearProgress(w io.Writer) {
	if isTerminal(w) {
		fmt.Fprint(w, "\r\033[K")
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	var in inputFlags
	in.register(fs)
	templates := templatesFlag(fs)
	out := fs.String("out", "public", "output directory: replaced as a whole, only when the build succeeds")
	previous := fs.String("previous", "", "previous release (a built site) to list changes against (default: the release in --out)")
	baseURL := fs.String("base-url", "", "absolute URL the site is served at, e.g. https://rsj.example.gov.cn/ldpq/ (default: base_url in site.toml)")
	allowRemovals := fs.String("allow-removals", "0", "how many agencies of the previous release this one may leave out: a number, or a percentage such as 1%")
	signKey := fs.String("sign-key", os.Getenv("PORTAL_SIGN_KEY"), "secret key (portal keygen) to sign the release's SHA256SUMS with, minisign format;\nan encrypted one is opened with $PORTAL_SIGN_PASSWORD (default: $PORTAL_SIGN_KEY)")
	if code, stop := parseFlags(fs, args); stop {
		return code
	}
	var key *sign.Key
	if *signKey != "" {
		k, err := sign.LoadKey(*signKey, os.Getenv("PORTAL_SIGN_PASSWORD"))
		if err != nil {
			fmt.Fprintf(stderr, "portal build: --sign-key: %v\n", err)
			return exitUsage
		}
		key = k
	}
	allowance, err := generator.ParseAllowance(*allowRemovals)
	if err != nil {
		fmt.Fprintf(stderr, "portal build: --allow-removals: %v\n", err)
		return exitUsage
	}
	data, content, err := in.dirs(fs, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "portal build: %v\n", err)
		return exitUsage
	}
	tdir, err := resolveDir(fs, "templates", *templates, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "portal build: %v\n", err)
		return exitUsage
	}
	if err := checkOut(*out, map[string]load.Dir{"data": data, "content": content, "templates": tdir}); err != nil {
		fmt.Fprintf(stderr, "portal build: %v\n", err)
		return exitUsage
	}
	setMemoryBudget(data)
	res, rep, err := generator.Build(context.Background(), generator.BuildConfig{
		Config:    generator.Config{Data: data, Content: content, AsOf: in.asOf.d, Strict: in.strict, BaseURL: *baseURL},
		Templates: tdir.FS, TemplatesName: tdir.Name, Out: *out, Previous: *previous, AllowRemovals: allowance,
		Progress: progressTo(stderr), SignKey: key,
	})
	clearProgress(stderr)
	fmt.Fprint(stderr, res.Diags.FormatIn(in.lang.Lang, in.maxDiags))
	tr := func(en, zh string) string { return say(in.lang.Lang, en, zh) }
	var ie *generator.InputError
	var re *generator.RemovalError
	switch {
	case errors.As(err, &ie):
		fmt.Fprintf(stderr, tr("portal build: %d errors, %d warnings — nothing was written; %s is as it was\n",
			"portal build：%d 个错误，%d 个警告——没有写入任何文件，%s 保持原样\n"), ie.Errors, ie.Warnings, *out)
		return exitInput
	case errors.As(err, &re):
		fmt.Fprint(stderr, tr("the previous release held these agencies, which this one does not:\n", "上一版名录中有以下单位，本版没有：\n"))
		for i, a := range re.Removed {
			if i == 20 {
				fmt.Fprintf(stderr, tr("  … and %d more\n", "  ……另有 %d 家\n"), len(re.Removed)-i)
				break
			}
			fmt.Fprintf(stderr, "  %s\t%s\t%s\n", a.Code, a.Name, a.Status)
		}
		if in.lang.Lang == diag.Chinese {
			fmt.Fprintf(stderr, "portal build：本版将去掉上一版 %d 家单位中的 %d 家（允许：%s）；名录应保留曾列入的每一家单位，这看起来像是不完整的导出——请检查数据；如确需去掉这些单位，请加 --allow-removals %d——没有写入任何文件，%s 保持原样\n",
				re.Previous, len(re.Removed), re.Allowed, len(re.Removed), *out)
		} else {
			fmt.Fprintf(stderr, "portal build: %v — nothing was written; %s is as it was\n", err, *out)
		}
		return exitInput
	case err != nil:
		fmt.Fprintf(stderr, "portal build: %v — nothing was written; %s is as it was\n", err, *out)
		return exitInput
	}
	if key == nil {
		fmt.Fprintf(stderr, "the release is unsigned: pass --sign-key (portal keygen makes one) so readers can verify its files\n")
	}
	if len(rep.Found) > 0 {
		fmt.Fprintf(stderr, tr("%s holds at its top what the build that made it did not publish (%s): put there by hand, it is kept in every release as it is, as a hidden entry is (a site-verification file, a CNAME); it is not in the sitemap or in SHA256SUMS\n",
			"%s 顶层有生成它的那次构建没有发布的内容（%s）：这是手工放入的，此后每次发布都原样保留，与以点开头的隐藏项相同（如网站验证文件、CNAME）；它不在站点地图和 SHA256SUMS 中\n"), *out, strings.Join(rep.Found, ", "))
	}
	if n := len(rep.Stray); n > 0 {
		shown := strings.Join(rep.Stray[:min(n, 10)], ", ")
		if n > 10 {
			shown += fmt.Sprintf(tr(", … %d in all", "等，共 %d 个"), n)
		}
		fmt.Fprintf(stderr, tr("%s held inside the release's directories files the build that made it did not publish (%s): this release does not publish them (they stay beside the output in the previous release's tree until the next build); a file of your own is kept only at the top of the output\n",
			"%s 在发布内容的目录中有生成它的那次构建没有发布的文件（%s）：本版不发布这些文件（暂留在输出旁的上一版目录中，下次构建时删除）；自己的文件只有放在输出顶层才会保留\n"), *out, shown)
	}
	if len(rep.Replaced) > 0 {
		fmt.Fprintf(stderr, tr("%s: put at the top of the output by hand, and published by this release itself: the release's replaces it (the one put there stays beside the output in the previous release's tree until the next build)\n",
			"%s：手工放在输出顶层，而本版自己也发布了同名内容：以本版的为准（手工放入的那份暂留在输出旁的上一版目录中，下次构建时删除）\n"), strings.Join(rep.Replaced, ", "))
	}
	if rep.NothingChanged {
		fmt.Fprintf(stderr, "nothing changed since the build that made %s (the same data, content, templates, flags and program; its files as that build left them): nothing was written\n", *out)
	}
	e, w := res.Diags.Count()
	compressed := ""
	if rep.Compressed > 0 {
		compressed = ", " + thousands(rep.Compressed) + " precompressed copies made"
	}
	if n := rep.KeptPages + rep.KeptRecords; n > 0 {
		compressed += "; " + thousands(n) + " files of untouched agencies kept"
	}
	if rep.KeptLists > 0 {
		compressed += "; " + thousands(rep.KeptLists) + " list pages whose rows are unchanged kept"
	}
	if rep.KeptData > 0 {
		compressed += "; " + thousands(rep.KeptData) + " open-data files of unchanged tables kept"
	}
	if rep.CopiedRuns > 0 {
		compressed += "; " + thousands(rep.CopiedRuns) + " runs of unchanged rows copied into changed open-data files"
	}
	if rep.KeptIndex > 0 {
		compressed += "; the search index kept (" + thousands(rep.KeptIndex) + " files: no document a search finds changed)"
	}
	fmt.Fprintf(stdout, "built %s as of %s: %s pages, %d datasets, %s agency records, %s files (%s written, %s unchanged%s), %.1f MB\n%s\n%d errors, %d warnings\n",
		*out, res.AsOf, thousands(rep.Pages), rep.Datasets, thousands(rep.Agencies), thousands(rep.Files), thousands(rep.Written), thousands(rep.Unchanged), compressed,
		float64(rep.Bytes)/1e6, res.Stages(), e, w)
	return exitOK
}
