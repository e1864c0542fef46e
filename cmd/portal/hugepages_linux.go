package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// A search that indexes its inputs (bleve) grows a heap of 1.1 GB on the
// 50k set and touches every page of it: in 4 KiB pages 240,000–300,000
// page faults, and on the 2-core VM of BENCHMARKS.md a fault costs 15 µs
// (1 GiB touched a page at a time: 4.2–4.8 s, each time; in 2 MiB pages
// 2.4 s the first time, 0.07 s after). Linux backs memory with
// transparent huge pages where it is asked to (the kernel's default
// mode, "madvise"), and since Go 1.21.1 the runtime no longer asks for
// its heap (golang/go#61718: on small heaps huge pages cost memory, and
// a fragmented machine stalls a fault to compact). So before it indexes,
// a search asks itself: it has the runtime map the heap it is expected
// to need, advises the kernel of huge pages there before a byte of it is
// touched, and hands it back to the runtime — which keeps the mapping,
// and with it the advice, and allocates from it as from any free memory.
// A cold search of the 50k set took 7.66–9.43 s so against 9.47–10.90 s
// (session 54, BENCHMARKS.md).
//
// A build does not. Advised so, a 50k build gained 10 %, but a 200k
// build took 282–297 s against 138 s, and neither advising only the
// bottom of its heap (235 s) nor keeping the memory the runtime frees
// (GODEBUG=madvdontneed=0: 180 s) undid it; every part of the program ran
// slower, not the collector. The cause was not found.
// GODEBUG=disablethp=1, the runtime's switch against huge pages, turns
// the advice off too.

// hugePagesAdvisable says why the heap is not to be advised here, nil
// when it is.
func hugePagesAdvisable() error {
	if unsafe.Sizeof(uintptr(0)) < 8 {
		return errors.New("a 32-bit address space has no room to map a heap ahead")
	}
	if strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		return errors.New("GODEBUG=disablethp=1")
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !strings.Contains(string(mode), "[madvise]") {
		// "always" needs no advice, "never" takes none
		return fmt.Errorf("transparent huge pages not in madvise mode (%q, %v)", bytes.TrimSpace(mode), err)
	}
	if oc, err := os.ReadFile("/proc/sys/vm/overcommit_memory"); err != nil || strings.TrimSpace(string(oc)) == "2" {
		// strict accounting charges a mapping when it is made, and a
		// mapping refused is fatal to the runtime: map nothing ahead
		return fmt.Errorf("strict overcommit, or unknown (%q, %v)", bytes.TrimSpace(oc), err)
	}
	return nil
}

// hugePage is the size of an x86-64 or arm64 (4 KiB granule) huge page.
const hugePage = 2 << 20

// adviseHugePages has the next n bytes the heap grows by backed by
// transparent huge pages, when the kernel backs only advised memory with
// them; it returns the advised range (zero when none was advised). It
// maps no more than half the machine's memory, touches none of it, and
// maps nothing where the kernel charges memory when it is mapped
// (vm.overcommit_memory = 2): there a mapping refused is fatal.
func adviseHugePages(n int64) (lo, hi uintptr) {
	if hugePagesAdvisable() != nil {
		return 0, 0
	}
	var si unix.Sysinfo_t
	if unix.Sysinfo(&si) == nil {
		n = min(n, int64(si.Totalram)*int64(si.Unit)/2)
	}
	if n < 2*hugePage {
		return 0, 0
	}
	// memory the heap grows by is fresh from the kernel: the runtime does
	// not clear it, so b is mapped but not touched
	b := make([]byte, n)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo = (p + hugePage - 1) &^ (hugePage - 1)
	hi = (p + uintptr(n)) &^ (hugePage - 1)
	if lo >= hi || unix.Madvise(b[lo-p:hi-p], unix.MADV_HUGEPAGE) != nil {
		lo, hi = 0, 0
	}
	b = nil
	// collected and returned to the kernel at once, so that it counts
	// against no memory limit until it is used again
	debug.FreeOSMemory()
	return lo, hi
}
