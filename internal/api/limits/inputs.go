package limits

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reseau-liens/portal/internal/platform/apierror"
	"github.com/reseau-liens/portal/internal/platform/i18n"
)

// Inputs bounds the arguments of an operation, its variables and the
// literals of its document alike, before anything runs: no string may
// hold a NUL byte (PostgreSQL refuses them in text) or invalid UTF-8, and
// input objects and lists may nest at most MaxDepth levels and hold at
// most MaxValues values in all (a `where` of thousands of conditions
// becomes an SQL expression the databases refuse or take long to plan).
type Inputs struct {
	MaxDepth, MaxValues int
}

// check walks the operation's variables and the literal arguments of
// every field and directive of the document.
func (in Inputs) check(ctx context.Context, doc *ast.QueryDocument, vars map[string]any) *gqlerror.Error {
	w := &inputWalker{limits: in}
	for name, v := range vars {
		w.where = "$" + name
		if w.value(v, 1); w.refused != nil {
			return w.error(ctx)
		}
	}
	for _, op := range doc.Operations {
		w.selections(op.SelectionSet)
		w.directives(op.Directives)
	}
	for _, f := range doc.Fragments {
		w.selections(f.SelectionSet)
	}
	if w.refused != nil {
		return w.error(ctx)
	}
	return nil
}

type inputWalker struct {
	limits  Inputs
	values  int
	where   string
	refused *i18n.Message // why, naming the variable or argument
}

func (w *inputWalker) error(ctx context.Context) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    w.refused.In(i18n.FromContext(ctx)),
		Extensions: map[string]any{"code": string(apierror.BadUserInput)},
	}
}

// refuse keeps the first refusal: the message key, then its arguments
// before the variable or argument at fault.
func (w *inputWalker) refuse(key string, args ...any) {
	if w.refused == nil {
		m := i18n.T(key, append(args, w.where)...)
		w.refused = &m
	}
}

// value checks a decoded variable value.
func (w *inputWalker) value(v any, depth int) {
	if w.refused != nil || !w.count(depth) {
		return
	}
	switch x := v.(type) {
	case string:
		w.text(x)
	case map[string]any:
		for k, item := range x {
			w.text(k)
			w.value(item, depth+1)
		}
	case []any:
		for _, item := range x {
			w.value(item, depth+1)
		}
	}
}

// literal checks a value written in the document.
func (w *inputWalker) literal(v *ast.Value, depth int) {
	if v == nil || w.refused != nil || !w.count(depth) {
		return
	}
	switch v.Kind {
	case ast.StringValue, ast.BlockValue, ast.EnumValue:
		w.text(v.Raw)
	case ast.ListValue, ast.ObjectValue:
		for _, c := range v.Children {
			w.text(c.Name)
			w.literal(c.Value, depth+1)
		}
	}
}

// count counts one value at depth, and refuses past the limits.
func (w *inputWalker) count(depth int) bool {
	w.values++
	switch {
	case depth > w.limits.MaxDepth:
		w.refuse("limits.input_too_deep", w.limits.MaxDepth)
	case w.values > w.limits.MaxValues:
		w.refuse("limits.input_too_many", w.limits.MaxValues)
	}
	return w.refused == nil
}

func (w *inputWalker) text(s string) {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		w.refuse("limits.input_nul")
	case !utf8.ValidString(s):
		w.refuse("limits.input_utf8")
	}
}

func (w *inputWalker) selections(set ast.SelectionSet) {
	for _, sel := range set {
		if w.refused != nil {
			return
		}
		switch s := sel.(type) {
		case *ast.Field:
			for _, arg := range s.Arguments {
				w.where = s.Name + "." + arg.Name
				w.literal(arg.Value, 1)
			}
			w.directives(s.Directives)
			w.selections(s.SelectionSet)
		case *ast.InlineFragment:
			w.directives(s.Directives)
			w.selections(s.SelectionSet)
		case *ast.FragmentSpread:
			w.directives(s.Directives)
		}
	}
}

func (w *inputWalker) directives(list ast.DirectiveList) {
	for _, d := range list {
		for _, arg := range d.Arguments {
			w.where = "@" + d.Name + "." + arg.Name
			w.literal(arg.Value, 1)
		}
	}
}
