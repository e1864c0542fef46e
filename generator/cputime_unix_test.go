//go:build unix

package generator

import (
	"syscall"
	"time"
)

// cpuTime is the user + system CPU time the process has used so far: on a
// shared 2-core VM wall time swings by ±15 %, CPU time much less, so the
// stage benchmarks report both.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
