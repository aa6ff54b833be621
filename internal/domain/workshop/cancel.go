package workshop

import (
	"context"

	"github.com/reseau-liens/portal/internal/domain/webhook"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// CancelBooking cancels a booking and at once serves the waiting list
// with the freed seats (see promote). A retry with the same idempotency
// key returns the first result.
func (s *Service) CancelBooking(ctx context.Context, in CancelBookingInput) (*ent.Booking, *ent.WorkshopSeries, error) {
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
	// As the portal: a partner sees its bookings even in a series it no
	// longer sees (past, or hosted elsewhere).
	sys := viewer.SystemContext(ctx)
	series, err := lockSeries(sys, c, b.SeriesID)
	if err != nil {
		return nil, nil, err
	}
	if ids, err := replay(ctx, c, in.IdempotencyKey, opCancel, b.ID); err != nil || ids != nil {
		if err != nil {
			return nil, nil, err
		}
		b, err := c.Booking.Get(ctx, ids[0])
		return b, series, err
	}
	// Read again under the lock: a concurrent request may have changed it.
	b, err = c.Booking.Get(ctx, b.ID)
	if err != nil {
		return nil, nil, err
	}
	if b.Status == booking.StatusCancelled {
		return nil, nil, apierror.New(InvalidTransition, "ws.booking_cancelled").OnField("input", "bookingID")
	}

	b, err = c.Booking.UpdateOne(b).SetStatus(booking.StatusCancelled).SetCancelledAt(c.Clock.Now()).Save(ctx)
	if err != nil {
		return nil, nil, err
	}
	// Promotions run as the viewer who cancels (see access: they may only
	// confirm waiting bookings); the events are the portal's bookkeeping.
	promoted, err := promote(ctx, c, series)
	if err != nil {
		return nil, nil, err
	}
	if err := announceBookings(sys, c, webhook.BookingCancelled, b); err != nil {
		return nil, nil, err
	}
	if err := announceBookings(sys, c, webhook.BookingPromoted, promoted...); err != nil {
		return nil, nil, err
	}
	if err := remember(ctx, c, in.IdempotencyKey, opCancel, b.ID, []pulid.ID{b.ID}); err != nil {
		return nil, nil, err
	}
	if err := s.notifier.Announce(ctx, series.ID); err != nil {
		return nil, nil, err
	}
	return b, series, nil
}
