package accompaniment

import (
	"context"
	"slices"
	"strings"

	"github.com/reseau-liens/portal/internal/domain/webhook"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/notification"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// StartEvaluation starts evaluating a request with the family.
func (s *Service) StartEvaluation(ctx context.Context, in AccompanimentStepInput) (*ent.Accompaniment, error) {
	c := database.ClientFor(ctx, s.client)
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	if err := checkMove(a.Status, entacc.StatusEvaluating); err != nil {
		return nil, err
	}
	return a.Update().SetStatus(entacc.StatusEvaluating).SetEvaluationStartedAt(s.client.Clock.Now()).Save(ctx)
}

// Decline declines a request with a reason from the fixed list; OTHER
// needs a text. The prescriber sees the reason.
func (s *Service) Decline(ctx context.Context, in DeclineAccompanimentInput) (*ent.Accompaniment, error) {
	c := database.ClientFor(ctx, s.client)
	text := ""
	if in.Text != nil {
		text = strings.TrimSpace(*in.Text)
	}
	if in.Reason == entacc.DeclineReasonOther && text == "" {
		return nil, apierror.New(ReasonRequired, "acc.decline_reason_required").OnField("input", "text")
	}
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	if err := checkMove(a.Status, entacc.StatusDeclined); err != nil {
		return nil, err
	}
	saved, err := a.Update().SetStatus(entacc.StatusDeclined).SetDeclineReason(in.Reason).
		SetStatusReason(text).SetClosedAt(s.client.Clock.Now()).Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := tellPrescriber(ctx, c, saved, notification.KindRequestDeclined, declineWords(in.Reason, text), nil); err != nil {
		return nil, err
	}
	return announce(ctx, c, saved, webhook.RequestDeclined)
}

// Withdraw records the family's choice to stop, at any open status.
func (s *Service) Withdraw(ctx context.Context, in EndAccompanimentInput) (*ent.Accompaniment, error) {
	return s.end(ctx, in, entacc.StatusWithdrawn)
}

// Interrupt stops a running accompaniment before its end.
func (s *Service) Interrupt(ctx context.Context, in EndAccompanimentInput) (*ent.Accompaniment, error) {
	return s.end(ctx, in, entacc.StatusInterrupted)
}

func (s *Service) end(ctx context.Context, in EndAccompanimentInput, to entacc.Status) (*ent.Accompaniment, error) {
	c := database.ClientFor(ctx, s.client)
	reason := strings.TrimSpace(in.Reason)
	if reason == "" {
		return nil, apierror.New(ReasonRequired, "acc.reason_required").OnField("input", "reason")
	}
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	if err := checkMove(a.Status, to); err != nil {
		return nil, err
	}
	return a.Update().SetStatus(to).SetStatusReason(reason).SetClosedAt(s.client.Clock.Now()).Save(ctx)
}

// SetFirstAppointment sets the first appointment of a validated
// accompaniment: the start date is that date, the end date the programme's
// duration later.
func (s *Service) SetFirstAppointment(ctx context.Context, in SetFirstAppointmentInput) (*ent.Accompaniment, error) {
	c := database.ClientFor(ctx, s.client)
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	if a.Status != entacc.StatusActive {
		return nil, apierror.New(NotActive, "acc.first_appointment_validated")
	}
	prog, months, zone, err := scheduleOf(ctx, c, a)
	if err != nil {
		return nil, err
	}
	now := s.client.Clock.Now()
	// An accompaniment that would already be over when its start is
	// recorded is a mistyped year or month, not a late entry.
	if EndOf(in.At, months, zone).Before(now) {
		return nil, apierror.New(FirstAppointmentTooOld,
			"acc.first_appointment_too_old",
			i18n.Day(in.At), months, prog.Code).OnField("input", "at")
	}
	previous := a.FirstAppointmentAt
	saved, err := a.Update().SetFirstAppointmentAt(in.At).SetStartsAt(in.At).
		SetEndsAt(scheduledEnd(a, in.At, months, zone)).Save(ctx)
	if err != nil {
		return nil, err
	}
	// The file keeps every date it was given: moving the appointment moves
	// the dates the file is judged by.
	change := c.FirstAppointmentChange.Create().SetAccompanimentID(a.ID).
		SetNillablePreviousAt(previous).SetAt(in.At).SetChangedAt(now)
	if v := viewer.FromContext(ctx); v != nil && v.PersonID != "" {
		change.SetActorID(v.PersonID)
	}
	if err := change.Exec(ctx); err != nil {
		return nil, err
	}
	if err := tellPrescriber(ctx, c, saved, notification.KindFirstAppointmentSet, "", &in.At); err != nil {
		return nil, err
	}
	return announce(ctx, c, saved, webhook.FirstAppointmentSet)
}

// AssignEducators sets who follows the family: educators or practitioners
// of the accompaniment's provider.
func (s *Service) AssignEducators(ctx context.Context, in AssignEducatorsInput) (*ent.Accompaniment, error) {
	c := database.ClientFor(ctx, s.client)
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	if isFinal(a.Status) {
		return nil, apierror.New(InvalidTransition, "acc.educators_frozen", statemachine.Word("accompaniment", a.Status))
	}
	if len(in.EducatorIDs) == 0 {
		return nil, apierror.New(apierror.BadUserInput, "acc.assign_educator").OnField("input", "educatorIDs")
	}
	if err := checkEducators(ctx, c, a.ProviderID, in.EducatorIDs); err != nil {
		return nil, err
	}
	// Only the newly assigned are told: the others already follow the file.
	before, err := a.QueryEducators().IDs(viewer.SystemContext(ctx))
	if err != nil {
		return nil, err
	}
	saved, err := a.Update().ClearEducators().AddEducatorIDs(in.EducatorIDs...).Save(ctx)
	if err != nil {
		return nil, err
	}
	var added []pulid.ID
	for _, id := range dedupe(in.EducatorIDs) {
		if !slices.Contains(before, id) {
			added = append(added, id)
		}
	}
	if err := tell(ctx, c, saved, notification.KindEducatorAssigned, added, "", nil); err != nil {
		return nil, err
	}
	return saved, nil
}

func dedupe(ids []pulid.ID) []pulid.ID {
	seen := map[pulid.ID]bool{}
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
