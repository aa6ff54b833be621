package graph

import (
	"context"

	"github.com/reseau-liens/portal/accompaniment"
	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// progressOf loads one accompaniment's progress through the operation's
// loaders: a page of accompaniments costs one progress query.
func (r *Resolver) progressOf(ctx context.Context, id pulid.ID) (*accompaniment.Progress, error) {
	return loadersFor(ctx, r.client).progress.load(ctx, id)
}
