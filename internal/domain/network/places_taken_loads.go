package network

import (
	"context"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/batchload"
	"github.com/reseau-liens/portal/internal/platform/database"
)

var placesTakenLoads = batchload.NewKey[int]()

// LoadPlacesTaken returns the places taken in a convention, counted with
// the other conventions the request loaded: a page costs one query.
func (s *Service) LoadPlacesTaken(ctx context.Context, conventionID pulid.ID) (int, error) {
	return placesTakenLoads.Load(ctx, conventionID, func(ctx context.Context, ids []pulid.ID) (map[pulid.ID]int, error) {
		return PlacesTaken(ctx, database.ClientFor(ctx, s.client), ids)
	})
}

// PlacesTakenLoadedWithConventions is the interceptor, for the query of
// conventions, that lets LoadPlacesTaken batch a request's pages.
func PlacesTakenLoadedWithConventions() ent.Interceptor {
	return batchload.Expecting(placesTakenLoads, func(c *ent.Convention) pulid.ID { return c.ID })
}
