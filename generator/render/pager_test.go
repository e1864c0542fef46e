package render

import (
	"slices"
	"testing"
)

// The pager links the first page, the two pages either side of the
// current one and the last, in order, each once — worked out from those
// pages alone, the same as walking every page of the list.
func TestPagerWindow(t *testing.T) {
	walk := func(k, pages int) []int {
		var out []int
		for j := 1; j <= pages; j++ {
			if j == 1 || j == pages || (j >= k-2 && j <= k+2) {
				out = append(out, j)
			}
		}
		return out
	}
	for pages := 1; pages <= 40; pages++ {
		for k := 1; k <= pages; k++ {
			if got, want := pagerWindow(k, pages), walk(k, pages); !slices.Equal(got, want) {
				t.Fatalf("page %d of %d: %v, want %v", k, pages, got, want)
			}
		}
	}
}
