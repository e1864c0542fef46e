package render

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"rsc.io/qr/coding"

	"portal/generator/register"
)

// The 许可公示牌 (seed GD2020 §十五: the licence shown 在经营场所显著位置):
// an A4 page per agency that may dispatch today, at
// /agencies/{code}/poster/, with the licence's particulars and a QR code
// that opens the agency's live page, where the verdict is judged again
// against the reader's clock. An agency that may not dispatch has none:
// a printed 公示牌 of a revoked or expired licence would only mislead.

// PosterView is a 许可公示牌.
type PosterView struct {
	A   *register.Agency
	V   Verdict
	URL string // the agency page's absolute address, which the QR code holds
	QR  QRCode
	Tag string // its status tag's later forms (tagData): the sheet says it is void once one may not dispatch
	// Term is its 有效期 (TermView), the period in force on the as-of
	// date: the one a 延续 renews until the new one begins
	Term TermView
}

// QRCode is a QR code drawn as one SVG path, stroked one unit wide, in a
// Size×Size box (the quiet zone included): pathOf.
type QRCode struct {
	Size int
	Path string // SVG path data
}

// qrQuiet is the quiet zone around a QR code, in modules (ISO/IEC 18004).
const qrQuiet = 4

// qrPlans are rsc.io/qr's layouts at level M by version, made once: every
// agency's address has the same length, so one layout serves them all
// (qr.Encode makes it again for each code, two thirds of its time).
var qrPlans sync.Map // coding.Version → *coding.Plan

// qrCode encodes text at error-correction level M, as qr.Encode does:
// the smallest encoding and version that hold it, mask 0.
func qrCode(text string) (QRCode, error) {
	var enc coding.Encoding
	switch {
	case coding.Num(text).Check() == nil:
		enc = coding.Num(text)
	case coding.Alpha(text).Check() == nil:
		enc = coding.Alpha(text)
	default:
		enc = coding.String(text)
	}
	v := coding.Version(coding.MinVersion)
	for ; enc.Bits(v) > v.DataBytes(coding.M)*8; v++ {
		if v == coding.MaxVersion {
			return QRCode{}, fmt.Errorf("%q is too long for a QR code", text)
		}
	}
	p, ok := qrPlans.Load(v)
	if !ok {
		plan, err := coding.NewPlan(v, coding.M, 0)
		if err != nil {
			return QRCode{}, err
		}
		p, _ = qrPlans.LoadOrStore(v, plan)
	}
	c, err := p.(*coding.Plan).Encode(enc)
	if err != nil {
		return QRCode{}, err
	}
	return QRCode{Size: c.Size + 2*qrQuiet, Path: pathOf(c.Size, c.Black)}, nil
}

// pathOf draws a size×size code whose dark modules black reports as SVG
// path data, offset by the quiet zone, to be stroked one module wide: each
// run of dark modules in a row is a horizontal line through the middle of
// the row ("M4 4.5h7m2 0h1" — the row's first run placed, the next ones
// moved to from where the last ended). A stroke 1 wide with butt ends
// covers exactly the run's squares, in less than half the bytes of a
// closed rectangle for each run (~1,800 against ~3,900 for an agency's
// address), which every 许可公示牌 is written and escaped with.
func pathOf(size int, black func(x, y int) bool) string {
	var b strings.Builder // its bytes become the string without a copy
	b.Grow(2 * size * size)
	for y := 0; y < size; y++ {
		end := -1 // where the row's last run ended; -1: no run yet
		for x := 0; x < size; {
			if !black(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < size && black(x+run, y) {
				run++
			}
			if end < 0 {
				b.WriteByte('M')
				b.WriteString(strconv.Itoa(x + qrQuiet)) // below 100: Itoa's own strings, no allocation
				b.WriteByte(' ')
				b.WriteString(strconv.Itoa(y + qrQuiet))
				b.WriteString(".5")
			} else {
				b.WriteByte('m')
				b.WriteString(strconv.Itoa(x - end))
				b.WriteString(" 0")
			}
			b.WriteByte('h')
			b.WriteString(strconv.Itoa(run))
			x += run
			end = x
		}
	}
	return b.String()
}

// hasPoster reports whether an agency whose verdict is v has a 许可公示牌:
// only while it may dispatch, and unless site.toml turns posters off.
func (r *Renderer) hasPoster(v Verdict) bool {
	return (r.site.Posters == nil || *r.site.Posters) && v.Class == "ok"
}

// agencyPoster renders the 许可公示牌 of a, whose verdict is v and 有效期
// term.
func (r *Renderer) agencyPoster(a *register.Agency, v Verdict, term TermView) error {
	url := r.abs + "agencies/" + a.Code + "/"
	code, err := qrCode(url)
	if err != nil {
		return err
	}
	tag := r.tagData(a)
	pg := &Page{Title: "许可公示牌 · " + a.Name, Section: "register", NoIndex: true, Verdict: tag != "" || term.Later != "",
		Crumbs: []Crumb{{"许可名录", "register/"}, {a.Name, "agencies/" + a.Code + "/"}},
		D:      PosterView{A: a, V: v, URL: url, QR: code, Tag: tag, Term: term}}
	return r.page("poster", "agencies/"+a.Code+"/poster/", pg, a.Last().DecidedOn)
}
