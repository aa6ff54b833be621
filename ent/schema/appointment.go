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

// Appointment is a planned meeting of an educator with a family, or about
// it: a home visit, a call, a meeting with a partner. Once held it becomes
// a contact event of the accompaniment.
type Appointment struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Appointment) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("apt"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Appointment) Fields() []ent.Field {
	return []ent.Field{
		field.String("provider_id").GoType(pulid.ID("")).Immutable().
			Comment("Copied from the accompaniment so that access rules filter on one column."),
		field.String("accompaniment_id").GoType(pulid.ID("")).Immutable(),
		field.String("educator_id").GoType(pulid.ID("")),
		field.Enum("kind").
			NamedValues(
				"HomeVisit", "HOME_VISIT",
				"Call", "CALL",
				"PartnerMeeting", "PARTNER_MEETING",
			).
			Annotations(entgql.Type("AppointmentKind"), entgql.OrderField("KIND")),
		field.Time("starts_at").
			Annotations(entgql.OrderField("STARTS_AT")),
		field.Time("ends_at"),
		field.String("place").Optional().MaxLen(300).
			Comment("Where it takes place, as typed; a home visit with none is at the family's address, which is never copied here.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.Enum("status").
			NamedValues("Planned", "PLANNED", "Held", "HELD", "Cancelled", "CANCELLED").
			Default("PLANNED").
			Annotations(entgql.Type("AppointmentStatus"), entgql.OrderField("STATUS")),
		field.Time("cancelled_at").Optional().Nillable(),
		field.Text("cancel_reason").Optional().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.String("contact_event_id").GoType(pulid.ID("")).Optional().Nillable().Unique().
			Comment("The contact event recorded when the appointment was held."),
	}
}

// Edges implements ent.Schema.
func (Appointment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("provider", Provider.Type).Field("provider_id").Unique().Required().Immutable(),
		edge.From("accompaniment", Accompaniment.Type).Ref("appointments").
			Field("accompaniment_id").Unique().Required().Immutable(),
		edge.To("educator", Person.Type).Field("educator_id").Unique().Required(),
		edge.To("contact_event", ContactEvent.Type).Field("contact_event_id").Unique(),
	}
}

// Annotations implements ent.Schema.
func (Appointment) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Appointment) Policy() ent.Policy {
	return access.Policy(access.ReadAppointments(), access.WriteAppointments())
}

// Hooks implements ent.Schema: the status machine holds on every write.
func (Appointment) Hooks() []ent.Hook {
	return []ent.Hook{statemachine.Guard("status", "appointment", AppointmentMoves)}
}

// Indexes of the Appointment: every foreign key and every filtered or
// ordered column leads one (see database's
// TestEveryForeignKeyAndOrderedColumnLeadsAnIndex). The agenda reads an
// educator's appointments by start.
func (Appointment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("educator_id", "starts_at"),
		index.Fields("accompaniment_id", "starts_at"),
		index.Fields("provider_id", "starts_at"),
		index.Fields("starts_at"),
		index.Fields("kind"),
		index.Fields("status"),
		index.Fields("contact_event_id"),
	}
}
