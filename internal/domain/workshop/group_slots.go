package workshop

import (
	"time"

	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// GroupSlots gives each group of a quote its own time slot: the groups of
// one series day follow each other, group g starting g sessions after the
// first, so the practitioner never runs two at once. It refuses groups
// that would run past the day of their session (times are in tz).
func GroupSlots(times []time.Time, groups, minutes int, tz *time.Location) ([][]time.Time, error) {
	slot := time.Duration(minutes) * time.Minute
	for _, at := range times {
		// The last group ends at most at midnight of the session's day.
		end := at.Add(time.Duration(groups)*slot - time.Nanosecond)
		if !clock.DayOf(end, tz).Equal(clock.DayOf(at, tz)) {
			return nil, apierror.New(InvalidSchedule, "ws.groups_do_not_fit_day", groups, minutes).OnField("input", "firstSessionAt")
		}
	}
	out := make([][]time.Time, groups)
	for g := range out {
		out[g] = make([]time.Time, len(times))
		for i, at := range times {
			out[g][i] = at.Add(time.Duration(g) * slot)
		}
	}
	return out, nil
}
