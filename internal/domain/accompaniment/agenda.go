package accompaniment

import (
	"time"

	"entgo.io/contrib/entgql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/appointment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// MaxAgendaDays bounds the days an agenda spans: a year, so that a page's
// range stays one index scan.
const MaxAgendaDays = 366

// DefaultAgendaDays is how far an agenda asked with no end reaches.
const DefaultAgendaDays = 30

// Agenda returns the query of an educator's appointments starting from
// the day from (today when nil) to the day to (DefaultAgendaDays later
// when nil), both included (days are midnight UTC, the Date scalar),
// whatever their status. The read rules narrow it to the files the viewer
// follows; the caller pages it by start.
func (s *Service) Agenda(educatorID pulid.ID, fromDay, toDay *time.Time) (*ent.AppointmentQuery, error) {
	from := clock.AsDay(s.client.Clock.Now())
	if fromDay != nil {
		from = *fromDay
	}
	to := from.AddDate(0, 0, DefaultAgendaDays)
	if toDay != nil {
		to = *toDay
	}
	if to.Before(from) || to.Sub(from) > MaxAgendaDays*24*time.Hour {
		return nil, apierror.New(apierror.BadUserInput, "agenda.range", MaxAgendaDays).OnField("to")
	}
	return s.client.Appointment.Query().Where(
		appointment.EducatorID(educatorID),
		appointment.StartsAtGTE(from),
		appointment.StartsAtLT(to.AddDate(0, 0, 1)),
	), nil
}

// AgendaOrder is the agenda's order: by start, earliest first.
var AgendaOrder = ent.WithAppointmentOrder(&ent.AppointmentOrder{
	Direction: entgql.OrderDirectionAsc, Field: ent.AppointmentOrderFieldStartsAt,
})
