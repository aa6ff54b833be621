package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/domain/auth"
	"github.com/reseau-liens/portal/internal/domain/calendar"
	"github.com/reseau-liens/portal/internal/domain/consent"
	"github.com/reseau-liens/portal/internal/domain/directory"
	"github.com/reseau-liens/portal/internal/domain/lifecycle"
	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/domain/notify"
	"github.com/reseau-liens/portal/internal/domain/webhook"
	"github.com/reseau-liens/portal/internal/domain/workshop"
)

// Services are the capabilities the resolvers call, one service each,
// built once by the composition root (package app).
type Services struct {
	Accompaniment *accompaniment.Service
	Auth          *auth.Service
	Calendar      *calendar.Service
	Consent       *consent.Service
	Directory     *directory.Service
	Lifecycle     *lifecycle.Service
	Network       *network.Service
	Notify        *notify.Service
	Webhook       *webhook.Service
	Workshop      *workshop.Service
}

// Resolver is the root resolver: the one place where the GraphQL layer
// receives its dependencies. Resolvers stay thin; rules live in the ent
// privacy policies and the domain services.
type Resolver struct {
	client   *ent.Client
	services Services
}

// NewSchema returns the executable schema served by the portal: client
// for the reads of the ent types, services for everything else.
func NewSchema(client *ent.Client, services Services) graphql.ExecutableSchema {
	return NewExecutableSchema(Config{
		Schema:    publicSchema,
		Resolvers: &Resolver{client: client, services: services},
		Directives: DirectiveRoot{
			Sensitive:      sensitiveDirective,
			ScopedToViewer: scopedToViewer(client.Clock),
		},
	})
}

// publicSchema is the schema gqlgen serves: filtered once, shared by
// every handler.
var publicSchema = PublicSchema(parsedSchema)
