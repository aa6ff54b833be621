package workshop

import (
	"context"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/workshopseries"
	"github.com/reseau-liens/portal/internal/platform/apierror"
)

// lockSeries reads a series and, on PostgreSQL, locks its row until the
// transaction ends, so that bookings of one series are counted and written
// one request at a time, across portal processes. SQLite has no row locks
// (and refuses FOR UPDATE) but its transactions are IMMEDIATE: a writer
// holds the database lock from its first statement. columns add to the
// statement what a step checks beside the series (see lockSeriesToBook);
// they are subqueries, read as the statement starts: what must be read
// after the lock is held (the seats) needs a statement of its own.
func lockSeries(ctx context.Context, c *ent.Client, id pulid.ID, columns ...func(*sql.Selector)) (*ent.WorkshopSeries, error) {
	s, err := c.WorkshopSeries.Query().Where(workshopseries.ID(id)).
		Modify(func(s *sql.Selector) {
			for _, add := range columns {
				add(s)
			}
			if s.Dialect() == dialect.Postgres {
				s.ForUpdate()
			}
		}).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apierror.New(apierror.NotFound, "not_found.series").OnField("input", "seriesID")
	}
	return s, err
}
