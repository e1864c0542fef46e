package render

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io/fs"
	"slices"
	"sync"

	"portal/generator/model"
	"portal/generator/register"
)

// A list page shows rows of records of many agencies. An edit of one
// decision row leaves almost every page of the lists as it was, yet they
// were all rendered again and compared with the previous output: the
// 6,781 announcement pages alone are 271 MB at 50,000 agencies. Each list
// page now gets a key (listKeys.page) of everything it shows; the next
// build keeps the page the previous output holds (publish.Tx.Keep) when
// its key is the same, and makes only the rows of the pages it renders.
//
// A row's part of the key is its agency's fingerprint
// (register.Fingerprints: every record of the agency with its file's
// column layout, which the template's "exported" reads, and its derived
// state) and the row's place in the agency's lists. The rest is the
// render's reuseKey (templates, site.toml, regions, date, base URL,
// navigation), the list's own template,
// the search index's parameters and the page's own data: path, title,
// pager, counts.

// listKeys makes the keys of one render's list pages and keeps those of
// the previous output whose key is the same.
type listKeys struct {
	r      *Renderer
	base   []byte // the digest of what every list page shares
	prints map[string]register.Print
	old    map[string]register.Print
	mu     sync.Mutex // the render's steps run at once
	made   map[string]register.Print
	kinds  map[string][]byte // the digest of each list's template, by page kind
}

// newListKeys is nil when the render has no fingerprints to make keys of.
func newListKeys(r *Renderer, prints, old map[string]register.Print) *listKeys {
	if prints == nil {
		return nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "list pages 1\nreuse %s\n", r.key)
	fmt.Fprintf(h, "search %v\n", r.search != nil)
	if r.search != nil {
		fmt.Fprintf(h, "%+v\n", *r.search)
	}
	fmt.Fprintf(h, "search words %q %q %d\n", r.searchMiss, r.searchWords, r.searchMax)
	return &listKeys{r: r, base: h.Sum(nil), prints: prints, old: old, made: map[string]register.Print{}, kinds: map[string][]byte{}}
}

// rowRef is a row of a list page: an agency's at-th decision, check or
// grade (at ≥ 0, in the agency's own list of them), or the agency itself
// (at < 0).
type rowRef struct {
	code string
	at   int
	fp   register.Print // the agency's fingerprint
}

// ref is the row of the at-th record of the agency code (at < 0: the
// agency itself), with the agency's fingerprint; false when the agency has
// none (its page is then rendered, not kept).
func (k *listKeys) ref(code string, at int) (rowRef, bool) {
	fp, ok := k.prints[code]
	return rowRef{code: code, at: at, fp: fp}, ok
}

// agencyRefs are the rows of a list page of agencies; false when the
// render makes no keys, or an agency has no fingerprint (the page is
// rendered, and no key recorded for it).
func agencyRefs(k *listKeys, rows []*register.Agency) ([]rowRef, bool) {
	if k == nil {
		return nil, false
	}
	refs := make([]rowRef, len(rows))
	for i, a := range rows {
		ref, ok := k.ref(a.Code, -1)
		if !ok {
			return nil, false
		}
		refs[i] = ref
	}
	return refs, true
}

// keepRecords is keep for a list page whose rows are records of agencies
// (decisions, annual checks, grades): each row by its agency's code (id)
// and its place in that agency's records of its kind (of). A page with a
// record in no agency's records is rendered, not kept.
func keepRecords[T any](r *Renderer, kind, p string, pg *Page, view any, rows []*T, id func(*T) string, of func(*register.Agency) []*T) (bool, error) {
	if r.lists == nil {
		return false, nil
	}
	refs := make([]rowRef, len(rows))
	for i, x := range rows {
		ref, ok := recordRef(r, x, id, of)
		if !ok {
			return false, nil
		}
		refs[i] = ref
	}
	return r.lists.keep(kind, p, pg, view, refs)
}

// recordRef is the row of record x: its agency's code (id) and its place
// in that agency's records of its kind (of); false when x is in no
// agency's records, or its agency has no fingerprint.
func recordRef[T any](r *Renderer, x *T, id func(*T) string, of func(*register.Agency) []*T) (rowRef, bool) {
	code, at := id(x), -1
	if a := r.reg.Agency(code); a != nil {
		at = slices.Index(of(a), x) // an agency has a few of each
	}
	if at < 0 {
		return rowRef{}, false
	}
	return r.lists.ref(code, at)
}

// keptOrRendered keeps the list page at p of records (keepRecords) or
// renders it.
func keptOrRendered[T any](r *Renderer, kind, p string, pg *Page, view any, rows []*T, id func(*T) string, of func(*register.Agency) []*T) error {
	if kept, err := keepRecords(r, kind, p, pg, view, rows, id, of); err != nil || kept {
		return err
	}
	return r.page(kind, p, pg, r.asOf)
}

// page is the key of the list page at p of template kind, whose data but
// the rows is view (its Rows nil), showing rows (each with its agency's
// fingerprint: ref).
func (k *listKeys) page(kind, p string, pg *Page, view any, rows []rowRef) (register.Print, bool) {
	tmpl, err := k.template(kind)
	if err != nil {
		return register.Print{}, false
	}
	h := sha256.New()
	h.Write(k.base)
	h.Write(tmpl)
	fmt.Fprintf(h, "page %q %q %q %q %q\n%+v\n", p, pg.Title, pg.Section, pg.Feed, pg.Crumbs, view)
	var b []byte
	for _, row := range rows {
		b = binary.AppendUvarint(b, uint64(len(row.code)))
		b = append(b, row.code...)
		b = append(b, row.fp[:]...)
		b = binary.AppendVarint(b, int64(row.at))
	}
	h.Write(b)
	return register.Print(h.Sum(nil)[:8]), true
}

// template is the digest of pages/KIND.html.
func (k *listKeys) template(kind string) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if d, ok := k.kinds[kind]; ok {
		return d, nil
	}
	b, err := fs.ReadFile(k.r.tfs, "pages/"+kind+".html")
	if err != nil {
		return nil, err
	}
	d := sha256.Sum256(b)
	k.kinds[kind] = d[:]
	return d[:], nil
}

// keep records the key (page) of the list page at p and carries the page
// over from the previous output when that made it from the same key;
// false when it must be rendered. A page without a key is rendered, and
// no key recorded.
func (k *listKeys) keep(kind, p string, pg *Page, view any, rows []rowRef) (bool, error) {
	key, ok := k.page(kind, p, pg, view, rows)
	if !ok {
		return false, nil
	}
	k.mu.Lock()
	k.made[p] = key
	k.mu.Unlock()
	kp, can := k.r.sink.(keeper)
	if old, was := k.old[p]; !can || !was || old != key {
		return false, nil
	}
	kept, err := kp.Keep(p + "index.html")
	if err != nil || !kept {
		return false, err
	}
	k.r.nPages.Add(1)
	k.r.nFiles.Add(1)
	k.r.nKeptLists.Add(1)
	k.r.addToSitemap(p, k.r.asOf)
	return true, nil
}

// keys are the keys made, by page path.
func (k *listKeys) keys() map[string]register.Print {
	if k == nil {
		return nil
	}
	return k.made
}

// The records' ids and lists, for keepRecords.
func decisionID(x *model.Decision) string                  { return x.Code }
func checkID(x *model.AnnualCheck) string                  { return x.Code }
func gradeID(x *model.Grade) string                        { return x.Code }
func agencyDecisions(a *register.Agency) []*model.Decision { return a.Decisions }
func agencyChecks(a *register.Agency) []*model.AnnualCheck { return a.Checks }
func agencyGrades(a *register.Agency) []*model.Grade       { return a.Grades }
