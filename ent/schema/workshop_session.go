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

// WorkshopSession is one dated session of a workshop series.
type WorkshopSession struct{ ent.Schema }

// Mixin implements ent.Schema.
func (WorkshopSession) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("ses"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (WorkshopSession) Fields() []ent.Field {
	return []ent.Field{
		field.String("series_id").GoType(pulid.ID("")).Immutable(),
		field.Time("starts_at").Annotations(entgql.OrderField("STARTS_AT")),
		field.Int("duration_minutes").Positive().Default(60),
		field.String("place").MaxLen(300).Optional().Nillable().
			Comment("Where this session is held when a move took it away from the series' place."),
		field.Enum("status").NamedValues("Scheduled", "SCHEDULED", "Cancelled", "CANCELLED").Default("SCHEDULED").
			Annotations(entgql.Type("WorkshopSessionStatus")),
		field.Time("cancelled_at").Optional().Nillable(),
		field.String("cancellation_reason").MaxLen(500).Optional().Nillable(),
		field.Int("revision").NonNegative().Default(0).
			Comment("Moves and cancellations so far: the calendar feeds' SEQUENCE grows with it (RFC 5545)."),
	}
}

// Edges implements ent.Schema.
func (WorkshopSession) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("series", WorkshopSeries.Type).Ref("sessions").
			Field("series_id").Unique().Required().Immutable(),
		edge.To("attendances", Attendance.Type),
	}
}

// Annotations implements ent.Schema.
func (WorkshopSession) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (WorkshopSession) Policy() ent.Policy {
	return access.Policy(access.ReadWorkshopSessions(), access.WriteWorkshopSessions())
}

// Hooks implements ent.Schema: the status machine holds on every write.
func (WorkshopSession) Hooks() []ent.Hook {
	return []ent.Hook{statemachine.Guard("status", "workshop_session", WorkshopSessionMoves)}
}

// Indexes of the WorkshopSession: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (WorkshopSession) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("series_id", "starts_at"),
		index.Fields("starts_at"),
	}
}
