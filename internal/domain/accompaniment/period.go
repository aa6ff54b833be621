package accompaniment

import (
	"time"
)

// DefaultDurationMonths is how long an accompaniment lasts when its
// programme says nothing: the brochure's modules all last six months.
const DefaultDurationMonths = 6

// EndOf is when an accompaniment starting at start ends: months later, at
// the same hour of the day in zone, where the provider works (10:00 in
// November ends at 10:00 in May, across the clock change).
func EndOf(start time.Time, months int, zone *time.Location) time.Time {
	return start.In(zone).AddDate(0, months, 0).UTC()
}
