package audit

import (
	"context"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

type clientAddressKey struct{}

// WithClientAddress returns ctx carrying the address of the client that
// made the request, as the server established it.
func WithClientAddress(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddressKey{}, addr)
}

// ClientAddress returns the client address of ctx, or "".
func ClientAddress(ctx context.Context) string {
	addr, _ := ctx.Value(clientAddressKey{}).(string)
	return addr
}

type operationKey struct{}

// WithOperation returns ctx naming the operation its reads and writes
// belong to, for what is not a GraphQL operation (an export).
func WithOperation(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, operationKey{}, name)
}

// operation names the request's operation: the GraphQL operation's name,
// or its type and root fields when it has none ("query families,node").
func operation(ctx context.Context) string {
	if name, ok := ctx.Value(operationKey{}).(string); ok {
		return name
	}
	if !graphql.HasOperationContext(ctx) {
		return ""
	}
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil {
		return oc.OperationName
	}
	if oc.Operation.Name != "" {
		return string(oc.Operation.Operation) + " " + oc.Operation.Name
	}
	var fields []string
	for _, s := range oc.Operation.SelectionSet {
		if f, ok := s.(*ast.Field); ok && f.Name != "__typename" {
			fields = append(fields, f.Name)
		}
	}
	slices.Sort(fields)
	return string(oc.Operation.Operation) + " " + strings.Join(slices.Compact(fields), ",")
}
