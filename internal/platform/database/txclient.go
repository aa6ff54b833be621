package database

import (
	"context"

	"github.com/reseau-liens/portal/ent"
)

// ClientFor returns the request's transactional client when there is one
// (a GraphQL mutation's, opened by graph.Transactioner), else client. It is
// the one place where code picks its client, so that no write of a
// mutation escapes the mutation's transaction.
func ClientFor(ctx context.Context, client *ent.Client) *ent.Client {
	if tx := ent.FromContext(ctx); tx != nil {
		return tx
	}
	return client
}
