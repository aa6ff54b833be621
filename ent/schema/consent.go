package schema

import (
	"github.com/reseau-liens/portal/internal/access"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// Consent records a family's consent for one purpose, who recorded it and
// its withdrawal. A withdrawn consent is kept: the history is the proof.
type Consent struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Consent) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("cns"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Consent) Fields() []ent.Field {
	return []ent.Field{
		field.String("family_id").GoType(pulid.ID("")).Immutable(),
		field.Enum("purpose").
			NamedValues("Accompaniment", "ACCOMPANIMENT", "SharingWithPrescriber", "SHARING_WITH_PRESCRIBER", "PartnerContact", "PARTNER_CONTACT").
			Annotations(entgql.Type("ConsentPurpose")),
		field.Time("given_at").Immutable(),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.Time("withdrawn_at").Optional().Nillable(),
		field.String("withdrawn_by_id").GoType(pulid.ID("")).Optional().Nillable(),
	}
}

// Edges implements ent.Schema.
func (Consent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("family", Family.Type).Ref("consents").
			Field("family_id").Unique().Required().Immutable(),
		edge.To("recorded_by", Person.Type).Field("recorded_by_id").Unique().Immutable(),
		edge.To("withdrawn_by", Person.Type).Field("withdrawn_by_id").Unique(),
	}
}

// Annotations implements ent.Schema.
func (Consent) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (Consent) Policy() ent.Policy {
	return access.Policy(access.ReadConsents(), access.WriteConsents())
}

// Indexes of the Consent: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (Consent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("family_id"),
		index.Fields("recorded_by_id"),
		index.Fields("withdrawn_by_id"),
	}
}
