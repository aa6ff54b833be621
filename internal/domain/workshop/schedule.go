package workshop

import (
	"time"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// Schedule lists the start times of a series' sessions: weekly from first,
// at the same local hour in zone (16:30 in Paris stays 16:30 across the
// clock change), never on a day after last, skipping every week (Monday to
// Sunday) that contains one of the holiday days, until weeks weeks are
// placed. last and holidays are days (clock.Date). With several sessions a
// week, they are spread over the week (every 3 days for two). It returns
// fewer than weeks*perWeek times when the period is too short.
func Schedule(first, last time.Time, holidays []time.Time, weeks, perWeek int, zone *time.Location) []time.Time {
	return ScheduleAround(first, last, holidays, nil, weeks, perWeek, zone)
}

// ScheduleAround is Schedule that also skips every week in which one of
// the week's sessions would fall on a day closed says has no class (a
// school's holidays, see schoolDays): a series keeps its weekly rhythm and
// its count, and ends later. A nil closed closes no day.
func ScheduleAround(first, last time.Time, holidays []time.Time, closed func(day time.Time) bool, weeks, perWeek int, zone *time.Location) []time.Time {
	skip := map[time.Time]bool{}
	for _, h := range holidays {
		skip[mondayOf(clock.AsDay(h))] = true
	}
	first = first.In(zone)
	var out []time.Time
	placed := 0
weeks:
	for week := first; placed < weeks && !clock.DayOf(week, zone).After(last); week = week.AddDate(0, 0, 7) {
		if skip[mondayOf(clock.DayOf(week, zone))] {
			continue
		}
		sessions := make([]time.Time, 0, perWeek)
		for k := range perWeek {
			at := week.AddDate(0, 0, k*7/perWeek)
			day := clock.DayOf(at, zone)
			if day.After(last) {
				return append(out, sessions...)
			}
			if closed != nil && closed(day) {
				continue weeks
			}
			sessions = append(sessions, at.UTC())
		}
		out = append(out, sessions...)
		placed++
	}
	return out
}

// inHolidayWeek reports whether the instant at, in zone, falls in the week
// of one of the holiday days.
func inHolidayWeek(at time.Time, holidays []time.Time, zone *time.Location) bool {
	week := mondayOf(clock.DayOf(at, zone))
	for _, h := range holidays {
		if mondayOf(clock.AsDay(h)).Equal(week) {
			return true
		}
	}
	return false
}

// mondayOf returns the Monday of day's week.
func mondayOf(day time.Time) time.Time {
	return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
}
