package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/internal/testsite"
)

// A policy's archive attachments through the real build: a RAR archive
// whose list holds a mobile number is refused at the link to it, and
// nothing is published; once its list is clean, the archive is published
// beside the policy, and so is a zip whose file is encrypted — said to be
// published unchecked, since what it holds cannot be read.
func TestBuildArchiveAttachments(t *testing.T) {
	dir := t.TempDir()
	content, out := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	testsite.Write(t, content, "site.toml", []byte("name = \"门户\"\nbureau = \"局\"\nbase_url = \"https://rsj.example.gov.cn/\"\nprecompress = []\n"))
	testsite.Write(t, content, "policies/p.md", []byte("---\ntitle: 政策\nissuer: 局\npublished_on: 2024-07-30\n---\n\n附件：[名单](名单.rar)、[表格](表格.zip)\n"))
	testsite.Write(t, content, "policies/名单.rar", testsite.RAR5([][2]string{{"说明.txt", "附件为名单"}, {"名单/名单.csv", "姓名,电话\n张三,138 1234 5678\n"}}, false))
	testsite.Write(t, content, "policies/表格.zip", testsite.EncryptedZip(t, "表格.csv"))
	build := func() (int, string) {
		code, _, errs := runCLI("build", "--data", "../../data", "--content", content, "--out", out, "--as-of", "2026-11-21", "--lang", "en")
		return code, errs
	}

	code, errs := build()
	if code != exitInput || !strings.Contains(errs, "p.md:7: the attachment 名单.rar/名单/名单.csv contains a mobile phone number (手机号码) (its line 2: 张三,*** **** 5678)") {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if strings.Contains(errs, "1234 5678") {
		t.Errorf("the message repeats the number:\n%s", errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("something was published: %v", err)
	}

	testsite.Write(t, content, "policies/名单.rar", testsite.RAR5([][2]string{{"名单/名单.csv", "单位,许可证编号\n甲公司,440106202400015\n"}}, false))
	code, errs = build()
	if code != exitOK || !strings.Contains(errs, "p.md:7: warning: the attachment 表格.zip/表格.csv is encrypted with a password, so its text cannot be read for personal data: it is published unchecked") {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, name := range []string{"名单.rar", "表格.zip"} {
		if _, err := os.Stat(filepath.Join(out, "policies", "p", name)); err != nil {
			t.Errorf("the attachment is not published beside its policy: %v", err)
		}
	}
}
