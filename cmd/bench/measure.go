package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// result is what measure observed.
type result struct {
	throughput float64
	p50, p99   time.Duration
	// cpu is the bench process's own CPU time per request (portal or
	// floor handler, and the clients; not PostgreSQL's).
	cpu time.Duration
	err error
}

// measure runs fn from concurrency goroutines for d.
func measure(d time.Duration, concurrency int, fn func() error) result {
	var mu sync.Mutex
	var latencies []time.Duration
	var firstErr error
	cpuBefore := processCPU()
	running := clock.StartStopwatch()
	var wg sync.WaitGroup
	for range concurrency {
		wg.Go(func() {
			var mine []time.Duration
			for running.Elapsed() < d {
				t := clock.StartStopwatch()
				if err := fn(); err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					return
				}
				mine = append(mine, t.Elapsed())
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	if firstErr != nil || len(latencies) == 0 {
		return result{err: firstErr}
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))].Round(10 * time.Microsecond)
	}
	cpu := (processCPU() - cpuBefore) / time.Duration(len(latencies))
	return result{throughput: float64(len(latencies)) / d.Seconds(), p50: pct(0.50), p99: pct(0.99), cpu: cpu}
}

// processCPU is the user and system CPU time the process has used.
func processCPU() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// median is the median of each figure over the rounds.
func median(rounds []result) result {
	mid := func(get func(result) float64) float64 {
		v := make([]float64, len(rounds))
		for i, r := range rounds {
			v[i] = get(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return result{
		throughput: mid(func(r result) float64 { return r.throughput }),
		p50:        time.Duration(mid(func(r result) float64 { return float64(r.p50) })),
		p99:        time.Duration(mid(func(r result) float64 { return float64(r.p99) })),
		cpu:        time.Duration(mid(func(r result) float64 { return float64(r.cpu) })),
	}
}

// floorHandler serves each scenario's hand-written SQL as JSON over HTTP
// (/floor/{index}), so that the floor pays the same transport, encoding
// and decoding as the portal: what differs is GraphQL, ent, the access
// rules and the audit trail.
func floorHandler(db *floorSQL, all []scenario) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/floor/"))
		if err != nil || i < 0 || i >= len(all) {
			http.NotFound(w, r)
			return
		}
		v, err := all[i].floor(r.Context(), db)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(map[string]any{"data": map[string]any{"result": v}}); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(buf.Bytes())
	})
}

// getFloor asks the floor for one answer and reads it as the portal's.
func getFloor(url string) error {
	res, err := client.Post(url, "application/json", nil)
	if err != nil {
		return err
	}
	return checkAnswer(res)
}

// rssPeak is the largest resident set size seen while watching.
type rssPeak struct{ peak atomic.Int64 }

// watch samples the process's resident memory until the returned func is
// called.
func (p *rssPeak) watch() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			if rss := residentBytes(); rss > p.peak.Load() {
				p.peak.Store(rss)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

func (p *rssPeak) max() int64 { return p.peak.Load() }

// residentBytes reads the process's resident set size (Linux), 0 elsewhere.
func residentBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// profileCPU starts a CPU profile into path.
func profileCPU(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeAllocs writes the allocations made so far to path.
func writeAllocs(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("allocs").WriteTo(f, 0)
}
