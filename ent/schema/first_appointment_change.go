package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/reseau-liens/portal/internal/access"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// FirstAppointmentChange is one setting of an accompaniment's first
// appointment: the file's history of that date, since moving it moves the
// start and end dates the file is judged by. Written once, never changed.
type FirstAppointmentChange struct{ ent.Schema }

// Mixin implements ent.Schema.
func (FirstAppointmentChange) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("fac")}
}

// Fields implements ent.Schema.
func (FirstAppointmentChange) Fields() []ent.Field {
	return []ent.Field{
		field.String("accompaniment_id").GoType(pulid.ID("")).Immutable(),
		field.Time("previous_at").Optional().Nillable().Immutable().
			Comment("The earlier first appointment; empty when the date was first set."),
		field.Time("at").Immutable().
			Comment("The first appointment as set by this change."),
		field.Time("changed_at").Immutable().
			Annotations(entgql.OrderField("CHANGED_AT")),
		field.String("actor_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Comment("The person who set the date; empty when the portal did."),
	}
}

// Edges implements ent.Schema.
func (FirstAppointmentChange) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("accompaniment", Accompaniment.Type).Ref("first_appointment_changes").
			Field("accompaniment_id").Unique().Required().Immutable(),
		edge.To("actor", Person.Type).Field("actor_id").Unique().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (FirstAppointmentChange) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("accompaniment_id", "changed_at"),
		index.Fields("actor_id"),
		index.Fields("changed_at"),
	}
}

// Annotations implements ent.Schema.
func (FirstAppointmentChange) Annotations() []schema.Annotation {
	// A short table name keeps the foreign key's name under PostgreSQL's
	// 63 characters: atlas and ent shorten a longer one differently.
	return []schema.Annotation{entgql.RelayConnection(), entsql.Annotation{Table: "appointment_changes"}}
}

// Policy implements ent.Schema: see package access.
func (FirstAppointmentChange) Policy() ent.Policy {
	return access.Policy(access.ReadFirstAppointmentChanges(), access.WriteFirstAppointmentChanges())
}
