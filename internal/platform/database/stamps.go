package database

import (
	"context"
	"time"

	"entgo.io/ent"

	gen "github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// stampTimes fills, from the portal's clock, the fields that record when a
// row was written: created_at and updated_at, and the creation stamps the
// schema lists (schema.CreationStamps). A value the code set is kept.
func stampTimes(c clock.Clock) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			now := c.Now()
			if m.Op().Is(ent.OpCreate) {
				if s, ok := m.(creationStamped); ok {
					if _, set := s.CreatedAt(); !set {
						s.SetCreatedAt(now)
					}
				}
				for _, name := range schema.CreationStamps[m.Type()] {
					if _, set := m.Field(name); !set {
						if err := m.SetField(name, now); err != nil {
							return nil, err
						}
					}
				}
			}
			if s, ok := m.(updateStamped); ok && m.Op().Is(ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne) {
				if _, set := s.UpdatedAt(); !set {
					s.SetUpdatedAt(now)
				}
			}
			return next.Mutate(ctx, m)
		})
	}
}

type creationStamped interface {
	CreatedAt() (time.Time, bool)
	SetCreatedAt(time.Time)
}

type updateStamped interface {
	UpdatedAt() (time.Time, bool)
	SetUpdatedAt(time.Time)
}

// installStamps puts stampTimes in front of every type's hooks.
func installStamps(client *gen.Client, c clock.Clock) { client.Use(stampTimes(c)) }
