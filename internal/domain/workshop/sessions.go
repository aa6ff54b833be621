package workshop

import (
	"context"
	"strings"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/ent/workshopsession"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/webhook"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// CancelSessionInput cancels one session of a series.
type CancelSessionInput struct {
	SessionID pulid.ID
	Reason    string
}

// MoveSessionInput gives a session a new start, and maybe a new length
// or place (an empty place: back to the series' place).
type MoveSessionInput struct {
	SessionID       pulid.ID
	StartsAt        time.Time
	DurationMinutes *int
	Place           *string
}

// CancelSession cancels a session that has not begun, for the provider's
// coordinator or the series' practitioner. Bookings are of the series and
// stand for its other sessions; the booked partners are told, and their
// calendar feeds show the session cancelled.
func (s *Service) CancelSession(ctx context.Context, in CancelSessionInput) (*ent.WorkshopSession, error) {
	c := database.ClientFor(ctx, s.client)
	reason, err := checkReason(in.Reason)
	if err != nil {
		return nil, err
	}
	ses, series, err := changeableSession(ctx, c, in.SessionID)
	if err != nil {
		return nil, err
	}
	if err := schema.WorkshopSessionMoves.Check("workshop_session", string(ses.Status), string(workshopsession.StatusCancelled)); err != nil {
		return nil, onField(err, "sessionID")
	}
	ses, err = c.WorkshopSession.UpdateOne(ses).
		SetStatus(workshopsession.StatusCancelled).SetCancelledAt(c.Clock.Now()).
		SetCancellationReason(reason).AddRevision(1).Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := keepFirstSession(ctx, c, series); err != nil {
		return nil, err
	}
	return ses, tellBookers(ctx, c, news{kind: webhook.SessionCancelled, series: series, session: ses, reason: reason})
}

// MoveSession moves a session that has not begun to a time to come.
func (s *Service) MoveSession(ctx context.Context, in MoveSessionInput) (*ent.WorkshopSession, error) {
	c := database.ClientFor(ctx, s.client)
	ses, series, err := changeableSession(ctx, c, in.SessionID)
	if err != nil {
		return nil, err
	}
	if ses.Status == workshopsession.StatusCancelled {
		return nil, apierror.New(InvalidTransition, "wss.session_cancelled").OnField("input", "sessionID")
	}
	if !in.StartsAt.After(c.Clock.Now()) {
		return nil, apierror.New(InvalidSchedule, "wss.move_to_future").OnField("input", "startsAt")
	}
	update := c.WorkshopSession.UpdateOne(ses).SetStartsAt(in.StartsAt.UTC()).AddRevision(1)
	if d := in.DurationMinutes; d != nil {
		if *d < 15 || *d > 480 {
			return nil, apierror.New(apierror.BadUserInput, "wss.duration").OnField("input", "durationMinutes")
		}
		update.SetDurationMinutes(*d)
	}
	if p := in.Place; p != nil {
		place := strings.TrimSpace(*p)
		switch {
		case len(place) > 300:
			return nil, apierror.New(apierror.BadUserInput, "ws.place").OnField("input", "place")
		case place == "" || place == series.Place:
			update.ClearPlace()
		default:
			update.SetPlace(place)
		}
	}
	previous := ses.StartsAt
	ses, err = update.Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := keepFirstSession(ctx, c, series); err != nil {
		return nil, err
	}
	return ses, tellBookers(ctx, c, news{kind: webhook.SessionMoved, series: series, session: ses, previous: &previous})
}

// changeableSession loads a session the viewer may change (the provider's
// coordinator or the series' practitioner), of a series not cancelled,
// that has not begun; its series is locked, as bookings lock it.
func changeableSession(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.WorkshopSession, *ent.WorkshopSeries, error) {
	ses, err := c.WorkshopSession.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil, apierror.New(apierror.NotFound, "not_found.session").OnField("input", "sessionID")
	}
	if err != nil {
		return nil, nil, err
	}
	series, err := lockSeries(ctx, c, ses.SeriesID)
	if err != nil {
		return nil, nil, err
	}
	if err := access.CanManageWorkshopSeries(viewer.FromContext(ctx), series); err != nil {
		return nil, nil, err
	}
	if series.Status == workshopseries.StatusCancelled {
		return nil, nil, apierror.New(SeriesClosed, "wss.series_cancelled").OnField("input", "sessionID")
	}
	if !ses.StartsAt.After(c.Clock.Now()) {
		return nil, nil, apierror.New(SessionStarted, "wss.session_started").OnField("input", "sessionID")
	}
	return ses, series, nil
}

// keepFirstSession keeps a series' first_session_at on its first
// session still scheduled (the catalogue orders and filters on it);
// a series whose sessions are all cancelled keeps the last value.
func keepFirstSession(ctx context.Context, c *ent.Client, series *ent.WorkshopSeries) error {
	first, err := c.WorkshopSession.Query().
		Where(workshopsession.SeriesID(series.ID), workshopsession.StatusEQ(workshopsession.StatusScheduled)).
		Order(workshopsession.ByStartsAt()).First(viewer.SystemContext(ctx))
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if series.FirstSessionAt != nil && series.FirstSessionAt.Equal(first.StartsAt) {
		return nil
	}
	updated, err := c.WorkshopSeries.UpdateOne(series).SetFirstSessionAt(first.StartsAt).Save(ctx)
	if err != nil {
		return err
	}
	*series = *updated
	return nil
}

// checkReason trims a cancellation's reason, which the partners read.
func checkReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || len(reason) > 500 {
		return "", apierror.New(apierror.BadUserInput, "wss.reason").OnField("input", "reason")
	}
	return reason, nil
}

// onField points a status machine's refusal at an input field.
func onField(err error, field string) error {
	if e, ok := err.(*apierror.Error); ok {
		return e.OnField("input", field)
	}
	return err
}
