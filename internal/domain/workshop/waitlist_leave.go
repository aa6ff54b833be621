package workshop

import (
	"context"
	"fmt"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/domain/webhook"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// LeaveWaitingListInput takes a waiting request off the waiting list.
type LeaveWaitingListInput struct {
	// BookingID is any waiting booking of the request.
	BookingID      pulid.ID
	IdempotencyKey string
}

const opLeave = "leaveWaitingList"

// LeaveWaitingList cancels every waiting booking of the request a waiting
// booking belongs to (its entry of the waiting list: a group leaves
// whole; its confirmed children keep their seats), then serves the list,
// as the seats the entry held may now go to those behind it. A retry with
// the same idempotency key returns the first result.
func (s *Service) LeaveWaitingList(ctx context.Context, in LeaveWaitingListInput) ([]*ent.Booking, *ent.WorkshopSeries, error) {
	c := database.ClientFor(ctx, s.client)
	if err := checkKey(in.IdempotencyKey); err != nil {
		return nil, nil, err
	}
	b, err := c.Booking.Get(ctx, in.BookingID) // the viewer must see the booking
	if ent.IsNotFound(err) {
		return nil, nil, apierror.New(apierror.NotFound, "not_found.booking").OnField("input", "bookingID")
	}
	if err != nil {
		return nil, nil, err
	}
	sys := viewer.SystemContext(ctx)
	series, err := lockSeries(sys, c, b.SeriesID)
	if err != nil {
		return nil, nil, err
	}
	if ids, err := replay(ctx, c, in.IdempotencyKey, opLeave, b.ID); err != nil || ids != nil {
		if err != nil {
			return nil, nil, err
		}
		left, err := c.Booking.Query().Where(booking.IDIn(ids...)).Order(booking.ByPosition()).All(ctx)
		return left, series, err
	}
	// Read again under the lock: a concurrent request may have promoted it.
	b, err = c.Booking.Get(ctx, b.ID)
	if err != nil {
		return nil, nil, err
	}
	if b.Status != booking.StatusWaiting {
		return nil, nil, apierror.New(InvalidTransition, "ws.not_waiting").OnField("input", "bookingID")
	}
	entry := booking.ID(b.ID)
	if b.GroupKey != nil {
		entry = booking.GroupKey(*b.GroupKey)
	}
	ids, err := c.Booking.Query().
		Where(booking.SeriesID(series.ID), booking.StatusEQ(booking.StatusWaiting), entry).
		Order(booking.ByPosition()).IDs(ctx)
	if err != nil {
		return nil, nil, err
	}
	n, err := c.Booking.Update().Where(booking.IDIn(ids...)).
		SetStatus(booking.StatusCancelled).SetCancelledAt(c.Clock.Now()).Save(ctx)
	if err != nil {
		return nil, nil, err
	}
	if n != len(ids) {
		return nil, nil, fmt.Errorf("leave the waiting list: %d of %d bookings cancelled", n, len(ids))
	}
	left, err := c.Booking.Query().Where(booking.IDIn(ids...)).Order(booking.ByPosition()).All(ctx)
	if err != nil {
		return nil, nil, err
	}
	// Promotions run as the viewer who leaves, as for a cancellation.
	promoted, err := promote(ctx, c, series)
	if err != nil {
		return nil, nil, err
	}
	if err := announceBookings(sys, c, webhook.BookingCancelled, left...); err != nil {
		return nil, nil, err
	}
	if err := announceBookings(sys, c, webhook.BookingPromoted, promoted...); err != nil {
		return nil, nil, err
	}
	if err := remember(ctx, c, in.IdempotencyKey, opLeave, b.ID, ids); err != nil {
		return nil, nil, err
	}
	if err := s.notifier.Announce(ctx, series.ID); err != nil {
		return nil, nil, err
	}
	return left, series, nil
}
