package tmplexec

import (
	"cmp"
	"reflect"
	"slices"
)

func compareOrdered[T cmp.Ordered](a, b T) int { return cmp.Compare(a, b) }

func sortEntries(es []mapEntry, c func(a, b reflect.Value) int) {
	slices.SortFunc(es, func(x, y mapEntry) int { return c(x.Key, y.Key) })
}
