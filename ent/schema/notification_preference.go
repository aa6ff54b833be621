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

// NotificationPreference is a person's choice for one kind of notice: by
// e-mail or not (the portal inbox always gets it). A kind without a row is
// sent by e-mail. Each person reads and sets only their own.
type NotificationPreference struct{ ent.Schema }

// Mixin implements ent.Schema.
func (NotificationPreference) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("ntp"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (NotificationPreference) Fields() []ent.Field {
	return []ent.Field{
		field.String("person_id").GoType(pulid.ID("")).Immutable(),
		field.Enum("kind").NamedValues(notificationKinds...).Immutable(),
		field.Bool("email").Default(true),
	}
}

// Edges implements ent.Schema.
func (NotificationPreference) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("person", Person.Type).Field("person_id").Unique().Required().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (NotificationPreference) Indexes() []ent.Index {
	return []ent.Index{index.Fields("person_id", "kind").Unique()}
}

// Annotations implements ent.Schema: GraphQL shows every kind with its
// setting (package notify), not the rows.
func (NotificationPreference) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy implements ent.Schema: see package access.
func (NotificationPreference) Policy() ent.Policy {
	return access.Policy(access.ReadNotificationPreferences(), access.WriteNotificationPreferences())
}
