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
	"github.com/reseau-liens/portal/ent/schema/types"
)

// Family is a household followed by a provider. It is known by a
// pseudonymous reference; names live on guardians and children only.
type Family struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Family) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("fam"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Family) Fields() []ent.Field {
	return []ent.Field{
		field.String("provider_id").GoType(pulid.ID("")).Immutable(),
		field.String("reference").NotEmpty().MaxLen(40).
			Comment("Pseudonymous file reference, unique within the provider.").
			Annotations(entgql.OrderField("REFERENCE")),
		field.String("territory").MaxLen(200).
			Annotations(entgql.OrderField("TERRITORY")),
		field.Enum("household_composition").
			NamedValues(
				"TwoParents", "TWO_PARENTS",
				"SingleParent", "SINGLE_PARENT",
				"Blended", "BLENDED",
				"Extended", "EXTENDED",
				"Other", "OTHER",
			).
			Annotations(entgql.Type("HouseholdComposition")),
		field.Enum("socio_economic_situation").
			NamedValues("Employed", "EMPLOYED", "MinimumIncome", "MINIMUM_INCOME", "BelowPovertyLine", "BELOW_POVERTY_LINE", "Other", "OTHER").
			Optional().Nillable().
			Comment("Employed or self-employed; on minimum income (RSA); below the poverty line.").
			Annotations(entgql.Type("SocioEconomicSituation"), entgql.Skip(entgql.SkipWhereInput), sensitive()),
		field.JSON("protective_measures", []types.ProtectiveMeasure{}).Optional().
			Comment("Protective measures the family is under (IEAD, AEMO, ...).").
			Annotations(entgql.Type("[ProtectiveMeasure!]"), entgql.Skip(entgql.SkipWhereInput), sensitive()),
		field.Text("postal_address").Optional().MaxLen(500).
			Comment("Where the educator visits the family.").
			Annotations(entgql.Skip(entgql.SkipWhereInput|entgql.SkipOrderField), sensitive()),
		field.String("phone").Optional().MaxLen(40).
			Comment("The family's phone for home visits, in its international form (E.164).").
			Annotations(entgql.Skip(entgql.SkipWhereInput|entgql.SkipOrderField), sensitive()),
		field.Time("anonymised_at").Optional().Nillable().
			Comment("Set once names, contact details and notes have been removed."),
	}
}

// Edges implements ent.Schema.
func (Family) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("provider", Provider.Type).Field("provider_id").Unique().Required().Immutable(),
		edge.To("guardians", Guardian.Type),
		edge.To("children", Child.Type),
		edge.To("consents", Consent.Type),
		edge.To("accompaniments", Accompaniment.Type).
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes implements ent.Schema.
func (Family) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("provider_id", "reference").Unique(),
		index.Fields("reference"),
		index.Fields("territory"),
	}
}

// Annotations implements ent.Schema.
func (Family) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
	}
}

// Policy implements ent.Schema: see package access.
func (Family) Policy() ent.Policy {
	return access.Policy(access.ReadFamilies(), access.WriteFamilies(), access.WriteWorkshopFamilies(), access.WriteFamilyContact())
}

// Interceptors implements ent.Schema: the @sensitive fields need the
// provider of the record whatever columns a query selects.
func (Family) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.KeepProviderColumn()}
}
