package migrations

import (
	"entgo.io/ent/dialect/sql/schema"

	entmigrate "github.com/reseau-liens/portal/ent/migrate"
)

// tables is the ent schema's tables, with an index on each foreign key of
// a many-to-many join table that its primary key does not lead: ent gives
// a join table its (left, right) primary key and no way to declare an
// index, so a lookup from the right side (an educator's files) would scan.
func tables() []*schema.Table {
	out := make([]*schema.Table, len(entmigrate.Tables))
	for i, t := range entmigrate.Tables {
		out[i] = t
		if len(t.PrimaryKey) < 2 {
			continue
		}
		c := *t
		c.Indexes = append([]*schema.Index(nil), t.Indexes...)
		for _, fk := range t.ForeignKeys {
			col := fk.Columns[0]
			if col == t.PrimaryKey[0] {
				continue
			}
			c.Indexes = append(c.Indexes, &schema.Index{Name: t.Name + "_" + col.Name, Columns: []*schema.Column{col}})
		}
		out[i] = &c
	}
	return out
}
