package load

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// Each column of a schema fills its own cell of the row type, and every
// cell is filled by a column: a schema line pointing at the wrong cell
// (copied from the line above) would leave one column unread and let
// another overwrite it without a word.
func TestEveryColumnFillsItsOwnCell(t *testing.T) {
	check(t, "licenceRow", licenceCells)
	check(t, "checkRow", checkCells)
	check(t, "gradeRow", gradeCells)
	check(t, "listingRow", listingCells)
	check(t, "regionRow", regionCells)
	check(t, "holidayRow", holidayCells)
	check(t, "penaltyRow", penaltyCells)
}

func check[R any](t *testing.T, row string, cells map[string]func(*R) *string) {
	t.Helper()
	var x R
	for title := range cells {
		if err := setCell(&x, cells, title, "cell of "+title); err != nil {
			t.Fatal(err)
		}
	}
	v, filled := reflect.ValueOf(x), map[string]string{}
	for i := range v.NumField() {
		name, got := v.Type().Field(i).Name, v.Field(i).String()
		if got == "" {
			t.Errorf("%s.%s: no column fills it", row, name)
			continue
		}
		filled[got] = name
	}
	for title := range cells {
		if _, ok := filled["cell of "+title]; !ok {
			t.Errorf("%s: the column %q fills a cell another column fills too", row, title)
		}
	}
	if len(filled) != v.NumField() && !t.Failed() {
		t.Errorf("%s: %d cells filled, %d fields", row, len(filled), v.NumField())
	}
}

// A schema whose field points at a cell of another row type is refused
// as the program starts.
func TestCellOfAnotherRowTypePanics(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil {
			t.Fatal("cellsOf accepted a schema of another row type")
		}
		if msg := fmt.Sprint(r); !strings.Contains(msg, `annual-checks column "年度"`) {
			t.Errorf("the panic does not name the column: %s", msg)
		}
	}()
	cellsOf[gradeRow](ChecksSchema)
}
