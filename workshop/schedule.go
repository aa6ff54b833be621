package workshop

import "time"

// Schedule lists the start times of a series' sessions: weekly from
// first, never after last, skipping every week (Monday to Sunday) that
// contains one of holidays, until weeks weeks are placed. With several
// sessions a week, they are spread over the week (every 3 days for two).
// It returns fewer than weeks*perWeek times when the period is too short.
func Schedule(first, last time.Time, holidays []time.Time, weeks, perWeek int) []time.Time {
	skip := map[time.Time]bool{}
	for _, h := range holidays {
		skip[weekOf(h.In(first.Location()))] = true
	}
	var out []time.Time
	placed := 0
	for week := first; placed < weeks && !week.After(last); week = week.AddDate(0, 0, 7) {
		if skip[weekOf(week)] {
			continue
		}
		for k := range perWeek {
			at := week.AddDate(0, 0, k*7/perWeek)
			if at.After(last) {
				return out
			}
			out = append(out, at)
		}
		placed++
	}
	return out
}

// weekOf returns the Monday starting t's week.
func weekOf(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	offset := (int(d.Weekday()) + 6) % 7
	return d.AddDate(0, 0, -offset)
}
