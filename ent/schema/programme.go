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
	"github.com/reseau-liens/portal/ent/schema/types"
)

// Programme is an offer of a provider: an accompaniment module (MIP, MADI,
// MAPA, Reliance's scheme) or a workshop (ARCS), with the norms and prices
// that the provider publishes.
type Programme struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Programme) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("prg"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Programme) Fields() []ent.Field {
	return []ent.Field{
		field.String("provider_id").GoType(pulid.ID("")).Immutable(),
		field.String("code").NotEmpty().MaxLen(20).
			Annotations(entgql.OrderField("CODE")),
		field.String("name").NotEmpty().MaxLen(200).
			Annotations(entgql.OrderField("NAME")),
		field.Text("audience").Comment("For whom the programme is meant."),
		field.Enum("kind").NamedValues("Accompaniment", "ACCOMPANIMENT", "Workshop", "WORKSHOP").
			Annotations(entgql.Type("ProgrammeKind")),
		field.Int("duration_months").Optional().Nillable().Positive().
			Comment("Length of an accompaniment; empty for workshops."),
		field.Int("session_minutes").Optional().Nillable().Positive().
			Comment("Length of one workshop session."),
		field.Int64("price_cents").NonNegative().
			Comment("Price VAT included in euro cents, per unit of the pricing model; 0 for free programmes."),
		field.Enum("pricing_model").NamedValues("PerAccompaniment", "PER_ACCOMPANIMENT", "PerSession", "PER_SESSION", "PerGroupSeries", "PER_GROUP_SERIES").
			Annotations(entgql.Type("PricingModel")),
		field.Int64("group_series_price_cents").Optional().Nillable().NonNegative().
			Comment("Workshops: the price of the model group series (e.g. 900 € for six weekly sessions of six children)."),
		field.Int("group_series_sessions").Optional().Nillable().Positive().
			Comment("Workshops: number of weekly sessions in the model group series."),
		field.Int("home_visits_min").Optional().Nillable().NonNegative(),
		field.Int("home_visits_max").Optional().Nillable().NonNegative(),
		field.Int("calls_min").Optional().Nillable().NonNegative().
			Comment("Expected calls, mails and texts over the accompaniment."),
		field.Int("calls_max").Optional().Nillable().NonNegative(),
		field.Int("capacity").Optional().Nillable().Positive().
			Comment("Families followed at once; empty when the provider sets no limit."),
		field.Int("group_size_limit").Optional().Nillable().Positive(),
		field.Int("minimum_age").Optional().Nillable().NonNegative().
			Comment("Minimum age in years of a child at the first session."),
		field.JSON("excluded_measures", []types.ProtectiveMeasure{}).Optional().
			Comment("Families under one of these measures cannot be accompanied.").
			Annotations(entgql.Type("[ProtectiveMeasure!]"), entgql.Skip(entgql.SkipWhereInput)),
		field.Bool("confidential").Default(false).
			Comment("The family's participation is confidential (e.g. Reliance)."),
		field.Bool("self_referral_allowed").Default(true),
		field.Enum("document_kind").NamedValues("IndividualDocument", "INDIVIDUAL_DOCUMENT", "Contract", "CONTRACT").Optional().Nillable().
			Annotations(entgql.Type("AgreementKind")).
			Comment("The founding document of an accompaniment: the DIA, or a contract."),
		field.String("follows_programme_code").Optional().MaxLen(20).
			Comment("A MADI may follow or replace a MIP: the code of the programme it can continue."),
	}
}

// Edges implements ent.Schema.
func (Programme) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("provider", Provider.Type).Ref("programmes").
			Field("provider_id").Unique().Required().Immutable(),
	}
}

// Indexes implements ent.Schema.
func (Programme) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("provider_id", "code").Unique(),
		index.Fields("code"),
		index.Fields("name"),
	}
}

// Annotations implements ent.Schema.
func (Programme) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Programme) Policy() ent.Policy {
	return access.Policy(access.Public())
}
