package clock_test

import (
	"testing"
	"time"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

func TestAFrozenClockStandsStillUntilMoved(t *testing.T) {
	at := time.Date(2028, time.February, 29, 12, 0, 0, 123456789, time.FixedZone("CET", 3600))
	c := clock.NewFrozen(at)
	if got := c.Now(); !got.Equal(at.Truncate(time.Microsecond)) || got.Location() != time.UTC {
		t.Fatalf("Now() = %v, want %v in UTC to the microsecond", got, at)
	}
	if a, b := c.Now(), c.Now(); !a.Equal(b) {
		t.Fatalf("a frozen clock moved by itself: %v then %v", a, b)
	}
	c.Advance(36 * time.Hour)
	if got := c.Now(); got.Day() != 1 || got.Month() != time.March {
		t.Fatalf("36 hours after 29 February at noon is 1 March, got %v", got)
	}
}

func TestTheSystemClockTellsUTCToTheMicrosecond(t *testing.T) {
	now := clock.System().Now()
	if now.Location() != time.UTC || now.Nanosecond()%1000 != 0 {
		t.Fatalf("System().Now() = %v: want UTC, microseconds", now)
	}
}
