package workshop

import (
	"context"
	"fmt"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// The waiting list of a series is fair: it is a list of entries, one per
// request (a single child, or the waiting children of a request for
// several, siblings or a class), served strictly in arrival order. An
// entry that fits the free seats is confirmed whole; one that does not
// fit takes the seats for its first children if its booker allowed
// splitting, and otherwise holds them until enough are free: a later,
// smaller request never passes it. Every change of seats (a booking, a
// cancellation, a request leaving the list) runs under the series lock,
// so the list is served one change at a time across portal processes.

// waitingEntry is one entry of the waiting list: its waiting bookings in
// the order given by the booker, at the position of the first.
type waitingEntry struct {
	ids   []pulid.ID
	split bool
}

// take is how many bookings of the entry free seats confirm: all of them,
// the first ones when splitting is allowed, or none, which stops the list.
func (e waitingEntry) take(free int) int {
	switch {
	case len(e.ids) <= free:
		return len(e.ids)
	case e.split:
		return free
	default:
		return 0
	}
}

// waitingEntries groups waiting bookings, in arrival order, into entries.
func waitingEntries(waiting []*ent.Booking) []*waitingEntry {
	var entries []*waitingEntry
	groups := map[string]*waitingEntry{}
	for _, w := range waiting {
		if w.GroupKey == nil {
			entries = append(entries, &waitingEntry{ids: []pulid.ID{w.ID}, split: true})
			continue
		}
		e, ok := groups[*w.GroupKey]
		if !ok {
			e = &waitingEntry{split: w.SplitAllowed}
			groups[*w.GroupKey] = e
			entries = append(entries, e)
		}
		e.ids = append(e.ids, w.ID)
	}
	return entries
}

// promote serves the waiting list of a locked series with its free seats
// (see above) and returns the bookings it confirmed, in arrival order.
func promote(ctx context.Context, c *ent.Client, series *ent.WorkshopSeries) ([]*ent.Booking, error) {
	// As the portal: the waiting list holds other partners' bookings,
	// which the viewer may not read (but may promote, see access).
	sys := viewer.SystemContext(ctx)
	counts, err := countSeats(sys, c, []pulid.ID{series.ID})
	if err != nil {
		return nil, err
	}
	free := FreeSeats(series.Capacity, counts[series.ID].Confirmed)
	if free == 0 || counts[series.ID].Waiting == 0 {
		return nil, nil
	}
	waiting, err := c.Booking.Query().
		Where(booking.SeriesID(series.ID), booking.StatusEQ(booking.StatusWaiting)).
		Order(booking.ByPosition(), booking.ByRequestedAt(), booking.ByID()).
		All(sys)
	if err != nil {
		return nil, err
	}
	var promoted []pulid.ID
	for _, e := range waitingEntries(waiting) {
		n := e.take(free)
		if n == 0 {
			break // the entry holds the seats left
		}
		promoted = append(promoted, e.ids[:n]...)
		free -= n
	}
	if len(promoted) == 0 {
		return nil, nil
	}
	// One UPDATE for the whole promotion: all of it, or nothing.
	n, err := c.Booking.Update().Where(booking.IDIn(promoted...)).
		SetStatus(booking.StatusConfirmed).SetConfirmedAt(c.Clock.Now()).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n != len(promoted) {
		return nil, fmt.Errorf("promote: %d of %d waiting bookings confirmed", n, len(promoted))
	}
	return c.Booking.Query().Where(booking.IDIn(promoted...)).Order(booking.ByPosition()).All(sys)
}

// splitAllowed is whether the waiting children of a request may be
// confirmed some before the others: as the booker says, or as its policy
// implies. A request to be confirmed as one group cannot be split.
func splitAllowed(in BookChildrenInput) (bool, error) {
	switch {
	case in.AllowSplit == nil:
		return in.Policy == ConfirmWhatFits, nil
	case *in.AllowSplit && in.Policy == AsOneGroup:
		return false, apierror.New(apierror.BadUserInput, "ws.group_not_split").OnField("input", "allowSplit")
	default:
		return *in.AllowSplit, nil
	}
}

// seatsForNewcomers is how many of a series' free seats a new request may
// take: none while anyone waits, as the seats left are then held by the
// entry at the head of the list (promote has served the others).
func seatsForNewcomers(capacity int, taken seriesSeats) int {
	if taken.waiting > 0 {
		return 0
	}
	return FreeSeats(capacity, taken.confirmed)
}

// settle serves the waiting list of a locked series before a new request
// is served. Seats are free while children wait only when the entry at
// the head holds them, and then nothing is promoted; but a list left
// unserved (bookings written before the list was fair) is served first,
// so that no newcomer passes it.
func settle(ctx context.Context, c *ent.Client, series *ent.WorkshopSeries, taken seriesSeats) ([]*ent.Booking, seriesSeats, error) {
	if taken.waiting == 0 || FreeSeats(series.Capacity, taken.confirmed) == 0 {
		return nil, taken, nil
	}
	promoted, err := promote(ctx, c, series)
	if err != nil {
		return nil, taken, err
	}
	taken.confirmed += len(promoted)
	taken.waiting -= len(promoted)
	return promoted, taken, nil
}
