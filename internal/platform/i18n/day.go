package i18n

import (
	"time"

	"golang.org/x/text/language"

	"github.com/reseau-liens/portal/internal/platform/clock"
)

// Day is an argument worded as the calendar day, in Paris, of an instant:
// 05/03/2025 in French, 5 March 2025 in English.
type Day time.Time

// In implements Localizer.
func (d Day) In(tag language.Tag) string {
	t := time.Time(d).In(clock.Paris)
	if tag == English {
		return t.Format("2 January 2006")
	}
	return t.Format("02/01/2006")
}

// Hour is an argument worded as the hour, in Paris, of an instant: 14h30
// in French, 14:30 in English.
type Hour time.Time

// In implements Localizer.
func (h Hour) In(tag language.Tag) string {
	t := time.Time(h).In(clock.Paris)
	if tag == English {
		return t.Format("15:04")
	}
	return t.Format("15h04")
}

// Delay words a duration for people: in days when it counts whole days,
// else in hours, else in minutes (the short delays used to try the
// workflows).
func Delay(d time.Duration) Message {
	switch {
	case d >= 24*time.Hour && d%(24*time.Hour) == 0:
		return T("delay.days", int64(d/(24*time.Hour)))
	case d >= time.Hour && d%time.Hour == 0:
		return T("delay.hours", int64(d/time.Hour))
	default:
		return T("delay.minutes", int64(d.Round(time.Minute)/time.Minute))
	}
}
