package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Date is a calendar date stored as yyyymmdd (20240501), so dates compare
// with < and the zero value means "not given".
type Date int32

// MakeDate builds a Date; it does not validate.
func MakeDate(y int, m time.Month, d int) Date { return Date(y*10000 + int(m)*100 + d) }

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date { return MakeDate(t.Year(), t.Month(), t.Day()) }

func (d Date) IsZero() bool      { return d == 0 }
func (d Date) Year() int         { return int(d) / 10000 }
func (d Date) Month() time.Month { return time.Month(int(d) / 100 % 100) }
func (d Date) Day() int          { return int(d) % 100 }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// String is ISO 8601 (2024-05-01), or "" for the zero date. A date of
// the years a register holds is a slice of one shared string: pages,
// feeds and tables print millions of dates, and each would otherwise be
// its own allocation.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	y, m, dd := d.Year(), int(d.Month()), d.Day()
	if y >= tableFrom && y < tableTo && m >= 1 && m <= 12 && dd >= 1 && dd <= 31 {
		i := (((y-tableFrom)*12+m-1)*31 + dd - 1) * 10
		t := dateTable()
		return t[i : i+10]
	}
	var b [10]byte
	return string(d.Append(b[:0]))
}

// The years whose dates String slices from dateTable.
const tableFrom, tableTo = 1980, 2100

// dateTable is every yyyy-mm-dd of those years (and the 29th–31st of every
// month, valid or not), 10 bytes each, in order.
var dateTable = sync.OnceValue(func() string {
	b := make([]byte, 0, (tableTo-tableFrom)*12*31*10)
	for y := tableFrom; y < tableTo; y++ {
		for m := 1; m <= 12; m++ {
			for dd := 1; dd <= 31; dd++ {
				b = Date(y*10000 + m*100 + dd).Append(b)
			}
		}
	}
	return string(b)
})

// Append appends d as String does.
func (d Date) Append(dst []byte) []byte {
	if d == 0 {
		return dst
	}
	y, m, dd := d.Year(), int(d.Month()), d.Day()
	return append(dst, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+dd/10), byte('0'+dd%10))
}

// Dated is prefix, d and suffix in one string (one allocation): the
// register dates every verdict it words.
func Dated(prefix string, d Date, suffix string) string {
	var buf [96]byte
	b := append(buf[:0], prefix...)
	b = d.Append(b)
	return string(append(b, suffix...))
}

// AddDays returns d plus n days.
func (d Date) AddDays(n int) Date { return fromDays(d.days() + n) }

// AddYears returns d plus n years; 29 February becomes 1 March in a common year.
func (d Date) AddYears(n int) Date { return DateOf(d.Time().AddDate(n, 0, 0)) }

// DaysUntil returns the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int { return e.days() - d.days() }

// days numbers the days of the proleptic Gregorian calendar (0 is
// 1970-01-01), by integer arithmetic (H. Hinnant's days_from_civil): the
// register counts days for every span of every agency, and going through
// time.Time for each was a tenth of deriving it.
func (d Date) days() int {
	y, m, dd := d.Year(), int(d.Month()), d.Day()
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + dd - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromDays is the date of day number z (days).
func fromDays(z int) Date {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return MakeDate(y, time.Month(m), d)
}

// MarshalText makes Date encode as ISO 8601 in JSON.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads what MarshalText writes ("" is the zero date).
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := ParseDate(string(b), TextDates)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ErrDateFormat is returned for a value in none of the accepted date forms.
var ErrDateFormat = errors.New("not a date: write it as 2024-05-01 (also accepted: 2024/5/1, 2024.5.1, 2024年5月1日, 二〇二四年五月一日, 20240501)")

// DateSystem says whether a bare number is a date: in text it is not; in a
// workbook's cell it is a serial day count in the workbook's date system.
type DateSystem uint8

const (
	TextDates DateSystem = iota // CSV, Markdown, flags: no serial numbers
	Excel1900                   // XLSX, the default system: 1 = 1900-01-01
	Excel1904                   // XLSX saved with the 1904 system (Excel for Mac): 0 = 1904-01-01
)

// ParseDate reads the date forms bureau exports use: 2024-05-01, 2024/5/1,
// 2024.5.1, 2024年5月1日, 20240501 — full-width digits and surrounding spaces
// allowed, and a trailing time of day (2024-05-01 00:00:00) ignored. In a
// workbook's date system, a bare number such as 45413 is read as an Excel
// serial date, as XLSX cells hold dates.
func ParseDate(s string, sys DateSystem) (Date, error) {
	if y, m, d, ok := isoDate(s); ok { // the form nearly every export uses
		return ValidDate(y, m, d)
	}
	return parseDate(s, sys)
}

// beijing is China Standard Time, which the register's dates are in
// (UTC+8, no daylight saving time since 1991).
var beijing = time.FixedZone("CST", 8*60*60)

// parseDate is ParseDate for every form it reads.
func parseDate(s string, sys DateSystem) (Date, error) {
	s = foldDigits(strings.TrimSpace(s))
	if s == "" {
		return 0, errors.New("empty date")
	}
	if day, wd, ok := cutWeekday(s); ok {
		d, err := parseDate(day, sys)
		if err == nil && d.Time().Weekday() != wd {
			return 0, fmt.Errorf("%s was a %s, not a %s: the date or the day of the week is mistyped (write the date alone: %s)", d, weekdayNames[d.Time().Weekday()], weekdayNames[wd], d)
		}
		return d, err
	}
	if i := strings.IndexAny(s, " T"); i > 0 && strings.Contains(s[i:], ":") {
		day, clock := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		if zoned(clock) {
			// a time with its UTC offset (2024-04-30T16:00:00Z, as a system
			// that keeps UTC exports it) is a moment: its date is the one in
			// Beijing, and an offset not read would move it a day
			return momentDate(day, clock, sys)
		}
		s = day
	}
	var parts []string
	switch {
	case sys != TextDates && !(len(s) == 8 && isDigits(s)) && isExcelNumber(s):
		return excelDate(s, sys)
	case strings.Contains(s, "年"):
		rest := strings.TrimSuffix(s, "日")
		rest = strings.TrimSuffix(rest, "号")
		y, md, ok := strings.Cut(rest, "年")
		m, d, ok2 := strings.Cut(md, "月")
		if !ok || !ok2 {
			return 0, ErrDateFormat
		}
		parts = []string{strings.TrimSpace(y), strings.TrimSpace(m), strings.TrimSpace(d)}
		if day, ok := hanDate(parts); ok {
			return day, nil
		}
	case strings.ContainsAny(s, "-/."):
		sep := s[strings.IndexAny(s, "-/.")]
		parts = strings.Split(s, string(sep))
		if len(parts) != 3 {
			return 0, ErrDateFormat
		}
	case len(s) == 8 && isDigits(s):
		parts = []string{s[:4], s[4:6], s[6:]}
	default:
		return 0, ErrDateFormat
	}
	if len(parts[0]) != 4 || len(parts[1]) < 1 || len(parts[1]) > 2 || len(parts[2]) < 1 || len(parts[2]) > 2 ||
		!isDigits(parts[0]) || !isDigits(parts[1]) || !isDigits(parts[2]) {
		return 0, ErrDateFormat
	}
	y, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	d, _ := strconv.Atoi(parts[2])
	return ValidDate(y, m, d)
}

// weekdayNames are the days of the week as a date in Chinese names them.
var weekdayNames = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// cutWeekday cuts the day of the week written after a date, as documents
// and some exports write it (2026年5月3日 星期日, 2026-05-03（周日）,
// 2026/5/3 礼拜天): the date before it, and the day it names.
func cutWeekday(s string) (day string, wd time.Weekday, ok bool) {
	s = strings.TrimRight(s, " 　)）")
	n, found := time.Weekday(0), false
	for i, c := range []string{"日", "一", "二", "三", "四", "五", "六", "天"} {
		if rest, cut := strings.CutSuffix(s, c); cut {
			n, found, s = time.Weekday(i%7), true, rest
			break
		}
	}
	if !found {
		return "", 0, false
	}
	for _, w := range []string{"星期", "礼拜", "周"} {
		if rest, cut := strings.CutSuffix(s, w); cut {
			rest = strings.TrimRight(rest, " 　(（,，")
			return rest, n, rest != ""
		}
	}
	return "", 0, false
}

// hanDate reads a date written in Chinese numerals, as a document's date
// is (二〇二四年三月一日, 二〇二四年十二月三十一日): the year in four digits
// one by one, the month and day with 十. A date in ASCII digits is not
// its to read, nor one that mixes the two.
func hanDate(parts []string) (Date, bool) {
	for _, p := range parts[1:] {
		if strings.ContainsFunc(p, func(r rune) bool { return r < utf8.RuneSelf }) {
			return 0, false
		}
	}
	yy, ok1 := HanYear(parts[0])
	mm, ok2 := HanNumber(parts[1])
	dd, ok3 := HanNumber(parts[2])
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	day, err := ValidDate(yy, mm, dd)
	return day, err == nil
}

// zoned reports whether a time of day carries a UTC offset or zone:
// 16:00:00Z, 16:00+08:00, 16:00:00 +0000 UTC.
// A zone's letters other than China Standard Time's (CST, 北京时间 as
// exports write it) count too; AM and PM do not.
func zoned(clock string) bool {
	if strings.ContainsAny(clock, "+-") {
		return true
	}
	for _, w := range strings.FieldsFunc(clock, func(r rune) bool { return !('A' <= r && r <= 'Z' || 'a' <= r && r <= 'z') }) {
		switch strings.ToUpper(w) {
		case "AM", "PM", "CST":
		default:
			return true
		}
	}
	return false
}

// clockLayouts are the times of day with an offset momentDate reads
// (fractions of a second are read after the seconds in any of them).
var clockLayouts = []string{"15:04:05Z07:00", "15:04Z07:00", "15:04:05Z0700", "15:04Z0700", "15:04:05Z07", "15:04Z07"}

// momentDate is the date in Beijing of day at clock, a time with its
// offset; one it cannot read is an error, not the day as written.
func momentDate(day, clock string, sys DateSystem) (Date, error) {
	d, err := parseDate(day, sys)
	if err != nil {
		return 0, err
	}
	clock = strings.ReplaceAll(clock, "z", "Z")
	for _, name := range []string{"UTC", "GMT"} { // 16:00:00 UTC, 16:00:00 +0000 UTC
		if rest, ok := strings.CutSuffix(clock, name); ok {
			clock = strings.TrimSpace(rest)
			if clock != "" && clock[len(clock)-1] >= '0' && clock[len(clock)-1] <= '9' && !strings.ContainsAny(clock, "+-") {
				clock += "Z"
			}
		}
	}
	clock = strings.NewReplacer(" +", "+", " -", "-", " Z", "Z").Replace(clock)
	for _, l := range clockLayouts {
		t, err := time.ParseInLocation(l, clock, time.UTC)
		if err != nil {
			continue
		}
		_, off := t.Zone()
		y, m, dd := d.Time().Date()
		at := time.Date(y, m, dd, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone("", off))
		by, bm, bd := at.In(beijing).Date()
		return ValidDate(by, int(bm), bd)
	}
	return 0, errors.New("a time of day with an offset that is not read (write 16:00:00Z or 16:00:00+08:00), or write the date alone: 2024-05-01")
}

// isoDate reads YYYY-MM-DD written in ASCII digits, as ParseDate would.
func isoDate(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	n := 0
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return 0, 0, 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n / 10000, n / 100 % 100, n % 100, true
}

// ValidDate checks that y-m-d exists in the calendar.
func ValidDate(y, m, d int) (Date, error) {
	if y < 1900 || y > 2200 {
		return 0, fmt.Errorf("year %d is out of range", y)
	}
	if m < 1 || m > 12 {
		return 0, fmt.Errorf("there is no month %d", m)
	}
	if d < 1 || d > daysIn(y, time.Month(m)) {
		return 0, fmt.Errorf("%d-%02d has no day %d", y, m, d)
	}
	return MakeDate(y, time.Month(m), d), nil
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// excelDate converts an Excel serial to a date: in the 1900 system 1 is
// 1900-01-01 and Excel counts a fictitious 1900-02-29; in the 1904 system 0
// is 1904-01-01. A fraction (time of day) is dropped.
func excelDate(s string, sys DateSystem) (Date, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 120000 || sys == Excel1900 && f < 1 {
		return 0, ErrDateFormat
	}
	n := int(f)
	var d Date
	if sys == Excel1904 {
		d = DateOf(time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n))
	} else {
		if n >= 60 { // Excel counts 1900-02-29, which did not exist
			n--
		}
		d = DateOf(time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n))
	}
	return ValidDate(d.Year(), int(d.Month()), d.Day())
}

// isExcelNumber reports whether s is a plain decimal such as 45413 or 45413.5.
func isExcelNumber(s string) bool {
	whole, frac, _ := strings.Cut(s, ".")
	return isDigits(whole) && (frac == "" || isDigits(frac))
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// foldDigits turns full-width digits and punctuation used in dates into ASCII.
func foldDigits(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.Map(func(r rune) rune {
				switch {
				case r >= '０' && r <= '９':
					return r - '０' + '0'
				case r == '－':
					return '-'
				case r == '／':
					return '/'
				case r == '．':
					return '.'
				case r == '\u3000':
					return ' '
				}
				return r
			}, s)
		}
	}
	return s
}
