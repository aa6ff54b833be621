package accompaniment

import (
	"context"
	"strings"
	"time"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/suspension"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/clock"
	"github.com/reseau-liens/portal/internal/platform/database"
	"github.com/reseau-liens/portal/internal/platform/i18n"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// SuspendAccompanimentInput pauses a running accompaniment from a day
// (today when absent), for a reason; OTHER needs a comment.
type SuspendAccompanimentInput struct {
	AccompanimentID pulid.ID
	Reason          suspension.Reason
	Comment         *string
	On              *time.Time
}

// ResumeAccompanimentInput resumes a suspended accompaniment on a day
// (today when absent).
type ResumeAccompanimentInput struct {
	AccompanimentID pulid.ID
	On              *time.Time
}

// Suspend pauses an active accompaniment (the family in hospital, moving
// house): while suspended, no due date runs and no step is overdue; the
// suspension is dated in the file's history (suspensions).
func (s *Service) Suspend(ctx context.Context, in SuspendAccompanimentInput) (*ent.Accompaniment, error) {
	c := database.ClientFor(ctx, s.client)
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	if err := access.CanSuspendAccompaniment(v, a.ProviderID); err != nil {
		return nil, err
	}
	comment := ""
	if in.Comment != nil {
		comment = strings.TrimSpace(*in.Comment)
	}
	if in.Reason == suspension.ReasonOther && comment == "" {
		return nil, apierror.New(ReasonRequired, "suspend.comment_required").OnField("input", "comment")
	}
	if err := checkMove(a.Status, entacc.StatusSuspended); err != nil {
		return nil, err
	}
	if a.StartsAt == nil {
		return nil, apierror.New(NotActive, "suspend.not_started")
	}
	_, _, zone, err := scheduleOf(ctx, c, a)
	if err != nil {
		return nil, err
	}
	now := s.client.Clock.Now()
	today, start := clock.DayOf(now, zone), clock.DayOf(*a.StartsAt, zone)
	day := dayOr(in.On, today)
	if day.Before(start) || day.After(today) {
		return nil, apierror.New(DateOutOfRange, "suspend.suspension_day",
			i18n.Day(start), i18n.Day(today)).OnField("input", "on")
	}
	saved, err := a.Update().SetStatus(entacc.StatusSuspended).SetSuspendedOn(day).Save(ctx)
	if err != nil {
		return nil, err
	}
	err = c.Suspension.Create().SetAccompanimentID(a.ID).SetReason(in.Reason).SetComment(comment).
		SetStartsOn(day).SetRecordedAt(now).SetSuspendedByID(v.PersonID).Exec(ctx)
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// Resume ends the suspension under way: the end date moves back by the
// days suspended (none when it resumes the day it was suspended).
func (s *Service) Resume(ctx context.Context, in ResumeAccompanimentInput) (*ent.Accompaniment, error) {
	c := database.ClientFor(ctx, s.client)
	a, err := load(ctx, c, in.AccompanimentID)
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	if err := access.CanSuspendAccompaniment(v, a.ProviderID); err != nil {
		return nil, err
	}
	if a.Status != entacc.StatusSuspended {
		return nil, apierror.New(InvalidTransition, "suspend.not_suspended", statemachine.Word("accompaniment", a.Status))
	}
	_, months, zone, err := scheduleOf(ctx, c, a)
	if err != nil {
		return nil, err
	}
	open, err := c.Suspension.Query().
		Where(suspension.AccompanimentID(a.ID), suspension.ResumedOnIsNil()).Only(ctx)
	if err != nil {
		return nil, err
	}
	now := s.client.Clock.Now()
	today := clock.DayOf(now, zone)
	day := dayOr(in.On, today)
	if day.Before(open.StartsOn) || day.After(today) {
		return nil, apierror.New(DateOutOfRange, "suspend.resumption_day",
			i18n.Day(open.StartsOn), i18n.Day(today)).OnField("input", "on")
	}
	days := DaysBetween(open.StartsOn, day)
	a.SuspendedDays += days
	update := a.Update().SetStatus(entacc.StatusActive).ClearSuspendedOn().SetSuspendedDays(a.SuspendedDays)
	if a.StartsAt != nil {
		update.SetEndsAt(scheduledEnd(a, *a.StartsAt, months, zone))
	}
	saved, err := update.Save(ctx)
	if err != nil {
		return nil, err
	}
	err = open.Update().SetResumedOn(day).SetDays(days).SetResumedAt(now).SetResumedByID(v.PersonID).Exec(ctx)
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// DaysBetween counts the calendar days from one day (clock.Date) to a
// later one: a suspension's length.
func DaysBetween(from, to time.Time) int {
	return int(to.Sub(from).Hours()/24 + 0.5)
}

// dayOr is the day of the input, else today.
func dayOr(on *time.Time, today time.Time) time.Time {
	if on == nil {
		return today
	}
	return clock.Date(on.Year(), on.Month(), on.Day())
}
