package workshop

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/batchload"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// SeatCounts are the live bookings of a series.
type SeatCounts struct {
	Confirmed, Waiting int
}

// FreeSeats is the number of seats no confirmed booking takes.
func FreeSeats(capacity, confirmed int) int { return max(capacity-confirmed, 0) }

// countSeats counts the confirmed and waiting bookings of series in one
// GROUP BY. ctx must be the portal's: the counts cover every partner.
func countSeats(ctx context.Context, c *ent.Client, ids []pulid.ID) (map[pulid.ID]SeatCounts, error) {
	var rows []struct {
		SeriesID pulid.ID       `json:"series_id"`
		Status   booking.Status `json:"status"`
		Count    int            `json:"count"`
	}
	err := c.Booking.Query().
		Where(booking.SeriesIDIn(ids...), booking.StatusIn(booking.StatusConfirmed, booking.StatusWaiting)).
		GroupBy(booking.FieldSeriesID, booking.FieldStatus).
		Aggregate(ent.Count()).
		Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make(map[pulid.ID]SeatCounts, len(ids))
	for _, r := range rows {
		sc := out[r.SeriesID]
		if r.Status == booking.StatusConfirmed {
			sc.Confirmed = r.Count
		} else {
			sc.Waiting = r.Count
		}
		out[r.SeriesID] = sc
	}
	return out, nil
}

var seatLoads = batchload.NewKey[SeatCounts]()

// SeatsLoadedWithSeries is the interceptor, for the query of workshop
// series, that lets Seats batch a request's pages: a page of series costs
// one GROUP BY, not one per series.
func SeatsLoadedWithSeries() ent.Interceptor {
	return batchload.Expecting(seatLoads, func(s *ent.WorkshopSeries) pulid.ID { return s.ID })
}

// Seats returns the counts of a series, batched with the other series of
// the request.
func (s *Service) Seats(ctx context.Context, seriesID pulid.ID) (SeatCounts, error) {
	return seatLoads.Load(ctx, seriesID, func(ctx context.Context, ids []pulid.ID) (map[pulid.ID]SeatCounts, error) {
		// As the portal: counts, not children, and anonymous visitors see them too.
		return countSeats(viewer.SystemContext(ctx), database.ClientFor(ctx, s.client), ids)
	})
}

// SeatsUpdate is the state of a series' seats pushed to subscribers.
type SeatsUpdate struct {
	SeriesID     pulid.ID
	FreeSeats    int
	WaitingCount int
}
