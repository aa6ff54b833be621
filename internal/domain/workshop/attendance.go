package workshop

import (
	"context"
	"fmt"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/attendance"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopsession"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// AttendanceEntryInput says whether one booked child attended.
type AttendanceEntryInput struct {
	BookingID pulid.ID
	Present   bool
}

// RecordAttendanceInput is the practitioner's register of one session.
type RecordAttendanceInput struct {
	SessionID pulid.ID
	Entries   []*AttendanceEntryInput
}

// RecordAttendance records (or corrects) who attended a session that has
// begun; only confirmed bookings of the session's series count.
func (s *Service) RecordAttendance(ctx context.Context, in RecordAttendanceInput) ([]*ent.Attendance, error) {
	c := database.ClientFor(ctx, s.client)
	session, err := c.WorkshopSession.Get(ctx, in.SessionID)
	if ent.IsNotFound(err) {
		return nil, apierror.New(apierror.NotFound, "not_found.session").OnField("input", "sessionID")
	}
	if err != nil {
		return nil, err
	}
	if session.Status == workshopsession.StatusCancelled {
		return nil, apierror.New(InvalidTransition, "wss.attendance_cancelled").OnField("input", "sessionID")
	}
	if session.StartsAt.After(s.client.Clock.Now()) {
		return nil, apierror.New(SessionNotStarted, "ws.attendance_after_start").OnField("input", "sessionID")
	}
	if len(in.Entries) == 0 || len(in.Entries) > 100 {
		return nil, apierror.New(apierror.BadUserInput, "ws.attendance_entries").OnField("input", "entries")
	}
	seen := map[pulid.ID]bool{}
	for i, e := range in.Entries {
		field := []string{"input", "entries", fmt.Sprint(i), "bookingID"}
		ok, err := c.Booking.Query().Where(booking.ID(e.BookingID), booking.SeriesID(session.SeriesID),
			booking.StatusEQ(booking.StatusConfirmed)).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if !ok || seen[e.BookingID] {
			return nil, apierror.New(NotBookedInSeries, "ws.not_booked").OnField(field...)
		}
		seen[e.BookingID] = true
	}
	me := viewer.FromContext(ctx).PersonID
	out := make([]*ent.Attendance, 0, len(in.Entries))
	for _, e := range in.Entries {
		old, err := c.Attendance.Query().Where(attendance.SessionID(session.ID), attendance.BookingID(e.BookingID)).Only(ctx)
		var a *ent.Attendance
		switch {
		case ent.IsNotFound(err):
			a, err = c.Attendance.Create().SetSessionID(session.ID).SetBookingID(e.BookingID).
				SetPresent(e.Present).SetRecordedByID(me).Save(ctx)
		case err == nil:
			a, err = c.Attendance.UpdateOne(old).SetPresent(e.Present).SetRecordedByID(me).Save(ctx)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}
