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

// AccessToken is a bearer token of a person. Only a SHA-256 digest of the
// secret is stored: the secret itself is shown once, at issue.
type AccessToken struct{ ent.Schema }

// Mixin implements ent.Schema.
func (AccessToken) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("tok"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (AccessToken) Fields() []ent.Field {
	return []ent.Field{
		field.String("person_id").GoType(pulid.ID("")).Immutable(),
		field.Bytes("secret_hash").Unique().Immutable().Sensitive().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("label").MaxLen(200).Default(""),
		field.Time("expires_at"),
		field.Time("revoked_at").Optional().Nillable(),
		field.String("issued_by_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Comment("The coordinator who issued it; empty when issued from the command line."),
	}
}

// Edges implements ent.Schema.
func (AccessToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("person", Person.Type).Ref("access_tokens").
			Field("person_id").Unique().Required().Immutable(),
		edge.To("issued_by", Person.Type).Field("issued_by_id").Unique().Immutable(),
	}
}

// Annotations implements ent.Schema.
func (AccessToken) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (AccessToken) Policy() ent.Policy {
	return access.Policy(access.ReadAccessTokens(), access.WriteAccessTokens())
}

// Indexes of the AccessToken: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (AccessToken) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("person_id"),
		index.Fields("issued_by_id"),
	}
}
