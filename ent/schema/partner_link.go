package schema

import (
	"github.com/reseau-liens/portal/internal/access"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// PartnerLink is the relationship between a provider and a partner
// organisation; conventions are signed on it.
type PartnerLink struct{ ent.Schema }

// Mixin implements ent.Schema.
func (PartnerLink) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("lnk"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (PartnerLink) Fields() []ent.Field {
	return []ent.Field{
		field.String("provider_id").GoType(pulid.ID("")).Immutable(),
		field.String("organisation_id").GoType(pulid.ID("")).Immutable(),
		field.Enum("status").
			NamedValues(linkStatuses...).
			Default("PROPOSED").
			Annotations(entgql.Type("PartnerLinkStatus"), entgql.OrderField("STATUS")),
		field.Time("proposed_at").Immutable(),
		field.Time("activated_at").Optional().Nillable(),
		field.Time("suspended_at").Optional().Nillable(),
		field.Time("ended_at").Optional().Nillable(),
	}
}

// Edges implements ent.Schema.
func (PartnerLink) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("provider", Provider.Type).Ref("partner_links").
			Field("provider_id").Unique().Required().Immutable(),
		edge.From("organisation", Organisation.Type).Ref("partner_links").
			Field("organisation_id").Unique().Required().Immutable(),
		edge.To("conventions", Convention.Type),
		edge.To("events", PartnerLinkEvent.Type).
			Comment("The link's history."),
	}
}

// Indexes implements ent.Schema.
func (PartnerLink) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("provider_id", "organisation_id").Unique(),
	}
}

// Annotations implements ent.Schema.
func (PartnerLink) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (PartnerLink) Policy() ent.Policy {
	return access.Policy(access.ReadPartnerLinks(), access.WritePartnerLinks())
}

// Hooks implements ent.Schema: the status machine holds on every write.
func (PartnerLink) Hooks() []ent.Hook {
	return []ent.Hook{statemachine.Guard("status", "partner_link", PartnerLinkMoves)}
}
