package access

import (
	"context"
	"slices"

	"github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/predicate"
	"github.com/reseau-liens/portal/ent/privacy"
	"github.com/reseau-liens/portal/ent/webhookdelivery"
	"github.com/reseau-liens/portal/ent/webhookendpoint"
	"github.com/reseau-liens/portal/internal/access/viewer"
)

// Webhook endpoints belong to a partner organisation: its members
// (prescribers, partner staff) register and read them. Deliveries are
// written by the portal itself and read with their endpoint.

func endpointScope(v *viewer.Viewer) []predicate.WebhookEndpoint {
	if ids := v.OrganisationIDs(prescriber, partnerStaff); len(ids) > 0 {
		return []predicate.WebhookEndpoint{webhookendpoint.OrganisationIDIn(ids...)}
	}
	return nil
}

// ReadWebhookEndpoints: the endpoints of the viewer's organisations.
func ReadWebhookEndpoints() privacy.QueryRule {
	return privacy.WebhookEndpointQueryRuleFunc(func(ctx context.Context, q *ent.WebhookEndpointQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeWebhookEndpoint)
	})
}

// ReadWebhookDeliveries: the deliveries of the visible endpoints.
func ReadWebhookDeliveries() privacy.QueryRule {
	return privacy.WebhookDeliveryQueryRuleFunc(func(ctx context.Context, q *ent.WebhookDeliveryQuery) error {
		return restrict(ctx, q.Where, q.Clock, ent.TypeWebhookDelivery)
	})
}

func webhookDeliveryScope(v *viewer.Viewer) []predicate.WebhookDelivery {
	if eps := endpointScope(v); len(eps) > 0 {
		return []predicate.WebhookDelivery{webhookdelivery.HasEndpointWith(webhookendpoint.Or(eps...))}
	}
	return nil
}

// WriteWebhookEndpoints lets an organisation's members register its
// endpoints and change them.
func WriteWebhookEndpoints() privacy.MutationRule {
	return privacy.WebhookEndpointMutationRuleFunc(func(ctx context.Context, m *ent.WebhookEndpointMutation) error {
		ids := viewer.FromContext(ctx).OrganisationIDs(prescriber, partnerStaff)
		if len(ids) == 0 {
			return privacy.Skip
		}
		switch {
		case m.Op().Is(ent.OpCreate):
			if org, ok := m.OrganisationID(); ok && slices.Contains(ids, org) {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
			m.Where(webhookendpoint.OrganisationIDIn(ids...))
			return privacy.Allow
		}
		return privacy.Skip
	})
}
