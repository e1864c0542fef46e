// Package par runs the body of a loop on every core, for the stages that
// write many independent files (agency pages, data tables, agency records).
package par

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is how many goroutines Each uses for n items.
func Workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }

// Each calls fn(worker, i) for every i in [0, n) on Workers(n) goroutines,
// handing out indexes in order; worker (in [0, Workers(n))) lets fn keep
// per-goroutine scratch space. It stops at the first error, which it
// returns, or when ctx is done.
func Each(ctx context.Context, n int, fn func(worker, i int) error) error {
	var next atomic.Int64
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	for w := range Workers(n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				if err := fn(w, i); err != nil {
					once.Do(func() { first = err })
					next.Store(int64(n))
					return
				}
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}
