//go:build !linux

package main

// adviseHugePages does nothing where the kernel is not Linux (see
// hugepages_linux.go).
func adviseHugePages(n int64) (lo, hi uintptr) { return 0, 0 }
