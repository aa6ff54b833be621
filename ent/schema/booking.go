package schema

import (
	"github.com/reseau-liens/portal/internal/access"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// Booking is a child's seat in a workshop series, confirmed or on the
// waiting list (served in order of request).
type Booking struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Booking) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("bkg"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Booking) Fields() []ent.Field {
	return []ent.Field{
		field.String("series_id").GoType(pulid.ID("")).Immutable(),
		field.String("child_id").GoType(pulid.ID("")).Immutable(),
		field.String("organisation_id").GoType(pulid.ID("")).Immutable().
			Comment("The partner organisation that booked."),
		field.String("booked_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.Enum("status").NamedValues("Confirmed", "CONFIRMED", "Waiting", "WAITING", "Cancelled", "CANCELLED").
			Annotations(entgql.Type("BookingStatus"), entgql.OrderField("STATUS")),
		field.Time("requested_at").Immutable().
			Annotations(entgql.OrderField("REQUESTED_AT")),
		field.Int("position").NonNegative().Default(0).Immutable().
			Comment("Arrival order within the series, assigned under the series lock: the waiting list is served in this order.").
			Annotations(entgql.OrderField("POSITION")),
		field.Time("confirmed_at").Optional().Nillable(),
		field.Time("cancelled_at").Optional().Nillable(),
		field.String("group_key").Optional().Nillable().Immutable().
			Comment("Shared by the bookings of one request for several children: those of them that wait are one entry of the waiting list, served at the place of its first.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Bool("split_allowed").Default(false).Immutable().
			Comment("The booker accepts that the waiting children of the request be confirmed as seats free, some before the others; otherwise the entry is promoted whole, and nobody behind it passes it.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Edges implements ent.Schema.
func (Booking) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("series", WorkshopSeries.Type).Ref("bookings").
			Field("series_id").Unique().Required().Immutable(),
		edge.From("child", Child.Type).Ref("bookings").
			Field("child_id").Unique().Required().Immutable(),
		edge.To("organisation", Organisation.Type).Field("organisation_id").Unique().Required().Immutable(),
		edge.To("booked_by", Person.Type).Field("booked_by_id").Unique().Immutable(),
		edge.To("attendances", Attendance.Type),
	}
}

// Indexes implements ent.Schema.
func (Booking) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("series_id", "status", "requested_at"),
		// A child holds at most one live booking per series, whatever the
		// races: cancelled bookings stay as history.
		index.Fields("series_id", "child_id").Unique().
			Annotations(entsql.IndexWhere("status <> 'CANCELLED'")),
		index.Fields("child_id"),
		index.Fields("organisation_id"),
		index.Fields("booked_by_id"),
		index.Fields("status"),
		index.Fields("requested_at"),
		index.Fields("position"),
	}
}

// Annotations implements ent.Schema.
func (Booking) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Booking) Policy() ent.Policy {
	return access.Policy(access.ReadBookings(), access.WriteBookings())
}

// Hooks implements ent.Schema: the status machine holds on every write.
func (Booking) Hooks() []ent.Hook {
	return []ent.Hook{statemachine.Guard("status", "booking", BookingMoves)}
}
