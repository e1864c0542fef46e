package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A release signed with a key from portal keygen verifies with the
// standard tools (minisign -Vm, then sha256sum -c) and with portal verify-data (against the key the
// release publishes, and a key given on the command line); a one-byte
// change to SHA256SUMS, to a data file or to the signature fails both. The
// minisign part is skipped without the binary, except in CI.
func TestSignedRelease(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "keys")
	code, out, errs := runCLI("keygen", keys)
	if code != exitOK || !strings.Contains(out, "portal build --sign-key") {
		t.Fatalf("keygen: exit %d\n%s%s", code, out, errs)
	}
	if fi, err := os.Stat(filepath.Join(keys, "portal.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the secret key: %v %v", fi.Mode(), err)
	}
	if code, _, errs := runCLI("keygen", keys); code != exitInput || !strings.Contains(errs, "never overwritten") {
		t.Errorf("a second keygen into the same directory: exit %d\n%s", code, errs)
	}
	site := filepath.Join(dir, "public")
	code, _, errs = runCLI("build", "--data", "../../data", "--content", "../../content", "--templates", "../../templates", "--out", site,
		"--as-of", "2026-11-21", "--sign-key", filepath.Join(keys, "portal.key"))
	if code != exitOK || strings.Contains(errs, "unsigned") {
		t.Fatalf("signed build: exit %d\n%s", code, errs)
	}
	data := filepath.Join(site, "data")
	for _, f := range []string{"SHA256SUMS.minisig", "portal.pub"} {
		if _, err := os.Stat(filepath.Join(data, f)); err != nil {
			t.Fatal(err)
		}
	}
	if page, _ := os.ReadFile(filepath.Join(data, "index.html")); !strings.Contains(string(page), "minisign -Vm SHA256SUMS -p portal.pub") {
		t.Errorf("the catalogue page does not say how to verify the signature")
	}
	minisign, err := exec.LookPath("minisign")
	if err != nil && os.Getenv("CI") == "true" {
		t.Fatal("minisign is not installed (apt-get install -y minisign)")
	}
	verify := func(label string, wantOK bool) {
		t.Helper()
		for _, args := range [][]string{{"verify-data", data}, {"verify-data", "--key", filepath.Join(keys, "portal.pub"), data}} {
			code, out, errs := runCLI(args...)
			if ok := code == exitOK; ok != wantOK {
				t.Errorf("%s: %s: exit %d\n%s%s", label, strings.Join(args, " "), code, out, errs)
			}
		}
		if minisign == "" {
			return
		}
		// the catalogue page's procedure: the signature, then every file
		cmd := exec.Command("sh", "-c", `"$0" -Vm SHA256SUMS -p "$1" && sha256sum --quiet -c SHA256SUMS`, minisign, filepath.Join(keys, "portal.pub"))
		cmd.Dir = data
		outb, err := cmd.CombinedOutput()
		if ok := err == nil; ok != wantOK {
			t.Errorf("%s: minisign -Vm and sha256sum -c: %v\n%s", label, err, outb)
		}
	}
	verify("the signed release", true)
	if code, out, _ := runCLI("verify-data", data); code != exitOK || !strings.Contains(out, "signed by key") {
		t.Errorf("verify-data does not say the release is signed: %s", out)
	}

	tamper := func(name string, edit func([]byte) []byte) {
		t.Helper()
		p := filepath.Join(data, name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(p, edit(append([]byte(nil), b...)), 0o644)
		verify(name+" changed by one byte", false)
		os.WriteFile(p, b, 0o644)
	}
	flip := func(b []byte) []byte { b[len(b)/2] ^= 1; return b }
	tamper("SHA256SUMS", flip)
	tamper("register.csv", flip)
	tamper("SHA256SUMS.minisig", func(b []byte) []byte {
		lines := strings.Split(string(b), "\n")
		sig := []byte(lines[1]) // the signature line, base64
		if sig[10] == 'A' {
			sig[10] = 'B'
		} else {
			sig[10] = 'A'
		}
		lines[1] = string(sig)
		return []byte(strings.Join(lines, "\n"))
	})
	verify("restored", true)

	// another key given on the command line does not verify it
	other := filepath.Join(dir, "other")
	runCLI("keygen", other)
	if code, _, errs := runCLI("verify-data", "--key", filepath.Join(other, "portal.pub"), data); code == exitOK || !strings.Contains(errs, "does not verify") {
		t.Errorf("verify-data with another key: exit %d\n%s", code, errs)
	}
	// a key encrypted with a password signs once the password is given
	t.Setenv("PORTAL_SIGN_PASSWORD", "测试口令 correct horse")
	locked := filepath.Join(dir, "locked")
	if code, _, errs := runCLI("keygen", "--password", locked); code != exitOK {
		t.Fatalf("keygen --password: exit %d\n%s", code, errs)
	}
	if b, _ := os.ReadFile(filepath.Join(locked, "portal.key")); !strings.Contains(string(b), "encrypted secret key") || len(b) < 100 {
		t.Errorf("the encrypted key: %q", b)
	}
	lockedSite := filepath.Join(dir, "locked-site")
	if code, _, errs := runCLI("build", "--data", "../../data", "--content", "../../content", "--templates", "../../templates", "--out", lockedSite,
		"--as-of", "2026-11-21", "--sign-key", filepath.Join(locked, "portal.key")); code != exitOK {
		t.Fatalf("build with the encrypted key: exit %d\n%s", code, errs)
	}
	if code, _, errs := runCLI("verify-data", "--key", filepath.Join(locked, "portal.pub"), filepath.Join(lockedSite, "data")); code != exitOK {
		t.Errorf("verify-data of the release signed with the encrypted key: exit %d\n%s", code, errs)
	}
	t.Setenv("PORTAL_SIGN_PASSWORD", "wrong")
	if code, _, errs := runCLI("build", "--data", "../../data", "--content", "../../content", "--templates", "../../templates", "--out", lockedSite,
		"--as-of", "2026-11-21", "--sign-key", filepath.Join(locked, "portal.key")); code != exitUsage || !strings.Contains(errs, "--sign-key") {
		t.Errorf("build with a wrong password: exit %d\n%s", code, errs)
	}

	// an unsigned release verified against a key is a problem
	unsigned := filepath.Join(dir, "unsigned")
	if code, _, errs := runCLI("build", "--data", "../../data", "--content", "../../content", "--templates", "../../templates", "--out", unsigned, "--as-of", "2026-11-21"); code != exitOK || !strings.Contains(errs, "the release is unsigned") {
		t.Fatalf("unsigned build: exit %d\n%s", code, errs)
	}
	if code, _, errs := runCLI("verify-data", "--key", filepath.Join(keys, "portal.pub"), filepath.Join(unsigned, "data")); code == exitOK || !strings.Contains(errs, "not signed") {
		t.Errorf("an unsigned release verified against a key: exit %d\n%s", code, errs)
	}
}
