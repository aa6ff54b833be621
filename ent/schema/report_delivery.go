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

// ReportDelivery records, in the file's history, what became of the final
// report for one recipient: queued for sending, or withheld and why (no
// consent, no address). It names no one and holds no address: the history
// outlives an erasure. Written once, never changed.
type ReportDelivery struct{ ent.Schema }

// Mixin implements ent.Schema.
func (ReportDelivery) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("rdl")}
}

// Fields implements ent.Schema.
func (ReportDelivery) Fields() []ent.Field {
	return []ent.Field{
		field.String("accompaniment_id").GoType(pulid.ID("")).Immutable(),
		field.String("document_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.Enum("recipient").
			NamedValues("Guardian", "GUARDIAN", "Prescriber", "PRESCRIBER", "Financer", "FINANCER").
			Immutable().
			Annotations(entgql.Type("ReportRecipient")),
		field.Enum("outcome").
			NamedValues("Queued", "QUEUED", "Withheld", "WITHHELD").
			Immutable().
			Annotations(entgql.Type("ReportDeliveryOutcome")),
		field.String("reason").MaxLen(300).Default("").Immutable().
			Comment("Why it was withheld, in French, for the coordinator."),
		field.Time("recorded_at").Immutable().
			Annotations(entgql.OrderField("RECORDED_AT")),
	}
}

// Edges implements ent.Schema.
func (ReportDelivery) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("accompaniment", Accompaniment.Type).Ref("report_deliveries").
			Field("accompaniment_id").Unique().Required().Immutable(),
		edge.To("document", Document.Type).Field("document_id").Unique().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (ReportDelivery) Indexes() []ent.Index {
	return []ent.Index{index.Fields("accompaniment_id", "recorded_at"), index.Fields("document_id")}
}

// Annotations implements ent.Schema.
func (ReportDelivery) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (ReportDelivery) Policy() ent.Policy {
	return access.Policy(access.ReadReportDeliveries(), access.WriteReportDeliveries())
}
