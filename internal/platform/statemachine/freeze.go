package statemachine

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"

	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// Freeze is the ent hook that keeps fields of a record unchanged once its
// status has left the editable ones (a quote's request once it is sent):
// an update of one row changing them is refused (INVALID_TRANSITION)
// unless its status is editable; an update of many rows only reaches the
// editable rows.
func Freeze[S ~string](field, record string, editable []S, frozen ...string) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, mu ent.Mutation) (ent.Value, error) {
			touched := slices.ContainsFunc(frozen, func(f string) bool {
				_, set := mu.Field(f)
				return set || mu.FieldCleared(f)
			})
			if !touched {
				return next.Mutate(ctx, mu)
			}
			switch {
			case mu.Op().Is(ent.OpUpdateOne):
				old, err := mu.OldField(ctx, field)
				if err != nil {
					return nil, err
				}
				if status := S(fmt.Sprint(old)); !slices.Contains(editable, status) {
					return nil, apierror.New(InvalidTransition, "transition.frozen", i18n.T("record."+record), Word(record, status))
				}
			case mu.Op().Is(ent.OpUpdate):
				w, ok := mu.(interface{ WhereP(...func(*sql.Selector)) })
				if !ok {
					return nil, fmt.Errorf("statemachine: %s mutation cannot be narrowed", mu.Type())
				}
				values := make([]any, len(editable))
				for i, s := range editable {
					values[i] = string(s)
				}
				w.WhereP(sql.FieldIn(field, values...))
			}
			return next.Mutate(ctx, mu)
		})
	}
}
