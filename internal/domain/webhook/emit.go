package webhook

import (
	"context"
	"encoding/json"
	"time"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/ent/webhookendpoint"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/database"
)

// Event is the body of a delivery.
type Event struct {
	Kind       string    `json:"kind"`
	OccurredAt time.Time `json:"occurredAt"`
	// Data holds identifiers, statuses and dates only.
	Data any `json:"data"`
}

// Emit queues an event for the active endpoints of an organisation
// subscribed to its kind, in the transaction of ctx when there is one.
// data must hold only what the organisation may read in the API.
func Emit(ctx context.Context, client *ent.Client, orgID pulid.ID, kind string, data any) error {
	client = database.ClientFor(ctx, client)
	// Endpoints and deliveries are the portal's own bookkeeping: the
	// person whose change emits the event can neither read the partner's
	// endpoints nor write deliveries.
	sys := viewer.SystemContext(ctx)
	endpoints, err := client.WebhookEndpoint.Query().
		Where(webhookendpoint.OrganisationID(orgID), webhookendpoint.Active(true)).
		All(sys)
	if err != nil {
		return err
	}
	var body []byte
	for _, ep := range endpoints {
		if !subscribed(ep, kind) {
			continue
		}
		if body == nil {
			if body, err = json.Marshal(Event{Kind: kind, OccurredAt: client.Clock.Now().UTC(), Data: data}); err != nil {
				return err
			}
		}
		err := client.WebhookDelivery.Create().
			SetEndpointID(ep.ID).
			SetEventKind(kind).
			SetPayload(string(body)).
			Exec(sys)
		if err != nil {
			return err
		}
	}
	return nil
}

func subscribed(ep *ent.WebhookEndpoint, kind string) bool {
	for _, k := range ep.EventKinds {
		if k == kind {
			return true
		}
	}
	return false
}
