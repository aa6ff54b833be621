package accompaniment

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/appointment"
	"github.com/reseau-liens/portal/ent/contactevent"
	"github.com/reseau-liens/portal/ent/person"
	"github.com/reseau-liens/portal/ent/schema"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// MaxPlaceRunes bounds an appointment's place (the column's length).
const MaxPlaceRunes = 300

// MaxAppointmentMinutes bounds an appointment's length: a working day.
const MaxAppointmentMinutes = 12 * 60

// The codes of the agenda's rules.
const (
	// AppointmentInPast: an appointment is planned or moved to a time to
	// come.
	AppointmentInPast apierror.Code = "APPOINTMENT_IN_PAST"
	// AppointmentNotPlanned: a held or cancelled appointment is not moved.
	AppointmentNotPlanned apierror.Code = "APPOINTMENT_NOT_PLANNED"
	// EducatorNotAssigned: the appointment's educator must follow the file.
	EducatorNotAssigned apierror.Code = "EDUCATOR_NOT_ASSIGNED"
)

// PlanAppointmentInput plans an appointment of an accompaniment. The
// educator is the viewer when left out; a home visit with no place is at
// the family's address.
type PlanAppointmentInput struct {
	AccompanimentID pulid.ID
	Kind            appointment.Kind
	StartsAt        time.Time
	DurationMinutes int
	Place           *string
	EducatorID      *pulid.ID
}

// RescheduleAppointmentInput moves a planned appointment; what is left
// out (nil) is kept, an empty place clears it.
type RescheduleAppointmentInput struct {
	AppointmentID   pulid.ID
	StartsAt        time.Time
	DurationMinutes *int
	Place           *string
	EducatorID      *pulid.ID
}

// CancelAppointmentInput cancels a planned appointment.
type CancelAppointmentInput struct {
	AppointmentID pulid.ID
	Reason        *string
}

// RecordAppointmentHeldInput records that a planned appointment took
// place: it becomes a contact event, dated at its start.
type RecordAppointmentHeldInput struct {
	AppointmentID pulid.ID
	// DurationMinutes is how long it lasted; the planned length when nil.
	DurationMinutes *int
	Note            *string
}

// contactKinds maps an appointment's kind to the contact it becomes.
var contactKinds = map[appointment.Kind]contactevent.Kind{
	appointment.KindHomeVisit:      contactevent.KindHomeVisit,
	appointment.KindCall:           contactevent.KindCall,
	appointment.KindPartnerMeeting: contactevent.KindPartnerMeeting,
}

// AtFamilyHome reports whether an appointment takes place at the family's
// postal address: a home visit with no other place given. The address
// itself is read on the family, where it is sensitive.
func AtFamilyHome(a *ent.Appointment) bool {
	return a.Kind == appointment.KindHomeVisit && a.Place == ""
}

// PlanAppointment plans an appointment of a running accompaniment, with an
// educator assigned to it, at a time to come.
func (s *Service) PlanAppointment(ctx context.Context, in PlanAppointmentInput) (*ent.Appointment, error) {
	c := database.ClientFor(ctx, s.client)
	v := viewer.FromContext(ctx)
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	if err := access.CanPlanAppointments(ctx, c, v, a.ID); err != nil {
		return nil, err
	}
	if a.Status != entacc.StatusActive {
		return nil, apierror.New(NotActive, "agenda.plan_when_active")
	}
	educatorID := v.PersonID
	if in.EducatorID != nil {
		educatorID = *in.EducatorID
	}
	if err := s.checkSlot(ctx, c, a.ID, educatorID, in.StartsAt, in.DurationMinutes); err != nil {
		return nil, err
	}
	if err := checkPlace(in.Place); err != nil {
		return nil, err
	}
	return c.Appointment.Create().
		SetProviderID(a.ProviderID).
		SetAccompanimentID(a.ID).
		SetEducatorID(educatorID).
		SetKind(in.Kind).
		SetStartsAt(in.StartsAt).
		SetEndsAt(in.StartsAt.Add(time.Duration(in.DurationMinutes) * time.Minute)).
		SetPlace(trimmed(in.Place)).
		Save(ctx)
}

// RescheduleAppointment moves a planned appointment to a time to come,
// and may change its length, place or educator.
func (s *Service) RescheduleAppointment(ctx context.Context, in RescheduleAppointmentInput) (*ent.Appointment, error) {
	c := database.ClientFor(ctx, s.client)
	ap, err := s.loadAppointment(ctx, c, in.AppointmentID)
	if err != nil {
		return nil, err
	}
	if err := access.CanPlanAppointments(ctx, c, viewer.FromContext(ctx), ap.AccompanimentID); err != nil {
		return nil, err
	}
	if ap.Status != appointment.StatusPlanned {
		return nil, apierror.New(AppointmentNotPlanned, "agenda.not_planned",
			statemachine.Word("appointment", ap.Status))
	}
	minutes := int(ap.EndsAt.Sub(ap.StartsAt) / time.Minute)
	if in.DurationMinutes != nil {
		minutes = *in.DurationMinutes
	}
	educatorID := ap.EducatorID
	if in.EducatorID != nil {
		educatorID = *in.EducatorID
	}
	if err := s.checkSlot(ctx, c, ap.AccompanimentID, educatorID, in.StartsAt, minutes); err != nil {
		return nil, err
	}
	if err := checkPlace(in.Place); err != nil {
		return nil, err
	}
	update := ap.Update().
		SetStartsAt(in.StartsAt).
		SetEndsAt(in.StartsAt.Add(time.Duration(minutes) * time.Minute)).
		SetEducatorID(educatorID)
	if in.Place != nil {
		update.SetPlace(trimmed(in.Place))
	}
	return update.Save(ctx)
}

// CancelAppointment cancels a planned appointment (the status machine
// refuses a held or cancelled one).
func (s *Service) CancelAppointment(ctx context.Context, in CancelAppointmentInput) (*ent.Appointment, error) {
	c := database.ClientFor(ctx, s.client)
	ap, err := s.loadAppointment(ctx, c, in.AppointmentID)
	if err != nil {
		return nil, err
	}
	if err := access.CanPlanAppointments(ctx, c, viewer.FromContext(ctx), ap.AccompanimentID); err != nil {
		return nil, err
	}
	if err := checkAppointmentMove(ap.Status, appointment.StatusCancelled); err != nil {
		return nil, err
	}
	return ap.Update().
		SetStatus(appointment.StatusCancelled).
		SetCancelledAt(c.Clock.Now()).
		SetCancelReason(trimmed(in.Reason)).
		Save(ctx)
}

// RecordAppointmentHeld marks a planned appointment held and records the
// contact it was, through the path of every contact (RecordContact's
// rules on dates apply: it has started, within the accompaniment).
func (s *Service) RecordAppointmentHeld(ctx context.Context, in RecordAppointmentHeldInput) (*ent.Appointment, error) {
	c := database.ClientFor(ctx, s.client)
	ap, err := s.loadAppointment(ctx, c, in.AppointmentID)
	if err != nil {
		return nil, err
	}
	if err := access.CanHoldAppointments(ctx, c, viewer.FromContext(ctx), ap.AccompanimentID); err != nil {
		return nil, err
	}
	if err := checkAppointmentMove(ap.Status, appointment.StatusHeld); err != nil {
		return nil, err
	}
	minutes := int(ap.EndsAt.Sub(ap.StartsAt) / time.Minute)
	if in.DurationMinutes != nil {
		minutes = *in.DurationMinutes
	}
	if minutes < 0 {
		return nil, apierror.New(apierror.BadUserInput, "acc.negative_duration").OnField("input", "durationMinutes")
	}
	a, err := load(ctx, c, ap.AccompanimentID)
	if err != nil {
		return nil, err
	}
	contact, err := s.createContact(ctx, c, a, RecordContactInput{
		AccompanimentID: a.ID,
		Kind:            contactKinds[ap.Kind],
		OccurredAt:      ap.StartsAt,
		DurationMinutes: minutes,
		Note:            in.Note,
	})
	if err != nil {
		return nil, err
	}
	return ap.Update().SetStatus(appointment.StatusHeld).SetContactEventID(contact.ID).Save(ctx)
}

// checkPlace refuses a place longer than its column.
func checkPlace(place *string) error {
	if utf8.RuneCountInString(trimmed(place)) > MaxPlaceRunes {
		return apierror.New(apierror.BadUserInput, "agenda.place_too_long", MaxPlaceRunes).OnField("input", "place")
	}
	return nil
}

// checkSlot refuses an appointment in the past, of no or too long a
// length, or with an educator who does not follow the file.
func (s *Service) checkSlot(ctx context.Context, c *ent.Client, accID, educatorID pulid.ID, startsAt time.Time, minutes int) error {
	if minutes <= 0 || minutes > MaxAppointmentMinutes {
		return apierror.New(apierror.BadUserInput, "agenda.duration_range", MaxAppointmentMinutes).
			OnField("input", "durationMinutes")
	}
	if !startsAt.After(c.Clock.Now()) {
		return apierror.New(AppointmentInPast, "agenda.in_past", i18n.Day(startsAt), i18n.Hour(startsAt)).
			OnField("input", "startsAt")
	}
	// Read as the portal: the question is who follows the file, whoever asks.
	assigned, err := c.Accompaniment.Query().
		Where(entacc.ID(accID), entacc.HasEducatorsWith(person.ID(educatorID))).
		Exist(viewer.SystemContext(ctx))
	if err != nil {
		return err
	}
	if !assigned {
		return apierror.New(EducatorNotAssigned, "agenda.educator_not_assigned").OnField("input", "educatorID")
	}
	return nil
}

// loadAppointment reads an appointment the viewer can see, locked for the
// step.
func (s *Service) loadAppointment(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.Appointment, error) {
	q := c.Appointment.Query().Where(appointment.ID(id))
	q.Modify(lockForUpdate)
	ap, err := q.Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound("input", "appointmentID")
	}
	return ap, err
}

// checkAppointmentMove words the refusal of a move of the appointment's
// status machine before anything is written.
func checkAppointmentMove(from, to appointment.Status) error {
	return schema.AppointmentMoves.Check("appointment", string(from), string(to))
}

func trimmed(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}
