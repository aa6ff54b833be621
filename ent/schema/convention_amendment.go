package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
)

// ConventionAmendment is one dated change of a convention's places or
// last day, with the values before and after and the reason: the
// convention's history. Amendments are written once and never changed.
type ConventionAmendment struct{ ent.Schema }

// Mixin implements ent.Schema.
func (ConventionAmendment) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("cam")}
}

// Fields implements ent.Schema.
func (ConventionAmendment) Fields() []ent.Field {
	return []ent.Field{
		field.String("convention_id").GoType(pulid.ID("")).Immutable(),
		field.Time("at").Immutable(),
		field.String("author_id").GoType(pulid.ID("")).Immutable(),
		field.Int("places_before").Immutable(),
		field.Int("places_after").Immutable(),
		// Days (see clock.Date), served as the Date scalar.
		field.Time("ends_at_before").Immutable().Annotations(entgql.Type("Date")),
		field.Time("ends_at_after").Immutable().Annotations(entgql.Type("Date")),
		field.Text("reason").NotEmpty().MaxLen(2000).Immutable(),
	}
}

// Edges implements ent.Schema.
func (ConventionAmendment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("convention", Convention.Type).Ref("amendments").
			Field("convention_id").Unique().Required().Immutable(),
		edge.To("author", Person.Type).Field("author_id").Unique().Required().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (ConventionAmendment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("convention_id", "at"),
		index.Fields("author_id"),
	}
}

// Policy implements ent.Schema: see package access.
func (ConventionAmendment) Policy() ent.Policy {
	return access.Policy(access.ReadConventionAmendments(), access.WriteConventionAmendments())
}
