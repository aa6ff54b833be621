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

// ContactEvent is a contact of the educator with the family: a home visit,
// a call, a mail, a text, or a meeting with a partner.
type ContactEvent struct{ ent.Schema }

// Mixin implements ent.Schema.
func (ContactEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("cev"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (ContactEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("accompaniment_id").GoType(pulid.ID("")).Immutable(),
		field.String("author_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.Enum("kind").
			NamedValues(
				"HomeVisit", "HOME_VISIT",
				"Call", "CALL",
				"Mail", "MAIL",
				"Text", "TEXT",
				"PartnerMeeting", "PARTNER_MEETING",
			).
			Annotations(entgql.Type("ContactKind"), entgql.OrderField("KIND")),
		field.Time("occurred_at").
			Annotations(entgql.OrderField("OCCURRED_AT")),
		field.Int("duration_minutes").NonNegative().Default(0),
		field.Text("note").Optional(),
	}
}

// Edges implements ent.Schema.
func (ContactEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("accompaniment", Accompaniment.Type).Ref("contact_events").
			Field("accompaniment_id").Unique().Required().Immutable(),
		edge.To("author", Person.Type).Field("author_id").Unique().Immutable(),
	}
}

// Annotations implements ent.Schema.
func (ContactEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (ContactEvent) Policy() ent.Policy {
	return access.Policy(access.ReadContactEvents(), access.WriteContactEvents())
}

// Indexes of the ContactEvent: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (ContactEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("accompaniment_id", "occurred_at"),
		index.Fields("author_id"),
		index.Fields("kind"),
		index.Fields("occurred_at"),
	}
}
