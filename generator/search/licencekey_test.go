package search

import (
	"fmt"
	"testing"

	"portal/generator/model"
)

// A licence number and the ways it is retyped have one LicenceKey.
func ExampleLicenceKey() {
	for _, no := range []string{"粤人社派许字第0012号", "粤人社派许字12号", "许可证编号：粤人社派许 0012", "京人社派许字〔2019〕00123号", "440100201470009", "广州市人力资源"} {
		fmt.Printf("%q\n", LicenceKey(no))
	}
	// Output:
	// "~l粤人社派许12~"
	// "~l粤人社派许12~"
	// "~l粤人社派许12~"
	// "~l京人社派许2019~123~"
	// "~l440100201470009~"
	// ""
}

// appendLicenceKeys adds the LicenceKey of a number when it says more than
// the number does; the numbers it passes over without working one out
// (model.PlainLicence) are of those.
func TestPlainNumber(t *testing.T) {
	for _, no := range []string{"440100201470009", "1", "0", "0123", "12a", "", "１２", "44 01"} {
		if model.PlainLicence(no) && LicenceKey(no) != "~l"+no+"~" {
			t.Errorf("%q: plain, but its licence key is %q", no, LicenceKey(no))
		}
		lk := LicenceKey(no)
		if got, says := appendLicenceKeys(nil, no), lk != "" && lk != "~l"+no+"~"; (len(got) == 1) != says {
			t.Errorf("%q: keys %q, its licence key %q", no, got, lk)
		}
	}
}
