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

// DocumentAcknowledgement records that one guardian acknowledged the
// individual document or the contract (signed it, or said so): on which
// day, and which member of staff recorded it. One per guardian and
// document; written once, never changed.
type DocumentAcknowledgement struct{ ent.Schema }

// Mixin implements ent.Schema.
func (DocumentAcknowledgement) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("ack"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (DocumentAcknowledgement) Fields() []ent.Field {
	return []ent.Field{
		field.String("document_id").GoType(pulid.ID("")).Immutable(),
		field.String("guardian_id").GoType(pulid.ID("")).Immutable(),
		field.Time("acknowledged_on").Immutable().Annotations(entgql.Type("Date")).
			Comment("The day the guardian acknowledged the document."),
		field.String("recorded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
	}
}

// Edges implements ent.Schema.
func (DocumentAcknowledgement) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("document", Document.Type).Ref("acknowledgements").
			Field("document_id").Unique().Required().Immutable(),
		edge.To("guardian", Guardian.Type).Field("guardian_id").Unique().Required().Immutable(),
		edge.To("recorded_by", Person.Type).Field("recorded_by_id").Unique().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (DocumentAcknowledgement) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("document_id", "guardian_id").Unique(),
		index.Fields("guardian_id"),
		index.Fields("recorded_by_id"),
	}
}

// Annotations implements ent.Schema.
func (DocumentAcknowledgement) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (DocumentAcknowledgement) Policy() ent.Policy {
	return access.Policy(access.ReadDocumentAcknowledgements(), access.WriteDocumentAcknowledgements())
}
