package graph

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

func TestListsAreMarshalledInTurnEachElementAtItsIndex(t *testing.T) {
	quiet := func(_ context.Context, r any) error { return fmt.Errorf("panic: %v", r) }
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, quiet)
	var order []int
	got := marshalInTurn(ctx, 3, 1, false, func(ctx context.Context, i int) graphql.Marshaler {
		order = append(order, *graphql.GetFieldContext(ctx).Index)
		if i == 1 {
			panic("boom")
		}
		return graphql.MarshalInt(i)
	})
	if len(order) != 3 || order[0] != 0 || order[1] != 1 || order[2] != 2 {
		t.Fatalf("elements marshalled at indexes %v, want [0 1 2] in turn", order)
	}
	var out bytes.Buffer
	got.MarshalGQL(&out)
	if out.String() != "[0,null,2]" {
		t.Errorf("marshalled %s, want the panicking element null: [0,null,2]", out.String())
	}
	errs := graphql.GetErrors(ctx)
	if len(errs) != 1 || len(errs[0].Path) != 1 || errs[0].Path[0] != ast.PathIndex(1) {
		t.Errorf("errors %v, want one, at index 1", errs)
	}
}
