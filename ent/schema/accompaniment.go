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

// Accompaniment is one family's journey through a programme, from the
// request to the final report. Validated accompaniments form the provider's
// active caseload.
type Accompaniment struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Accompaniment) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("acc"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Accompaniment) Fields() []ent.Field {
	return []ent.Field{
		field.String("provider_id").GoType(pulid.ID("")).Immutable().
			Comment("Copied from the programme so that access rules filter on one column."),
		field.String("family_id").GoType(pulid.ID("")).Immutable(),
		field.String("programme_id").GoType(pulid.ID("")).Immutable(),
		field.String("prescriber_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.String("prescriber_organisation_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.String("financer_id").GoType(pulid.ID("")).Optional().Nillable(),
		field.String("convention_id").GoType(pulid.ID("")).Optional().Nillable(),
		field.String("predecessor_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.Enum("status").
			NamedValues(
				"Requested", "REQUESTED",
				"Evaluating", "EVALUATING",
				"Active", "ACTIVE",
				"Suspended", "SUSPENDED",
				"Closed", "CLOSED",
				"Declined", "DECLINED",
				"Withdrawn", "WITHDRAWN",
				"Interrupted", "INTERRUPTED",
				"Expired", "EXPIRED",
			).
			Default("REQUESTED").
			Annotations(entgql.Type("AccompanimentStatus"), entgql.OrderField("STATUS")),
		field.Bool("self_referral").Default(false).Immutable().
			Comment("The family asked for help itself."),
		field.Text("request_note").Optional().Annotations(entgql.Skip(entgql.SkipWhereInput), sensitive()),
		field.Time("requested_at").Immutable().
			Annotations(entgql.OrderField("REQUESTED_AT")),
		field.Time("evaluation_started_at").Optional().Nillable(),
		field.Time("validated_at").Optional().Nillable(),
		field.Time("first_appointment_at").Optional().Nillable(),
		field.Time("starts_at").Optional().Nillable().
			Comment("The date of the first appointment.").
			Annotations(entgql.OrderField("STARTS_AT")),
		field.Time("ends_at").Optional().Nillable().
			Comment("The start date plus the programme's duration.").
			Annotations(entgql.OrderField("ENDS_AT")),
		field.Time("closed_at").Optional().Nillable(),
		// Suspension and extension (suspension.go, extension.go of package
		// accompaniment): the end date is the start plus the programme's
		// duration and extended_months, pushed back by suspended_days.
		field.Time("suspended_on").Optional().Nillable().
			Annotations(entgql.Type("Date")).
			Comment("The first day of the suspension under way; empty when the file is not suspended."),
		field.Int("suspended_days").NonNegative().Default(0).
			Comment("Days the file was suspended, over its ended suspensions: the end date moved back by as many."),
		field.Int("extended_months").NonNegative().Default(0).
			Comment("Months added to the programme's duration by approved extensions."),
		field.Enum("decline_reason").
			NamedValues("NotEligible", "NOT_ELIGIBLE", "Capacity", "CAPACITY", "FamilyDeclined", "FAMILY_DECLINED", "Other", "OTHER").
			Optional().Nillable().
			Annotations(entgql.Type("DeclineReason")),
		field.Text("status_reason").Optional().
			Comment("Free text accompanying a decline, a withdrawal or an interruption."),
	}
}

// Edges implements ent.Schema.
func (Accompaniment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("provider", Provider.Type).Field("provider_id").Unique().Required().Immutable(),
		// Served by a resolver (schema/accompaniment.graphql), nullable: a
		// prescriber's list of requests must not fail on a family that no
		// longer shares its file with him.
		edge.From("family", Family.Type).Ref("accompaniments").
			Field("family_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipType)),
		edge.To("programme", Programme.Type).Field("programme_id").Unique().Required().Immutable(),
		edge.To("prescriber", Person.Type).Field("prescriber_id").Unique().Immutable(),
		edge.To("prescriber_organisation", Organisation.Type).Field("prescriber_organisation_id").Unique().Immutable(),
		edge.To("financer", Organisation.Type).Field("financer_id").Unique(),
		edge.To("convention", Convention.Type).Field("convention_id").Unique(),
		edge.To("educators", Person.Type),
		edge.To("successor", Accompaniment.Type).Unique().
			From("predecessor").Field("predecessor_id").Unique().Immutable(),
		edge.To("contact_events", ContactEvent.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("documents", Document.Type),
		edge.To("appointments", Appointment.Type).
			Annotations(entgql.RelayConnection()).
			Comment("The planned, held and cancelled appointments with the family."),
		edge.To("report_deliveries", ReportDelivery.Type).
			Annotations(entgql.RelayConnection()).
			Comment("What became of the final report for each recipient, withheld copies included."),
		edge.To("first_appointment_changes", FirstAppointmentChange.Type).
			Annotations(entgql.RelayConnection()).
			Comment("Every setting of the first appointment, the earlier date kept."),
		edge.To("suspensions", Suspension.Type).
			Annotations(entgql.RelayConnection()).
			Comment("Every suspension of the file, the one under way included."),
		edge.To("extensions", Extension.Type).
			Annotations(entgql.RelayConnection()).
			Comment("Every extension requested, with the financer's decision."),
	}
}

// Indexes implements ent.Schema.
func (Accompaniment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("provider_id", "status"),
		index.Fields("programme_id", "status"),
		index.Fields("family_id"),
		index.Fields("convention_id"),
		index.Fields("financer_id"),
		index.Fields("prescriber_id"),
		index.Fields("prescriber_organisation_id"),
		index.Fields("status"),
		index.Fields("requested_at"),
		index.Fields("starts_at"),
		index.Fields("ends_at"),
	}
}

// Annotations implements ent.Schema.
func (Accompaniment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
	}
}

// Policy implements ent.Schema: see package access.
func (Accompaniment) Policy() ent.Policy {
	return access.Policy(access.ReadAccompaniments(), access.WriteAccompaniments())
}

// Interceptors implements ent.Schema: the @sensitive fields need the
// provider of the record whatever columns a query selects.
func (Accompaniment) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.KeepProviderColumn("prescriber_id")}
}

// Hooks implements ent.Schema: the status machine holds on every write.
func (Accompaniment) Hooks() []ent.Hook {
	return []ent.Hook{statemachine.Guard("status", "accompaniment", AccompanimentMoves)}
}
