package schema

import (
	"github.com/reseau-liens/portal/internal/access"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// AuditEvent is an append-only trace: one per mutated record, one per
// refused access, and one per request and provider for reads (the read
// log: the records read, by type, in JSON). It refers to people and
// records by ID only, with no edges, so that it survives their
// anonymisation. Each event is chained to the previous one by a SHA-256
// hash (seq, prev_hash, hash; see package audit), and triggers refuse any
// UPDATE or DELETE but the retention job's (see the migrations). On
// PostgreSQL the table is partitioned by month of occurred_at (see
// database.EnsureAuditPartitions), which the ent schema cannot say: the
// migration planner adds it (migrations.auditPartitioning).
type AuditEvent struct{ ent.Schema }

// Mixin implements ent.Schema.
func (AuditEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("aud")}
}

// Fields implements ent.Schema.
func (AuditEvent) Fields() []ent.Field {
	skip := entgql.Skip(entgql.SkipAll)
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
		// operation names the GraphQL operation of the request.
		field.String("operation").MaxLen(200).Default("").Immutable(),
		// records are the IDs read, by type (reads only).
		field.JSON("records", map[string][]string{}).Optional().Immutable().Annotations(skip),
		// record_ids and family_ids list every ID read and the families
		// whose file they belong to, for "who read this file" (indexed
		// with GIN on PostgreSQL).
		field.JSON("record_ids", []string{}).Optional().Immutable().Annotations(skip),
		field.JSON("family_ids", []string{}).Optional().Immutable().Annotations(skip),
		// The chain: the event's place, the previous event's hash, the
		// hash of its canonical content and the chained hash. NULL only on
		// events written before the chain was introduced.
		field.Int64("seq").Optional().Nillable().Unique().Immutable().Annotations(skip),
		field.String("prev_hash").Optional().Nillable().Immutable().Annotations(skip),
		field.String("content_hash").Optional().Nillable().Immutable().Annotations(skip),
		field.String("hash").Optional().Nillable().Immutable().Annotations(skip),
	}
}

// Indexes implements ent.Schema.
func (AuditEvent) Indexes() []ent.Index {
	gin := entsql.IndexTypes(map[string]string{dialect.Postgres: "GIN"})
	return []ent.Index{
		index.Fields("provider_id", "occurred_at"),
		index.Fields("record_id"),
		index.Fields("actor_id"),
		index.Fields("occurred_at"),
		index.Fields("record_ids").Annotations(gin, entsql.OpClass("jsonb_path_ops")),
		index.Fields("family_ids").Annotations(gin, entsql.OpClass("jsonb_path_ops")),
		// The latest archive event, the chain's anchor, is looked up on
		// every Verify, every retention run and by the trigger for each
		// row deleted: without this index the lookup reads every event
		// since it, and on PostgreSQL every month partition without one.
		index.Fields("seq").Annotations(entsql.IndexWhere("action = 'archive'")).StorageKey("auditevent_archive_seq"),
		// On PostgreSQL, events are chained after they commit (see
		// audit.Seal): the sealer finds the few not chained yet here, in
		// the order it chains them.
		index.Fields("occurred_at", "id").Annotations(entsql.IndexWhere("seq IS NULL")).StorageKey("auditevent_unsealed"),
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
