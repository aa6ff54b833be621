package schema

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	gen "github.com/reseau-liens/portal/ent"
	"github.com/reseau-liens/portal/ent/hook"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/access/viewer"
	"github.com/reseau-liens/portal/internal/platform/apierror"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// WorkshopSeries is a run of workshop sessions (e.g. six weekly ARCS
// sessions between two school holidays) hosted by an organisation, run by
// a practitioner, into which children are booked.
type WorkshopSeries struct{ ent.Schema }

// Mixin implements ent.Schema.
func (WorkshopSeries) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("ser"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (WorkshopSeries) Fields() []ent.Field {
	return []ent.Field{
		field.String("provider_id").GoType(pulid.ID("")).Immutable(),
		field.String("programme_id").GoType(pulid.ID("")).Immutable(),
		field.String("host_organisation_id").GoType(pulid.ID("")).Immutable(),
		field.String("practitioner_id").GoType(pulid.ID("")).Optional().Nillable(),
		field.String("quote_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.Bool("open_to_partners").Default(false).
			Comment("A series made from a partner's quote is booked by that partner only, unless a coordinator opens it to the provider's other partners."),
		field.String("title").NotEmpty().MaxLen(200).
			Annotations(entgql.OrderField("TITLE")),
		field.String("place").MaxLen(300),
		field.Int("capacity").Positive().
			Comment("Seats; never above the programme's group size limit."),
		field.Time("first_session_at").Optional().Nillable().
			Comment("Start of the first session, kept with the sessions for ordering and upcoming filters.").
			Annotations(entgql.OrderField("FIRST_SESSION_AT")),
		field.Enum("status").NamedValues("Scheduled", "SCHEDULED", "Cancelled", "CANCELLED").Default("SCHEDULED").
			Annotations(entgql.Type("WorkshopSeriesStatus")),
		field.Time("cancelled_at").Optional().Nillable(),
		field.String("cancellation_reason").MaxLen(500).Optional().Nillable(),
	}
}

// Edges implements ent.Schema.
func (WorkshopSeries) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("provider", Provider.Type).Field("provider_id").Unique().Required().Immutable(),
		edge.To("programme", Programme.Type).Field("programme_id").Unique().Required().Immutable(),
		edge.To("host_organisation", Organisation.Type).Field("host_organisation_id").Unique().Required().Immutable(),
		edge.To("practitioner", Person.Type).Field("practitioner_id").Unique(),
		edge.To("quote", Quote.Type).Field("quote_id").Unique().Immutable(),
		edge.To("sessions", WorkshopSession.Type),
		edge.To("bookings", Booking.Type).
			Annotations(entgql.RelayConnection()),
	}
}

// Annotations implements ent.Schema.
func (WorkshopSeries) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField("workshopSeries"),
		entgql.RelayConnection(),
	}
}

// Policy implements ent.Schema: see package access.
func (WorkshopSeries) Policy() ent.Policy {
	return access.Policy(access.ReadWorkshopSeries(), access.WriteWorkshopSeries())
}

// Hooks implements ent.Schema: a series never holds more seats than the
// programme's group size limit (six children for ARCS), whoever writes it.
func (WorkshopSeries) Hooks() []ent.Hook {
	return []ent.Hook{
		statemachine.Guard("status", "workshop_series", WorkshopSeriesMoves),
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.WorkshopSeriesFunc(func(ctx context.Context, m *gen.WorkshopSeriesMutation) (ent.Value, error) {
				capacity, ok := m.Capacity()
				if !ok {
					return next.Mutate(ctx, m)
				}
				programmeID, ok := m.ProgrammeID()
				if !ok {
					old, err := m.OldProgrammeID(viewer.SystemContext(ctx))
					if err != nil {
						return nil, err
					}
					programmeID = old
				}
				// The portal's own read: the viewer may not see the programme's limits otherwise.
				p, err := m.Client().Programme.Get(viewer.SystemContext(ctx), programmeID)
				if err != nil {
					return nil, err
				}
				if p.GroupSizeLimit != nil && capacity > *p.GroupSizeLimit {
					return nil, apierror.New("CAPACITY_ABOVE_GROUP_LIMIT",
						"ws.series_above_group_size", p.Code, *p.GroupSizeLimit).OnField("input", "capacity")
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}

// Indexes of the WorkshopSeries: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (WorkshopSeries) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("provider_id", "first_session_at"),
		index.Fields("programme_id"),
		index.Fields("host_organisation_id"),
		index.Fields("practitioner_id"),
		index.Fields("quote_id"),
		index.Fields("title"),
		index.Fields("first_session_at"),
	}
}
