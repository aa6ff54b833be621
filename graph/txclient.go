package graph

import (
	"context"

	"github.com/reseau-liens/portal/ent"
)

// entClient is the client a resolver works with: the transactional one of
// a mutation (entgql.Transactioner), or the root client outside mutations.
func (r *Resolver) entClient(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return r.client
}
