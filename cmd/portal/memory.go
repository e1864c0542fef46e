package main

import (
	"io/fs"
	"os"
	"runtime/debug"

	"portal/generator/load"
)

// The memory budget of a build, a check or a report follows its data. The
// live heap of a build is the register plus what one stage holds: 2.5–4
// bytes per byte of input at its peak (gctrace, 2026-11-30: 50,000
// agencies, 97 MB of exports, 287 MB live at the median collection and 416
// MB at the highest; 200,000 agencies, 389 MB, 950 and 1,215 MB, and
// 900 and 1,138 MB once the records, paths and sitemap were kept in few
// objects); the Go heap may grow past it until the soft limit, where the
// collector runs — what it costs follows the number of objects and
// pointers it marks more than their bytes (the same change took the 200k
// build's collector from 40 to 14 CPU-s and its peak RSS from 1.6 to 1.41
// GB, just above the limit, which it had overshot). A
// fixed limit either wastes memory on a small register or, below
// the live heap of a large one, has the collector run back to back (200,000
// agencies: 850 MiB fixed took 266–310 s). So the limit is a base plus a
// multiple of the input's size, which keeps the headroom — and the share
// of time spent collecting — the same at every size. The process's RSS
// runs up to 10–16 % above the limit (the binary, stacks, memory freed but
// not yet returned), and at 200,000 agencies the search stage's live heap
// passes the limit whatever it is, so there the peak is the search's, not
// the limit's (session 69, one VM, in turns, BENCHMARKS.md):
//
//	base 400 MiB + 2.25/byte: 50k 627 MiB; 200k 1.38–1.45 GiB, 73–80 s
//	base 400 MiB + 2.75/byte: 50k 660–672 MiB; 200k 1.40–1.41 GiB, 69–70 s
//	base 400 MiB + 3.0/byte:  50k 694 MiB; 200k 1.50 GiB, 67 s
//	base 336 MiB + 2.9/byte:  50k 622 MiB; 200k 1.40 GiB, 65 s
//
// Below the search's peak a higher limit costs no peak RSS and spares the
// collector of the other stages, which it had run back to back at 200k
// (render: 31 collections of a 950 MB live heap with 170 MB to spare). The
// last line keeps the 50k limit where it was (637 → 633 MB) and gives the
// 200k build the 2.75 line's (1.49 GB); an earlier VM ran 0.05 GiB higher
// at the same limit (session 46), which 1.40 leaves room for.
const (
	memoryBase     = 336 << 20 // the program, templates, content, buffers
	memoryPerInput = 2.9       // bytes of limit per byte of data exports
	buildGCPercent = 400       // GOGC under the limit: grow 5× the live heap before collecting
	// searchPerInput is the heap a search that indexes its inputs (bleve)
	// grows to, a byte of exports: 1.00–1.24 GB of peak RSS for the 97 MB
	// of the 50k set (BENCHMARKS.md, session 54).
	searchPerInput = 8
)

// setMemoryBudget sets the heap's soft limit for a build (or a check, or a
// report) of the exports in data, unless GOMEMLIMIT says otherwise, and returns the limit (0: not set).
func setMemoryBudget(data load.Dir) int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return 0
	}
	limit := heapFor(data, memoryPerInput)
	debug.SetMemoryLimit(limit)
	if os.Getenv("GOGC") == "" {
		// Between stages the live heap is ~200 MB at 50k; collecting each
		// time it doubles took 15 cycles a national build, letting it grow
		// to 5× (the soft limit still caps it) 9.
		debug.SetGCPercent(buildGCPercent)
	}
	return limit
}

// heapFor is the heap a command is expected to need for the exports in
// data: memoryBase plus perInput bytes a byte of them.
func heapFor(data load.Dir, perInput float64) int64 {
	return memoryBase + int64(perInput*float64(inputBytes(data)))
}

// inputBytes is the size of the data directory's files.
func inputBytes(data load.Dir) int64 {
	var n int64
	fs.WalkDir(data.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // the build reports unreadable inputs
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
