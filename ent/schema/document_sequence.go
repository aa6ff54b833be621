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

// DocumentSequence is the last number a provider gave to its documents of
// one kind (prefix DEV: quotes) in one year. Numbers are taken by
// incrementing it inside the transaction that issues the document: the
// row stays locked until that transaction ends, so numbers follow each
// other without gaps or repeats whatever runs at the same time.
type DocumentSequence struct{ ent.Schema }

// Mixin implements ent.Schema.
func (DocumentSequence) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("dsq"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (DocumentSequence) Fields() []ent.Field {
	return []ent.Field{
		field.String("provider_id").GoType(pulid.ID("")).Immutable(),
		field.String("prefix").NotEmpty().MaxLen(10).Immutable(),
		field.Int("year").Positive().Immutable(),
		field.Int("last").NonNegative(),
	}
}

// Indexes implements ent.Schema: one sequence per provider, kind and year.
func (DocumentSequence) Indexes() []ent.Index {
	return []ent.Index{index.Fields("provider_id", "prefix", "year").Unique()}
}

// Annotations implements ent.Schema: not part of the GraphQL schema.
func (DocumentSequence) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy implements ent.Schema: see package access.
func (DocumentSequence) Policy() ent.Policy {
	return access.Policy(access.ReadDocumentSequences(), access.WriteDocumentSequences())
}
