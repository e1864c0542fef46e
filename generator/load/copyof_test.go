package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"portal/generator/diag"
)

func TestCopyOf(t *testing.T) {
	for stem, want := range map[string]string{
		"2024 - 副本":     "2024",
		"2024 - 副本 (2)": "2024",
		"2024 - Copy":   "2024",
		"2024 copy 2":   "2024",
		"天河区_备份":        "天河区",
		"天河区的副本":        "天河区",
		"复件 2024":       "2024",
		"Copy of 2024":  "2024",
		"2024":          "",
		"2024 (1)":      "", // a download's number, or a part's: not said to be a copy
		"佛山":            "",
		"副本":            "",
	} {
		if got := copyOf(stem); got != want {
			t.Errorf("copyOf(%q) = %q, want %q", stem, got, want)
		}
	}
}

// A copy kept beside a file of the table's folder (2024 - 副本.csv) was
// read as another export: a 吊销 deleted from 2024.csv was still
// published from the copy, with a warning for each row alike. It is
// refused, naming the file it copies; a copy whose file is not there is
// read as the table's file it is.
func TestCopyBesideItsFile(t *testing.T) {
	dir := t.TempDir()
	body := licHeader + "\n甲公司,91440106MA5C00010W,张三,住所,300,L1,新许可,,2024-05-01,2024-05-01,2027-04-30,天河局,440106,2024-05-06\n"
	os.MkdirAll(filepath.Join(dir, "licences"), 0o755)
	os.WriteFile(filepath.Join(dir, "licences", "2024.csv"), []byte(body), 0o644)
	os.WriteFile(filepath.Join(dir, "licences", "2024 - 副本.csv"), []byte(body), 0o644)
	var d diag.List
	_, broken := readTable(OSDir(dir), LicencesSchema, &d)
	if !broken || !strings.Contains(d.Format(0), "licences/2024 - 副本.csv: the file's name says it is a copy of 2024.csv, which is in licences/ too") {
		t.Fatalf("broken %v:\n%s", broken, d.Format(0))
	}
	os.Remove(filepath.Join(dir, "licences", "2024.csv"))
	d = diag.List{}
	if ts, broken := readTable(OSDir(dir), LicencesSchema, &d); broken || len(ts) != 1 || d.Len() != 0 {
		t.Fatalf("the copy alone: broken %v, %d tables:\n%s", broken, len(ts), d.Format(0))
	}
}
