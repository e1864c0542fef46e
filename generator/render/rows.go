package render

import (
	"bytes"
	"cmp"
	"context"
	"html/template"
	"slices"
	"sync"
)

// The rows of the list pages — a decision's row (partial "decision-row") in
// the announcement lists, an agency's (partial "agency-row") in the
// register lists — are each executed once, though a row shows in several
// lists: every list of a kind is a part of one order (the announcements'
// newest first, the register's name order), so its pages are rendered in
// the order of their last rows, the rows made a batch at a time along the
// shared order just before the first page that needs them, and a row is
// let go once every page showing it has been written. What is held is the
// rows of the lists' unfinished pages, not every row of the register.

// listRows holds the made rows of one kind, by key.
type listRows[K comparable] struct {
	r    *Renderer
	name string      // the partial
	view func(K) any // what the partial gets
	mu   sync.Mutex
	made map[K]template.HTML
}

func newListRows[K comparable](r *Renderer, name string, view func(K) any) *listRows[K] {
	return &listRows[K]{r: r, name: name, view: view, made: map[K]template.HTML{}}
}

// exec executes the partial for k into b.
func (l *listRows[K]) exec(b *bytes.Buffer, k K) error { return l.r.execInto(b, l.name, l.view(k)) }

// make executes the partial for keys, on every core, and holds the rows.
func (l *listRows[K]) make(ctx context.Context, keys []K) error {
	rows := make([]template.HTML, len(keys))
	const chunk = 256
	err := parallel(ctx, (len(keys)+chunk-1)/chunk, func(c int) error {
		var b bytes.Buffer
		for i := c * chunk; i < min(len(keys), (c+1)*chunk); i++ {
			b.Reset()
			if err := l.exec(&b, keys[i]); err != nil {
				return err
			}
			rows[i] = template.HTML(b.String())
		}
		return nil
	})
	if err != nil {
		return err
	}
	l.mu.Lock()
	for i, k := range keys {
		l.made[k] = rows[i]
	}
	l.mu.Unlock()
	return nil
}

// drop lets the rows of keys go.
func (l *listRows[K]) drop(keys []K) {
	l.mu.Lock()
	for _, k := range keys {
		delete(l.made, k)
	}
	l.mu.Unlock()
}

// rows returns the rows of keys in order: the held ones as they are, any
// other (a page outside the lists, e.g. the home page's latest decisions)
// executed here. The template ranges over them, so each row is written
// into the page as it is: joined into one string first, a list page's rows
// were copied once more, and at 200,000 agencies the announcement lists
// alone allocated ~1 GB that way (a quarter of the render stage's
// allocations, each collected at the soft limit).
func (l *listRows[K]) rows(keys []K) ([]template.HTML, error) {
	out := make([]template.HTML, len(keys))
	var missing []int
	l.mu.Lock()
	for i, k := range keys {
		h, ok := l.made[k]
		if !ok {
			missing = append(missing, i)
		}
		out[i] = h
	}
	l.mu.Unlock()
	var b bytes.Buffer
	for _, i := range missing {
		k := keys[i]
		b.Reset()
		if err := l.exec(&b, k); err != nil {
			return nil, err
		}
		out[i] = template.HTML(b.String())
	}
	return out, nil
}

// listPage is one page of a list whose rows are positions of the shared
// order.
type listPage struct {
	rows   []int // positions in the shared order, ascending
	render func() error
}

// streamPages renders pages in the order of their last rows, making the
// rows of order a batch at a time before the first page that needs them
// and dropping each row once the last page showing it is written.
func streamPages[K comparable](ctx context.Context, l *listRows[K], order []K, pages []listPage) error {
	last := func(p listPage) int {
		if len(p.rows) == 0 {
			return -1
		}
		return p.rows[len(p.rows)-1]
	}
	slices.SortStableFunc(pages, func(a, b listPage) int { return cmp.Compare(last(a), last(b)) })
	uses := make([]int32, len(order)) // pages still to show each row
	for _, p := range pages {
		for _, i := range p.rows {
			uses[i]++
		}
	}
	const batch = 4096
	made := 0
	var done []K
	for _, p := range pages {
		for made <= last(p) {
			hi := min(len(order), made+batch)
			var keys []K
			for i := made; i < hi; i++ {
				if uses[i] > 0 {
					keys = append(keys, order[i])
				}
			}
			if err := l.make(ctx, keys); err != nil {
				return err
			}
			made = hi
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := p.render(); err != nil {
			return err
		}
		done = done[:0]
		for _, i := range p.rows {
			if uses[i]--; uses[i] == 0 {
				done = append(done, order[i])
			}
		}
		l.drop(done)
	}
	return nil
}
