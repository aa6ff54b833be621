package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/reseau-liens/portal/internal/access"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// Convention is an agreement on a partner link: a number of places in a
// programme, at a unit price, for a period, financed by an organisation.
type Convention struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Convention) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("cnv"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Convention) Fields() []ent.Field {
	return []ent.Field{
		field.String("partner_link_id").GoType(pulid.ID("")).Immutable(),
		field.String("programme_id").GoType(pulid.ID("")),
		field.String("financer_id").GoType(pulid.ID("")),
		field.Int("places").Positive(),
		field.Int64("unit_price_cents").NonNegative().
			Comment("Price of one place, VAT included, in euro cents."),
		// The first and last days of the convention, both included: days
		// (see clock.Date), served as the Date scalar.
		field.Time("starts_at").Annotations(entgql.OrderField("STARTS_AT"), entgql.Type("Date")),
		field.Time("ends_at").Annotations(entgql.OrderField("ENDS_AT"), entgql.Type("Date")),
	}
}

// Edges implements ent.Schema.
func (Convention) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("partner_link", PartnerLink.Type).Ref("conventions").
			Field("partner_link_id").Unique().Required().Immutable(),
		edge.To("programme", Programme.Type).Field("programme_id").Unique().Required(),
		edge.To("financer", Organisation.Type).Field("financer_id").Unique().Required(),
		edge.From("accompaniments", Accompaniment.Type).Ref("convention"),
		edge.To("amendments", ConventionAmendment.Type).
			Comment("The convention's amendments, oldest first."),
	}
}

// Annotations implements ent.Schema.
func (Convention) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Convention) Policy() ent.Policy {
	return access.Policy(access.ReadConventions(), access.WriteConventions())
}

// Indexes of the Convention: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (Convention) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("partner_link_id"),
		index.Fields("programme_id"),
		index.Fields("financer_id"),
		index.Fields("starts_at"),
		index.Fields("ends_at"),
	}
}
