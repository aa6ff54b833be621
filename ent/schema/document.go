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

// Document is a written piece of an accompaniment: the individual
// accompaniment document (DIA) or the contract, the stakes/missions/work
// map, or the final report. Its text lives in revisions, all kept.
type Document struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Document) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("doc"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Document) Fields() []ent.Field {
	return []ent.Field{
		field.String("accompaniment_id").GoType(pulid.ID("")).Immutable(),
		field.Enum("kind").
			NamedValues("IndividualDocument", "INDIVIDUAL_DOCUMENT", "Contract", "CONTRACT", "StakesMap", "STAKES_MAP", "FinalReport", "FINAL_REPORT").
			Annotations(entgql.Type("DocumentKind")),
		field.Int("current_revision").Default(1).Positive(),
		field.Time("delivered_at").Optional().Nillable().
			Comment("Final report: when it was sent to the parents and the prescriber."),
	}
}

// Edges implements ent.Schema.
func (Document) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("accompaniment", Accompaniment.Type).Ref("documents").
			Field("accompaniment_id").Unique().Required().Immutable(),
		edge.To("revisions", DocumentRevision.Type),
		edge.To("attachments", Attachment.Type),
		edge.To("acknowledgements", DocumentAcknowledgement.Type),
	}
}

// Annotations implements ent.Schema.
func (Document) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (Document) Policy() ent.Policy {
	return access.Policy(access.ReadDocuments(), access.WriteDocuments())
}

// Indexes of the Document: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (Document) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("accompaniment_id"),
	}
}
