package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime/metrics"
	"strings"
	"testing"
	"unsafe"
)

// TestAdviseHugePages runs in a process of its own, as a search does:
// advised early, while the heap is small. Where the heap is to grow
// next depends on what the process allocated before (the runtime takes
// the lowest free range that fits), and in a test binary that is every
// test that ran before this one.
func TestAdviseHugePages(t *testing.T) {
	if why := hugePagesAdvisable(); why != nil {
		t.Skipf("nothing to advise here: %v", why)
	}
	if os.Getenv("PORTAL_TEST_HUGEPAGES") != "1" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAdviseHugePages$", "-test.v", "-test.count=1")
		cmd.Env = append(os.Environ(), "PORTAL_TEST_HUGEPAGES=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("in a process of its own: %v\n%s", err, out)
		}
		if strings.Contains(string(out), "--- SKIP: TestAdviseHugePages") {
			t.Skipf("in a process of its own:\n%s", out)
		}
		if !strings.Contains(string(out), "--- PASS: TestAdviseHugePages") {
			t.Fatalf("in a process of its own, the test did not pass:\n%s", out)
		}
		return
	}
	adviseInFreshProcess(t)
}

func adviseInFreshProcess(t *testing.T) {
	t.Run("GODEBUG=disablethp=1", func(t *testing.T) {
		t.Setenv("GODEBUG", "disablethp=1")
		if lo, hi := adviseHugePages(64 << 20); lo != 0 || hi != 0 {
			t.Fatalf("advised %#x–%#x against GODEBUG=disablethp=1", lo, hi)
		}
	})
	if lo, hi := adviseHugePages(hugePage); lo != 0 || hi != 0 {
		t.Errorf("advised %#x–%#x for less than two huge pages", lo, hi)
	}

	const n = 64 << 20
	lo, hi := adviseHugePages(n)
	if lo == 0 || lo%hugePage != 0 || hi%hugePage != 0 || hi-lo < n-2*hugePage {
		t.Fatalf("advised %#x–%#x for %d bytes", lo, hi, n)
	}
	if flags := vmFlags(t, lo); !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the mapping at %#x has VmFlags %q, no hg (MADV_HUGEPAGE)", lo, flags)
	}
	// handed back: released to the kernel, so that no memory limit counts it
	s := []metrics.Sample{{Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if got := s[0].Value.Uint64(); got < uint64(hi-lo) {
		t.Errorf("heap released %d bytes, less than the %d advised", got, hi-lo)
	}
	// and the heap grows into it: a large object is placed in advised
	// memory (this or, in a test run more than once, an earlier call's)
	b := make([]byte, 48<<20)
	mid := uintptr(unsafe.Pointer(unsafe.SliceData(b))) + uintptr(len(b))/2
	if flags := vmFlags(t, mid); !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("a 48 MiB object allocated after the advice lies at %#x, in a mapping with VmFlags %q, no hg", mid, flags)
	}
}

// vmFlags is the VmFlags line of the mapping of this process that holds addr.
func vmFlags(t *testing.T, addr uintptr) string {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		var start, end uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &start, &end); n == 2 && !strings.Contains(line[:strings.IndexByte(line, ' ')], ":") {
			in = start <= addr && addr < end
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmFlags:"))
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return ""
}
