package model

import (
	"errors"
	"net/url"
	"path"
	"strings"
)

// BaseURL is where the site is served: an absolute http or https URL
// whose path ends in /. It is parsed once (ParseBaseURL), where the build
// starts, and handed to every stage as it is: each link, feed, sitemap
// entry and data record is made from it.
type BaseURL struct {
	Abs  string // https://rsj.example.gov.cn/ldpq/
	Path string // /ldpq/: the prefix of every link
}

// IsZero reports whether no base URL was given.
func (b BaseURL) IsZero() bool { return b.Abs == "" }

// ParseBaseURL reads a base URL as site.toml or --base-url gives it.
func ParseBaseURL(s string) (BaseURL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	switch {
	case err != nil:
		return BaseURL{}, errors.New("not a URL: write it like https://rsj.example.gov.cn/ldpq/")
	case u.Scheme != "http" && u.Scheme != "https":
		return BaseURL{}, errors.New("must start with https:// (or http://): it is where readers open the site, and every link, feed and sitemap entry is made from it")
	case u.Host == "" || u.Opaque != "":
		return BaseURL{}, errors.New("must name the host, like https://rsj.example.gov.cn/")
	case u.User != nil:
		return BaseURL{}, errors.New("must not hold a user name or password")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return BaseURL{}, errors.New("must not have a query (?…) or a fragment (#…)")
	}
	p := path.Clean("/" + u.Path)
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u.Path, u.RawPath = p, ""
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	return BaseURL{Abs: u.String(), Path: p}, nil
}
