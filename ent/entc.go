//go:build ignore

// entc generates the ent code, the GraphQL SDL of the ent types
// (schema/ent.graphql) and the gqlgen bindings. Run from the module root by `go generate` (see generate.go).
package main

import (
	"log"
	"strings"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"entgo.io/ent/schema/field"
	"github.com/vektah/gqlparser/v2/ast"
)

func main() {
	// The portal's gql_pagination (ent/template/pagination.tmpl) replaces
	// entgql's, for orders by a column that may be NULL; it comes last so
	// that its definition wins.
	pagination := gen.MustParse(gen.NewTemplate("pagination").Funcs(entgql.TemplateFuncs).ParseFiles("./ent/template/pagination.tmpl"))
	ext, err := entgql.NewExtension(
		entgql.WithTemplates(append(append([]*gen.Template{}, entgql.AllTemplates...), pagination)...),
		entgql.WithConfigPath("./gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("./schema/ent.graphql"),
		entgql.WithWhereInputs(true),
		entgql.WithRelaySpec(true),
		entgql.WithSchemaHook(scopeWhereInputs),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./ent/schema", &gen.Config{
		Target:  "./ent",
		Package: "github.com/reseau-liens/portal/ent",
		Features: []gen.Feature{
			gen.FeaturePrivacy,
			gen.FeatureIntercept,
			// A snapshot of the schema in ent/internal lets entc regenerate
			// when the generated package does not compile (after merging
			// two schema changes): the schema's policies import it.
			gen.FeatureSnapshot,
			gen.FeatureModifier,
			gen.FeatureUpsert,
			gen.FeatureExecQuery,
			gen.FeatureNamedEdges,
			gen.FeatureVersionedMigration,
		},
		Templates: append(entgql.AllTemplates,
			gen.MustParse(gen.NewTemplate("globalid").ParseFiles("./ent/template/globalid.tmpl")),
			gen.MustParse(gen.NewTemplate("keepcolumns").Funcs(gen.Funcs).ParseFiles("./ent/template/keepcolumns.tmpl")),
			gen.MustParse(gen.NewTemplate("eagerload").Funcs(gen.Funcs).ParseFiles("./ent/template/eagerload.tmpl"))),
	}, entc.Extensions(ext),
		// The portal's one clock travels with the client (client.Clock), so
		// that every service and hook reads the time it was given.
		entc.Dependency(
			entc.DependencyName("Clock"),
			entc.DependencyTypeInfo(&field.TypeInfo{Ident: "clock.Clock", PkgPath: "github.com/reseau-liens/portal/internal/platform/clock"}),
		))
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}

// scopeWhereInputs marks every where input with @scopedToViewer. The ent
// privacy rules filter the queries of a type, not the subqueries that an
// edge filter (hasBookingsWith, hasBookings) builds to reach a neighbour;
// the directive (graph/filters.go) runs as gqlgen decodes each where input,
// at every depth and on every path that decodes one (root and nested
// connections, eager loading), and narrows its edge filters to what the
// viewer may read. Marking the inputs here, where they are generated,
// leaves no where input unmarked.
func scopeWhereInputs(_ *gen.Graph, s *ast.Schema) error {
	const name = "scopedToViewer"
	s.Directives[name] = &ast.DirectiveDefinition{
		Name:        name,
		Description: "Narrows the edge filters of a where input to the records the viewer may read.",
		Locations:   []ast.DirectiveLocation{ast.LocationInputObject},
	}
	for _, t := range s.Types {
		if t.Kind == ast.InputObject && strings.HasSuffix(t.Name, "WhereInput") {
			t.Directives = append(t.Directives, &ast.Directive{Name: name, Location: ast.LocationInputObject})
		}
	}
	return nil
}
