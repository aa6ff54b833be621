// Package statemachine holds the one form of the portal's status machines
// (an accompaniment's, a partner link's, a quote's, a booking's) and the
// ent hook that enforces them where rows are written, so that no code
// path can move a record along a step its machine does not have.
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

// InvalidTransition is the code of a move the machine does not have.
const InvalidTransition = apierror.Code("INVALID_TRANSITION")

// Machine lists, for each status, the statuses it may move to (source →
// targets). A status that is not a key is final.
type Machine[S ~string] map[S][]S

// CanMove reports whether the machine moves from → to.
func (m Machine[S]) CanMove(from, to S) bool { return slices.Contains(m[from], to) }

// Sources lists the statuses that may move to to.
func (m Machine[S]) Sources(to S) []S {
	var out []S
	for from, targets := range m {
		if slices.Contains(targets, to) {
			out = append(out, from)
		}
	}
	slices.Sort(out)
	return out
}

// IsFinal reports whether nothing leaves s.
func (m Machine[S]) IsFinal(s S) bool { return len(m[s]) == 0 }

// Statuses lists every status the machine names, sorted.
func (m Machine[S]) Statuses() []S {
	var out []S
	for from, targets := range m {
		out = append(out, from)
		out = append(out, targets...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Check refuses a move the machine does not have, with a message for
// people: record names the kind of record in the catalogue
// ("accompaniment": "record.accompaniment", "status.accompaniment.…").
func (m Machine[S]) Check(record string, from, to S) error {
	if m.CanMove(from, to) {
		return nil
	}
	return apierror.New(InvalidTransition, "transition.invalid", i18n.T("record."+record), Word(record, from), Word(record, to))
}

// Word is the status s of a kind of record as people read it ("en
// cours", "accepté"): the catalogue's "status.<record>.<STATUS>".
func Word[S ~string](record string, s S) i18n.Message {
	return i18n.T("status." + record + "." + string(s))
}

// Guard is the ent hook that enforces m on the field of a schema: an
// update of one row is refused (INVALID_TRANSITION) unless its old status
// may move to the new one; an update of many rows only reaches the rows
// whose status may move there. Creation is free: a row starts where its
// code says (the demo, a continued accompaniment).
func Guard[S ~string](field, record string, m Machine[S]) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, mu ent.Mutation) (ent.Value, error) {
			v, set := mu.Field(field)
			if !set {
				return next.Mutate(ctx, mu)
			}
			to := S(fmt.Sprint(v))
			switch {
			case mu.Op().Is(ent.OpUpdateOne):
				old, err := mu.OldField(ctx, field)
				if err != nil {
					return nil, err
				}
				if from := S(fmt.Sprint(old)); from != to {
					if err := m.Check(record, from, to); err != nil {
						return nil, err
					}
				}
			case mu.Op().Is(ent.OpUpdate):
				w, ok := mu.(interface{ WhereP(...func(*sql.Selector)) })
				if !ok {
					return nil, fmt.Errorf("statemachine: %s mutation cannot be narrowed", mu.Type())
				}
				sources := m.Sources(to)
				values := make([]any, len(sources))
				for i, s := range sources {
					values[i] = string(s)
				}
				if len(values) == 0 {
					w.WhereP(func(s *sql.Selector) { s.Where(sql.False()) })
				} else {
					w.WhereP(sql.FieldIn(field, values...))
				}
			}
			return next.Mutate(ctx, mu)
		})
	}
}
