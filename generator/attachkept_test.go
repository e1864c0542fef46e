package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A policy's PDF read clean by one build is kept beside the output and
// not read again by the next (an edit of the data), while the PDF is the
// same bytes; replaced by one with an ID number in it, the build refuses
// it and the release in the output stays as it was.
func TestCleanAttachmentKeptBetweenBuilds(t *testing.T) {
	dir, cfg := editableSite(t)
	clean, err := os.ReadFile(filepath.Join(root, "generator", "load", "testdata", "clean.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	leaky, _ := os.ReadFile(filepath.Join(root, "generator", "load", "testdata", "id.pdf"))
	pdf := filepath.Join(dir, "content", "policies", "tongzhi.pdf")
	os.MkdirAll(filepath.Dir(pdf), 0o755)
	os.WriteFile(pdf, clean, 0o644)
	os.WriteFile(filepath.Join(dir, "content", "policies", "2025-tongzhi.md"),
		[]byte("---\ntitle: 关于公布劳务派遣单位名单的通知\nissuer: 测试局\npublished_on: 2025-03-03\n---\n附件：[通知](tongzhi.pdf)\n"), 0o644)
	kept := func() []string {
		t.Helper()
		k, _ := keptPath(cfg.Out)
		es, _ := os.ReadDir(k)
		var out []string
		for _, e := range es {
			if strings.HasPrefix(e.Name(), "attachment-") {
				out = append(out, e.Name())
			}
		}
		return out
	}
	if _, _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	first := kept()
	if len(first) != 1 {
		t.Fatalf("after the first build, %d attachments kept as read clean; want the PDF", len(first))
	}
	editFile(t, filepath.Join(dir, "data", "grades.csv"), ",A,", ",B,")
	if _, _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if again := kept(); len(again) != 1 || again[0] != first[0] {
		t.Errorf("after an edit of the data, kept %v; want %v still", again, first)
	}
	index := filepath.Join(cfg.Out, "index.html")
	before, _ := os.Stat(index)
	os.WriteFile(pdf, leaky, 0o644)
	res, _, err := Build(context.Background(), cfg)
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(res.Diags.Format(0), "tongzhi.pdf contains a resident ID number") {
		t.Fatalf("a PDF with an ID number: %v", err)
	}
	if after, _ := os.Stat(index); !os.SameFile(before, after) {
		t.Error("the refused build replaced the release")
	}
}
