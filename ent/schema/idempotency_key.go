package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/reseau-liens/portal/internal/access"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// IdempotencyKey remembers the first result of a retried request (a
// booking, a cancellation) under the key the client chose, per person, so
// that a retry after a network failure never acts twice.
type IdempotencyKey struct{ ent.Schema }

// Mixin implements ent.Schema.
func (IdempotencyKey) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("idk"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (IdempotencyKey) Fields() []ent.Field {
	return []ent.Field{
		field.String("person_id").GoType(pulid.ID("")).Immutable(),
		field.String("key").NotEmpty().MaxLen(100).Immutable(),
		field.String("operation").NotEmpty().MaxLen(40).Immutable().
			Comment("The mutation the key was first used for."),
		field.String("target_id").GoType(pulid.ID("")).Immutable().
			Comment("The series or booking the request was about."),
		field.Strings("result_ids").Immutable().
			Comment("The records the first request returned."),
	}
}

// Indexes implements ent.Schema: a key is unique per person.
func (IdempotencyKey) Indexes() []ent.Index {
	return []ent.Index{index.Fields("person_id", "key").Unique()}
}

// Annotations implements ent.Schema: not part of the GraphQL schema.
func (IdempotencyKey) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy implements ent.Schema: see package access.
func (IdempotencyKey) Policy() ent.Policy {
	return access.Policy(access.ReadIdempotencyKeys(), access.WriteIdempotencyKeys())
}
