package revocation

import (
	"context"
	"log/slog"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/pubsub"
)

// Channel is the PostgreSQL notification channel; the payload is the
// person's ID.
const Channel = "token_revoked"

// Hub announces revocations and fans them out to the watchers of a person.
type Hub struct{ hub *pubsub.Hub }

// New returns a hub for a database of the given dialect; url is the
// PostgreSQL URL to LISTEN on (unused on SQLite).
func New(dialectName, url string, logger *slog.Logger) *Hub {
	return &Hub{hub: pubsub.New(Channel, dialectName, url, logger)}
}

// Announce records that the tokens or memberships of a person change
// through client (a transaction's client within one); watchers hear of it
// once (and only if) it commits.
func (h *Hub) Announce(ctx context.Context, client *ent.Client, tx *ent.Tx, personID pulid.ID) error {
	return h.hub.Announce(ctx, client, tx, personID)
}

// Watch returns a channel that receives a signal after each announced
// change for the person (coalesced when the reader is slow), until ctx
// ends. On PostgreSQL it returns once the process LISTENs.
func (h *Hub) Watch(ctx context.Context, personID pulid.ID) (<-chan struct{}, error) {
	return h.hub.Subscribe(ctx, personID)
}
