package migrations

import (
	"context"

	"ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"
)

// Plan writes into dir a migration named name that takes the schema of
// dir's migrations to the ent schema, if they differ. dev must be an
// empty database (for PostgreSQL, an empty current schema) of the
// dialect: the existing migrations are replayed on it and the result is
// compared with the ent schema.
func Plan(ctx context.Context, dev dialect.Driver, dir migrate.Dir, name string) error {
	opts := []schema.MigrateOption{
		schema.WithDir(dir),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(dev.Dialect()),
		schema.WithFormatter(migrate.DefaultFormatter),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
	}
	if dev.Dialect() == dialect.Postgres {
		opts = append(opts, schema.WithDiffHook(auditPartitioning))
	}
	m, err := schema.NewMigrate(dev, opts...)
	if err != nil {
		return err
	}
	return m.NamedDiff(ctx, name, tables()...)
}
