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

// WebhookEndpoint is an HTTPS address where a partner organisation
// receives the events that concern it, signed with the endpoint's secret.
type WebhookEndpoint struct{ ent.Schema }

// Mixin implements ent.Schema.
func (WebhookEndpoint) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("whe"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (WebhookEndpoint) Fields() []ent.Field {
	return []ent.Field{
		field.String("organisation_id").GoType(pulid.ID("")).Immutable(),
		field.String("url").NotEmpty().MaxLen(2000).
			Annotations(entgql.Type("String")),
		field.String("secret").Sensitive().NotEmpty().
			Comment("Signs the deliveries; shown once, when the endpoint is registered or the secret rotated.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Strings("event_kinds").
			Comment("The kinds of events delivered, e.g. partner_link.status_changed.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.Bool("active").Default(true),
	}
}

// Edges implements ent.Schema.
func (WebhookEndpoint) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organisation", Organisation.Type).Field("organisation_id").Unique().Required().Immutable(),
		edge.To("deliveries", WebhookDelivery.Type).
			Annotations(entgql.RelayConnection()),
	}
}

// Annotations implements ent.Schema.
func (WebhookEndpoint) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (WebhookEndpoint) Policy() ent.Policy {
	return access.Policy(access.ReadWebhookEndpoints(), access.WriteWebhookEndpoints())
}

// Indexes of the WebhookEndpoint: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (WebhookEndpoint) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("organisation_id"),
	}
}
