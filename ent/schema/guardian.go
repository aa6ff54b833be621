package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/reseau-liens/portal/internal/access"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// Guardian is a parent or caregiver of a family.
type Guardian struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Guardian) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("gdn"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Guardian) Fields() []ent.Field {
	return []ent.Field{
		field.String("family_id").GoType(pulid.ID("")).Immutable(),
		field.String("first_name").MaxLen(100),
		field.String("last_name").MaxLen(100),
		field.Enum("relationship").
			NamedValues(
				"Mother", "MOTHER",
				"Father", "FATHER",
				"Parent", "PARENT",
				"Grandparent", "GRANDPARENT",
				"LegalGuardian", "LEGAL_GUARDIAN",
				"Caregiver", "CAREGIVER",
				"Other", "OTHER",
			).
			Annotations(entgql.Type("GuardianRelationship")),
		field.Bool("requester").Default(false).
			Comment("The accompaniment document is written in the name of the requesting guardians."),
		field.String("phone").Optional().MaxLen(40),
		field.String("email").Optional().MaxLen(254),
	}
}

// Edges implements ent.Schema.
func (Guardian) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("family", Family.Type).Ref("guardians").
			Field("family_id").Unique().Required().Immutable(),
	}
}

// Annotations implements ent.Schema.
func (Guardian) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (Guardian) Policy() ent.Policy {
	return access.Policy(access.ReadGuardians(), access.WriteGuardians())
}

// Indexes of the Guardian: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (Guardian) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("family_id"),
	}
}
