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

// notificationKinds are the events a person is told of (see package
// notify, whose catalogue words each one). A new kind is added here and
// in notify's table.
var notificationKinds = []string{
	"EducatorAssigned", "EDUCATOR_ASSIGNED",
	"RequestReceived", "REQUEST_RECEIVED",
	"RequestUnanswered", "REQUEST_UNANSWERED",
	"RequestValidated", "REQUEST_VALIDATED",
	"RequestDeclined", "REQUEST_DECLINED",
	"FirstAppointmentSet", "FIRST_APPOINTMENT_SET",
	"RequestExpired", "REQUEST_EXPIRED",
	"FinalReportDelivered", "FINAL_REPORT_DELIVERED",
	"SessionCancelled", "SESSION_CANCELLED",
	"SessionMoved", "SESSION_MOVED",
	"SeriesCancelled", "SERIES_CANCELLED",
}

// Notification is a notice in a person's portal inbox: what happened
// (kind), about which file, when, and whether they have read it. It holds
// the pseudonymous family reference and the programme's name, never a
// sensitive field; its text is worded from the catalogue when it is read,
// in the reader's language. Only its recipient reads it.
type Notification struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Notification) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("ntf"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Notification) Fields() []ent.Field {
	hidden := entgql.Skip(entgql.SkipAll)
	return []ent.Field{
		field.String("recipient_id").GoType(pulid.ID("")).Immutable().Annotations(hidden),
		field.Enum("kind").NamedValues(notificationKinds...).Immutable().
			Annotations(entgql.Type("NotificationKind")),
		field.String("provider_id").GoType(pulid.ID("")).Immutable().Annotations(hidden),
		field.String("accompaniment_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Annotations(entgql.Type("ID")).Comment("The accompaniment the notice is about."),
		field.String("programme_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Annotations(entgql.Type("ID")),
		field.String("family_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Annotations(entgql.Type("ID")),
		field.String("family_reference").MaxLen(40).Default("").Immutable().
			Comment("The family's pseudonymous reference, as it was when the notice was written."),
		field.String("programme_name").MaxLen(200).Default("").Immutable(),
		field.String("detail").MaxLen(600).Default("").Immutable().Annotations(hidden).
			Comment("The kind's one free detail (an educator's name, a decline reason), in French; never a sensitive field."),
		field.Time("day").Optional().Nillable().Immutable().Annotations(hidden).
			Comment("The kind's one date (an appointment, a request's day)."),
		field.Time("read_at").Optional().Nillable(),
	}
}

// Edges implements ent.Schema.
func (Notification) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("recipient", Person.Type).Field("recipient_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes implements ent.Schema: a person's inbox, newest first, and its
// unread count; the deadlines job's look-up by file.
func (Notification) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("recipient_id", "created_at"),
		index.Fields("recipient_id", "read_at"),
		index.Fields("accompaniment_id", "kind"),
	}
}

// Annotations implements ent.Schema.
func (Notification) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

// Policy implements ent.Schema: see package access.
func (Notification) Policy() ent.Policy {
	return access.Policy(access.ReadNotifications(), access.WriteNotifications())
}
