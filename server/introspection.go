package server

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// IntrospectionDisabled is the code of an introspection query refused
// under PORTAL_INTROSPECTION=false.
const IntrospectionDisabled = "INTROSPECTION_DISABLED"

// noIntrospection refuses, before execution, an operation that selects
// __schema anywhere (fragments included), and answers __type(name:) with
// null whatever the name: a null discloses nothing, and the GraphQL over
// HTTP audit (graphql-http, 28B9) expects __type to answer. Without it
// gqlgen answers both with a bare error, which the presenter can only call
// INTERNAL and log. __typename stays allowed: clients need it.
type noIntrospection struct{}

var (
	_ graphql.HandlerExtension        = noIntrospection{}
	_ graphql.OperationContextMutator = noIntrospection{}
	_ graphql.FieldInterceptor        = noIntrospection{}
)

// ExtensionName implements graphql.HandlerExtension.
func (noIntrospection) ExtensionName() string { return "PortalNoIntrospection" }

// Validate implements graphql.HandlerExtension.
func (noIntrospection) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (noIntrospection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || !selectsSchema(oc.Doc, oc.Operation.SelectionSet, map[string]bool{}) {
		return nil
	}
	return &gqlerror.Error{
		Message:    i18n.T("request.introspection_disabled").In(i18n.FromContext(ctx)),
		Extensions: map[string]any{"code": IntrospectionDisabled},
	}
}

// InterceptField implements graphql.FieldInterceptor: Query.__type is
// null, as for a name the schema does not have.
func (noIntrospection) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Object == "Query" && fc.Field.Name == "__type" {
		return nil, nil
	}
	return next(ctx)
}

// selectsSchema reports whether set selects __schema; seen guards
// against visiting a fragment twice.
func selectsSchema(doc *ast.QueryDocument, set ast.SelectionSet, seen map[string]bool) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || selectsSchema(doc, s.SelectionSet, seen) {
				return true
			}
		case *ast.InlineFragment:
			if selectsSchema(doc, s.SelectionSet, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			if def := doc.Fragments.ForName(s.Name); def != nil && selectsSchema(doc, def.SelectionSet, seen) {
				return true
			}
		}
	}
	return false
}
