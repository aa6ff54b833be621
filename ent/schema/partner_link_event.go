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
)

// PartnerLinkEvent is one dated change of a partner link's status: the
// link's history. Events are written once and never changed.
type PartnerLinkEvent struct{ ent.Schema }

// linkStatuses are the statuses of a partner link, shared by the link and
// its events.
var linkStatuses = []string{"Proposed", "PROPOSED", "Active", "ACTIVE", "Suspended", "SUSPENDED", "Ended", "ENDED"}

// Mixin implements ent.Schema.
func (PartnerLinkEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("lev")}
}

// Fields implements ent.Schema.
func (PartnerLinkEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("partner_link_id").GoType(pulid.ID("")).Immutable(),
		field.Enum("from_status").NamedValues(linkStatuses...).Optional().Nillable().Immutable().
			Annotations(entgql.Type("PartnerLinkStatus")).
			Comment("Empty when the event creates the link."),
		field.Enum("to_status").NamedValues(linkStatuses...).Immutable().
			Annotations(entgql.Type("PartnerLinkStatus")),
		field.Time("at").Immutable(),
		field.String("actor_id").GoType(pulid.ID("")).Optional().Nillable().Immutable().
			Comment("The person who made the change; empty when the portal did."),
		field.Text("note").Optional().Immutable(),
	}
}

// Edges implements ent.Schema.
func (PartnerLinkEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("partner_link", PartnerLink.Type).Ref("events").
			Field("partner_link_id").Unique().Required().Immutable(),
		edge.To("actor", Person.Type).Field("actor_id").Unique().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (PartnerLinkEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("partner_link_id", "at"),
		index.Fields("actor_id"),
	}
}

// Annotations implements ent.Schema.
func (PartnerLinkEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{}
}

// Policy implements ent.Schema: see package access.
func (PartnerLinkEvent) Policy() ent.Policy {
	return access.Policy(access.ReadPartnerLinkEvents(), access.WritePartnerLinkEvents())
}
