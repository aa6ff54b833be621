package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
)

// OrientationEvent is one dated change of an orientation's outcome, by
// the family's staff or by the receiving organisation: the orientation's
// history. Events are written once and never changed.
type OrientationEvent struct{ ent.Schema }

// orientationOutcomes are the outcomes of an orientation, shared by the
// orientation and its events.
var orientationOutcomes = []string{"Pending", "PENDING", "Joined", "JOINED", "Declined", "DECLINED", "NoResponse", "NO_RESPONSE"}

// Mixin implements ent.Schema.
func (OrientationEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("oev")}
}

// Fields implements ent.Schema.
func (OrientationEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("orientation_id").GoType(pulid.ID("")).Immutable(),
		field.Enum("from_outcome").NamedValues(orientationOutcomes...).Optional().Nillable().Immutable().
			Annotations(entgql.Type("OrientationOutcome")).
			Comment("Empty when the event records the orientation."),
		field.Enum("to_outcome").NamedValues(orientationOutcomes...).Immutable().
			Annotations(entgql.Type("OrientationOutcome")),
		field.Time("at").Immutable(),
		field.String("actor_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Comment("The person who made the change; empty when the portal did."),
		field.Text("note").Optional().Immutable().
			Comment("The outcome's note, shared with the receiving organisation."),
	}
}

// Edges implements ent.Schema.
func (OrientationEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("orientation", Orientation.Type).Ref("events").
			Field("orientation_id").Unique().Required().Immutable(),
		edge.To("actor", Person.Type).Field("actor_id").Unique().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (OrientationEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("orientation_id", "at"),
		index.Fields("actor_id"),
	}
}

// Policy implements ent.Schema: see package access.
func (OrientationEvent) Policy() ent.Policy {
	return access.Policy(access.ReadOrientationEvents(), access.WriteOrientationEvents())
}
