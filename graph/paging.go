package graph

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator/core"

	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// Page sizes of every connection, root or nested: a connection asked
// without `first` or `last` gets DefaultPageSize items, and no page may
// exceed MaxPageSize, so that no query ever returns a whole table.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// isConnection reports whether a field is a Relay connection.
func isConnection(def *ast.FieldDefinition) bool {
	return def != nil && def.Arguments.ForName("first") != nil && def.Arguments.ForName("last") != nil &&
		strings.HasSuffix(def.Type.Name(), "Connection")
}

// PageSizeRule is a validation rule: it gives every connection field asked
// without `first`/`last` an explicit `first: DefaultPageSize` (so that the
// eager loader and the resolver see the same bound) and refuses literal
// page sizes out of range. Validated documents are cached, so the rewrite
// happens once per distinct query, before the document is shared.
var PageSizeRule = core.Rule{
	Name: "PortalPageSize",
	RuleFunc: func(observers *core.Events, addError core.AddErrFunc) {
		observers.OnField(func(_ *core.Walker, field *ast.Field) {
			if !isConnection(field.Definition) {
				return
			}
			first, last := field.Arguments.ForName("first"), field.Arguments.ForName("last")
			if first == nil && last == nil {
				field.Arguments = append(field.Arguments, &ast.Argument{
					Name:     "first",
					Value:    &ast.Value{Kind: ast.IntValue, Raw: strconv.Itoa(DefaultPageSize), Position: field.Position},
					Position: field.Position,
				})
				return
			}
			for _, arg := range []*ast.Argument{first, last} {
				if arg == nil || arg.Value.Kind != ast.IntValue {
					continue
				}
				if n, err := strconv.Atoi(arg.Value.Raw); err != nil || n < 0 || n > MaxPageSize {
					addError(
						worded(i18n.T("error.page_size", arg.Name, MaxPageSize, field.Name)),
						core.At(arg.Position),
						withCode(apierror.BadUserInput),
					)
				}
			}
		})
	},
}

// PageSizeGuard checks page sizes given through variables, before any
// resolver (and so any eager loading) runs.
type PageSizeGuard struct{}

var (
	_ graphql.HandlerExtension        = PageSizeGuard{}
	_ graphql.OperationContextMutator = PageSizeGuard{}
)

// ExtensionName implements graphql.HandlerExtension.
func (PageSizeGuard) ExtensionName() string { return "PageSizeGuard" }

// Validate implements graphql.HandlerExtension.
func (PageSizeGuard) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (PageSizeGuard) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	return checkPageSizes(oc.Doc, oc.Operation.SelectionSet, oc.Variables, map[string]bool{})
}

func checkPageSizes(doc *ast.QueryDocument, set ast.SelectionSet, vars map[string]any, seen map[string]bool) *gqlerror.Error {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if isConnection(s.Definition) {
				args := s.ArgumentMap(vars)
				first, hasFirst := pageArg(args["first"])
				last, hasLast := pageArg(args["last"])
				switch {
				case !hasFirst && !hasLast:
					return pageError(s, i18n.T("error.page_size_required", s.Name))
				case hasFirst && hasLast: // refused here, in words, rather than by the generated Paginate
					return pageError(s, i18n.T("error.first_and_last", s.Name))
				}
				for _, arg := range []struct {
					name string
					n    int64
				}{{"first", first}, {"last", last}} {
					if arg.n < 0 || arg.n > MaxPageSize {
						return pageError(s, i18n.T("error.page_size", arg.name, MaxPageSize, s.Name))
					}
				}
			}
			if err := checkPageSizes(doc, s.SelectionSet, vars, seen); err != nil {
				return err
			}
		case *ast.InlineFragment:
			if err := checkPageSizes(doc, s.SelectionSet, vars, seen); err != nil {
				return err
			}
		case *ast.FragmentSpread:
			if seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			if def := doc.Fragments.ForName(s.Name); def != nil {
				if err := checkPageSizes(doc, def.SelectionSet, vars, seen); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func withCode(code apierror.Code) core.ErrorOption {
	return func(err *gqlerror.Error) {
		err.Extensions = map[string]any{"code": string(code)}
	}
}

// worded gives a validation error its message: a validation rule runs
// without the request, so the presenter words it in its language.
func worded(m i18n.Message) core.ErrorOption {
	return func(err *gqlerror.Error) {
		err.Message, err.Err = m.French(), localized{m}
	}
}

func pageArg(v any) (int64, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case int64:
		return n, true
	case int:
		return int64(n), true
	case float64:
		return int64(n), true
	default:
		return 0, false
	}
}

func pageError(field *ast.Field, m i18n.Message) *gqlerror.Error {
	err := gqlerror.ErrorPosf(field.Position, "%s", m.French())
	err.Err = localized{m}
	err.Extensions = map[string]any{"code": string(apierror.BadUserInput)}
	return err
}
