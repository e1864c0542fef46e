package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/sign"
	"portal/internal/testsite"
)

// A site whose site.toml says require_signature warns of a build without a
// key, and a strict build refuses it before anything is written; with a
// key it is published signed.
func TestRequireSignature(t *testing.T) {
	dir, _, _ := testsite.Extract(t, filepath.Join(root, "testdata", "build", "exports.txtar"))
	site := filepath.Join(dir, "content", "site.toml")
	b, _ := os.ReadFile(site)
	os.WriteFile(site, append(b, "require_signature = true\n"...), 0o644)
	out := filepath.Join(dir, "public")
	cfg := siteConfig(dir, "canonical", "https://rsj.example.gov.cn/", out)
	cfg.Strict = true
	res, _, err := Build(context.Background(), cfg)
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(res.Diags.Format(0), "releases of this site must be signed") {
		t.Fatalf("a strict unsigned build: %v\n%s", err, res.Diags.Format(0))
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("the refused build wrote its output")
	}
	secret, _, err := sign.Keygen(filepath.Join(dir, "keys"), "")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.SignKey, err = sign.LoadKey(secret, ""); err != nil {
		t.Fatal(err)
	}
	if res, _, err := Build(context.Background(), cfg); err != nil {
		t.Fatalf("a strict signed build: %v\n%s", err, res.Diags.Format(0))
	}
	if _, err := os.Stat(filepath.Join(out, "data", "SHA256SUMS.minisig")); err != nil {
		t.Fatal(err)
	}
}
