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

// Membership gives a person a role in a provider (coordinator, educator,
// practitioner) or in a partner organisation (prescriber, partner staff).
// Exactly one of provider and organisation is set, as the role requires.
type Membership struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Membership) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("mbr"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Membership) Fields() []ent.Field {
	return []ent.Field{
		field.String("person_id").GoType(pulid.ID("")).Immutable(),
		field.Enum("role").
			NamedValues(
				"Coordinator", "COORDINATOR",
				"Educator", "EDUCATOR",
				"Practitioner", "PRACTITIONER",
				"Prescriber", "PRESCRIBER",
				"PartnerStaff", "PARTNER_STAFF",
			).
			Annotations(entgql.Type("Role"), entgql.OrderField("ROLE")),
		field.String("provider_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.String("organisation_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.Time("ended_at").Optional().Nillable().
			Comment("Set when the person is removed: the membership stops granting anything, the records they wrote stay."),
	}
}

// Edges implements ent.Schema.
func (Membership) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("person", Person.Type).Ref("memberships").
			Field("person_id").Unique().Required().Immutable(),
		edge.From("provider", Provider.Type).Ref("memberships").
			Field("provider_id").Unique().Immutable(),
		edge.From("organisation", Organisation.Type).Ref("memberships").
			Field("organisation_id").Unique().Immutable(),
	}
}

// Annotations implements ent.Schema.
func (Membership) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (Membership) Policy() ent.Policy {
	return access.Policy(access.ReadMemberships(), access.WriteMemberships())
}

// Indexes of the Membership: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (Membership) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("person_id"),
		index.Fields("organisation_id"),
		index.Fields("provider_id"),
		index.Fields("role"),
	}
}
