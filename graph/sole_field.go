package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// soleFieldOfItsName tells whether the field being resolved is the only
// field of its name in its parent's selection: a batch loader shaped by
// one caller's selection serves every caller only then (two aliases of one
// field may select different sub-fields).
func soleFieldOfItsName(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return false
	}
	parent := fc.Parent
	for parent != nil && parent.Index != nil { // an element of a list
		parent = parent.Parent
	}
	if parent == nil || parent.Field.Field == nil {
		return false
	}
	op := graphql.GetOperationContext(ctx)
	n := 0
	for _, f := range graphql.CollectFields(op, parent.Field.Selections, []string{fc.Object}) {
		if f.Name == fc.Field.Name {
			n++
		}
	}
	return n == 1
}
