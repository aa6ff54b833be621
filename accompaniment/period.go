package accompaniment

import (
	"time"

	"github.com/reseau-liens/portal/clock"
)

// DefaultDurationMonths is how long an accompaniment lasts when its
// programme says nothing: the brochure's modules all last six months.
const DefaultDurationMonths = 6

// EndOf is when an accompaniment starting at start ends: months later, at
// the same hour of the day where the provider works (10:00 in November
// ends at 10:00 in May, across the clock change).
func EndOf(start time.Time, months int) time.Time {
	return start.In(clock.Paris).AddDate(0, months, 0).UTC()
}
