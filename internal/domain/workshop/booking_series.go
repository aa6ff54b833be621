package workshop

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/partnerlink"
	"github.com/reseau-liens/portal/ent/programme"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/domain/webhook"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// bookedSeries is a series locked for a booking with what the booking
// checks beside it, read in the same statement: the minimum age of its
// programme (public), the status of the booking organisation's link with
// its provider (network.CheckLink) and whether the organisation has
// webhook endpoints to tell (webhook.ActiveEndpoints). The series lock
// guards none of them (unlike the seats, counted by a statement issued
// once it is held), so reading them as the statement starts, perhaps
// before it waits for the lock, is as good as reading them after.
type bookedSeries struct {
	*ent.WorkshopSeries
	minimumAge *int
	link       *partnerlink.Status
	listening  bool
}

// The columns lockSeriesToBook adds to the series' own.
const (
	minimumAgeColumn = "booking_minimum_age"
	linkColumn       = "booking_link_status"
	endpointsColumn  = "booking_active_endpoints"
)

// lockSeriesToBook locks a series for a booking by org (see lockSeries)
// and reads what the booking checks beside it.
func lockSeriesToBook(ctx context.Context, c *ent.Client, id, org pulid.ID) (*bookedSeries, error) {
	series, err := lockSeries(ctx, c, id, func(s *sql.Selector) {
		p := sql.Table(programme.Table)
		s.AppendSelectExprAs(sql.Select(p.C(programme.FieldMinimumAge)).From(p).
			Where(sql.ColumnsEQ(p.C(programme.FieldID), s.C(workshopseries.FieldProgrammeID))), minimumAgeColumn)
		s.AppendSelectExprAs(network.LinkStatus(s.C(workshopseries.FieldProviderID), org), linkColumn)
		s.AppendSelectExprAs(webhook.ActiveEndpoints(org), endpointsColumn)
	})
	if err != nil {
		return nil, err
	}
	out := &bookedSeries{WorkshopSeries: series}
	if out.minimumAge, err = column(series, minimumAgeColumn, database.NullInt); err != nil {
		return nil, err
	}
	if out.link, err = column(series, linkColumn, network.ParseLinkStatus); err != nil {
		return nil, err
	}
	endpoints, err := column(series, endpointsColumn, database.NullInt)
	if err != nil {
		return nil, err
	}
	out.listening = endpoints != nil && *endpoints > 0
	return out, nil
}

// column reads a column added to a series' query.
func column[T any](s *ent.WorkshopSeries, name string, parse func(any) (T, error)) (T, error) {
	v, err := s.Value(name)
	if err != nil {
		var zero T
		return zero, err
	}
	return parse(v)
}
