package search

import (
	"encoding/json"
	"reflect"
	"testing"

	"portal/generator/catalogue"
	"portal/generator/model"
	"portal/generator/register"
)

// TestCardIsTheRecord reads every agency's card back with its texts, as the
// readers do, and wants the record the agency's r/ file holds: a result
// shown from its card says what one shown from its record says.
func TestCardIsTheRecord(t *testing.T) {
	docs := demoDocs(t)
	var agencies []Doc
	for _, d := range docs {
		if d.Kind == KindAgency {
			agencies = append(agencies, d)
		}
	}
	// besides the demo's: no region, and a verdict with dates in its label
	odd := agencies[0]
	odd.Region, odd.Other = "", nonEmpty(odd.Status.String())
	odd.Verdict = register.Verdict{Class: "bad", Icon: "✕", Label: "已备案·总公司许可 2026-01-02 已吊销", Headline: "已备案，但总公司许可已吊销（2026-01-02）", Until: model.MakeDate(2026, 3, 4)}
	agencies = append(agencies, odd)
	// and a licence not yet begun: in force from its first day, expired after its last
	pending := agencies[1]
	pending.Verdict = register.Verdict{Class: "warn", Icon: "!", Label: "未生效", Headline: "许可尚未生效（自 2026-12-01 起有效）", Until: model.MakeDate(2026, 11, 30)}
	pending.Later = []register.Verdict{
		{Class: "ok", Icon: "✓", Label: "有效", Headline: "许可有效（有效期至 2029-11-30）", Until: model.MakeDate(2029, 11, 30)},
		{Class: "warn", Icon: "!", Label: "已过期", Headline: "许可已过期（2029-11-30 到期，未延续）"},
	}
	agencies = append(agencies, pending)

	w := newCardWriter()
	cards := make([][]byte, len(agencies))
	for i := range agencies {
		cards[i] = w.appendCard(nil, &agencies[i])
	}
	// the forms reach the reader through s.json
	raw, err := json.Marshal(struct {
		Forms []verdictForm `json:"v"`
	}{w.Forms})
	if err != nil {
		t.Fatal(err)
	}
	r := &staticReader{}
	r.files = map[string][]byte{"s.json": raw}
	r.idx = &catalogue.SearchIndex{}
	if err := r.readMeta(); err != nil {
		t.Fatal(err)
	}
	var watch, abnormal, next, twice, noRegion int
	for i := range agencies {
		d := &agencies[i]
		texts := [nFields][]string{{d.Name}, d.Former, d.Other}
		got, rest, ok := readCard(cards[i], texts, r.meta.Forms)
		if !ok || len(rest) != 0 {
			t.Fatalf("%s: card %x unreadable (ok %v, %d bytes left)", d.Name, cards[i], ok, len(rest))
		}
		if want := RecordOf(d); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: card says\n%+v\nrecord says\n%+v", d.Name, got, want)
		}
		if got.Watch {
			watch++
		}
		if got.Abnormal {
			abnormal++
		}
		if len(got.Later) > 0 {
			next++
		}
		if len(got.Later) > 1 {
			twice++
		}
		if got.Region == "" {
			noRegion++
		}
	}
	if watch == 0 || abnormal == 0 || next == 0 || twice == 0 || noRegion == 0 {
		t.Errorf("the cards read cover too little: %d watched, %d abnormal, %d with a later verdict, %d with two or more, %d without a region", watch, abnormal, next, twice, noRegion)
	}
	t.Logf("%d agencies, %d verdict forms", len(agencies), len(w.Forms))
}
