package generator

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"portal/generator/verify"
	"portal/internal/testsite"
)

// A build writes a .gz and a .br beside every text file above 1 KB —
// pages, open data, feeds, the stylesheet — holding the same bytes, and
// verify-data holds them to that: a stale copy, which a server would send
// instead of the file, is reported. site.toml precompress = [] writes
// none; a coding the portal does not know is an error naming the setting.
func TestPrecompressedCopies(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", "build", "verdicts.txtar"))
	out := filepath.Join(dir, "public")
	_, rep, err := Build(context.Background(), siteConfig(dir, "data", "https://rsj.example.gov.cn/", out))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Compressed == 0 {
		t.Fatal("the build made no precompressed copies")
	}
	css, _ := filepath.Glob(filepath.Join(out, "static", "style.*.css"))
	for _, p := range append([]string{"index.html", "register/index.html", "data/register.csv", "data/register.json", "announcements/index.xml"}, strings.TrimPrefix(css[0], out+"/")) {
		plain, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		if len(plain) < 1024 {
			t.Fatalf("%s has %d bytes: the test needs it above 1 KB", p, len(plain))
		}
		for _, ext := range []string{".gz", ".br"} {
			f, err := os.Open(filepath.Join(out, p+ext))
			if err != nil {
				t.Errorf("%s: no %s copy", p, ext)
				continue
			}
			var r io.Reader = brotli.NewReader(f)
			if ext == ".gz" {
				r, _ = gzip.NewReader(f)
			}
			got, err := io.ReadAll(r)
			f.Close()
			if err != nil || !bytes.Equal(got, plain) {
				t.Errorf("%s%s does not decode to the file (%v)", p, ext, err)
			}
		}
	}
	data := filepath.Join(out, "data")
	if errs := verify.Sums(data); len(errs) != 0 {
		t.Fatalf("verify-data on a fresh build: %v", errs)
	}
	var stale bytes.Buffer
	z := gzip.NewWriter(&stale)
	z.Write([]byte("code,name\n91440106MA5T000026,旧数据\n"))
	z.Close()
	os.WriteFile(filepath.Join(data, "register.csv.gz"), stale.Bytes(), 0o644)
	os.WriteFile(filepath.Join(data, "register.json.br"), []byte("not brotli"), 0o644)
	errs := verify.Sums(data)
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	if len(errs) != 2 || !strings.Contains(all, "register.csv.gz: does not decompress to register.csv") || !strings.Contains(all, "register.json.br:") {
		t.Errorf("verify-data on a stale .gz and a broken .br:\n%s", all)
	}

	site := filepath.Join(dir, "content", "site.toml")
	toml, _ := os.ReadFile(site)
	os.WriteFile(site, append([]byte("precompress = []\n"), toml...), 0o644)
	bare := filepath.Join(dir, "bare")
	if _, rep, err = Build(context.Background(), siteConfig(dir, "data", "https://rsj.example.gov.cn/", bare)); err != nil || rep.Compressed != 0 {
		t.Fatalf("precompress = []: %d copies, %v", rep.Compressed, err)
	}
	filepath.WalkDir(bare, func(p string, d os.DirEntry, err error) error {
		if strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") {
			t.Errorf("precompress = []: %s was written", p)
		}
		return nil
	})

	os.WriteFile(site, append([]byte(`precompress = ["gzip", "zstd"]`+"\n"), toml...), 0o644)
	res, _, err := Build(context.Background(), siteConfig(dir, "data", "https://rsj.example.gov.cn/", filepath.Join(dir, "zstd")))
	if err == nil || !strings.Contains(res.Diags.Format(0), `precompress "zstd"`) {
		t.Errorf("an unknown coding: %v\n%s", err, res.Diags.Format(0))
	}
}
