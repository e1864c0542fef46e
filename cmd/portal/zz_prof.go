package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"
)

var stopProf = func() {}

func init() {
	if p := os.Getenv("PORTAL_CPUPROFILE"); p != "" {
		f, _ := os.Create(p)
		pprof.StartCPUProfile(f)
		stopProf = func() { pprof.StopCPUProfile(); f.Close() }
	}
	if p := os.Getenv("PORTAL_TRACE"); p != "" {
		f, _ := os.Create(p)
		trace.Start(f)
		old := stopProf
		stopProf = func() { trace.Stop(); f.Close(); old() }
	}
}

func init() {
	if p := os.Getenv("PORTAL_HEAPAT"); p != "" {
		go func() {
			d, _ := time.ParseDuration(os.Getenv("PORTAL_HEAPAT_AFTER")); if d == 0 { d = 3500 * time.Millisecond }; time.Sleep(d)
			runtime.GC()
			f, _ := os.Create(p)
			pprof.WriteHeapProfile(f)
			f.Close()
		}()
	}
}

func init() {
	if p := os.Getenv("PORTAL_HEAPEND"); p != "" {
		old := stopProf
		stopProf = func() { f, _ := os.Create(p); pprof.WriteHeapProfile(f); f.Close(); old() }
	}
}
