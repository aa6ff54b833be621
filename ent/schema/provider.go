package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/reseau-liens/portal/ent/schema/pulid"
	"github.com/reseau-liens/portal/internal/access"
	"github.com/reseau-liens/portal/internal/platform/clock"
)

// Provider is a social-care provider: a collective or a service that runs
// programmes for families (Au bonheur des liens, Reliance...).
type Provider struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Provider) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("prv"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Provider) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200).
			Annotations(entgql.OrderField("NAME")),
		field.String("slug").NotEmpty().MaxLen(80).Unique().
			Comment("Stable short name, used in URLs and exports."),
		field.String("territory").MaxLen(200).
			Comment("Where the provider works, e.g. a department or an agglomeration."),
		field.Text("description").Optional(),
		field.String("time_zone").Default(clock.DefaultZone).MaxLen(64).
			Validate(func(name string) error {
				_, err := time.LoadLocation(name)
				return err
			}).
			Comment("Where the provider works, as an IANA zone: its sessions keep their local hour across the clock change.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Edges implements ent.Schema.
func (Provider) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("programmes", Programme.Type),
		edge.To("partner_links", PartnerLink.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("memberships", Membership.Type),
	}
}

// Annotations implements ent.Schema.
func (Provider) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Provider) Policy() ent.Policy {
	return access.Policy(access.Public())
}

// Indexes of the Provider: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (Provider) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("name"),
	}
}
