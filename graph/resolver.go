package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/domain/workshop"
)

// Resolver is the root resolver: the one place where the GraphQL layer
// receives its dependencies. Resolvers stay thin; rules live in the ent
// privacy policies and the domain packages.
type Resolver struct {
	client   *ent.Client
	workshop *workshop.Service
}

// Option gives the schema a dependency.
type Option func(*Resolver)

// WithWorkshop gives the schema the workshop service.
func WithWorkshop(s *workshop.Service) Option {
	return func(r *Resolver) { r.workshop = s }
}

// NewSchema returns the executable schema served by the portal.
func NewSchema(client *ent.Client, opts ...Option) graphql.ExecutableSchema {
	r := &Resolver{client: client}
	for _, opt := range opts {
		opt(r)
	}
	return NewExecutableSchema(Config{
		Resolvers: r,
		Directives: DirectiveRoot{
			Sensitive:      sensitiveDirective,
			ScopedToViewer: scopedToViewer(client.Clock),
		},
	})
}
