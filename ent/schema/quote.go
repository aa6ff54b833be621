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
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// Quote is a practitioner's priced proposal for workshops requested by a
// partner organisation: children per workshop, frequency, travel.
type Quote struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Quote) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("quo"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Quote) Fields() []ent.Field {
	return []ent.Field{
		field.String("provider_id").GoType(pulid.ID("")).Immutable(),
		field.String("programme_id").GoType(pulid.ID("")).Immutable(),
		field.String("organisation_id").GoType(pulid.ID("")).Immutable(),
		field.String("requested_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.String("practitioner_id").GoType(pulid.ID("")).Optional().Nillable(),
		field.Enum("status").NamedValues(
			"Requested", "REQUESTED",
			"Sent", "SENT",
			"Accepted", "ACCEPTED",
			"Declined", "DECLINED",
			"Expired", "EXPIRED",
			"Cancelled", "CANCELLED",
		).
			Default("REQUESTED").
			Annotations(entgql.Type("QuoteStatus"), entgql.OrderField("STATUS")),
		field.Int("children_count").Positive(),
		field.Int("group_size").Positive(),
		field.Int("sessions_per_week").Positive().Default(1),
		field.Int("weeks").Positive(),
		field.String("place").MaxLen(300),
		field.Int("travel_km").NonNegative().Default(0),
		field.Int64("total_cents").NonNegative().Default(0),
		field.String("number").Optional().Nillable().MaxLen(40).
			Comment("DEV-2027-0042: given when the quote is sent, from its provider's sequence of the year (see DocumentSequence)."),
		field.Time("sent_at").Optional().Nillable(),
		field.Time("expires_at").Optional().Nillable(),
		field.Time("responded_at").Optional().Nillable(),
		field.Time("cancelled_at").Optional().Nillable().
			Comment("When the partner withdrew its request, before it was sent."),
	}
}

// Edges implements ent.Schema.
func (Quote) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("provider", Provider.Type).Field("provider_id").Unique().Required().Immutable(),
		edge.To("programme", Programme.Type).Field("programme_id").Unique().Required().Immutable(),
		edge.To("organisation", Organisation.Type).Field("organisation_id").Unique().Required().Immutable(),
		edge.To("requested_by", Person.Type).Field("requested_by_id").Unique().Immutable(),
		edge.To("practitioner", Person.Type).Field("practitioner_id").Unique(),
		edge.To("lines", QuoteLine.Type),
		edge.From("series", WorkshopSeries.Type).Ref("quote"),
	}
}

// Annotations implements ent.Schema.
func (Quote) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Quote) Policy() ent.Policy {
	return access.Policy(access.ReadQuotes(), access.WriteQuotes())
}

// Hooks implements ent.Schema: the status machine holds on every write.
func (Quote) Hooks() []ent.Hook {
	return []ent.Hook{
		statemachine.Guard("status", "quote", QuoteMoves),
		statemachine.Freeze("status", "quote", QuoteRequestEditable, QuoteRequestFields...),
	}
}

// Indexes of the Quote: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (Quote) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("provider_id"),
		index.Fields("organisation_id"),
		index.Fields("practitioner_id"),
		index.Fields("programme_id"),
		index.Fields("requested_by_id"),
		index.Fields("status"),
		index.Fields("provider_id", "number").Unique(),
	}
}
