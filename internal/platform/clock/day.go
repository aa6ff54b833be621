package clock

import "time"

// A day (a birth date, a convention's first and last days, a holiday
// week) is a calendar date, not an instant: the portal keeps it as
// midnight UTC of that date, so that it reads the same date in every time
// zone and compares with other days as they fall in the calendar.

// Date returns the day year-month-day.
func Date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

// DayOf returns the day on which the instant t falls in loc.
func DayOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return Date(y, m, d)
}

// AsDay returns the day t names in its own offset: 2026-03-29T00:00:00+02:00
// names 29 March, whatever instant that is in UTC.
func AsDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return Date(y, m, d)
}
