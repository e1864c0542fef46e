package load

import (
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Names and addresses damaged by each wrong reading are found, and what
// they read decoded right is given back — with a character lost where the
// reading had no place for a byte.
func TestMisdecoded(t *testing.T) {
	read := func(b []byte, as encoding.Encoding) string {
		s, err := as.NewDecoder().String(string(b)) // a byte with no place becomes U+FFFD
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return []byte(b)
	}
	for _, text := range []string{
		"广州市番禺区智联瑞丰人力资源管理有限公司", // 60 bytes of UTF-8: read whole
		"珠海市嘉业腾飞人力资源有限公司",      // 45: its last byte lost
		"中智人力资源管理（广州）有限公司",
		"广州市天河区体育西路191号中石化大厦B塔2801室",
		"广州市人力资源和社会保障局",
	} {
		for _, c := range []struct {
			how     string
			damaged string
		}{
			{"UTF-8 read as GBK", read([]byte(text), simplifiedchinese.GBK)},
			{"UTF-8 read as Latin-1 (Windows-1252)", read([]byte(text), charmap.Windows1252)},
			{"GBK read as Latin-1 (Windows-1252)", read(gbk(text), charmap.Windows1252)},
		} {
			right, m, ok := misdecoded(c.damaged)
			if !ok {
				t.Errorf("%s, %s: %q not found", text, c.how, c.damaged)
				continue
			}
			if got := m.written + " read as " + m.readAs; got != c.how {
				t.Errorf("%q: %s, want %s", c.damaged, got, c.how)
			}
			// a reading loses the bytes it has no place for (five of
			// Windows-1252's, an odd one out in GBK): those characters are
			// shown as ?, the rest as written
			kept := []rune(strings.ReplaceAll(right, "?", ""))
			if len(kept)*10 < len([]rune(text))*6 || !inOrder(kept, []rune(text)) {
				t.Errorf("%q reads %q, want %q", c.damaged, right, text)
			}
		}
	}
	for _, s := range []string{"", "91440106MA5T00110N", "2024-03-04", "Société Générale (Guangzhou) Co., Ltd.", "东莞市沿江路835号1915室", "ÅÄÖ", "鏂拌?"} {
		if right, _, ok := misdecoded(s); ok {
			t.Errorf("%q read as damaged (%q)", s, right)
		}
	}
}

// inOrder reports whether the runes of a stand in b in the same order.
func inOrder(a, b []rune) bool {
	j := 0
	for _, r := range a {
		for j < len(b) && b[j] != r {
			j++
		}
		if j == len(b) {
			return false
		}
		j++
	}
	return true
}

// No text as people write it is taken for damaged: every cell of the demo
// data, every line of the demo content and of the policy seeds beside the
// repository, and any three to thirty characters of them.
func TestMisdecodedNotOrdinaryText(t *testing.T) {
	var texts []string
	for _, dir := range []string{"../../data", "../../content", "../../../shared/seeds"} {
		filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			if strings.HasSuffix(p, ".csv") {
				recs, _ := csv.NewReader(strings.NewReader(string(b))).ReadAll()
				for _, r := range recs {
					texts = append(texts, r...)
				}
				return nil
			}
			texts = append(texts, strings.Split(string(b), "\n")...)
			return nil
		})
	}
	if len(texts) < 10000 {
		t.Fatalf("only %d texts read", len(texts))
	}
	n := 0
	for _, s := range texts {
		rs := []rune(s)
		for w := 3; w <= 30; w += 9 {
			for i := 0; i+w <= len(rs); i += 5 {
				n++
				if right, _, ok := misdecoded(string(rs[i : i+w])); ok {
					t.Errorf("%q read as damaged (%q)", string(rs[i:i+w]), right)
				}
			}
		}
		if right, _, ok := misdecoded(s); ok {
			t.Errorf("%q read as damaged (%q)", s, right)
		}
	}
	t.Logf("%d texts, %d pieces", len(texts), n)
}

// Not even text made only of the characters a misreading makes, in any
// order, reads back as Chinese by chance.
func TestMisdecodedNotByChance(t *testing.T) {
	gbkOnce.Do(gbkMake)
	var made []rune
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if gbkMade[r>>6]&(1<<(r&63)) != 0 {
			made = append(made, r)
		}
	}
	x := uint64(88172645463325252)
	next := func(n int) int { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return int(x % uint64(n)) }
	for i := 0; i < 50000; i++ {
		rs := make([]rune, 3+next(18))
		for j := range rs {
			rs[j] = made[next(len(made))]
		}
		if right, _, ok := misdecoded(string(rs)); ok {
			t.Errorf("%q read as damaged (%q)", string(rs), right)
		}
	}
}

func BenchmarkMisdecoded(b *testing.B) {
	recs, err := csv.NewReader(strings.NewReader(mustRead(b, "../../data/licences.csv"))).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	var cells []string
	for _, r := range recs {
		cells = append(cells, r...)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, c := range cells {
			misdecoded(c)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(cells)), "ns/cell")
}

func mustRead(tb testing.TB, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// Whatever a cell holds, the check neither fails nor says a cell is
// damaged without giving back Chinese text.
func FuzzMisdecoded(f *testing.F) {
	for _, s := range []string{"骞垮窞甯傜暘绂哄尯", "å¹¿å·žå¸‚", "¹ãÖÝÊÐ", "广州市", "鏂拌?稿彲", "\uFFFD\uFFFD\uFFFD", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		right, m, ok := misdecoded(s)
		if !ok {
			return
		}
		han := 0
		for _, r := range right {
			if unicode.Is(unicode.Han, r) {
				han++
			}
		}
		if han < 3 || m.written == "" || m.readAs == "" {
			t.Errorf("%q read as damaged (%s read as %s), back as %q", s, m.written, m.readAs, right)
		}
	})
}
