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
	"github.com/reseau-liens/portal/internal/platform/statemachine"
)

// Orientation records that an educator pointed a family towards a
// directory offer, and what came of it.
type Orientation struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Orientation) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("ori"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Orientation) Fields() []ent.Field {
	return []ent.Field{
		field.String("family_id").GoType(pulid.ID("")).Immutable(),
		field.String("offer_id").GoType(pulid.ID("")).Immutable(),
		field.String("educator_id").GoType(pulid.ID("")).Immutable().
			Comment("Who recorded the orientation."),
		field.String("provider_id").GoType(pulid.ID("")).Optional().Immutable().
			Comment("The family's provider, kept by a hook: the @sensitive note is decided on it.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("family_reference").Optional().Immutable().
			Comment("The family's pseudonymous reference, kept by a hook: what the receiving organisation reads of the family."),
		field.Time("oriented_at").Immutable(),
		field.Text("note").Optional().
			Comment("Readable by the family's staff only, never by the receiving organisation.").
			Annotations(entgql.Skip(entgql.SkipWhereInput), sensitive()),
		field.Enum("outcome").
			NamedValues(orientationOutcomes...).
			Default("PENDING").
			Annotations(entgql.Type("OrientationOutcome")),
		field.Time("outcome_at").Optional().Nillable(),
		field.Text("outcome_note").Optional().
			Comment("Shared with the receiving organisation, which may write it."),
	}
}

// Edges implements ent.Schema.
func (Orientation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("family", Family.Type).Field("family_id").Unique().Required().Immutable(),
		edge.To("offer", DirectoryOffer.Type).Field("offer_id").Unique().Required().Immutable(),
		edge.To("educator", Person.Type).Field("educator_id").Unique().Required().Immutable(),
		edge.To("events", OrientationEvent.Type).
			Comment("The orientation's history, oldest first."),
	}
}

// Annotations implements ent.Schema.
func (Orientation) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Orientation) Policy() ent.Policy {
	return access.Policy(access.ReadOrientations(), access.WriteOrientations())
}

// Indexes of the Orientation: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (Orientation) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("family_id"),
		index.Fields("educator_id"),
		index.Fields("offer_id"),
		index.Fields("provider_id"),
	}
}

// Hooks implements ent.Schema: the outcome follows its status machine;
// the provider and the reference follow the family, whoever records.
func (Orientation) Hooks() []ent.Hook {
	return []ent.Hook{
		statemachine.Guard("outcome", "orientation", OrientationOutcomeMoves),
		copiedFromFamily(),
	}
}

// Interceptors implements ent.Schema: the @sensitive note needs the
// provider column, even when a query selects only some fields.
func (Orientation) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.KeepProviderColumn()}
}
