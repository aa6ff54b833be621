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

// OutboxMessage is a message the portal owes someone (a final report to the
// parents, its copy to the prescriber), written in the same transaction as
// the change that causes it and sent afterwards: nothing is sent for a
// change that rolled back, and nothing owed is lost if sending fails.
type OutboxMessage struct{ ent.Schema }

// Mixin implements ent.Schema.
func (OutboxMessage) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("out"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (OutboxMessage) Fields() []ent.Field {
	return []ent.Field{
		field.String("provider_id").GoType(pulid.ID("")).Immutable(),
		field.String("accompaniment_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.String("document_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.String("notification_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Comment("The portal notice this message mails (package notify); absent for a document's delivery."),
		field.Enum("recipient_kind").
			NamedValues("Guardian", "GUARDIAN", "Prescriber", "PRESCRIBER", "Financer", "FINANCER", "Coordinator", "COORDINATOR",
				"Partner", "PARTNER", "Educator", "EDUCATOR").
			Immutable(),
		field.String("recipient_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Comment("The guardian or person the message is for."),
		// Address, subject and body change once only: erasure clears them
		// (package lifecycle).
		field.String("recipient_address").MaxLen(254).Default("").
			Comment("E-mail address; empty when none is known (the message is then only logged)."),
		field.String("subject").MaxLen(200),
		field.Text("body"),
		field.Enum("status").
			NamedValues("Pending", "PENDING", "Sent", "SENT", "Logged", "LOGGED", "Failed", "FAILED").
			Default("PENDING"),
		field.Int("attempts").NonNegative().Default(0),
		field.Time("sent_at").Optional().Nillable(),
		field.Time("queued_at").Immutable(),
	}
}

// Indexes implements ent.Schema.
func (OutboxMessage) Indexes() []ent.Index {
	return []ent.Index{index.Fields("status", "queued_at")}
}

// Annotations implements ent.Schema.
func (OutboxMessage) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy implements ent.Schema: see package access.
func (OutboxMessage) Policy() ent.Policy {
	return access.Policy(access.ReadOutboxMessages(), access.WriteOutboxMessages())
}
