package opendata

import (
	"bytes"
	"crypto/sha256"
	"testing"
)

// A spool gives back what was written to it, in order, whatever the
// sizes of the writes against its blocks', past the 64 blocks where
// doubling the first block's size would no longer fit an int.
func TestSpool(t *testing.T) {
	var s spool
	want, got := sha256.New(), sha256.New()
	sizes := []int{0, 1, spoolBlock - 1, 1, 1, 3 * spoolBlock, spoolBlocks + 7, 5, 2 * spoolBlocks}
	for range 66 {
		sizes = append(sizes, spoolBlocks-1)
	}
	total, big := 0, make([]byte, 2*spoolBlocks+7)
	for i, n := range sizes {
		p := big[:n]
		for j := range p {
			p[j] = byte(i + j)
		}
		if k, err := s.Write(p); k != n || err != nil {
			t.Fatalf("Write of %d bytes: %d, %v", n, k, err)
		}
		want.Write(p)
		total += n
	}
	if n, err := s.WriteTo(got); err != nil || n != int64(total) || s.Len() != total {
		t.Fatalf("WriteTo: %d, %v; Len %d; wrote %d", n, err, s.Len(), total)
	}
	if !bytes.Equal(got.Sum(nil), want.Sum(nil)) {
		t.Error("the bytes read back differ from those written")
	}
	if len(s.blocks) < 64 {
		t.Errorf("%d blocks", len(s.blocks))
	}
	for _, b := range s.blocks {
		if cap(b) > spoolBlocks || cap(b) < spoolBlock {
			t.Errorf("a block of %d bytes", cap(b))
		}
	}
}
