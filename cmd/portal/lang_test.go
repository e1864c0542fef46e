package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"portal/internal/testsite"
)

// The tests of this package read the CLI's English (--lang en, through
// $PORTAL_LANG); TestChinese runs the same sites in the default language.
func TestMain(m *testing.M) {
	os.Setenv("PORTAL_LANG", "en")
	os.Exit(m.Run())
}

// englishLeft finds English a Chinese line should not have: a word such
// as "the", "or", "is" outside quoted values, file paths and the names of
// settings, flags and formats, which stay as they are written.
var englishLeft = regexp.MustCompile(`\b(the|a|an|or|and|of|to|is|are|not|no|for|with|in|on|by|it|its|this|row|rows|column|file|e\.g)\b`)

func untranslated(line string) string {
	line = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`).ReplaceAllString(line, "")
	line = regexp.MustCompile(`\S*/\S*|\S+\.[a-z]{2,4}\b|--[a-z-]+|[a-z]+_[a-z_]+`).ReplaceAllString(line, "") // paths, file names, flags, settings
	return englishLeft.FindString(line)
}

// In the default language, every diagnostic, the summary and the last
// line of portal check are Chinese (field names and values as the file
// has them): each golden archive's check, run without --lang, gives the
// lines its English golden has, none with English words left in it.
func TestChinese(t *testing.T) {
	t.Setenv("PORTAL_LANG", "")
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "check", "*.txtar"))
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			dir, _, named := testsite.Extract(t, file)
			args := strings.Fields(named["args"])
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			run(args, &stdout, &stderr)
			if n, want := strings.Count(stderr.String(), "\n"), strings.Count(named["stderr"], "\n"); n != want {
				t.Errorf("%d lines on stderr, the English golden has %d:\n%s", n, want, stderr.String())
			}
			for _, line := range strings.Split(stderr.String()+stdout.String(), "\n") {
				if w := untranslated(line); w != "" {
					t.Errorf("English %q left in: %s", w, line)
				}
			}
			if args[0] == "check" && !strings.Contains(stdout.String()+stderr.String(), "个警告") {
				t.Errorf("no Chinese summary:\n%s%s", stdout.String(), stderr.String())
			}
		})
	}
	// the words of one case, and --lang en over $PORTAL_LANG's default
	dir, _, _ := testsite.Extract(t, filepath.Join("..", "..", "testdata", "check", "bad-rows-all-reported.txtar"))
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	run([]string{"check", "--as-of", "2026-11-21"}, &stdout, &stderr)
	for _, want := range []string{`许可决定日期 "2024-02-30"：2024-02 没有 30 日`, `缺少必需的列 "行政相对人名称"（提示：请在信用等级评价结果表中加一列`,
		"警告：公示日期", "portal check：9 个错误，4 个警告——改正错误之前不得发布"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("missing %q in\n%s", want, stderr.String())
		}
	}
	stderr.Reset()
	run([]string{"check", "--as-of", "2026-11-21", "--lang", "en"}, &stdout, &stderr)
	if !strings.Contains(stderr.String(), `2024-02 has no day 30`) {
		t.Errorf("--lang en:\n%s", stderr.String())
	}
	if code := run([]string{"check", "--lang", "fr"}, &stdout, &stderr); code != exitUsage {
		t.Errorf("--lang fr: exit %d", code)
	}
}
