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
	"github.com/reseau-liens/portal/internal/platform/textfold"
)

// DirectoryOffer is an offer a partner network publishes in the shared
// directory (a cultural network's artistic practice workshops, access to
// rights...), towards which educators orient families.
type DirectoryOffer struct{ ent.Schema }

// Mixin implements ent.Schema.
func (DirectoryOffer) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("dof"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (DirectoryOffer) Fields() []ent.Field {
	return []ent.Field{
		field.String("organisation_id").GoType(pulid.ID("")).Immutable().
			Comment("The organisation that publishes the offer."),
		field.Enum("category").
			NamedValues(
				"ArtisticPractice", "ARTISTIC_PRACTICE",
				"Crafts", "CRAFTS",
				"AccessToRights", "ACCESS_TO_RIGHTS",
				"PublicWriting", "PUBLIC_WRITING",
				"ProfessionalNetwork", "PROFESSIONAL_NETWORK",
				"Other", "OTHER",
			).
			Annotations(entgql.Type("OfferCategory")),
		field.String("title").NotEmpty().MaxLen(200).
			Annotations(entgql.OrderField("TITLE")),
		field.Text("description").MaxLen(5000),
		field.String("territory").NotEmpty().MaxLen(200),
		field.String("audience").MaxLen(200).
			Comment("For whom the offer is meant, e.g. families, children from 6, adults."),
		field.String("contact").MaxLen(300).
			Comment("How to reach the offer: a phone, an address, an email."),
		field.Enum("status").
			NamedValues("Published", "PUBLISHED", "Withdrawn", "WITHDRAWN", "Archived", "ARCHIVED").
			Default("PUBLISHED").
			Annotations(entgql.Type("OfferStatus")).
			Comment("Only published offers are found by the search; the others stay readable where orientations name them."),
		field.Time("status_changed_at").Optional().Nillable().
			Comment("When the offer was last withdrawn, published again or archived."),
		field.Text("search_text").Default("").
			Comment("The title and description folded (see package textfold), kept by a hook; what the search reads.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Hooks implements ent.Schema: the folded search text follows the title
// and the description, whoever writes them; the status follows its
// machine.
func (DirectoryOffer) Hooks() []ent.Hook {
	return []ent.Hook{
		foldedFrom("search_text", textfold.Text, "title", "description"),
		statemachine.Guard("status", "directory_offer", DirectoryOfferMoves),
	}
}

// Edges implements ent.Schema.
func (DirectoryOffer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organisation", Organisation.Type).Field("organisation_id").Unique().Required().Immutable(),
		edge.From("orientations", Orientation.Type).Ref("offer").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes implements ent.Schema.
func (DirectoryOffer) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("territory", "category"),
		index.Fields("status"),
		index.Fields("organisation_id"),
		index.Fields("title"),
	}
}

// Annotations implements ent.Schema.
func (DirectoryOffer) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (DirectoryOffer) Policy() ent.Policy {
	return access.Policy(access.Public(), access.WriteDirectoryOffers())
}
