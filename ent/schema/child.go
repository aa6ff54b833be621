package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/reseau-liens/portal/internal/access"

	"github.com/reseau-liens/portal/ent/schema/pulid"
)

// Child is a child of a family. Workshops book children directly, so a
// child may exist for a workshop booking without any accompaniment.
type Child struct{ ent.Schema }

// Mixin implements ent.Schema.
func (Child) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("chd"), TimeMixin{}}
}

// Fields implements ent.Schema.
func (Child) Fields() []ent.Field {
	return []ent.Field{
		field.String("family_id").GoType(pulid.ID("")).Immutable(),
		field.String("first_name").MaxLen(100).
			Annotations(entgql.OrderField("FIRST_NAME")),
		field.String("last_name_initial").MaxLen(8).Optional().Nillable().
			Comment("The first letter of the last name, as a partner booking a workshop gives it: enough to tell apart two children of the same first name and birth date, without the name itself."),
		// A day (see clock.Date), served as the Date scalar.
		field.Time("birth_date").
			Annotations(entgql.OrderField("BIRTH_DATE"), entgql.Type("Date")),
		field.Enum("school_level").
			NamedValues(
				"NotSchooled", "NOT_SCHOOLED",
				"Preschool", "PRESCHOOL",
				"CP", "CP",
				"CE1", "CE1",
				"CE2", "CE2",
				"CM1", "CM1",
				"CM2", "CM2",
				"Sixieme", "SIXIEME",
				"Cinquieme", "CINQUIEME",
				"Quatrieme", "QUATRIEME",
				"Troisieme", "TROISIEME",
				"Seconde", "SECONDE",
				"Premiere", "PREMIERE",
				"Terminale", "TERMINALE",
				"HigherEducation", "HIGHER_EDUCATION",
			).
			Optional().Nillable().
			Annotations(entgql.Type("SchoolLevel")),
	}
}

// Edges implements ent.Schema.
func (Child) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("family", Family.Type).Ref("children").
			Field("family_id").Unique().Required().Immutable(),
		edge.To("bookings", Booking.Type),
	}
}

// Annotations implements ent.Schema.
func (Child) Annotations() []schema.Annotation {
	return []schema.Annotation{entsql.Table("children"), entgql.QueryField("children"), entgql.RelayConnection()}
}

// Policy implements ent.Schema: see package access.
func (Child) Policy() ent.Policy {
	return access.Policy(access.ReadChildren(), access.WriteChildren(), access.WriteWorkshopChildren())
}

// Indexes of the Child: every foreign key and every filtered or ordered
// column leads one (see database's TestEveryForeignKeyAndOrderedColumnLeadsAnIndex).
func (Child) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("family_id", "birth_date"),
		index.Fields("birth_date"),
		index.Fields("first_name"),
	}
}
