// Package eagerload marks the context of the queries that load the edges
// of nodes already read: the generated ent code (ent/template/eagerload.tmpl)
// sets the marker, the read rules (internal/access) read it to filter a
// nested load by its parents' ids alone where the parents' rule already
// implies the children's, instead of re-checking the whole scope.
package eagerload

import "context"

type key struct{}

// FromParents returns ctx marked as the context of queries that load the
// edges of nodes of the ent type parent, which passed its read rule.
func FromParents(ctx context.Context, parent string) context.Context {
	if p, _ := ctx.Value(key{}).(string); p == parent {
		return ctx
	}
	return context.WithValue(ctx, key{}, parent)
}

// Parent returns the ent type of the nodes whose edges a query in ctx
// loads, if it is such a query.
func Parent(ctx context.Context) (string, bool) {
	p, ok := ctx.Value(key{}).(string)
	return p, ok
}
