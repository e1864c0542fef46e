package render

import (
	"fmt"
	"strings"
	"testing"

	"rsc.io/qr"
)

// The cached layout gives the very code qr.Encode makes.
func TestQRCodeAsQREncode(t *testing.T) {
	for _, text := range []string{"https://ldpq.example.gov.cn/agencies/91440106MA5C00010W/", "https://rsj.example.gov.cn/ldpq/agencies/914401030026048446/", "12345", "HELLO WORLD", "https://x.cn/"} {
		want, err := qr.Encode(text, qr.M)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second from the cached layout
			got, err := qrCode(text)
			if err != nil {
				t.Fatal(err)
			}
			if got.Size != want.Size+2*qrQuiet {
				t.Fatalf("%s: size %d, want %d", text, got.Size, want.Size+2*qrQuiet)
			}
			ref := QRCode{Size: want.Size + 2*qrQuiet, Path: pathOf(want.Size, want.Black)}
			if got != ref {
				t.Errorf("%s: the code differs from qr.Encode's", text)
			}
		}
	}
}

// The path, drawn as poster.html strokes it (one unit wide, butt ends,
// through the middle of each row), covers exactly the code's dark modules,
// offset by the quiet zone.
func TestQRPathDrawsTheModules(t *testing.T) {
	for _, text := range []string{"https://ldpq.example.gov.cn/agencies/91440106MA5C00010W/", "https://rsj.example.gov.cn/ldpq/agencies/914401030026048446/", "12345"} {
		want, err := qr.Encode(text, qr.M)
		if err != nil {
			t.Fatal(err)
		}
		got, err := qrCode(text)
		if err != nil {
			t.Fatal(err)
		}
		drawn := drawPath(t, got.Path, got.Size)
		for y := 0; y < got.Size; y++ {
			for x := 0; x < got.Size; x++ {
				in := x >= qrQuiet && y >= qrQuiet && x < qrQuiet+want.Size && y < qrQuiet+want.Size
				if dark := in && want.Black(x-qrQuiet, y-qrQuiet); drawn[y][x] != dark {
					t.Fatalf("%s: module (%d, %d) drawn %v, want %v; path %s", text, x, y, drawn[y][x], dark, got.Path)
				}
			}
		}
	}
}

// drawPath rasterises path data of the commands pathOf writes — M x y.5,
// m dx 0, h n — into a size×size grid of modules.
func drawPath(t *testing.T, path string, size int) [][]bool {
	t.Helper()
	grid := make([][]bool, size)
	for i := range grid {
		grid[i] = make([]bool, size)
	}
	x, y, started := 0, 0, false
	for rest := path; rest != ""; {
		var cmd byte
		var a, b int
		var half string
		var n int
		var err error
		switch rest[0] {
		case 'M':
			n, err = fmt.Sscanf(rest, "M%d %d%3s", &a, &b, &half)
			if err == nil && half[:2] != ".5" {
				t.Fatalf("a row not stroked through its middle: %q", rest[:min(12, len(rest))])
			}
			cmd = 'M'
		case 'm':
			n, err = fmt.Sscanf(rest, "m%d %d", &a, &b)
			cmd = 'm'
		case 'h':
			n, err = fmt.Sscanf(rest, "h%d", &a)
			cmd = 'h'
		default:
			t.Fatalf("unexpected command in %q", rest[:min(12, len(rest))])
		}
		if err != nil || n == 0 {
			t.Fatalf("bad path data at %q: %v", rest[:min(12, len(rest))], err)
		}
		switch cmd {
		case 'M':
			x, y, started = a, b, true
		case 'm':
			if b != 0 || !started {
				t.Fatalf("a move off the row at %q", rest[:min(12, len(rest))])
			}
			x += a
		case 'h':
			if a <= 0 || x+a > size || y >= size {
				t.Fatalf("a run out of the box at %q", rest[:min(12, len(rest))])
			}
			for i := x; i < x+a; i++ {
				grid[y][i] = true
			}
			x += a
		}
		// skip to the next command letter
		i := 1
		for i < len(rest) && !strings.ContainsRune("Mmh", rune(rest[i])) {
			i++
		}
		rest = rest[i:]
	}
	return grid
}
