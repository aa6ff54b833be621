package schema

import (
	"context"
	"fmt"

	"entgo.io/ent"

	"github.com/reseau-liens/portal/ent/hook"
)

// foldedFrom returns a hook that keeps the string field target equal to
// fold(sources' values), whoever writes them: on a partial edit of one
// record, the sources not edited are read back. Bulk edits of the sources
// are refused, as the derived value differs per record.
func foldedFrom(target string, fold func(...string) string, sources ...string) ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			values := make([]string, len(sources))
			touched := false
			for i, name := range sources {
				if v, ok := m.Field(name); ok {
					values[i], touched = v.(string), true
				}
			}
			if !touched {
				return next.Mutate(ctx, m)
			}
			if !m.Op().Is(ent.OpCreate) {
				if !m.Op().Is(ent.OpUpdateOne) {
					return nil, fmt.Errorf("%s: edit %v one record at a time", m.Type(), sources)
				}
				for i, name := range sources {
					if _, ok := m.Field(name); ok {
						continue
					}
					old, err := m.OldField(ctx, name)
					if err != nil {
						return nil, err
					}
					values[i], _ = old.(string)
				}
			}
			if err := m.SetField(target, fold(values...)); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}
