package seats

import (
	"context"
	"fmt"
	"log/slog"

	"entgo.io/ent/dialect"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/pubsub"
)

// Channel is the PostgreSQL notification channel; the payload is the
// series ID.
const Channel = "portal_seats"

// Hub announces seat changes and fans them out to subscribers.
type Hub struct {
	hub *pubsub.Hub
	// byDatabase: on PostgreSQL the bookings' trigger announces.
	byDatabase bool
}

// New returns a hub for a database of the given dialect; url is the
// PostgreSQL URL to LISTEN on (unused on SQLite).
func New(dialectName, url string, logger *slog.Logger) *Hub {
	return &Hub{hub: pubsub.New(Channel, dialectName, url, logger), byDatabase: dialectName == dialect.Postgres}
}

// Announce records that the seats of a series change in the transaction
// of ctx; subscribers hear of it once (and only if) it commits. On
// PostgreSQL the change of the bookings announced itself (see package
// doc): Announce sends nothing more.
func (h *Hub) Announce(ctx context.Context, seriesID pulid.ID) error {
	if h.byDatabase {
		return nil
	}
	c := ent.FromContext(ctx)
	if c == nil {
		return fmt.Errorf("seats: no ent client in context")
	}
	return h.hub.Announce(ctx, c, ent.TxFromContext(ctx), seriesID)
}

// Subscribe returns a channel that receives a signal after each change of
// the series' seats (coalesced when the reader is slow), until ctx ends.
// On PostgreSQL it returns once the process LISTENs.
func (h *Hub) Subscribe(ctx context.Context, seriesID pulid.ID) (<-chan struct{}, error) {
	return h.hub.Subscribe(ctx, seriesID)
}
