package limits

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reseau-liens/portal/internal/platform/apierror"
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

// inputRefusal is why an input was refused, with the variable or
// argument it came from.
type inputRefusal struct {
	message string
	where   string
}

// check walks the operation's variables and the literal arguments of
// every field and directive of the document.
func (in Inputs) check(doc *ast.QueryDocument, vars map[string]any) *gqlerror.Error {
	w := &inputWalker{limits: in}
	for name, v := range vars {
		w.where = "$" + name
		if w.value(v, 1); w.refused != nil {
			return w.error()
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
		return w.error()
	}
	return nil
}

type inputWalker struct {
	limits  Inputs
	values  int
	where   string
	refused *inputRefusal
}

func (w *inputWalker) error() *gqlerror.Error {
	return &gqlerror.Error{
		Message:    w.refused.message + " (" + w.refused.where + ")",
		Extensions: map[string]any{"code": string(apierror.BadUserInput)},
	}
}

func (w *inputWalker) refuse(format string, args ...any) {
	if w.refused == nil {
		w.refused = &inputRefusal{message: fmt.Sprintf(format, args...), where: w.where}
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
		w.refuse("les données envoyées sont imbriquées sur plus de %d niveaux", w.limits.MaxDepth)
	case w.values > w.limits.MaxValues:
		w.refuse("les données envoyées comptent plus de %d valeurs", w.limits.MaxValues)
	}
	return w.refused == nil
}

func (w *inputWalker) text(s string) {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		w.refuse("un texte contient un caractère nul, qui n’est pas accepté")
	case !utf8.ValidString(s):
		w.refuse("un texte n’est pas de l’UTF-8 valide")
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
