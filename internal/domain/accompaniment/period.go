package accompaniment

import (
	"context"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/platform/clock"
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

// scheduleOf returns the programme of a, its duration in months and the
// zone its provider works in: what the end date is computed from.
func scheduleOf(ctx context.Context, c *ent.Client, a *ent.Accompaniment) (*ent.Programme, int, *time.Location, error) {
	prog, err := c.Programme.Get(ctx, a.ProgrammeID)
	if err != nil {
		return nil, 0, nil, err
	}
	months := DefaultDurationMonths
	if prog.DurationMonths != nil {
		months = *prog.DurationMonths
	}
	provider, err := c.Provider.Get(ctx, a.ProviderID)
	if err != nil {
		return nil, 0, nil, err
	}
	return prog, months, clock.Zone(provider.TimeZone), nil
}

// scheduledEnd is when a, starting at start, ends: the programme's months
// plus its approved extensions, then pushed back by the days of its ended
// suspensions, at the same hour of the day in zone. The one rule of the
// end date: setting the first appointment, resuming and extending all
// compute it from scratch, so that none undoes another.
func scheduledEnd(a *ent.Accompaniment, start time.Time, months int, zone *time.Location) time.Time {
	return start.In(zone).AddDate(0, months+a.ExtendedMonths, 0).AddDate(0, 0, a.SuspendedDays).UTC()
}
