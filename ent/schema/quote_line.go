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

// QuoteLine is one priced line of a quote (sessions, group series, travel).
type QuoteLine struct{ ent.Schema }

// Mixin implements ent.Schema.
func (QuoteLine) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("qln"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (QuoteLine) Fields() []ent.Field {
	return []ent.Field{
		field.String("quote_id").GoType(pulid.ID("")).Immutable(),
		field.Int("position").NonNegative(),
		field.String("label").NotEmpty().MaxLen(200),
		field.Int("quantity").NonNegative(),
		field.Int64("unit_price_cents").NonNegative(),
		field.Int64("amount_cents").NonNegative(),
	}
}

// Edges implements ent.Schema.
func (QuoteLine) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("quote", Quote.Type).Ref("lines").
			Field("quote_id").Unique().Required().Immutable(),
	}
}

// Annotations implements ent.Schema.
func (QuoteLine) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (QuoteLine) Policy() ent.Policy {
	return access.Policy(access.ReadQuoteLines(), access.WriteQuoteLines())
}

// Indexes of the QuoteLine: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (QuoteLine) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("quote_id"),
	}
}
