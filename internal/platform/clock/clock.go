// Package clock is the portal's one source of the current time. The
// composition root builds one Clock and hands it to the database client,
// the services and the jobs; nothing else reads the machine's clock, so a
// test can run the whole portal as if it were any instant.
package clock

import (
	"sync"
	"time"
)

// Clock tells the current instant.
type Clock interface {
	// Now returns the current instant, in UTC, to the microsecond: the
	// precision both databases keep, so that a value read back equals the
	// value written.
	Now() time.Time
}

// System is the machine's clock.
func System() Clock { return systemClock{} }

type systemClock struct{}

func (systemClock) Now() time.Time { return normalise(time.Now()) }

// Frozen is a clock that stands still until it is told otherwise: tests
// run on one, set at an instant of their choosing.
type Frozen struct {
	mu  sync.Mutex
	now time.Time
}

// NewFrozen returns a clock stopped at t.
func NewFrozen(t time.Time) *Frozen { return &Frozen{now: normalise(t)} }

// Now implements Clock.
func (f *Frozen) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Set moves the clock to t.
func (f *Frozen) Set(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = normalise(t)
}

// Advance moves the clock forward by d (backward for a negative d).
func (f *Frozen) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

func normalise(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// Stopwatch measures how long something takes, on the machine's monotonic
// clock: a duration for logs and metrics, never an instant of the domain.
type Stopwatch struct{ start time.Time }

// StartStopwatch starts a stopwatch.
func StartStopwatch() Stopwatch { return Stopwatch{start: time.Now()} }

// Elapsed returns the time since the stopwatch started.
func (s Stopwatch) Elapsed() time.Duration { return time.Since(s.start) }

// StopwatchFrom returns a stopwatch started at start, a reading of the
// machine's clock taken elsewhere (gqlgen's operation start).
func StopwatchFrom(start time.Time) Stopwatch { return Stopwatch{start: start} }
