package graph

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/graphql"

	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// Edge filters see what the viewer sees.
//
// An entgql where input turns hasBookingsWith: {…} into a subquery on the
// bookings table, which the ent privacy policy of Booking never sees: without
// more, an anonymous visitor filtering the public workshop series on a
// child's name would count bookings they cannot read. Every where input of
// the schema carries @scopedToViewer (added where they are generated, in
// ent/entc.go), which gqlgen runs as it decodes the input: on every path
// that decodes one (root connections, nested connections, the eager
// loading of nested connections) and at every depth, `not`, `and` and
// `or` included, since each nested input is decoded, and scoped, on its
// own. The directive adds to each edge filter the read scope of the edge's
// type, from access.ReadScope, the predicate the read rules apply.
//
// This was chosen over walking the arguments in a field middleware, which
// the eager loading (it decodes nested where arguments again, from the
// document) would bypass, and over overriding entgql's where-input
// template, which would fork 200 lines of generated code.

// scopedToViewer implements @scopedToViewer.
func scopedToViewer(clk clock.Clock) func(ctx context.Context, obj any, next graphql.Resolver) (any, error) {
	return func(ctx context.Context, _ any, next graphql.Resolver) (any, error) {
		decoded, err := next(ctx)
		if err != nil || decoded == nil {
			return decoded, err
		}
		where := reflect.New(reflect.TypeOf(decoded)).Elem()
		where.Set(reflect.ValueOf(decoded))
		if err := scopeEdges(ctx, clk, where); err != nil {
			return nil, err
		}
		return where.Interface(), nil
	}
}

// scopeEdges narrows the edge filters of one where input (an
// ent.XWhereInput struct): each has<Edge>With input gets the edge type's
// read scope, and the bare has<Edge> flag becomes "has a neighbour the
// viewer may read".
func scopeEdges(ctx context.Context, clk clock.Clock, where reflect.Value) error {
	typ := where.Type()
	for i := range typ.NumField() {
		f := typ.Field(i)
		edge, ok := strings.CutSuffix(f.Name, "With")
		if !ok || !strings.HasPrefix(edge, "Has") || f.Type.Kind() != reflect.Slice {
			continue
		}
		input := f.Type.Elem() // *ent.YWhereInput
		node, ok := strings.CutSuffix(input.Elem().Name(), "WhereInput")
		if !ok {
			continue
		}
		scope, known := access.ReadScope(ctx, clk, node)
		if !known {
			return fmt.Errorf("graph: no read scope for %s, filtered through %s.%s", node, typ.Name(), f.Name)
		}
		if scope == nil {
			continue // the viewer reads every record of the type
		}
		with := where.Field(i)
		for j := range with.Len() {
			addPredicate(with.Index(j), scope)
		}
		if flag := where.FieldByName(edge); flag.IsValid() && !flag.IsNil() {
			has := flag.Elem().Bool()
			flag.Set(reflect.Zero(flag.Type()))
			visible := reflect.New(input.Elem())
			addPredicate(visible, scope)
			if has {
				// Alongside other has<Edge>With conditions, which are scoped
				// already, "some visible neighbour" changes nothing else.
				with.Set(reflect.Append(with, visible))
				continue
			}
			// and: [{not: {has<Edge>With: [visible]}}]
			inner := reflect.New(typ)
			inner.Elem().Field(i).Set(reflect.Append(reflect.Zero(f.Type), visible))
			not := reflect.New(typ)
			not.Elem().FieldByName("Not").Set(inner)
			and := where.FieldByName("And")
			and.Set(reflect.Append(and, not))
		}
	}
	return nil
}

// addPredicate calls input.AddPredicates(predicate.Y(scope)).
func addPredicate(input reflect.Value, scope func(*sql.Selector)) {
	add := input.MethodByName("AddPredicates")
	p := reflect.ValueOf(scope).Convert(add.Type().In(0).Elem())
	add.Call([]reflect.Value{p})
}
