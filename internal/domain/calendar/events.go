package calendar

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/appointment"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/calendarfeed"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/ent/workshopsession"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// event is one VEVENT of a feed.
type event struct {
	id        string // the record's id; the UID is id@host
	start     time.Time
	duration  time.Duration
	zone      *time.Location
	summary   string
	location  string
	sequence  int
	cancelled bool
	created   time.Time
	modified  time.Time
}

// appointmentDuration is the length shown for a first appointment, which
// records only its start.
const appointmentDuration = time.Hour

// maxEvents bounds a feed; calendars are read whole.
const maxEvents = 1000

// events reads what the feed shows, as its person (ctx carries their
// viewer): the read rules decide, as in the API.
func (s *Service) events(ctx context.Context, feed *ent.CalendarFeed) (string, []event, error) {
	switch feed.Kind {
	case calendarfeed.KindSeries:
		series, err := s.client.WorkshopSeries.Query().
			Where(workshopseries.ID(feed.SubjectID)).WithSessions().WithProvider().All(ctx)
		if err != nil || len(series) == 0 {
			return "Ateliers", nil, err
		}
		return series[0].Title, sessions(series, nil), nil
	case calendarfeed.KindOrganisation:
		bookings, err := s.client.Booking.Query().
			Where(booking.OrganisationID(feed.SubjectID)).
			WithSeries(func(q *ent.WorkshopSeriesQuery) { q.WithSessions().WithProvider() }).
			Limit(maxEvents).All(ctx)
		if err != nil {
			return "", nil, err
		}
		var series []*ent.WorkshopSeries
		booked := map[*ent.WorkshopSeries][]*ent.Booking{}
		byID := map[string]*ent.WorkshopSeries{}
		for _, b := range bookings {
			sr := b.Edges.Series
			if sr == nil {
				continue // out of the person's reach
			}
			if first, ok := byID[string(sr.ID)]; ok {
				sr = first
			} else {
				byID[string(sr.ID)] = sr
				series = append(series, sr)
			}
			booked[sr] = append(booked[sr], b)
		}
		return "Ateliers réservés", sessions(series, booked), nil
	case calendarfeed.KindAppointments:
		files, err := s.client.Accompaniment.Query().
			Where(accompaniment.HasEducatorsWith(person.ID(feed.SubjectID)), accompaniment.FirstAppointmentAtNotNil()).
			WithFamily().WithProgramme().WithProvider().WithFirstAppointmentChanges().
			Order(ent.Asc(accompaniment.FieldFirstAppointmentAt)).Limit(maxEvents).All(ctx)
		if err != nil {
			return "", nil, err
		}
		planned, err := s.client.Appointment.Query().
			Where(appointment.EducatorID(feed.SubjectID)).
			WithAccompaniment(func(q *ent.AccompanimentQuery) { q.WithFamily().WithProgramme().WithProvider() }).
			Order(ent.Desc(appointment.FieldStartsAt)).Limit(maxEvents).All(ctx)
		if err != nil {
			return "", nil, err
		}
		out := append(appointments(files), plannedAppointments(planned)...)
		slices.SortFunc(out, func(a, b event) int { return a.start.Compare(b.start) })
		return "Premiers rendez-vous", out[:min(len(out), maxEvents)], nil
	}
	return "", nil, nil
}

// sessions are the events of the series' sessions. With booked (an
// organisation's feed), a series none of whose bookings still stands is
// shown cancelled, and a booking's change bumps the sequence.
func sessions(series []*ent.WorkshopSeries, booked map[*ent.WorkshopSeries][]*ent.Booking) []event {
	var out []event
	for _, sr := range series {
		cancelled := sr.Status == workshopseries.StatusCancelled
		changed := sr.UpdatedAt
		if booked != nil {
			standing := false
			for _, b := range booked[sr] {
				standing = standing || b.Status != booking.StatusCancelled
				changed = latest(changed, b.UpdatedAt)
			}
			cancelled = cancelled || !standing
		}
		zone := zoneOf(sr.Edges.Provider)
		for _, ses := range sr.Edges.Sessions {
			modified := latest(changed, ses.UpdatedAt)
			place := sr.Place
			if ses.Place != nil {
				place = *ses.Place
			}
			// A session cancelled or moved keeps its UID and shows the
			// change (RFC 5545 §3.8.1.11, §3.8.7.4): each move or
			// cancellation adds one to its revision, so the SEQUENCE grows
			// even within the second of its creation.
			out = append(out, event{
				id: string(ses.ID), start: ses.StartsAt, duration: time.Duration(ses.DurationMinutes) * time.Minute,
				zone: zone, summary: sr.Title, location: place,
				cancelled: cancelled || ses.Status == workshopsession.StatusCancelled,
				sequence:  sequenceOf(ses.CreatedAt, modified) + ses.Revision, created: ses.CreatedAt, modified: modified,
			})
		}
	}
	slices.SortFunc(out, func(a, b event) int { return a.start.Compare(b.start) })
	return out[:min(len(out), maxEvents)]
}

// appointments are the first appointments of the files; the title names
// the family by its reference only (calendars leave the portal).
func appointments(files []*ent.Accompaniment) []event {
	out := make([]event, 0, len(files))
	for _, a := range files {
		summary := "Premier rendez-vous"
		if p := a.Edges.Programme; p != nil {
			summary += " " + p.Code
		}
		if f := a.Edges.Family; f != nil {
			summary += " – famille " + f.Reference
		}
		cancelled := a.Status == accompaniment.StatusWithdrawn || a.Status == accompaniment.StatusInterrupted
		// Each setting of the appointment is kept: the first is sequence
		// 0, each move adds one, and a cancellation one more.
		seq := max(len(a.Edges.FirstAppointmentChanges)-1, 0)
		if cancelled {
			seq++
		}
		out = append(out, event{
			id: string(a.ID), start: *a.FirstAppointmentAt, duration: appointmentDuration,
			zone: zoneOf(a.Edges.Provider), summary: summary, sequence: seq, cancelled: cancelled,
			created: a.CreatedAt, modified: a.UpdatedAt,
		})
	}
	return out
}

// appointmentWords are the summaries of planned appointments, by kind.
var appointmentWords = map[appointment.Kind]string{
	appointment.KindHomeVisit:      "Visite à domicile",
	appointment.KindCall:           "Appel",
	appointment.KindPartnerMeeting: "Rencontre partenaire",
}

// plannedAppointments are the educator's appointments of the files the
// feed's person follows. The family is named by its reference only, and a
// home visit with no place shows none: its address stays in the portal.
func plannedAppointments(planned []*ent.Appointment) []event {
	out := make([]event, 0, len(planned))
	for _, ap := range planned {
		a := ap.Edges.Accompaniment
		if a == nil {
			continue // out of the person's reach
		}
		summary := appointmentWords[ap.Kind]
		if f := a.Edges.Family; f != nil {
			summary += " – famille " + f.Reference
		}
		out = append(out, event{
			id: string(ap.ID), start: ap.StartsAt, duration: ap.EndsAt.Sub(ap.StartsAt),
			zone: zoneOf(a.Edges.Provider), summary: summary, location: ap.Place,
			cancelled: ap.Status == appointment.StatusCancelled,
			sequence:  sequenceOf(ap.CreatedAt, ap.UpdatedAt), created: ap.CreatedAt, modified: ap.UpdatedAt,
		})
	}
	return out
}

// sequenceOf derives an event's SEQUENCE from its stamps: the seconds from
// its creation to its last change, so that every later change gives a
// higher one without a counter to keep.
func sequenceOf(created, modified time.Time) int {
	d := modified.Sub(created) / time.Second
	return int(min(max(d, 0), math.MaxInt32))
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func zoneOf(p *ent.Provider) *time.Location {
	if p == nil {
		return clock.Zone(clock.DefaultZone)
	}
	return clock.Zone(p.TimeZone)
}
