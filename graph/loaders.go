package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/domain/accompaniment"
	"github.com/reseau-liens/portal/internal/domain/network"
	"github.com/reseau-liens/portal/internal/platform/batchload"
)

// Loaders is a gqlgen extension that gives each operation its own batch
// loaders (see package batchload), so that fields aggregating per parent
// cost one query per page.
type Loaders struct{}

var (
	_ graphql.HandlerExtension     = Loaders{}
	_ graphql.OperationInterceptor = Loaders{}
)

// ExtensionName implements graphql.HandlerExtension.
func (Loaders) ExtensionName() string { return "Loaders" }

// Validate implements graphql.HandlerExtension.
func (Loaders) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation implements graphql.OperationInterceptor.
func (Loaders) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	return next(batchload.Begin(ctx))
}

// progressOf returns an accompaniment's progress, batched per page.
func (r *Resolver) progressOf(ctx context.Context, id pulid.ID) (*accompaniment.Progress, error) {
	return r.services.Accompaniment.LoadProgress(ctx, id)
}

// consumption returns a convention's consumption figures, batched per page.
func (r *Resolver) consumption(ctx context.Context, c *ent.Convention) (network.Consumption, error) {
	taken, err := r.services.Network.LoadPlacesTaken(ctx, c.ID)
	if err != nil {
		return network.Consumption{}, err
	}
	return network.ConsumptionOf(c, taken, r.client.Clock.Now()), nil
}
