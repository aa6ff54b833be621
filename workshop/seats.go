package workshop

import (
	"context"
	"sync"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/booking"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/viewer"
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

// SeatLoader batches the seat counts of the series a request reads: the
// series loaded by any query of the request are registered (see
// RegisterSeries), and the first count asked loads them all in one
// GROUP BY, so a page of series costs one query, not one per series.
type SeatLoader struct {
	mu      sync.Mutex
	pending map[pulid.ID]bool
	counts  map[pulid.ID]SeatCounts
}

type seatLoaderKey struct{}

// WithSeatLoader returns ctx with a fresh loader for one request.
func WithSeatLoader(ctx context.Context) context.Context {
	return context.WithValue(ctx, seatLoaderKey{}, &SeatLoader{
		pending: map[pulid.ID]bool{}, counts: map[pulid.ID]SeatCounts{},
	})
}

// RegisterSeries is an ent interceptor: it notes the series every query
// of the request loads, so that their counts are fetched together.
func RegisterSeries() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			l, _ := ctx.Value(seatLoaderKey{}).(*SeatLoader)
			if nodes, ok := v.([]*ent.WorkshopSeries); ok && l != nil {
				l.mu.Lock()
				for _, n := range nodes {
					if _, done := l.counts[n.ID]; !done {
						l.pending[n.ID] = true
					}
				}
				l.mu.Unlock()
			}
			return v, err
		})
	})
}

// Seats returns the counts of a series, batched with the other series of
// the request when a loader is in ctx.
func (s *Service) Seats(ctx context.Context, seriesID pulid.ID) (SeatCounts, error) {
	l, _ := ctx.Value(seatLoaderKey{}).(*SeatLoader)
	// As the portal: counts, not children, and anonymous visitors see them too.
	sys := viewer.SystemContext(ctx)
	if l == nil {
		m, err := countSeats(sys, s.clientFor(ctx), []pulid.ID{seriesID})
		return m[seriesID], err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if sc, ok := l.counts[seriesID]; ok {
		return sc, nil
	}
	l.pending[seriesID] = true
	ids := make([]pulid.ID, 0, len(l.pending))
	for id := range l.pending {
		ids = append(ids, id)
	}
	m, err := countSeats(sys, s.clientFor(ctx), ids)
	if err != nil {
		return SeatCounts{}, err
	}
	for _, id := range ids {
		l.counts[id] = m[id]
		delete(l.pending, id)
	}
	return l.counts[seriesID], nil
}

// SeatsUpdate is the state of a series' seats pushed to subscribers.
type SeatsUpdate struct {
	SeriesID     pulid.ID
	FreeSeats    int
	WaitingCount int
}
