package workshop

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/domain/webhook"
)

// bookingEvent is what a partner organisation learns of its own bookings
// through its webhooks: identifiers and status, as its staff see them in
// the API, and no child's name.
type bookingEvent struct {
	BookingID pulid.ID `json:"bookingId"`
	SeriesID  pulid.ID `json:"seriesId"`
	ChildID   pulid.ID `json:"childId"`
	Status    string   `json:"status"`
}

// announceBookings queues one webhook event per booking for the
// organisation that made it, in the request's transaction.
func announceBookings(ctx context.Context, c *ent.Client, kind string, bookings ...*ent.Booking) error {
	for _, b := range bookings {
		ev := bookingEvent{BookingID: b.ID, SeriesID: b.SeriesID, ChildID: b.ChildID, Status: b.Status.String()}
		if err := webhook.Emit(ctx, c, b.OrganisationID, kind, ev); err != nil {
			return err
		}
	}
	return nil
}

// confirmedOnly keeps the confirmed bookings: a waiting one is announced
// when it is promoted.
func confirmedOnly(bookings []*ent.Booking) []*ent.Booking {
	var out []*ent.Booking
	for _, b := range bookings {
		if b.Status == booking.StatusConfirmed {
			out = append(out, b)
		}
	}
	return out
}
