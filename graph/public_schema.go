package graph

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// serverOnly reports whether a directive serves the code generators or
// the server's own wiring and means nothing to a client: gqlgen's
// @goModel, @goField, @goTag…, and @scopedToViewer (the scoping of where
// filters, which the README documents).
func serverOnly(name string) bool {
	return strings.HasPrefix(name, "go") || name == "scopedToViewer"
}

// PublicSchema is s without the server-only directives, neither their
// definitions (which introspection lists) nor their uses (which the SDL
// shows). It is the schema gqlgen validates, introspects and publishes:
// execution does not read directives from it (generated code calls them).
func PublicSchema(s *ast.Schema) *ast.Schema {
	pub := *s
	pub.Directives = map[string]*ast.DirectiveDefinition{}
	for name, d := range s.Directives {
		if !serverOnly(name) {
			pub.Directives[name] = d
		}
	}
	copies := make(map[*ast.Definition]*ast.Definition, len(s.Types))
	pub.Types = make(map[string]*ast.Definition, len(s.Types))
	for name, def := range s.Types {
		c := publicDefinition(def)
		copies[def], pub.Types[name] = c, c
	}
	same := func(d *ast.Definition) *ast.Definition {
		if c, ok := copies[d]; ok {
			return c
		}
		return d
	}
	pub.Query, pub.Mutation, pub.Subscription = same(s.Query), same(s.Mutation), same(s.Subscription)
	pub.PossibleTypes = remap(s.PossibleTypes, same)
	pub.Implements = remap(s.Implements, same)
	return &pub
}

func publicDefinition(def *ast.Definition) *ast.Definition {
	c := *def
	c.Directives = publicDirectives(def.Directives)
	c.Fields = make(ast.FieldList, len(def.Fields))
	for i, f := range def.Fields {
		fc := *f
		fc.Directives = publicDirectives(f.Directives)
		fc.Arguments = make(ast.ArgumentDefinitionList, len(f.Arguments))
		for j, a := range f.Arguments {
			ac := *a
			ac.Directives = publicDirectives(a.Directives)
			fc.Arguments[j] = &ac
		}
		c.Fields[i] = &fc
	}
	c.EnumValues = make(ast.EnumValueList, len(def.EnumValues))
	for i, v := range def.EnumValues {
		vc := *v
		vc.Directives = publicDirectives(v.Directives)
		c.EnumValues[i] = &vc
	}
	return &c
}

func publicDirectives(list ast.DirectiveList) ast.DirectiveList {
	var out ast.DirectiveList
	for _, d := range list {
		if !serverOnly(d.Name) {
			out = append(out, d)
		}
	}
	return out
}

func remap(m map[string][]*ast.Definition, same func(*ast.Definition) *ast.Definition) map[string][]*ast.Definition {
	out := make(map[string][]*ast.Definition, len(m))
	for name, defs := range m {
		list := make([]*ast.Definition, len(defs))
		for i, d := range defs {
			list[i] = same(d)
		}
		out[name] = list
	}
	return out
}
