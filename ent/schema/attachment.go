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

// Attachment is a file attached to a document (a scan of the signed
// contract, the map as a spreadsheet, the report as a PDF). Its bytes live
// in the file store under their SHA-256 (package filestore): the row
// holds the hash, never a path. Its readers are the document's. Written
// once; removed, not changed. Its createdAt is when it was uploaded.
type Attachment struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Attachment) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("fil"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Attachment) Fields() []ent.Field {
	return []ent.Field{
		field.String("document_id").GoType(pulid.ID("")).Immutable(),
		field.String("sha256").MinLen(64).MaxLen(64).Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)).
			Comment("SHA-256 of the content, in hexadecimal: its address in the file store."),
		field.Int64("size").NonNegative().Immutable().Comment("Size in bytes."),
		field.String("media_type").MaxLen(200).Immutable().
			Comment("The type read from the content itself, not the one the browser announced."),
		field.String("file_name").MaxLen(200).Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)).
			Comment("The uploaded file's name, cleaned of paths and control characters."),
		field.String("uploaded_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
	}
}

// Edges implements ent.Schema.
func (Attachment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("document", Document.Type).Ref("attachments").
			Field("document_id").Unique().Required().Immutable(),
		edge.To("uploaded_by", Person.Type).Field("uploaded_by_id").Unique().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (Attachment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("document_id"),
		index.Fields("uploaded_by_id"),
		index.Fields("sha256"), // a content is removed once no attachment names it
	}
}

// Annotations implements ent.Schema.
func (Attachment) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (Attachment) Policy() ent.Policy {
	return access.Policy(access.ReadAttachments(), access.WriteAttachments())
}
