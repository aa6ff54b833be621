package workshop

import (
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/schoolcalendar"
)

// schoolDays are the days with and without class of a school in its zone
// of the national calendar. A nil *schoolDays (an organisation with no
// zone) closes no day and accepts any date.
type schoolDays struct {
	calendar *schoolcalendar.Calendar
	zone     schoolcalendar.Zone
}

// schoolDaysOf returns the school calendar of org, nil when it has no zone.
func schoolDaysOf(org *ent.Organisation) *schoolDays {
	if org.SchoolZone == nil {
		return nil
	}
	return &schoolDays{calendar: schoolcalendar.France, zone: schoolcalendar.Zone(*org.SchoolZone)}
}

// closed is ScheduleAround's closed: the days of the zone's holidays.
func (s *schoolDays) closed() func(day time.Time) bool {
	if s == nil {
		return nil
	}
	return func(day time.Time) bool {
		_, off := s.calendar.HolidayOn(s.zone, day)
		return off
	}
}

// checkFirst refuses a first session on a day without class, or outside
// what the calendar knows, naming the holiday.
func (s *schoolDays) checkFirst(at time.Time, tz *time.Location) error {
	if s == nil {
		return nil
	}
	day := clock.DayOf(at, tz)
	if err := s.checkKnown(day); err != nil {
		return err
	}
	if h, off := s.calendar.HolidayOn(s.zone, day); off {
		return apierror.New(InvalidSchedule, "ws.first_session_school_holiday",
			i18n.T("school.holiday."+h.Key), string(s.zone), i18n.Day(h.BackOn)).OnField("input", "firstSessionAt")
	}
	return nil
}

// checkLast refuses a series whose last session falls beyond the
// calendar: its holidays there are not known.
func (s *schoolDays) checkLast(times []time.Time, tz *time.Location) error {
	if s == nil || len(times) == 0 {
		return nil
	}
	if err := s.checkKnown(clock.DayOf(times[len(times)-1], tz)); err != nil {
		return err.OnField("input", "lastDate")
	}
	return nil
}

func (s *schoolDays) checkKnown(day time.Time) *apierror.Error {
	if s.calendar.Covers(day) {
		return nil
	}
	return apierror.New(InvalidSchedule, "ws.school_calendar_unknown",
		i18n.Day(s.calendar.From()), i18n.Day(s.calendar.Until())).OnField("input", "firstSessionAt")
}
