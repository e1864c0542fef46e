package pii

import (
	"strings"
	"testing"
)

func BenchmarkFindCells(b *testing.B) {
	cells := []string{"91440106MA5C00010W", "440106202200001", "广州市天河区天河路123号1201室", "2024-05-01", "914401063210012345", "张三", "穗人社派许〔2024〕28号"}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cells {
			FindAll(c, Options{})
		}
	}
}

// BenchmarkFindLongRunOfO: a hostile cell of a digit, a megabyte of
// letters O and a digit is read in one pass — the O's run is decided once,
// not once per O (which took 0.7 s for 40 KB, minutes for a megabyte).
func BenchmarkFindLongRunOfO(b *testing.B) {
	s := "1" + strings.Repeat("O", 1<<20) + "1"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		FindAll(s, Options{})
	}
}

// BenchmarkFindScientific: cells with an E and enough digits are read
// again for a number in scientific notation; what is found is all that
// allocates.
func BenchmarkFindScientific(b *testing.B) {
	cells := []string{"4.40106199001011E+17", "备注：注册资本 1.2E+7 元，登记号 440106201012345", "Email 13800138000"}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cells {
			FindAll(c, Options{})
		}
	}
}
