package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
)

// WebhookDelivery is one event to deliver to an endpoint (an outbox row,
// written in the transaction of the change it reports), with the log of
// its attempts.
type WebhookDelivery struct{ ent.Schema }

// Mixin implements ent.Schema.
func (WebhookDelivery) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("whd"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (WebhookDelivery) Fields() []ent.Field {
	return []ent.Field{
		field.String("endpoint_id").GoType(pulid.ID("")).Immutable(),
		field.String("event_kind").NotEmpty().MaxLen(80).Immutable(),
		field.Text("payload").
			Comment("The JSON body sent, as signed; cleared only by an erasure (package lifecycle)."),
		field.Enum("status").
			NamedValues("Pending", "PENDING", "Delivered", "DELIVERED", "Failed", "FAILED").
			Default("PENDING").
			Annotations(entgql.Type("WebhookDeliveryStatus")),
		field.Int("attempts").Default(0).NonNegative(),
		field.Int("last_status_code").Optional().Nillable(),
		field.String("response_excerpt").Optional().MaxLen(500).
			Comment("The start of the receiver's last answer, or the network error."),
		field.Time("next_attempt_at"),
		field.Time("delivered_at").Optional().Nillable(),
	}
}

// Edges implements ent.Schema.
func (WebhookDelivery) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("endpoint", WebhookEndpoint.Type).Ref("deliveries").
			Field("endpoint_id").Unique().Required().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (WebhookDelivery) Indexes() []ent.Index {
	return []ent.Index{index.Fields("status", "next_attempt_at")}
}

// Annotations implements ent.Schema.
func (WebhookDelivery) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access. Deliveries are
// written by the portal only.
func (WebhookDelivery) Policy() ent.Policy {
	return access.Policy(access.ReadWebhookDeliveries())
}
