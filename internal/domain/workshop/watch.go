package workshop

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// WatchSeats streams the seats of a series the viewer can see: the
// current state first, then the new state after each announced change
// (repeats are dropped), until ctx ends.
func (s *Service) WatchSeats(ctx context.Context, seriesID pulid.ID) (<-chan *SeatsUpdate, error) {
	if _, err := s.client.WorkshopSeries.Get(ctx, seriesID); ent.IsNotFound(err) {
		return nil, apierror.New(apierror.NotFound, "not_found.series")
	} else if err != nil {
		return nil, err
	}
	signals, err := s.notifier.Subscribe(ctx, seriesID)
	if err != nil {
		return nil, err
	}
	out := make(chan *SeatsUpdate, 1)
	go func() {
		defer close(out)
		var last *SeatsUpdate
		for {
			u, err := s.currentSeats(ctx, seriesID)
			if err == nil && (last == nil || *u != *last) {
				select {
				case out <- u:
					last = u
				case <-ctx.Done():
					return
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-signals:
			}
		}
	}()
	return out, nil
}

func (s *Service) currentSeats(ctx context.Context, seriesID pulid.ID) (*SeatsUpdate, error) {
	// As the portal: counts only, for any viewer who can see the series.
	sys := viewer.SystemContext(ctx)
	series, err := s.client.WorkshopSeries.Get(sys, seriesID)
	if err != nil {
		return nil, err
	}
	counts, err := countSeats(sys, s.client, []pulid.ID{seriesID})
	if err != nil {
		return nil, err
	}
	sc := counts[seriesID]
	return &SeatsUpdate{SeriesID: seriesID, FreeSeats: FreeSeats(series.Capacity, sc.Confirmed), WaitingCount: sc.Waiting}, nil
}
