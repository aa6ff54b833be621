package app

import (
	"os"
	"runtime/debug"
)

// Garbage collection as the portal runs best on a modest machine: half
// of a page's CPU went to allocating and collecting at Go's default
// (GOGC=100), about a fifth of it is saved at 200, and the soft memory
// limit keeps the heap, and so the resident memory, bounded under load
// (see the benchmark in the README). GOGC and GOMEMLIMIT, when set, are
// the runtime's own and win.
const (
	defaultGCPercent   = 200
	defaultMemoryLimit = 112 << 20 // bytes of Go heap and runtime
)

// TuneRuntime applies the portal's garbage collection defaults for what
// the environment leaves unset.
func TuneRuntime() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(defaultGCPercent)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
