package render

import (
	"bytes"
	"slices"
)

func sortURLs(l *sitemapList) {
	slices.SortFunc(l.urls, func(a, b sitemapURL) int { return bytes.Compare(l.path(a), l.path(b)) })
}
