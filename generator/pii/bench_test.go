package pii

import "testing"

func BenchmarkFindCells(b *testing.B) {
	cells := []string{"91440106MA5C00010W", "440106202200001", "广州市天河区天河路123号1201室", "2024-05-01", "914401063210012345", "张三", "穗人社派许〔2024〕28号"}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cells {
			FindAll(c, Options{})
		}
	}
}
