package limits

import (
	"encoding/json"
	"math"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Measure is what an operation asks for.
type Measure struct {
	// Depth is the deepest nesting of fields (introspection excluded).
	Depth int
	// Cost is the number of items the operation may return through
	// connections: each connection counts its page size (first or last)
	// multiplied by the page sizes of the connections it is nested in.
	// Plain fields and lists count nothing, so a query without connections
	// costs 0; but a field repeated under the same name counts 1 per copy.
	Cost int64
	// Aliases is the number of aliased fields.
	Aliases int
}

// maxCost saturates the cost so that absurd nestings cannot overflow.
const maxCost = math.MaxInt64 / 1024

// measurer measures an operation; each fragment is measured once, since
// its cost scales linearly with the multiplier it is used under.
type measurer struct {
	doc         *ast.QueryDocument
	vars        map[string]any
	defaultPage int64
	fragments   map[string]Measure
}

// MeasureOperation measures op, resolving page sizes from vars; a
// connection asked without first or last counts defaultPage items.
func MeasureOperation(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any, defaultPage int) Measure {
	m := &measurer{doc: doc, vars: vars, defaultPage: int64(defaultPage), fragments: map[string]Measure{}}
	return m.selectionSet(op.SelectionSet)
}

// selectionSet measures a set as if asked once.
func (m *measurer) selectionSet(set ast.SelectionSet) Measure {
	var out Measure
	seen := map[string]bool{}
	for _, sel := range set {
		var sub Measure
		switch s := sel.(type) {
		case *ast.Field:
			// A field asked again under the same name is merged into one
			// answer, but validation and merging work for each copy.
			if name := responseName(s); seen[name] {
				out.Cost = addSat(out.Cost, 1)
			} else {
				seen[name] = true
			}
			if strings.HasPrefix(s.Name, "__") {
				// Introspection is answered from memory (and off in
				// production): only its aliases count.
				if s.Alias != "" && s.Alias != s.Name {
					out.Aliases++
				}
				continue
			}
			sub = m.field(s)
		case *ast.InlineFragment:
			sub = m.selectionSet(s.SelectionSet)
		case *ast.FragmentSpread:
			sub = m.fragment(s.Name)
		}
		out.Depth = max(out.Depth, sub.Depth)
		out.Cost = addSat(out.Cost, sub.Cost)
		out.Aliases += sub.Aliases
	}
	return out
}

func responseName(f *ast.Field) string {
	if f.Alias != "" {
		return f.Alias
	}
	return f.Name
}

func (m *measurer) field(f *ast.Field) Measure {
	inner := m.selectionSet(f.SelectionSet)
	out := Measure{Depth: inner.Depth + 1, Cost: inner.Cost, Aliases: inner.Aliases}
	if f.Alias != "" && f.Alias != f.Name {
		out.Aliases++
	}
	if isConnection(f.Definition) {
		n := m.pageSize(f)
		out.Cost = addSat(n, mulSat(n, inner.Cost))
	}
	return out
}

func (m *measurer) fragment(name string) Measure {
	if got, ok := m.fragments[name]; ok {
		return got
	}
	m.fragments[name] = Measure{} // validation forbids cycles; this guards anyway
	var out Measure
	if def := m.doc.Fragments.ForName(name); def != nil {
		out = m.selectionSet(def.SelectionSet)
	}
	m.fragments[name] = out
	return out
}

// pageSize is the larger of first and last (both may be given).
func (m *measurer) pageSize(f *ast.Field) int64 {
	args := f.ArgumentMap(m.vars)
	first, okFirst := number(args["first"])
	last, okLast := number(args["last"])
	if !okFirst && !okLast {
		return m.defaultPage
	}
	return max(first, last, 0)
}

// isConnection reports whether a field is a Relay connection.
func isConnection(def *ast.FieldDefinition) bool {
	return def != nil && def.Arguments.ForName("first") != nil && def.Arguments.ForName("last") != nil &&
		strings.HasSuffix(def.Type.Name(), "Connection")
}

func number(v any) (int64, bool) {
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

func addSat(a, b int64) int64 {
	if a > maxCost-b {
		return maxCost
	}
	return a + b
}

func mulSat(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a > maxCost/b {
		return maxCost
	}
	return a * b
}
