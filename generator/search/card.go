package search

import (
	"encoding/binary"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"portal/generator/model"
)

// A card is what a result shows of an agency beyond its texts (code,
// licence number, verdict, flags), written after the texts of each agency
// inline in a t/ entry: a result whose agency came with a term's shard
// needs no record file (r/) to be shown. Read with the texts it is the
// agency's Record (cardRecord in the tests, and search-index.js).
//
// A verdict repeats with other dates, so s.json's "v" lists each verdict
// form once — class, icon, and the label and the headline cut at their
// dates (YYYY-MM-DD) — and a card names its form and gives the dates.
//
// After the texts (appendTexts) a card is: uvarint length and the code;
// uvarint length and the licence number; uvarint flags (cardWatch…); the
// verdict (uvarint form, then each date of its label, then of its
// headline, as a uvarint YYYYMMDD); uvarint YYYYMMDD of the day the
// verdict holds until, 0 when no end is known; and with cardLater the
// verdicts after it (Record.Later): a uvarint count, then each in the same
// way, with the day it holds until.

// The flags of a card.
const (
	cardWatch    = 1 << iota // 重点监控 (Record.Watch)
	cardAbnormal             // 经营异常 (Record.Abnormal)
	cardLater                // later verdicts follow (Record.Later)
	cardRegion               // the first other text is the region (Record.Region); the last other text, if another, is the status
)

// isoDate finds the dates a verdict's wording holds.
var isoDate = regexp.MustCompile(`[0-9]{4}-[0-9]{2}-[0-9]{2}`)

// verdictForm is one entry of s.json's "v": class, icon, and the label and
// the headline as the texts between their dates.
type verdictForm struct {
	Class, Icon     string
	Label, Headline []string
}

// MarshalJSON writes the form as an array, [class, icon, [label…], [headline…]].
func (f verdictForm) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{f.Class, f.Icon, f.Label, f.Headline})
}

// cardWriter appends cards, collecting the verdict forms they name.
type cardWriter struct {
	Forms []verdictForm
	index map[string]int                // form key → number
	seen  map[RecordVerdict]cardVerdict // each verdict's form and dates, worked out once
}

type cardVerdict struct {
	form  int
	dates []uint64
}

func newCardWriter() *cardWriter {
	return &cardWriter{index: map[string]int{}, seen: map[RecordVerdict]cardVerdict{}}
}

// verdict is v's form number and its dates, adding the form when new.
func (w *cardWriter) verdict(v RecordVerdict) cardVerdict {
	if cv, ok := w.seen[v]; ok {
		return cv
	}
	var cv cardVerdict
	cut := func(s string) []string {
		for _, d := range isoDate.FindAllString(s, -1) {
			n, _ := strconv.ParseUint(strings.ReplaceAll(d, "-", ""), 10, 64)
			cv.dates = append(cv.dates, n)
		}
		return isoDate.Split(s, -1)
	}
	f := verdictForm{Class: v.Class, Icon: v.Icon, Label: cut(v.Label), Headline: cut(v.Verdict)}
	key := f.Class + "\x00" + f.Icon + "\x00" + strings.Join(f.Label, "\x01") + "\x00" + strings.Join(f.Headline, "\x01")
	n, ok := w.index[key]
	if !ok {
		n = len(w.Forms)
		w.index[key] = n
		w.Forms = append(w.Forms, f)
	}
	cv.form = n
	w.seen[v] = cv
	return cv
}

func appendVerdict(b []byte, cv cardVerdict) []byte {
	b = binary.AppendUvarint(b, uint64(cv.form))
	for _, d := range cv.dates {
		b = binary.AppendUvarint(b, d)
	}
	return b
}

// dayNumber is d as YYYYMMDD, 0 for no date.
func dayNumber(d model.Date) uint64 {
	if d == 0 {
		return 0
	}
	return uint64(d.Year()*10000 + int(d.Month())*100 + d.Day())
}

// appendCard appends the card of agency d (see above).
func (w *cardWriter) appendCard(b []byte, d *Doc) []byte {
	r := RecordOf(d)
	b = appendLen(appendLen(b, r.Code), r.Licence)
	flags := 0
	if r.Watch {
		flags |= cardWatch
	}
	if r.Abnormal {
		flags |= cardAbnormal
	}
	if len(r.Later) > 0 {
		flags |= cardLater
	}
	if r.Region != "" {
		flags |= cardRegion
	}
	b = binary.AppendUvarint(b, uint64(flags))
	b = appendVerdict(b, w.verdict(r.RecordVerdict))
	b = binary.AppendUvarint(b, dayNumber(d.Verdict.Until))
	if len(d.Later) > 0 {
		b = binary.AppendUvarint(b, uint64(len(d.Later)))
		for i, v := range r.Later {
			b = appendVerdict(b, w.verdict(v.RecordVerdict))
			b = binary.AppendUvarint(b, dayNumber(d.Later[i].Until))
		}
	}
	return b
}

// appendDocRecord appends the record of document d (not an agency) as an
// r/ file holds it: its name, path, kind and note, each a uvarint length
// and its bytes.
func appendDocRecord(b []byte, d *Doc) []byte {
	r := RecordOf(d)
	for _, s := range []string{r.Name, r.Path, r.Kind, r.Note} {
		b = appendLen(b, s)
	}
	return b
}
