package render

import (
	"slices"
	"strings"
)

func sortURLs(u []sitemapURL) {
	slices.SortFunc(u, func(a, b sitemapURL) int { return strings.Compare(a.Loc, b.Loc) })
}
