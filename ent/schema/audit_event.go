package schema

import (
	"github.com/reseau-liens/portal/internal/access"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// AuditEvent is an append-only trace of a read of a family's file or of a
// mutation. It refers to people and records by ID only, with no edges, so
// that it survives their anonymisation.
type AuditEvent struct{ ent.Schema }

// Mixin implements ent.Schema.
func (AuditEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("aud")}
}

// Fields implements ent.Schema.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Time("occurred_at").Immutable().
			Annotations(entgql.OrderField("OCCURRED_AT")),
		field.String("provider_id").Optional().Nillable().Immutable(),
		field.String("actor_id").Optional().Nillable().Immutable(),
		field.String("action").NotEmpty().MaxLen(80).Immutable(),
		field.String("record_type").MaxLen(60).Immutable(),
		field.String("record_id").Optional().Nillable().Immutable(),
		field.String("client_address").MaxLen(80).Default("").Immutable(),
		field.String("request_id").MaxLen(80).Default("").Immutable(),
	}
}

// Indexes implements ent.Schema.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("provider_id", "occurred_at"),
		index.Fields("record_id"),
		index.Fields("actor_id"),
		index.Fields("occurred_at"),
	}
}

// Annotations implements ent.Schema.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (AuditEvent) Policy() ent.Policy {
	return access.AuditPolicy()
}
