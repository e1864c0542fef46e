package model

import (
	"fmt"
	"testing"
)

func TestSameLicence(t *testing.T) {
	same := [][2]string{
		{"440106202400015", "440106202400015"},
		{"440106202400015", "第440106202400015号"},
		{"440106202400015", "4401 0620 2400 015"},
		{"440106202400015", "4401-0620-2400-015"},
		{"440106202400015", "０440106202400015"},
		{"440106202400015", "４４０１０６２０２４０００１５"},
		{"440106202400015", "许可证编号：440106202400015"},
		{"粤人社派许字〔2024〕第0015号", "粤人社派许字〔2024〕15号"},
		{"粤人社派许字〔2024〕第0015号", "粤人社派许字(2024)第0015号"},
		{"粤人社派许字〔2024〕第0015号", "粤人社派许字 〔2024〕 第 0015 号"},
		{"粤人社派许字〔2024〕第0015号", "粤人社派许〔2024〕0015"},
		{"粤人社派许字〔2024〕第0015号", "许可证编号:粤人社派许字[2024]15号"},
		{"京ab2019-7", "京ＡＢ２０１９－００７"},
		{"000", "0"},
		{"440106202400015", "No.440106202400015"},
		{"440106202400015", "NO: 4401 0620 2400 015"},
		{"440106202400015", "Ｎｏ．440106202400015"},
		{"440106202400015", "№440106202400015"},
		{"440106202400015", "许可证编号440106202400015"},
		{"440106202400015", "编号 440106202400015"},
		{"粤人社派许字〔2024〕第0015号", "许可证编号粤人社派许字〔2024〕第0015号"},
	}
	for _, p := range same {
		if !SameLicence(p[0], p[1]) || !SameLicence(p[1], p[0]) {
			t.Errorf("SameLicence(%q, %q) = false (keys %q, %q), want true", p[0], p[1], LicenceKey(p[0]), LicenceKey(p[1]))
		}
		if LicenceKey(p[0]) != LicenceKey(p[1]) {
			t.Errorf("LicenceKey(%q) = %q, LicenceKey(%q) = %q: want equal", p[0], LicenceKey(p[0]), p[1], LicenceKey(p[1]))
		}
	}
	differ := [][2]string{
		{"440106202400015", "440106202400016"},
		{"440106202400015", "44010620240001"},
		{"440106202400015", ""},
		{"粤人社派许字〔2024〕第0015号", "粤人社派许字〔2024〕第0016号"},
		{"粤人社派许字〔2024〕第0015号", "粤人社派许字〔2023〕第0015号"},
		{"粤人社派许字〔2024〕15号", "粤人社派许字〔202〕415号"},
		{"粤人社派许字〔2024〕第0015号", "京人社派许字〔2024〕第0015号"},
		{"粤人社派许字〔2024〕第0015号", "20240015"},
		{"粤人社派许字〔2024〕第0015号", "粤人社派许字〔2024〕第0015-1号"},
		{"440106202400015", "No.粤440106202400015"}, // words beyond a label are the number's
		{"440106202400015", "NOX440106202400015"},
	}
	for _, p := range differ {
		if SameLicence(p[0], p[1]) || SameLicence(p[1], p[0]) {
			t.Errorf("SameLicence(%q, %q) = true (key %q), want false", p[0], p[1], LicenceKey(p[0]))
		}
	}
}

func TestLicenceKeyPlainIsItself(t *testing.T) {
	no := "440106202400015"
	if got := LicenceKey(no); got != no {
		t.Errorf("LicenceKey(%q) = %q", no, got)
	}
	if n := testing.AllocsPerRun(100, func() { _ = LicenceKey(no) }); n != 0 {
		t.Errorf("LicenceKey of a plain number allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = SameLicence("粤人社派许字〔2024〕第0015号", "粤人社派许字〔2024〕15号") }); n != 0 {
		t.Errorf("SameLicence allocates %v times", n)
	}
}

// A number is the same licence's however it was retyped.
func ExampleLicenceKey() {
	fmt.Println(LicenceKey("粤人社派许字〔2024〕第0015号"))
	fmt.Println(LicenceKey("粤人社派许 (2024) 15"))
	fmt.Println(LicenceKey("4401 0620 2400 015"))
	// Output:
	// 粤人社派许2024~15~
	// 粤人社派许2024~15~
	// 440106202400015
}

// FuzzLicenceKey: a key is its own key (a map keyed by it and SameLicence
// agree), SameLicence is the keys' equality, and AppendLicenceKey appends
// what LicenceKey returns.
func FuzzLicenceKey(f *testing.F) {
	for _, s := range []string{"440106202400015", "粤人社派许字〔2024〕第0015号", "许可证编号：０１２", "0 0", "ａ１-２", "No.０１", "N O 1", "编 号 01"} {
		f.Add(s, "4401 0620 2400 015")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		k := LicenceKey(a)
		if kk := LicenceKey(k); kk != k {
			t.Errorf("LicenceKey(%q) = %q, whose own key is %q", a, k, kk)
		}
		if want := a == b || k != "" && k == LicenceKey(b); SameLicence(a, b) != want {
			t.Errorf("SameLicence(%q, %q) = %v, keys %q and %q", a, b, !want, k, LicenceKey(b))
		}
		if got := string(AppendLicenceKey([]byte("x"), a)); got != "x"+k {
			t.Errorf("AppendLicenceKey(x, %q) = %q, LicenceKey %q", a, got, k)
		}
	})
}

// A 决定文书号 retyped for another export is the same document; another
// number, year or issuer is another.
func TestSameDocNo(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"穗人社罚〔2024〕8号", "穗人社罚[2024]8号", true},
		{"穗人社罚〔2024〕8号", "穗人社罚（2024）第08号", true},
		{"穗人社罚〔2024〕8号", "穗人社罚〔2024〕19号", false},
		{"穗人社罚〔2024〕8号", "穗人社罚〔2025〕8号", false},
		{"穗天人社罚〔2024〕8号", "穗人社罚〔2024〕8号", false},
	} {
		if got := SameDocNo(c.a, c.b); got != c.want {
			t.Errorf("SameDocNo(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
