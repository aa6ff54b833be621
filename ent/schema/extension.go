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
)

// Extension is a coordinator's request to extend an accompaniment by a
// few months, and the decision of the financer's prescriber: the file's
// history of it. An approval moves the end date.
type Extension struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Extension) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("ext")}
}

// Fields implements ent.Schema.
func (Extension) Fields() []ent.Field {
	return []ent.Field{
		field.String("accompaniment_id").GoType(pulid.ID("")).Immutable(),
		field.Int("months").Positive().Immutable(),
		field.Text("reason").Immutable(),
		field.Enum("status").
			NamedValues("Requested", "REQUESTED", "Approved", "APPROVED", "Refused", "REFUSED").
			Default("REQUESTED").
			Annotations(entgql.Type("ExtensionStatus")),
		field.Time("requested_at").Immutable().
			Annotations(entgql.OrderField("REQUESTED_AT")),
		field.String("requested_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable(),
		field.Time("decided_at").Optional().Nillable(),
		field.String("decided_by_id").GoType(pulid.ID("")).Optional().Nillable(),
		field.Text("decision_note").Default(""),
		field.Time("previous_ends_at").Optional().Nillable().
			Comment("The end date before the approval."),
		field.Time("ends_at").Optional().Nillable().
			Comment("The end date the approval set."),
	}
}

// Edges implements ent.Schema.
func (Extension) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("accompaniment", Accompaniment.Type).Ref("extensions").
			Field("accompaniment_id").Unique().Required().Immutable(),
		edge.To("requested_by", Person.Type).Field("requested_by_id").Unique().Immutable(),
		edge.To("decided_by", Person.Type).Field("decided_by_id").Unique(),
	}
}

// Indexes implements ent.Schema.
func (Extension) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("accompaniment_id", "requested_at"),
		index.Fields("requested_at"),
		index.Fields("status"),
		index.Fields("requested_by_id"),
		index.Fields("decided_by_id"),
	}
}

// Annotations implements ent.Schema.
func (Extension) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Extension) Policy() ent.Policy {
	return access.Policy(access.ReadExtensions(), access.WriteExtensions())
}

// Hooks implements ent.Schema: the status machine holds on every write.
func (Extension) Hooks() []ent.Hook {
	return []ent.Hook{statemachine.Guard("status", "extension", ExtensionMoves)}
}
