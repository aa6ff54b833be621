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

// Attendance records whether a booked child attended one workshop session,
// as noted by the practitioner.
type Attendance struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Attendance) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("att"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Attendance) Fields() []ent.Field {
	return []ent.Field{
		field.String("session_id").GoType(pulid.ID("")).Immutable(),
		field.String("booking_id").GoType(pulid.ID("")).Immutable(),
		field.Bool("present"),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable(),
	}
}

// Edges implements ent.Schema.
func (Attendance) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("session", WorkshopSession.Type).Ref("attendances").
			Field("session_id").Unique().Required().Immutable(),
		edge.From("booking", Booking.Type).Ref("attendances").
			Field("booking_id").Unique().Required().Immutable(),
		edge.To("recorded_by", Person.Type).Field("recorded_by_id").Unique(),
	}
}

// Indexes implements ent.Schema: one record per child and session.
func (Attendance) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("session_id", "booking_id").Unique(),
		index.Fields("booking_id"),
		index.Fields("recorded_by_id"),
	}
}

// Annotations implements ent.Schema.
func (Attendance) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipWhereInput)}
}

// Policy implements ent.Schema: see package access.
func (Attendance) Policy() ent.Policy {
	return access.Policy(access.ReadAttendances(), access.WriteAttendances())
}
