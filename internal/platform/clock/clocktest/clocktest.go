// Package clocktest gives tests the instant the suite runs at: the one
// named by PORTAL_TEST_NOW (RFC 3339), or else the moment the test binary
// started. Every test of the suite can then be run as if it were any day
// of any year: PORTAL_TEST_NOW=2028-02-29T12:00:00+01:00 go test ./...
package clocktest

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// EnvNow names the variable that sets the suite's instant.
const EnvNow = "PORTAL_TEST_NOW"

var start = sync.OnceValues(func() (time.Time, error) {
	raw := os.Getenv(EnvNow)
	if raw == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return time.Time{}, fmt.Errorf("clocktest: %s=%q is not an RFC 3339 instant: %w", EnvNow, raw, err)
	}
	return t, nil
})

// Start returns the instant the suite runs at. It panics on a malformed
// PORTAL_TEST_NOW, which is a mistake in how the suite was started.
func Start() time.Time {
	t, err := start()
	if err != nil {
		panic(err)
	}
	return t
}

// New returns a clock frozen at the suite's instant.
func New() *clock.Frozen { return clock.NewFrozen(Start()) }
