package audit

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// mutations records every change a person makes, one event per record
// (create, update or delete, with the type), in the same transaction: a
// change that cannot be traced fails.
func mutations(fallback *ent.Client) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			v := viewer.FromContext(ctx)
			if m.Type() == "AuditEvent" || v.IsSystem() || v.IsAnonymous() {
				return next.Mutate(ctx, m)
			}
			var ids []string
			if m.Op().Is(ent.OpUpdate | ent.OpDelete) {
				// Bulk changes: list the records before they change.
				if bulk, ok := m.(interface {
					IDs(context.Context) ([]pulid.ID, error)
				}); ok {
					found, err := bulk.IDs(viewer.SystemContext(ctx))
					if err != nil {
						return nil, err
					}
					for _, id := range found {
						ids = append(ids, string(id))
					}
				}
			}
			value, err := next.Mutate(ctx, m)
			if err != nil {
				return value, err
			}
			if one, ok := m.(interface{ ID() (pulid.ID, bool) }); ok && !m.Op().Is(ent.OpUpdate|ent.OpDelete) {
				if id, ok := one.ID(); ok {
					ids = []string{string(id)}
				}
			}
			action := actionOf(m.Op())
			entries := []entry{}
			for _, id := range ids {
				e := entry{action: action, recordType: m.Type(), recordID: id}
				if m.Op().Is(ent.OpCreate) {
					fromFields(m, &e)
				}
				entries = append(entries, e)
			}
			if len(entries) == 0 {
				entries = append(entries, entry{action: action, recordType: m.Type()})
			}
			if err := record(ctx, fallback, entries); err != nil {
				return nil, err
			}
			return value, nil
		})
	}
}

// actionOf names a mutation operation: create, update or delete.
func actionOf(op ent.Op) string {
	switch {
	case op.Is(ent.OpCreate):
		return "create"
	case op.Is(ent.OpUpdate | ent.OpUpdateOne):
		return "update"
	default:
		return "delete"
	}
}
