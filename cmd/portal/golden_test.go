package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"portal/internal/testsite"
)

var update = flag.Bool("update", false, "rewrite the golden sections of testdata/*/*.txtar")

// TestGolden runs the CLI on every site in testdata/check/*.txtar, as a user
// would from the site's directory, and compares exit code, stdout and stderr
// with the archive's "exit", "stdout" and "stderr" sections.
//
// Archive files are written by testsite.Extract; "args" holds the command line.
func TestGolden(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "check"))
	files, _ := filepath.Glob(filepath.Join(root, "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no golden archives found")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			dir, ar, named := testsite.Extract(t, file)
			args := strings.Fields(named["args"])
			wantExit, _ := strconv.Atoi(strings.TrimSpace(named["exit"]))
			sections := map[string]int{}
			for i, f := range ar.Files {
				if f.Name == "stdout" || f.Name == "stderr" {
					sections[f.Name] = i
				}
			}
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != wantExit {
				t.Errorf("exit %d, want %d\nstderr:\n%s", code, wantExit, stderr.String())
			}
			got := map[string]string{"stdout": stdout.String(), "stderr": stderr.String()}
			if *update {
				ar.Files = slicesDeleteGolden(ar.Files)
				for _, name := range []string{"stdout", "stderr"} {
					ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(got[name])})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"stdout", "stderr"} {
				i, ok := sections[name]
				if !ok {
					t.Errorf("no %s section (run go test ./cmd/portal -run Golden -update)", name)
					continue
				}
				if want := string(ar.Files[i].Data); got[name] != want {
					t.Errorf("%s differs\n--- got ---\n%s\n--- want ---\n%s", name, got[name], want)
				}
			}
		})
	}
}

func slicesDeleteGolden(fs []txtar.File) []txtar.File {
	out := fs[:0]
	for _, f := range fs {
		if f.Name != "stdout" && f.Name != "stderr" {
			out = append(out, f)
		}
	}
	return out
}
