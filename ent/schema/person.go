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

// Person is an account: a member of a provider's staff or of a partner
// organisation. What a person may do comes from their memberships.
type Person struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Person) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("psn"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Person) Fields() []ent.Field {
	return []ent.Field{
		field.String("display_name").NotEmpty().MaxLen(200).
			Annotations(entgql.OrderField("DISPLAY_NAME")),
		field.String("email").Optional().MaxLen(254).Unique(),
	}
}

// Edges implements ent.Schema.
func (Person) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("memberships", Membership.Type),
		// Listed to the person and their coordinators (access.ReadAccessTokens),
		// so that they can revoke them; the secret hash is never exposed.
		edge.To("access_tokens", AccessToken.Type),
		edge.From("assigned_accompaniments", Accompaniment.Type).Ref("educators").
			Annotations(entgql.RelayConnection()),
		edge.From("prescribed_accompaniments", Accompaniment.Type).Ref("prescriber").
			Annotations(entgql.RelayConnection()),
	}
}

// Annotations implements ent.Schema.
func (Person) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField("people"), entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Person) Policy() ent.Policy {
	return access.Policy(access.ReadPeople(), access.WritePeople())
}

// Indexes of the Person: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (Person) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("display_name"),
	}
}
