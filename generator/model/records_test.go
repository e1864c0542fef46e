package model

import (
	"testing"
	"unsafe"
)

// A Decision is kept for every row of the licences for the whole build:
// its fields are ordered so that it fills a 256-byte allocation, not a
// 288-byte one (28 MB at 200,000 agencies).
func TestDecisionFitsIn256Bytes(t *testing.T) {
	if n := unsafe.Sizeof(Decision{}); n > 256 {
		t.Errorf("a Decision is %d bytes: keep the dates and the one-byte fields together at its end", n)
	}
}
