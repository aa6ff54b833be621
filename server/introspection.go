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
// __schema or __type anywhere (fragments included). Without it gqlgen
// answers such fields with a bare error, which the presenter can only call
// INTERNAL and log. __typename stays allowed: clients need it.
type noIntrospection struct{}

var (
	_ graphql.HandlerExtension        = noIntrospection{}
	_ graphql.OperationContextMutator = noIntrospection{}
)

// ExtensionName implements graphql.HandlerExtension.
func (noIntrospection) ExtensionName() string { return "PortalNoIntrospection" }

// Validate implements graphql.HandlerExtension.
func (noIntrospection) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (noIntrospection) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || !introspects(oc.Doc, oc.Operation.SelectionSet, map[string]bool{}) {
		return nil
	}
	return &gqlerror.Error{
		Message:    i18n.T("request.introspection_disabled").In(i18n.FromContext(ctx)),
		Extensions: map[string]any{"code": IntrospectionDisabled},
	}
}

// introspects reports whether set selects __schema or __type; seen
// guards against visiting a fragment twice.
func introspects(doc *ast.QueryDocument, set ast.SelectionSet, seen map[string]bool) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" || introspects(doc, s.SelectionSet, seen) {
				return true
			}
		case *ast.InlineFragment:
			if introspects(doc, s.SelectionSet, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			if def := doc.Fragments.ForName(s.Name); def != nil && introspects(doc, def.SelectionSet, seen) {
				return true
			}
		}
	}
	return false
}
