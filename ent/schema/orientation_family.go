package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/hook"
)

// copiedFromFamily fills an orientation's provider and family reference
// from its family when it is recorded: the receiving organisation reads
// the reference without reading the family, and the @sensitive note is
// decided on the provider. The family is read as the recorder, who
// follows it (see access.WriteOrientations).
func copiedFromFamily() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.OrientationFunc(func(ctx context.Context, m *gen.OrientationMutation) (gen.Value, error) {
			id, ok := m.FamilyID()
			if !ok {
				return next.Mutate(ctx, m)
			}
			fam, err := m.Client().Family.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			m.SetProviderID(fam.ProviderID)
			m.SetFamilyReference(fam.Reference)
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}
