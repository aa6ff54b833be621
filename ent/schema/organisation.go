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
	"github.com/reseau-liens/portal/internal/platform/textfold"
)

// Organisation is a partner organisation: it refers families, finances
// places or books workshops. Organisations are shared between providers.
type Organisation struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Organisation) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("org"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Organisation) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200).
			Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").
			NamedValues(
				"DepartmentalCouncil", "DEPARTMENTAL_COUNCIL",
				"CCAS", "CCAS",
				"School", "SCHOOL",
				"CPTS", "CPTS",
				"AutonomyService", "AUTONOMY_SERVICE",
				"FamilyAllowanceFund", "FAMILY_ALLOWANCE_FUND",
				"Municipality", "MUNICIPALITY",
				"CulturalNetwork", "CULTURAL_NETWORK",
				"Association", "ASSOCIATION",
				"Other", "OTHER",
			).
			Annotations(entgql.Type("OrganisationKind"), entgql.OrderField("KIND")),
		field.String("territory").MaxLen(200).
			Annotations(entgql.OrderField("TERRITORY")),
		field.String("contact_email").Optional().MaxLen(254),
		field.String("contact_phone").Optional().MaxLen(40),
		field.Enum("school_zone").Values("A", "B", "C").Optional().Nillable().
			Comment("A school's zone of the national school calendar (package schoolcalendar): its series skip that zone's holidays.").
			Annotations(entgql.Type("SchoolZone")),
		field.String("match_key").Optional().Nillable().Unique().
			Comment("The name and territory folded (see package textfold), kept by a hook: one organisation per key.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Hooks implements ent.Schema: the match key follows the name and the
// territory, whoever writes them.
func (Organisation) Hooks() []ent.Hook {
	return []ent.Hook{foldedFrom("match_key", textfold.Key, "name", "territory")}
}

// Edges implements ent.Schema.
func (Organisation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("partner_links", PartnerLink.Type),
		edge.To("memberships", Membership.Type),
	}
}

// Annotations implements ent.Schema.
func (Organisation) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Organisation) Policy() ent.Policy {
	return access.Policy(access.Public(), access.WriteOrganisations(), access.WriteSchoolZones())
}

// Indexes of the Organisation: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (Organisation) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("name"),
		index.Fields("kind"),
		index.Fields("territory"),
	}
}
