package render

import (
	"strconv"
	"strings"

	"rsc.io/qr"

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
}

// QRCode is a QR code drawn as one SVG path of unit squares in a Size×Size
// box (the quiet zone included).
type QRCode struct {
	Size int
	Path string // SVG path data
}

// qrQuiet is the quiet zone around a QR code, in modules (ISO/IEC 18004).
const qrQuiet = 4

// qrCode encodes text at error-correction level M.
func qrCode(text string) (QRCode, error) {
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return QRCode{}, err
	}
	var b strings.Builder
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; {
			if !c.Black(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < c.Size && c.Black(x+run, y) {
				run++
			}
			// a run of dark modules: a 1-high rectangle
			b.WriteByte('M')
			b.WriteString(strconv.Itoa(x + qrQuiet))
			b.WriteByte(' ')
			b.WriteString(strconv.Itoa(y + qrQuiet))
			b.WriteByte('h')
			b.WriteString(strconv.Itoa(run))
			b.WriteString("v1h-")
			b.WriteString(strconv.Itoa(run))
			b.WriteByte('z')
			x += run
		}
	}
	return QRCode{Size: c.Size + 2*qrQuiet, Path: b.String()}, nil
}

// hasPoster reports whether a's page offers a 许可公示牌: only while it
// may dispatch, and unless site.toml turns posters off.
func (r *Renderer) hasPoster(a *register.Agency) bool {
	return (r.site.Posters == nil || *r.site.Posters) && r.verdict(a).Class == "ok"
}

// agencyPoster renders a's 许可公示牌.
func (r *Renderer) agencyPoster(a *register.Agency) error {
	url := r.abs + "agencies/" + a.Code + "/"
	code, err := qrCode(url)
	if err != nil {
		return err
	}
	pg := &Page{Title: "许可公示牌 · " + a.Name, Section: "register", NoIndex: true,
		Crumbs: []Crumb{{"许可名录", "register/"}, {a.Name, "agencies/" + a.Code + "/"}},
		D:      PosterView{A: a, V: r.verdict(a), URL: url, QR: code}}
	return r.page("poster", "agencies/"+a.Code+"/poster/", pg, a.Last().DecidedOn)
}
