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

// CalendarFeed is a person's iCalendar subscription: a workshop series'
// sessions, the sessions a partner organisation booked, or the first
// appointments of the files assigned to an educator. The feed's URL holds
// a secret (calendar applications send no bearer token); only its SHA-256
// is stored. The feed is served as its person would read it, until it is
// revoked.
type CalendarFeed struct{ ent.Schema }

// Mixin implements ent.Schema.
func (CalendarFeed) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("cal"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (CalendarFeed) Fields() []ent.Field {
	return []ent.Field{
		field.String("person_id").GoType(pulid.ID("")).Immutable(),
		field.Enum("kind").NamedValues("Series", "SERIES", "Organisation", "ORGANISATION", "Appointments", "APPOINTMENTS").
			Immutable().Annotations(entgql.Type("CalendarFeedKind")),
		field.String("subject_id").GoType(pulid.ID("")).Immutable().
			Comment("The series, the organisation, or the educator (the person) the feed is about."),
		field.Bytes("secret_hash").Unique().Immutable().Sensitive().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("revoked_at").Optional().Nillable(),
	}
}

// Edges implements ent.Schema.
func (CalendarFeed) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("person", Person.Type).Field("person_id").Unique().Required().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (CalendarFeed) Indexes() []ent.Index {
	return []ent.Index{index.Fields("person_id")}
}

// Annotations implements ent.Schema.
func (CalendarFeed) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (CalendarFeed) Policy() ent.Policy {
	return access.Policy(access.ReadCalendarFeeds(), access.WriteCalendarFeeds())
}
