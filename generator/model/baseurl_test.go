package model

import (
	"strings"
	"testing"
)

func TestParseBaseURL(t *testing.T) {
	for in, want := range map[string]BaseURL{
		"https://rsj.example.gov.cn":         {"https://rsj.example.gov.cn/", "/"},
		"https://RSJ.example.gov.cn/ldpq":    {"https://rsj.example.gov.cn/ldpq/", "/ldpq/"},
		" http://127.0.0.1:8080/a/../b//c/ ": {"http://127.0.0.1:8080/b/c/", "/b/c/"},
		"https://rsj.example.gov.cn/劳务派遣/":   {"https://rsj.example.gov.cn/%E5%8A%B3%E5%8A%A1%E6%B4%BE%E9%81%A3/", "/劳务派遣/"},
	} {
		if got, err := ParseBaseURL(in); err != nil || got != want {
			t.Errorf("ParseBaseURL(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"javascript://rsj.example.gov.cn/%0Aalert(1)": "must start with https://",
		"ftp://rsj.example.gov.cn/":                   "must start with https://",
		"/ldpq/":                                      "must start with https://",
		"https:///ldpq/":                              "must name the host",
		"https://user:pw@rsj.example.gov.cn/":         "user name or password",
		"https://rsj.example.gov.cn/?x=1":             "query",
		"https://rsj.example.gov.cn/#top":             "fragment",
	} {
		if _, err := ParseBaseURL(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseBaseURL(%q): %v, want %q", in, err, want)
		}
	}
}
