package accompaniment

import (
	"context"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/ent"
	entacc "github.com/reseau-liens/portal/ent/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// lockForUpdate locks the selected rows until the transaction ends, on
// PostgreSQL. SQLite has no row locks and needs none: its transactions are
// IMMEDIATE (see package database), so writers are already serial.
func lockForUpdate(s *sql.Selector) {
	if s.Dialect() == dialect.Postgres {
		s.ForUpdate()
	}
}

// load reads an accompaniment the viewer can see, locked for the step.
func load(ctx context.Context, c *ent.Client, id pulid.ID) (*ent.Accompaniment, error) {
	q := c.Accompaniment.Query().Where(entacc.ID(id))
	q.Modify(lockForUpdate)
	a, err := q.Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound("input", "accompanimentID")
	}
	return a, err
}
