package render

import (
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
