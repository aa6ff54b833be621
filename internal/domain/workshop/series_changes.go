package workshop

import (
	"context"
	"strings"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
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

// CancelSeriesInput cancels a whole series.
type CancelSeriesInput struct {
	SeriesID pulid.ID
	Reason   string
}

// RenameSeriesInput gives a series a new title.
type RenameSeriesInput struct {
	SeriesID pulid.ID
	Title    string
}

// CancelSeries cancels a series and its sessions still to come, for the
// provider's coordinator or the series' practitioner. Its live bookings
// are cancelled (a cancelled series holds no seat and nobody waits for
// one), its partners told, and the seats' subscribers see it at once.
// Sessions already held stay, with their attendance.
func (s *Service) CancelSeries(ctx context.Context, in CancelSeriesInput) (*ent.WorkshopSeries, error) {
	c := database.ClientFor(ctx, s.client)
	reason, err := checkReason(in.Reason)
	if err != nil {
		return nil, err
	}
	series, err := manageableSeries(ctx, c, in.SeriesID)
	if err != nil {
		return nil, err
	}
	if err := schema.WorkshopSeriesMoves.Check("workshop_series", string(series.Status), string(workshopseries.StatusCancelled)); err != nil {
		return nil, onField(err, "seriesID")
	}
	// As the portal: the bookings are every partner's, which the viewer
	// (a practitioner) may not read nor write; the viewer's right to
	// cancel the series, checked above and by the series' write rule,
	// releases them.
	sys := viewer.SystemContext(ctx)
	live, err := c.Booking.Query().
		Where(booking.SeriesID(series.ID), booking.StatusIn(booking.StatusConfirmed, booking.StatusWaiting)).
		WithBookedBy().Order(booking.ByPosition()).All(sys)
	if err != nil {
		return nil, err
	}
	now := c.Clock.Now()
	series, err = c.WorkshopSeries.UpdateOne(series).
		SetStatus(workshopseries.StatusCancelled).SetCancelledAt(now).SetCancellationReason(reason).Save(ctx)
	if err != nil {
		return nil, err
	}
	err = c.WorkshopSession.Update().
		Where(workshopsession.SeriesID(series.ID), workshopsession.StatusEQ(workshopsession.StatusScheduled), workshopsession.StartsAtGT(now)).
		SetStatus(workshopsession.StatusCancelled).SetCancelledAt(now).SetCancellationReason(reason).AddRevision(1).
		Exec(ctx)
	if err != nil {
		return nil, err
	}
	if len(live) > 0 {
		ids := make([]pulid.ID, len(live))
		for i, b := range live {
			ids[i] = b.ID
		}
		err := c.Booking.Update().Where(booking.IDIn(ids...)).
			SetStatus(booking.StatusCancelled).SetCancelledAt(now).Exec(sys)
		if err != nil {
			return nil, err
		}
		cancelled, err := c.Booking.Query().Where(booking.IDIn(ids...)).Order(booking.ByPosition()).All(sys)
		if err != nil {
			return nil, err
		}
		if err := announceBookings(sys, c, webhook.BookingCancelled, cancelled...); err != nil {
			return nil, err
		}
	}
	if err := tellBookers(ctx, c, news{kind: webhook.SeriesCancelled, series: series, reason: reason, bookings: live}); err != nil {
		return nil, err
	}
	if err := s.notifier.Announce(ctx, series.ID); err != nil {
		return nil, err
	}
	return series, nil
}

// RenameSeries gives a series a new title; calendar feeds show it.
func (s *Service) RenameSeries(ctx context.Context, in RenameSeriesInput) (*ent.WorkshopSeries, error) {
	c := database.ClientFor(ctx, s.client)
	title := strings.TrimSpace(in.Title)
	if title == "" || len(title) > 200 {
		return nil, apierror.New(apierror.BadUserInput, "wss.title").OnField("input", "title")
	}
	series, err := manageableSeries(ctx, c, in.SeriesID)
	if err != nil {
		return nil, err
	}
	if series.Status == workshopseries.StatusCancelled {
		return nil, apierror.New(SeriesClosed, "wss.series_cancelled").OnField("input", "seriesID")
	}
	return c.WorkshopSeries.UpdateOne(series).SetTitle(title).Save(ctx)
}

// manageableSeries locks a series the viewer sees and may change.
func manageableSeries(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.WorkshopSeries, error) {
	series, err := lockSeries(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if err := access.CanManageWorkshopSeries(viewer.FromContext(ctx), series); err != nil {
		return nil, err
	}
	return series, nil
}
