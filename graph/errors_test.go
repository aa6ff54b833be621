package graph_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/reseau-liens/portal/graph"
)

// TestResolverErrorsAndArgumentErrorsAreToldApart checks what the
// presenter makes of an error at a field's path (a resolver failed:
// INTERNAL, message hidden) and below it (an argument could not be read:
// BAD_USER_INPUT, message shown).
func TestResolverErrorsAndArgumentErrorsAreToldApart(t *testing.T) {
	t.Parallel()
	present := graph.ErrorPresenter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx := graphql.WithFieldContext(context.Background(), &graphql.FieldContext{
		Field: graphql.CollectedField{Field: &ast.Field{Alias: "families", Name: "families"}},
	})

	resolver := present(ctx, graphql.ErrorOnPath(ctx, errors.New(`pq: column "secret" does not exist`)))
	if resolver.Extensions["code"] != "INTERNAL" || strings.Contains(resolver.Message, "secret") {
		t.Fatalf("resolver error: %s %v", resolver.Message, resolver.Extensions)
	}

	argCtx := graphql.WithPathContext(ctx, graphql.NewPathWithField("where"))
	argument := present(ctx, graphql.ErrorOnPath(argCtx, errors.New("time should be RFC3339Nano formatted string")))
	if argument.Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(argument.Message, "RFC3339Nano") {
		t.Fatalf("argument error: %s %v", argument.Message, argument.Extensions)
	}
}
