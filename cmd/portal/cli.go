package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"strings"

	"portal"
	"portal/generator/diag"
	"portal/generator/load"
	"portal/generator/model"
	"portal/generator/render"
)

const usage = `portal — 劳务派遣许可公示与开放数据门户 generator

Usage:
  portal build     [--data data] [--content content] [--templates templates] [--out public]
                   [--as-of YYYY-MM-DD] [--base-url URL] [--previous DIR] [--strict] [--sign-key FILE]
                   check, then render the portal and publish it atomically into --out
  portal serve     [--data data] [--content content] [--templates templates] [--out DIR]
                   [--as-of YYYY-MM-DD] [--bind 127.0.0.1] [--port 1313]
                   build, serve on loopback, rebuild on every edit and reload open pages;
                   a failed rebuild keeps the last good site and shows the errors on it
  portal check     [--data data] [--content content] [--as-of YYYY-MM-DD] [--strict] [--explain-import]
                   validate the exports and content, derive the register, print a summary
  portal search    [--data data] [--content content] [--as-of YYYY-MM-DD] [--json] [-n 10] QUERY
                   find agencies by name, former name, code or licence number, and
                   documents by their words (bleve index, cached); best first
  portal verify-data [DIR]
                   check a published data directory (default public/data): SHA256SUMS,
                   sizes, hashes and every CSV cell against datapackage.json
  portal diff      [--json FILE] OLD NEW
                   what changed between two releases (built sites, data directories or
                   archives from /data/releases/): agencies, fields, checks, grades, listings
  portal demo-data --agencies N [--seed S] [--out DIR]
                   write a deterministic synthetic dataset in the input format
  portal report    [--data data] [--content content] [--as-of YYYY-MM-DD] [--out report] [--format html,csv,json]
                   the supervision report for the bureau's staff (not published): 有证无遣, reports
                   missing, re-registration after a revocation, expiring, timeliness, data quality
  portal nginx-config [--root public] [--content content] [--base-url URL] [--listen 80]
                   print an nginx server block for the built site: security headers, caching,
                   compression, the 404 page
  portal keygen [--password] DIR
                   write a key pair (minisign format) to sign releases with: portal build --sign-key
  portal init DIR  write a new site: site.toml explained, the footer's pages, examples,
                   data/import.toml with the built-in import rules, a README of the workflow

Exit status: 0 clean (warnings allowed unless --strict), 1 input errors, 2 usage errors;
portal search: 0 found, 1 nothing found, 2 errors; portal diff: 0 the same, 1 changed, 2 errors.
Run 'portal COMMAND --help' for a command's flags.
`

// exit codes
const (
	exitOK    = 0
	exitInput = 1
	exitUsage = 2
)

// commands are the subcommands by name, each in a file of its own.
var commands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"check":        runCheck,
	"build":        runBuild,
	"search":       runSearch,
	"serve":        runServe,
	"diff":         runDiff,
	"verify-data":  runVerifyData,
	"demo-data":    runDemoData,
	"init":         runInit,
	"report":       runReport,
	"nginx-config": runNginxConfig,
	"keygen":       runKeygen,
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	if run, ok := commands[cmd]; ok {
		return run(rest, stdout, stderr)
	}
	switch cmd {
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "portal: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

// newFlags makes a command's flag set that prints its usage to stderr.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("portal "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args, which hold flags only; it returns an exit code
// when the command should stop.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if code, stop := parseWithOperands(fs, args); stop {
		return code, stop
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitUsage, true
	}
	return 0, false
}

// parseWithOperands parses args, flags and then the operands the command
// reads from fs.Args; it returns an exit code when the command should
// stop: 0 after -h (the usage printed), 2 after an error (fs printed it).
func parseWithOperands(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, true
		}
		return exitUsage, true
	}
	return 0, false
}

// dateFlag is a --as-of style flag.
type dateFlag struct{ d model.Date }

func (f *dateFlag) String() string { return f.d.String() }
func (f *dateFlag) Set(s string) error {
	d, err := model.ParseDate(s, model.TextDates)
	if err != nil {
		return err
	}
	f.d = d
	return nil
}

// inputFlags are the flags every command that reads the inputs shares.
type inputFlags struct {
	data, content string
	asOf          dateFlag
	strict        bool
	maxDiags      int
	lang          langFlag
}

func (in *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&in.data, "data", "data", "directory of the data exports (licences, annual-checks, grades, abnormal, regions)")
	fs.StringVar(&in.content, "content", "content", "directory of site.toml and the Markdown content")
	fs.Var(&in.asOf, "as-of", "derive the register as of this date (default: today in Asia/Shanghai)")
	fs.BoolVar(&in.strict, "strict", false, "treat warnings as errors")
	fs.IntVar(&in.maxDiags, "max-diagnostics", 200, "print at most this many diagnostics (0: all)")
	in.lang.Lang, _ = diag.ParseLang(os.Getenv("PORTAL_LANG"))
	fs.Var(&in.lang, "lang", "the language of diagnostics and the summary: zh (default; $PORTAL_LANG) or en")
}

// templatesFlag is --templates, which the commands that render take.
func templatesFlag(fs *flag.FlagSet) *string {
	return fs.String("templates", "templates", "directory of layouts/, partials/, pages/ and static/")
}

// say is en or zh, whichever lang asks for: the CLI's own lines around the
// diagnostics (a summary, a closing count), which are not messages of the
// catalogue (diag.Translate).
func say(lang diag.Lang, en, zh string) string {
	if lang == diag.Chinese {
		return zh
	}
	return en
}

// langFlag is --lang: the language diagnostics are shown in.
type langFlag struct{ diag.Lang }

func (f *langFlag) String() string {
	if f.Lang == diag.English {
		return "en"
	}
	return "zh"
}

func (f *langFlag) Set(s string) (err error) {
	f.Lang, err = diag.ParseLang(s)
	return err
}

// dirs resolves --data and --content with resolveDir. The demo data
// embedded in the binary goes only with the demo content: a site's own
// content (--content, or ./content here) without its data is an error, or
// the demo's 300 made-up agencies would be checked, searched and published
// under that site's name as its register — with exit 0.
func (in *inputFlags) dirs(fs *flag.FlagSet, stderr io.Writer) (data, content load.Dir, err error) {
	if content, err = resolveDir(fs, "content", in.content, stderr); err != nil {
		return
	}
	if !embedded(content) && !onDisk(fs, "data", in.data) {
		if l := fs.Lookup("lang"); l != nil && l.Value.String() == "zh" {
			return data, content, fmt.Errorf("当前目录下没有 ./%s，而内容来自 %s：程序内置的演示数据会被当作本站的许可名录；请将导出文件放入 ./%s，或用 --data 指定目录", in.data, content.Name, in.data)
		}
		return data, content, fmt.Errorf("no ./%s here, while the content is %s: the demo data embedded in the binary would be taken as this site's register; put the exports in ./%s, or pass --data DIR", in.data, content.Name, in.data)
	}
	data, err = resolveDir(fs, "data", in.data, stderr)
	return data, content, err
}

// onDisk reports whether resolveDir takes the directory flagName names
// from disk: the flag is given, or its default is a directory here.
func onDisk(fs *flag.FlagSet, flagName, path string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == flagName })
	st, err := os.Stat(path)
	return set || err == nil && st.IsDir()
}

// embedded reports whether d is a copy embedded in the binary (resolveDir).
func embedded(d load.Dir) bool { return strings.HasPrefix(d.Name, "embedded:") }

// resolveDir turns a directory flag into a load.Dir: a flag given on the
// command line is a directory on disk; a default that exists in the working
// directory is used from disk; otherwise the copy embedded in the binary is
// used (the demo data, content and default templates).
func resolveDir(fs *flag.FlagSet, flagName, path string, stderr io.Writer) (load.Dir, error) {
	if onDisk(fs, flagName, path) {
		if _, err := os.Stat(path); err != nil {
			return load.Dir{}, fmt.Errorf("--%s %s: %v", flagName, path, err)
		}
		return load.OSDir(path), nil
	}
	sub, err := iofs.Sub(portal.Defaults, path)
	if err != nil {
		return load.Dir{}, err
	}
	if l := fs.Lookup("lang"); l != nil && l.Value.String() == "zh" {
		fmt.Fprintf(stderr, "portal：当前目录下没有 ./%s，使用程序内置的 %s\n", path, path)
	} else {
		fmt.Fprintf(stderr, "portal: no ./%s here: using the %s embedded in the binary\n", path, path)
	}
	return load.Dir{FS: sub, Name: "embedded:" + path}, nil
}

// thousands formats n with thousands separators, as the pages do.
func thousands(n int) string { return render.Thousands(n) }
