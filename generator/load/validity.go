package load

import (
	"strings"

	"portal/generator/model"
)

// period reads a licence row's 有效期自 and 有效期至: from their own
// columns, written as 公示 tables write them (自2023年3月1日起, 至2026年2月28日,
// 2026年2月28日止), or, when the row has neither, from a 有效期限 cell that
// holds both (2023-03-01至2026-02-28, 2023.03.01-2026.02.28,
// 自2023年3月1日起至2026年2月28日止). A period that cannot be split is an
// error at its cell.
func (r *row) period(x *licenceRow, required bool) (from, to model.Date) {
	if x.ValidFrom == "" && x.ValidTo == "" && r.t.cols[fValidity] != 0 &&
		(x.Validity != "" || r.t.cols[model.ColValidFrom.Title] == 0 && r.t.cols[model.ColValidTo.Title] == 0) {
		if !r.present(fValidity, x.Validity, required) {
			return 0, 0
		}
		a, b, ok := splitPeriod(x.Validity)
		if !ok {
			r.errorf(fValidity, x.Validity, "write it as 2023-03-01至2026-02-28, or give the dates in 有效期自 and 有效期至 columns",
				"not a period from one date to another")
			return 0, 0
		}
		return r.date(fValidity, a, required), r.date(fValidity, b, required)
	}
	if x.ValidTo == "" && x.ValidFrom != "" && x.Validity != "" {
		// 有效期自 2023-03-01, 有效期限 三年 (a 双公示 export's term): the
		// period ends the day before the term's anniversary, as the
		// certificate's 有效期至 does
		if years, months, ok := term(x.Validity); ok {
			from = r.date(model.ColValidFrom.Title, periodStart(x.ValidFrom), required)
			if from == 0 {
				return 0, 0
			}
			return from, model.DateOf(from.Time().AddDate(years, months, 0)).AddDays(-1)
		}
	}
	return r.date(model.ColValidFrom.Title, periodStart(x.ValidFrom), required),
		r.date(model.ColValidTo.Title, periodEnd(x.ValidTo), required)
}

// bankNumerals are the 大写 numerals (and 两) a term may be written in,
// as the numerals HanNumber reads.
var bankNumerals = strings.NewReplacer("壹", "一", "贰", "二", "叁", "三", "肆", "四", "伍", "五", "两", "二")

// term reads a 有效期限 that gives the licence's term rather than its
// dates: 3年, 三年, 叁年, 3年整, 36个月. A term of more than ten years is no
// licence's term, and is not read.
func term(s string) (years, months int, ok bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, " ", ""))
	s = strings.TrimSuffix(s, "整")
	n, unit := s, ""
	for _, u := range []string{"个月", "年"} {
		if rest, cut := strings.CutSuffix(s, u); cut {
			n, unit = rest, u
			break
		}
	}
	if unit == "" || n == "" {
		return 0, 0, false
	}
	v, ok := model.HanNumber(bankNumerals.Replace(n))
	switch {
	case !ok || v <= 0:
		return 0, 0, false
	case unit == "年" && v <= 10:
		return v, 0, true
	case unit == "个月" && v <= 120:
		return 0, v, true
	}
	return 0, 0, false
}

// periodStart is a 有效期自 without the words around its date (自…起).
func periodStart(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "自")
	s = strings.TrimSuffix(s, "起")
	return strings.TrimSpace(s)
}

// periodEnd is a 有效期至 without the words around its date (至…止).
func periodEnd(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"至", "到"} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimSuffix(s, "止")
	return strings.TrimSpace(s)
}

// periodMarks separate the two dates of a period in one cell, the word
// first: a dash also joins a date's own parts.
var periodMarks = []string{"至", "到", "~", "～", "〜", "—", "–", "－"}

// splitPeriod splits a period written in one cell into its two dates.
func splitPeriod(s string) (from, to string, ok bool) {
	s = strings.TrimSpace(s)
	dated := func(a, b string) (string, string, bool) {
		return a, b, strings.ContainsAny(a, digits) && strings.ContainsAny(b, digits)
	}
	for _, m := range periodMarks {
		if a, b, found := strings.Cut(s, m); found && !strings.Contains(b, m) {
			return dated(periodStart(a), periodEnd(b))
		}
	}
	// a hyphen: between dates written without one (2023.03.01-2026.02.28,
	// 20230301-20260228), or the middle one of two ISO dates
	switch strings.Count(s, "-") {
	case 1:
		a, b, _ := strings.Cut(s, "-")
		return dated(strings.TrimSpace(a), strings.TrimSpace(b))
	case 5:
		i := 0
		for range 3 {
			i += strings.Index(s[i:], "-") + 1
		}
		return dated(strings.TrimSpace(s[:i-1]), strings.TrimSpace(s[i:]))
	}
	return "", "", false
}

// digits are what a date holds, in either width.
const digits = "0123456789０１２３４５６７８９"
