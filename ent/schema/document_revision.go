package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/reseau-liens/portal/internal/access"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// DocumentRevision is one version of a document's text. Revisions are
// never rewritten: a change is a new revision.
type DocumentRevision struct{ ent.Schema }

// Mixin implements ent.Schema.
func (DocumentRevision) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("rev"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (DocumentRevision) Fields() []ent.Field {
	return []ent.Field{
		field.String("document_id").GoType(pulid.ID("")).Immutable(),
		field.Int("number").Positive().Immutable(),
		field.String("author_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.Text("body").Optional(),
		field.Text("stakes").Optional().
			Comment("Stakes/missions/work map: the stakes (enjeux)."),
		field.Text("missions").Optional(),
		field.Text("work").Optional(),
	}
}

// Edges implements ent.Schema.
func (DocumentRevision) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("document", Document.Type).Ref("revisions").
			Field("document_id").Unique().Required().Immutable(),
		edge.To("author", Person.Type).Field("author_id").Unique().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (DocumentRevision) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("document_id", "number").Unique(),
		index.Fields("author_id"),
	}
}

// Annotations implements ent.Schema.
func (DocumentRevision) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (DocumentRevision) Policy() ent.Policy {
	return access.Policy(access.ReadDocumentRevisions(), access.WriteDocumentRevisions())
}
