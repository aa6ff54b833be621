package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// marshalInTurn marshals a list one element after the other, in place of
// gqlgen's graphql.MarshalSliceConcurrently, which starts a goroutine per
// element even when worker_limit lets only one run at a time. Everything a
// list shows is loaded before it is marshalled (eager loading, package
// batchload), so the goroutines only cost their start and the growth of
// their stacks: an eighth of the CPU of a page of workshop series.
// graph/gqlgen.go puts the calls in place when it generates the executor;
// the signature is gqlgen's, and so is the handling of a panicking element.
func marshalInTurn(
	ctx context.Context,
	length int,
	_ int64, // gqlgen's worker limit: one at a time here
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	for i := range length {
		childCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		if omitPanicHandler {
			ret[i] = marshalElement(childCtx, i)
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					graphql.AddError(childCtx, graphql.Recover(childCtx, r))
					ret[i] = graphql.Null
				}
			}()
			ret[i] = marshalElement(childCtx, i)
		}()
	}
	return ret
}
