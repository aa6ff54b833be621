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

// Suspension is one pause of an active accompaniment (the family in
// hospital, moving house): the file's history of it, from its first day
// to the day it resumed. Resuming pushes the end date back by its days.
type Suspension struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Suspension) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("sus")}
}

// Fields implements ent.Schema.
func (Suspension) Fields() []ent.Field {
	return []ent.Field{
		field.String("accompaniment_id").GoType(pulid.ID("")).Immutable(),
		field.Enum("reason").
			NamedValues("Hospitalisation", "HOSPITALISATION", "Move", "MOVE", "Other", "OTHER").
			Immutable().
			Annotations(entgql.Type("SuspensionReason")),
		field.Text("comment").Default("").Immutable(),
		// Days (clock.Date), served as the Date scalar.
		field.Time("starts_on").Immutable().
			Annotations(entgql.Type("Date"), entgql.OrderField("STARTS_ON")).
			Comment("The first day of the suspension."),
		field.Time("resumed_on").Optional().Nillable().
			Annotations(entgql.Type("Date")).
			Comment("The day the accompaniment resumed; empty while suspended."),
		field.Int("days").Optional().Nillable().
			Comment("Days suspended, resumed_on minus starts_on: the end date moved back by as many."),
		field.Time("recorded_at").Immutable(),
		field.String("suspended_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.Time("resumed_at").Optional().Nillable(),
		field.String("resumed_by_id").GoType(pulid.ID("")).Optional().Nillable(),
	}
}

// Edges implements ent.Schema.
func (Suspension) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("accompaniment", Accompaniment.Type).Ref("suspensions").
			Field("accompaniment_id").Unique().Required().Immutable(),
		edge.To("suspended_by", Person.Type).Field("suspended_by_id").Unique().Immutable(),
		edge.To("resumed_by", Person.Type).Field("resumed_by_id").Unique(),
	}
}

// Indexes implements ent.Schema.
func (Suspension) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("accompaniment_id", "starts_on"),
		index.Fields("starts_on"),
		index.Fields("suspended_by_id"),
		index.Fields("resumed_by_id"),
	}
}

// Annotations implements ent.Schema.
func (Suspension) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Suspension) Policy() ent.Policy {
	return access.Policy(access.ReadSuspensions(), access.WriteSuspensions())
}
